/**
 * The gate every Canoe123 XML export passes before it is parsed: refuses DOCTYPE/entity
 * declarations, checks that the root element is the one expected, and checks that every element
 * is closed by its own closing tag, in one linear scan of the tags.
 *
 * Why it exists: Canoe123 rewrites its export continuously, so a copy taken mid-write is cut off
 * somewhere, and fast-xml-parser's parser silently returns the part it read (measured: a file
 * cut mid-`<Results>` parses "fine" with the last row half empty). Its `XMLValidator` does catch
 * that, but costs about 30 ms on the real 2.9 MB export and names the problem poorly for an
 * operator; this scan takes a few ms and says which element is left open and where.
 *
 * It owns only tag structure. It never builds values, never decodes text, and never throws: every
 * problem comes back as a message for the timing operator.
 */

export type WellFormedResult = { ok: true } | { ok: false; message: string };

const LT = 60; // <
const SLASH = 47; // /
const QUESTION = 63; // ?
const BANG = 33; // !

/**
 * Checks `xml` (already stripped of a BOM) for the shape of one well-formed document whose root
 * element's local name is `expectedRoot`.
 */
export function checkWellFormed(xml: string, expectedRoot: string): WellFormedResult {
  const declaration = findDeclaration(xml);
  if (declaration !== -1) {
    // Entities declared in a DOCTYPE are how "billion laughs" bombs work; Canoe123 never writes one.
    return fail(`DOCTYPE/entity declarations are not allowed in a Canoe123 export (found "${preview(xml, declaration)}" at line ${lineAt(xml, declaration)})`);
  }

  const openNames: string[] = [];
  const openAt: number[] = [];
  let rootClosed = false;
  let rootSeen = false;
  let i = 0;
  const n = xml.length;

  while (i < n) {
    const lt = xml.indexOf('<', i);
    if (openNames.length === 0) {
      // Outside the root only whitespace may appear between tags.
      const textEnd = lt === -1 ? n : lt;
      const text = firstNonSpace(xml, i, textEnd);
      if (text !== -1) {
        if (!rootSeen) return fail(`This is not XML: it starts with "${preview(xml, text)}", expected a Canoe123 export beginning with <?xml …?> or <${expectedRoot}>`);
        return fail(`The XML is malformed at line ${lineAt(xml, text)}: there is text after the closing </${expectedRoot}>`);
      }
    }
    if (lt === -1) break;
    const next = xml.charCodeAt(lt + 1);

    if (next === QUESTION) {
      const end = xml.indexOf('?>', lt + 2);
      if (end === -1) return cutOff(xml, openNames, openAt, `a <? … ?> instruction at line ${lineAt(xml, lt)} is never finished`);
      i = end + 2;
      continue;
    }

    if (next === BANG) {
      if (xml.startsWith('<!--', lt)) {
        const end = xml.indexOf('-->', lt + 4);
        if (end === -1) return cutOff(xml, openNames, openAt, `a comment opened at line ${lineAt(xml, lt)} is never finished`);
        i = end + 3;
        continue;
      }
      if (xml.startsWith('<![CDATA[', lt) && openNames.length > 0) {
        const end = xml.indexOf(']]>', lt + 9);
        if (end === -1) return cutOff(xml, openNames, openAt, `a CDATA section opened at line ${lineAt(xml, lt)} is never finished`);
        i = end + 3;
        continue;
      }
      return fail(`The XML is malformed at line ${lineAt(xml, lt)}: unexpected "${preview(xml, lt)}"`);
    }

    if (next === SLASH) {
      const gt = xml.indexOf('>', lt + 2);
      if (gt === -1) return cutOff(xml, openNames, openAt, `the closing tag at line ${lineAt(xml, lt)} is never finished`);
      const top = openNames.length - 1;
      // Compared in place: slicing every closing tag's name costs more than the rest of the scan.
      const matches = top >= 0 && xml.startsWith(openNames[top], lt + 2) && firstNonSpace(xml, lt + 2 + openNames[top].length, gt) === -1;
      if (!matches) {
        const name = xml.slice(lt + 2, gt).trimEnd();
        if (top < 0) return fail(`The XML is malformed at line ${lineAt(xml, lt)}: </${name}> closes nothing`);
        return fail(`The XML is malformed at line ${lineAt(xml, lt)}: </${name}> does not match <${openNames[top]}> opened at line ${lineAt(xml, openAt[top])}`);
      }
      openNames.pop();
      openAt.pop();
      if (top === 0) rootClosed = true;
      i = gt + 1;
      continue;
    }

    // A start tag (or an empty-element tag).
    const nameEnd = tagNameEnd(xml, lt + 1);
    if (nameEnd === lt + 1) {
      if (nameEnd >= n) return cutOff(xml, openNames, openAt, `the file ends with "<"`);
      return fail(`The XML is malformed at line ${lineAt(xml, lt)}: "<" is not followed by a tag name`);
    }
    const gt = tagEnd(xml, nameEnd);
    if (gt === -1) return cutOff(xml, openNames, openAt, `the tag at line ${lineAt(xml, lt)} is never finished`);
    if (gt === -2) return fail(`The XML is malformed at line ${lineAt(xml, lt)}: the tag <${xml.slice(lt + 1, nameEnd)}> is never finished`);
    const name = xml.slice(lt + 1, nameEnd);
    if (openNames.length === 0) {
      if (rootClosed) return fail(`The XML is malformed at line ${lineAt(xml, lt)}: a second root element <${name}> follows </${expectedRoot}>`);
      const local = name.slice(name.indexOf(':') + 1);
      if (local !== expectedRoot) return fail(`This is not a Canoe123 export: the root element is <${name}>, expected <${expectedRoot}>`);
      rootSeen = true;
    }
    if (xml.charCodeAt(gt - 1) !== SLASH) {
      openNames.push(name);
      openAt.push(lt);
    } else if (openNames.length === 0) {
      rootClosed = true;
    }
    i = gt + 1;
  }

  if (openNames.length > 0) return cutOff(xml, openNames, openAt, null);
  if (!rootSeen) return fail(`The XML has no elements: expected a Canoe123 export with a <${expectedRoot}> root element`);
  return { ok: true };
}

