/**
 * What makes a Canoe123 XML export unreadable, in the operator's words: the DOCTYPE/entity
 * refusal, and every message the reader (xml-dataset.ts) gives when the text is not one
 * well-formed document with the expected root, saying where it went wrong by line.
 *
 * Why the wording matters: Canoe123 rewrites its export continuously, so a copy taken mid-write is
 * cut off somewhere. The operator has to tell "copied too early, try again" from "this is not an
 * export at all", so a cut-off names the record left open (e.g. `<Results>`) and where the text
 * ends, and a wrong file names what it is instead.
 *
 * It owns only words and positions: the structure is checked by the reader, in its one pass over
 * the text. Nothing here throws, and nothing runs unless a document is being refused (except
 * `findDeclaration`, which every document passes first).
 */

/**
 * Offset of the first `<!DOCTYPE` or `<!ENTITY` (any case), or -1. Deliberately blunt: it also
 * refuses one inside a comment or CDATA, which Canoe123 never writes either. `<!` is rare in an
 * export (no comments, no CDATA), so walking its occurrences is cheaper than a regex over 3 MB.
 * Entities declared in a DOCTYPE are how "billion laughs" bombs work; Canoe123 never writes one.
 */
export function findDeclaration(xml: string): number {
  for (let at = xml.indexOf('<!'); at !== -1; at = xml.indexOf('<!', at + 2)) {
    const word = xml.slice(at + 2, at + 9).toUpperCase();
    if (word.startsWith('DOCTYPE') || word.startsWith('ENTITY')) return at;
  }
  return -1;
}

/** The refusal messages, one per way a text fails to be a well-formed export. */
export const malformed = {
  declaration: (xml: string, at: number) =>
    `DOCTYPE/entity declarations are not allowed in a Canoe123 export (found "${preview(xml, at)}" at line ${lineAt(xml, at)})`,
  notXml: (xml: string, at: number, root: string) =>
    `This is not XML: it starts with "${preview(xml, at)}", expected a Canoe123 export beginning with <?xml …?> or <${root}>`,
  wrongRoot: (name: string, root: string) => `This is not a Canoe123 export: the root element is <${name}>, expected <${root}>`,
  noElements: (root: string) => `The XML has no elements: expected a Canoe123 export with a <${root}> root element`,
  textAfterRoot: (xml: string, at: number, root: string) => `The XML is malformed at line ${lineAt(xml, at)}: there is text after the closing </${root}>`,
  secondRoot: (xml: string, at: number, name: string, root: string) =>
    `The XML is malformed at line ${lineAt(xml, at)}: a second root element <${name}> follows </${root}>`,
  unexpected: (xml: string, at: number) => `The XML is malformed at line ${lineAt(xml, at)}: unexpected "${preview(xml, at)}"`,
  closesNothing: (xml: string, at: number, name: string) => `The XML is malformed at line ${lineAt(xml, at)}: </${name}> closes nothing`,
  mismatch: (xml: string, at: number, name: string, open: string, openAt: number) =>
    `The XML is malformed at line ${lineAt(xml, at)}: </${name}> does not match <${open}> opened at line ${lineAt(xml, openAt)}`,
  noTagName: (xml: string, at: number) => `The XML is malformed at line ${lineAt(xml, at)}: "<" is not followed by a tag name`,
  unfinishedTag: (xml: string, at: number, name: string) => `The XML is malformed at line ${lineAt(xml, at)}: the tag <${name}> is never finished`,
  tooDeep: (xml: string, at: number, name: string, depth: number) =>
    `The XML is malformed at line ${lineAt(xml, at)}: <${name}> is nested more than ${depth} elements deep (a Canoe123 export nests 4)`,
  cutOff,
} as const;

/** 1-based line of a character offset; only called on the way to an error, so a scan is fine. */
export function lineAt(xml: string, offset: number): number {
  let line = 1;
  for (let nl = xml.indexOf('\n'); nl !== -1 && nl < offset; nl = xml.indexOf('\n', nl + 1)) line++;
  return line;
}

/**
 * The message for a document that ends early, given the elements still open (outermost first)
 * and what was being read when the text ended. It names the outermost record left open (the
 * element right under the root, e.g. `<Results>`), because that is what an operator can find in
 * Canoe123; the innermost element is added when it differs.
 */
function cutOff(xml: string, openNames: readonly string[], openAt: readonly number[], detail: string | null): string {
  const endLine = lineAt(xml, xml.length);
  if (openNames.length === 0) return `The XML is cut off: ${detail ?? 'it ends early'} (the text ends at line ${endLine})`;
  const record = openNames.length > 1 ? 1 : 0;
  const deepest = openNames.length - 1;
  let message = `The XML is cut off: <${openNames[record]}> opened at line ${lineAt(xml, openAt[record])} is never closed`;
  if (deepest > record) message += ` (the text ends at line ${endLine}, inside <${openNames[deepest]}>)`;
  else message += ` (the text ends at line ${endLine})`;
  if (detail) message += `; ${detail}`;
  return message;
}

function preview(xml: string, at: number): string {
  const text = xml.slice(at, at + 30).replace(/\s+/g, ' ');
  return at + 30 < xml.length ? `${text}…` : text;
}
