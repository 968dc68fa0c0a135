/**
 * The organiser's images in a Canoe123 export (`Events/ReportImageLeft`, `ReportImageRight`,
 * `ReportImageFooter`: base64 JPEGs Canoe123 prints on its reports), checked and labelled for the
 * XML reader (xml-export.ts). An image is kept only when its text is base64 and its first bytes
 * say it is a picture a browser shows (JPEG, PNG, GIF, WebP): the station serves it to phones under
 * that content type and never serves arbitrary bytes. Pure; no decoding of pixels.
 *
 * Which image is the event's header image is decided here too (`headerImage`), so the public view
 * and the image route agree: the left report image (where Canoe123 prints the organiser's own
 * logo), else the right one. The footer (a strip of sponsors, or a QR code to online results) is
 * kept with the event but never used as its header.
 */
import type { EventImage } from '../model.ts';

export type ImageSlot = EventImage['slot'];
/** An image as the export carries it; the import decision names its version (`tag`). */
export type ExportImage = Omit<EventImage, 'tag'>;

/** Export field → slot, in the order the header image is chosen. */
export const imageFields: readonly (readonly [field: string, slot: ImageSlot])[] = [
  ['ReportImageLeft', 'left'],
  ['ReportImageRight', 'right'],
  ['ReportImageFooter', 'footer'],
];

// Base64 of each format's magic bytes: FF D8 FF, 89 50 4E 47 0D 0A 1A 0A, "GIF8", "RIFF"…"WEBP".
const SIGNATURES: readonly (readonly [prefix: RegExp, type: string])[] = [
  [/^\/9j\//, 'image/jpeg'],
  [/^iVBORw0KGgo/, 'image/png'],
  [/^R0lGOD[lh]/, 'image/gif'],
  [/^UklGR[A-Za-z0-9+/]{6}XRUJQ/, 'image/webp'],
];

// One search for any character base64 does not use: a negated class is a tight native loop
// (0.3 ms for the real export's 0.5 MB of images, where a whole-string pattern takes ten times that).
const NOT_BASE64 = /[^A-Za-z0-9+/=]/;
const SPACE = /\s/;

/** One slot's image from the export's text, or null when it is empty, not base64 or not a picture. */
export function readEventImage(slot: ImageSlot, text: string | undefined): ExportImage | null {
  if (!text) return null;
  const data = SPACE.test(text) ? text.replace(/\s+/g, '') : text;
  if (data.length < 16 || data.length % 4 !== 0 || NOT_BASE64.test(data)) return null;
  const pad = data.indexOf('=');
  if (pad !== -1 && pad < data.length - 2) return null;
  const contentType = SIGNATURES.find(([prefix]) => prefix.test(data))?.[1];
  if (!contentType) return null;
  return { slot, contentType, data };
}

/** The image spectators see at the top of the event page, or null. */
export function headerImage<T extends { slot: ImageSlot }>(images: readonly T[]): T | null {
  return images.find((i) => i.slot === 'left') ?? images.find((i) => i.slot === 'right') ?? null;
}

/** Whether two image lists hold the same pictures in the same slots. */
export function sameImages(a: readonly ExportImage[], b: readonly ExportImage[]): boolean {
  return a.length === b.length && a.every((x, i) => x.slot === b[i].slot && x.contentType === b[i].contentType && x.data === b[i].data);
}

/**
 * The export's images with their versions: an image the event already has keeps its tag, a new
 * or changed one is named by the moment it arrived (`now`, ISO), so its URL is new to every
 * phone's cache, also for an event deleted and created again under the same id.
 */
export function taggedImages(images: readonly ExportImage[], before: readonly EventImage[], now: string): EventImage[] {
  const stamp = Date.parse(now).toString(36);
  return images.map((i) => {
    const old = before.find((o) => o.slot === i.slot && o.contentType === i.contentType && o.data === i.data);
    return { ...i, tag: old?.tag ?? `${stamp}${i.slot[0]}` };
  });
}
