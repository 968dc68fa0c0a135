/**
 * Layout checks for the venue screens, measured from element boxes in the real page:
 * - every element marked `data-box` lies inside the viewport and inside its nearest `data-box`
 *   ancestor (nothing overflows its panel or the screen; the board never scrolls);
 * - no two `data-box` elements overlap unless one contains the other;
 * - every `data-key-number` is at least `minShare` of the viewport's height in font size, and
 *   shows whole (its text is not clipped);
 * - the document does not scroll.
 * Names and clubs may end in an ellipsis (they are not `data-key-number`); the report counts them.
 */
import type { Page } from 'playwright-core';

export interface LayoutReport {
  viewport: { w: number; h: number };
  boxes: number;
  keyNumbers: number;
  /** The smallest key number's font size, in px and as a share of the viewport's height. */
  smallestKey: { px: number; share: number; text: string } | null;
  outside: string[];
  overflowing: string[];
  overlaps: string[];
  smallKeys: string[];
  clippedKeys: string[];
  scrolls: boolean;
  ellipsized: number;
}

export async function measureLayout(page: Page, minShare = 0.06): Promise<LayoutReport> {
  return page.evaluate((min) => {
    const W = window.innerWidth;
    const H = window.innerHeight;
    const visible = (el: Element) => {
      const s = getComputedStyle(el);
      const r = el.getBoundingClientRect();
      return s.visibility !== 'hidden' && s.display !== 'none' && r.width > 0 && r.height > 0;
    };
    const name = (el: Element) => {
      const cls = (el.getAttribute('class') ?? '').split(' ')[0];
      const id = el.getAttribute('data-testid');
      return `${el.tagName.toLowerCase()}${cls ? `.${cls}` : ''}${id ? `[${id}]` : ''} "${(el.textContent ?? '').trim().slice(0, 30)}"`;
    };
    const tol = 1;
    const boxes = [...document.querySelectorAll('[data-box]')].filter(visible);
    const rects = new Map(boxes.map((el) => [el, el.getBoundingClientRect()]));
    const outside: string[] = [];
    const overflowing: string[] = [];
    const overlaps: string[] = [];
    for (const el of boxes) {
      const r = rects.get(el)!;
      if (r.left < -tol || r.top < -tol || r.right > W + tol || r.bottom > H + tol)
        outside.push(`${name(el)} at ${Math.round(r.left)},${Math.round(r.top)}–${Math.round(r.right)},${Math.round(r.bottom)}`);
      const parent = el.parentElement?.closest('[data-box]');
      if (parent && rects.has(parent)) {
        const p = rects.get(parent)!;
        if (r.left < p.left - tol || r.top < p.top - tol || r.right > p.right + tol || r.bottom > p.bottom + tol)
          overflowing.push(`${name(el)} out of ${name(parent)}`);
      }
    }
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i];
        const b = boxes[j];
        if (a.contains(b) || b.contains(a)) continue;
        const ra = rects.get(a)!;
        const rb = rects.get(b)!;
        const w = Math.min(ra.right, rb.right) - Math.max(ra.left, rb.left);
        const h = Math.min(ra.bottom, rb.bottom) - Math.max(ra.top, rb.top);
        if (w > tol && h > tol) overlaps.push(`${name(a)} × ${name(b)} (${Math.round(w)}×${Math.round(h)} px)`);
      }
    }
    const keys = [...document.querySelectorAll('[data-key-number]')].filter(visible) as HTMLElement[];
    const smallKeys: string[] = [];
    const clippedKeys: string[] = [];
    let smallest: { px: number; share: number; text: string } | null = null;
    for (const el of keys) {
      const px = parseFloat(getComputedStyle(el).fontSize);
      if (!smallest || px < smallest.px) smallest = { px, share: px / H, text: (el.textContent ?? '').trim() };
      if (px < min * H - 0.01) smallKeys.push(`${name(el)}: ${px.toFixed(1)} px < ${(min * H).toFixed(1)} px`);
      if (el.scrollWidth > el.clientWidth + 1) clippedKeys.push(`${name(el)}: ${el.scrollWidth} > ${el.clientWidth}`);
    }
    let ellipsized = 0;
    for (const el of document.querySelectorAll('*')) {
      const h = el as HTMLElement;
      if (getComputedStyle(h).textOverflow === 'ellipsis' && h.scrollWidth > h.clientWidth + 1) ellipsized++;
    }
    const scrolls = document.documentElement.scrollHeight > H + 1 || document.documentElement.scrollWidth > W + 1;
    return {
      viewport: { w: W, h: H },
      boxes: boxes.length,
      keyNumbers: keys.length,
      smallestKey: smallest,
      outside,
      overflowing,
      overlaps,
      smallKeys,
      clippedKeys,
      scrolls,
      ellipsized,
    };
  }, minShare);
}

/** Every way the layout can fail, as one list (empty: it passed). */
export function layoutFailures(r: LayoutReport): string[] {
  return [
    ...r.outside.map((s) => `outside the screen: ${s}`),
    ...r.overflowing.map((s) => `overflows: ${s}`),
    ...r.overlaps.map((s) => `overlap: ${s}`),
    ...r.smallKeys.map((s) => `key number too small: ${s}`),
    ...r.clippedKeys.map((s) => `key number clipped: ${s}`),
    ...(r.scrolls ? ['the page scrolls'] : []),
  ];
}

/**
 * The screenshot's pixels outside the given boxes that are not fully transparent, read back by
 * decoding the PNG in the browser (a canvas), so no PNG library is needed.
 */
export async function opaqueOutside(
  page: Page,
  png: Buffer,
  boxes: { x: number; y: number; width: number; height: number }[],
): Promise<{ opaque: number; checked: number; inside: number; insideOpaque: number }> {
  return page.evaluate(
    async ([b64, rects]) => {
      const img = new Image();
      img.src = `data:image/png;base64,${b64}`;
      await img.decode();
      const canvas = document.createElement('canvas');
      canvas.width = img.width;
      canvas.height = img.height;
      const ctx = canvas.getContext('2d')!;
      ctx.drawImage(img, 0, 0);
      const data = ctx.getImageData(0, 0, img.width, img.height).data;
      let opaque = 0;
      let checked = 0;
      let inside = 0;
      let insideOpaque = 0;
      const pad = 24; // box shadows reach a little past a card's box
      for (let y = 0; y < img.height; y++) {
        for (let x = 0; x < img.width; x++) {
          const a = data[(y * img.width + x) * 4 + 3];
          const inBox = rects.some((r) => x >= r.x - pad && x < r.x + r.width + pad && y >= r.y - pad && y < r.y + r.height + pad);
          if (inBox) {
            inside++;
            if (a === 255) insideOpaque++;
            continue;
          }
          checked++;
          if (a !== 0) opaque++;
        }
      }
      return { opaque, checked, inside, insideOpaque };
    },
    [png.toString('base64'), boxes] as const,
  );
}
