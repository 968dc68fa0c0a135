/**
 * The text of one value in a Canoe123 XML export, as the reader (xml-dataset.ts) hands it on:
 * line ends normalized (`\r\n` and a lone `\r` become `\n`, as XML prescribes), whitespace written
 * at either end trimmed unless the field is fixed-width, then the five XML entities and numeric
 * character references decoded, once. CDATA text is taken as written: no entity decoding, no
 * trimming of the whitespace inside it.
 *
 * Trimming happens before decoding, so `&#32;` at an end survives: it is a space someone wrote on
 * purpose, not indentation. It owns no XML structure and never throws.
 */

const ENTITY = /&(#x[0-9a-fA-F]+|#[0-9]+|lt|gt|amp|quot|apos);/g;
const NAMED: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const CR = /\r\n?/g;

/** The value of an element whose content is one run of text (the common case). */
export function valueText(raw: string, keepRaw: boolean): string {
  let text = keepRaw ? raw : raw.trim();
  if (text.includes('\r')) text = text.replace(CR, '\n');
  return text.includes('&') ? decodeEntities(text) : text;
}

/**
 * The value of an element whose content was split by comments, CDATA sections, processing
 * instructions or child elements (none of which Canoe123 writes): its text runs joined in order.
 * `cdata[k]` says whether `pieces[k]` came from a CDATA section. Only text runs are trimmed.
 */
export function joinedValueText(pieces: string[], cdata: boolean[], keepRaw: boolean): string {
  if (!keepRaw) {
    for (let k = 0; k < pieces.length && !cdata[k]; k++) {
      pieces[k] = pieces[k].trimStart();
      if (pieces[k] !== '') break;
    }
    for (let k = pieces.length - 1; k >= 0 && !cdata[k]; k--) {
      pieces[k] = pieces[k].trimEnd();
      if (pieces[k] !== '') break;
    }
  }
  let text = '';
  for (let k = 0; k < pieces.length; k++) {
    const piece = pieces[k].includes('\r') ? pieces[k].replace(CR, '\n') : pieces[k];
    text += cdata[k] || !piece.includes('&') ? piece : decodeEntities(piece);
  }
  return text;
}

/** The five XML entities and numeric references; anything else (or an impossible code point) stays as written. */
function decodeEntities(text: string): string {
  return text.replace(ENTITY, (whole, ref: string) => {
    if (ref.charCodeAt(0) !== 35) return NAMED[ref];
    const code = ref[1] === 'x' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
    return code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff) ? String.fromCodePoint(code) : whole;
  });
}
