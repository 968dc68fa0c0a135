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

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** One slot's image from the export's text, or null when it is empty, not base64 or not a picture. */
export function readEventImage(slot: ImageSlot, text: string | undefined): EventImage | null {
  if (!text) return null;
  const data = text.replace(/\s+/g, '');
  if (data.length < 16 || data.length % 4 !== 0 || !BASE64.test(data)) return null;
  const contentType = SIGNATURES.find(([prefix]) => prefix.test(data))?.[1];
  if (!contentType) return null;
  return { slot, contentType, data, tag: imageTag(data) };
}

/** The image spectators see at the top of the event page, or null. */
export function headerImage(images: readonly EventImage[]): EventImage | null {
  return images.find((i) => i.slot === 'left') ?? images.find((i) => i.slot === 'right') ?? null;
}

/** Whether two image lists hold the same pictures in the same slots. */
export function sameImages(a: readonly EventImage[], b: readonly EventImage[]): boolean {
  return a.length === b.length && a.every((x, i) => x.slot === b[i].slot && x.tag === b[i].tag && x.data === b[i].data);
}

/**
 * A short version name of an image: its length and a 32-bit FNV-1a hash of its text, enough to
 * tell this event's images apart in URLs and ETags (not a security checksum).
 */
export function imageTag(data: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < data.length; i++) {
    h ^= data.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return `${data.length.toString(36)}${(h >>> 0).toString(36)}`;
}