/** 1-based line of a character offset; only called on the way to an error, so a scan is fine. */
export function lineAt(xml: string, offset: number): number {
  let line = 1;
  for (let nl = xml.indexOf('\n'); nl !== -1 && nl < offset; nl = xml.indexOf('\n', nl + 1)) line++;
  return line;
}

function fail(message: string): WellFormedResult {
  return { ok: false, message };
}

/**
 * The message for a document that ends early. It names the outermost record left open (the
 * element right under the root, e.g. `<Results>`), because that is what an operator can find in
 * Canoe123; the innermost element is added when it differs.
 */
function cutOff(xml: string, openNames: string[], openAt: number[], detail: string | null): WellFormedResult {
  const endLine = lineAt(xml, xml.length);
  if (openNames.length === 0) return fail(`The XML is cut off: ${detail ?? 'it ends early'} (the text ends at line ${endLine})`);
  const record = openNames.length > 1 ? 1 : 0;
  const deepest = openNames.length - 1;
  let message = `The XML is cut off: <${openNames[record]}> opened at line ${lineAt(xml, openAt[record])} is never closed`;
  if (deepest > record) message += ` (the text ends at line ${endLine}, inside <${openNames[deepest]}>)`;
  else message += ` (the text ends at line ${endLine})`;
  if (detail) message += `; ${detail}`;
  return fail(message);
}

/** End of a tag name: the first whitespace, `/` or `>` (or the end of the text). */
function tagNameEnd(xml: string, from: number): number {
  let j = from;
  for (; j < xml.length; j++) {
    const c = xml.charCodeAt(j);
    if (c === 62 || c === SLASH || c === 32 || c === 10 || c === 9 || c === 13 || c === LT) break;
  }
  return j;
}

/**
 * Index of the `>` ending a start tag whose name ends at `from` (quoted attribute values may hold
 * `>`); -1 when the text ends first, -2 when another tag starts first.
 */
function tagEnd(xml: string, from: number): number {
  if (xml.charCodeAt(from) === 62) return from;
  let quote = 0;
  for (let j = from; j < xml.length; j++) {
    const c = xml.charCodeAt(j);
    if (quote !== 0) {
      if (c === quote) quote = 0;
    } else if (c === 34 || c === 39) quote = c;
    else if (c === 62) return j;
    else if (c === LT) return -2;
  }
  return -1;
}

/**
 * Offset of the first `<!DOCTYPE` or `<!ENTITY` (any case), or -1. Deliberately blunt: it also
 * refuses one inside a comment or CDATA, which Canoe123 never writes either. `<!` is rare in an
 * export (no comments, no CDATA), so walking its occurrences is cheaper than a regex over 3 MB.
 */
function findDeclaration(xml: string): number {
  for (let at = xml.indexOf('<!'); at !== -1; at = xml.indexOf('<!', at + 2)) {
    const word = xml.slice(at + 2, at + 9).toUpperCase();
    if (word.startsWith('DOCTYPE') || word.startsWith('ENTITY')) return at;
  }
  return -1;
}

function firstNonSpace(xml: string, from: number, to: number): number {
  for (let j = from; j < to; j++) {
    const c = xml.charCodeAt(j);
    if (c !== 32 && c !== 10 && c !== 13 && c !== 9) return j;
  }
  return -1;
}

function preview(xml: string, at: number): string {
  const text = xml.slice(at, at + 30).replace(/\s+/g, ' ');
  return at + 30 < xml.length ? `${text}…` : text;
}
