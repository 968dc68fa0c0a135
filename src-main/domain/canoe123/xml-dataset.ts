/**
 * Reads a .NET DataSet XML document (Canoe123's export layout) into plain records: each table is a
 * run of repeated elements under the root, each record's values are its child elements, nested
 * tables (Classes → Categories) are repeated child elements with children of their own, and
 * attributes carry nothing. fast-xml-parser does the XML work; this file only tells it what to
 * keep and turns its ordered tree into records.
 *
 * It owns no Canoe123 meaning: the caller names the elements it reads, and gets strings back,
 * trimmed (except the fields it asks to keep raw) and entity-decoded. An empty element reads as
 * missing (or, written `<X></X>`, as ''): callers treat both as "no value".
 * It must only be given text that has passed xml-well-formed.ts: fast-xml-parser does not notice
 * a document that is cut off or whose closing tags do not match, and this file does not check.
 */
import { XMLParser } from 'fast-xml-parser';

/** One record of a table: values by element name, nested tables' records by element name. */
export interface DataRecord {
  readonly values: Readonly<Record<string, string | undefined>>;
  readonly children: Readonly<Record<string, readonly DataRecord[] | undefined>>;
}

export interface DataSetSpec {
  /** The root element's local name. */
  readonly root: string;
  /** Every element name the caller reads: tables, nested tables and fields. Others are dropped. */
  readonly keep: ReadonlySet<string>;
  /** Fields whose text must reach the caller untrimmed (fixed-width values). */
  readonly raw: readonly string[];
}

type OrderedNode = Record<string, unknown>;

const TEXT = '#text';
const NO_CHILDREN: Readonly<Record<string, readonly DataRecord[] | undefined>> = Object.freeze(Object.create(null));

/**
 * Records of each table directly under the root, in document order. Throws only if
 * fast-xml-parser does; the caller turns that into a message.
 */
export function readDataSet(xml: string, spec: DataSetSpec): Map<string, DataRecord[]> {
  const parser = new XMLParser({
    ignoreAttributes: true,
    removeNSPrefix: true,
    // Values are parsed explicitly by the caller: auto-parsing would also turn ids such as
    // `12054` or `0012` into numbers and lose what Canoe123 wrote.
    parseTagValue: false,
    trimValues: true,
    // Entities are decoded below, in one pass per value: fast-xml-parser only decodes the named
    // ones, and decoding `&#233;` after it would decode `&amp;#233;` twice.
    processEntities: false,
    // Ordered output skips fast-xml-parser's tree-to-object pass; the walk below is cheaper.
    preserveOrder: true,
    // Callbacks get a matcher instead of a freshly built path string for every element.
    jPath: false,
    stopNodes: spec.raw.map((name) => `*.${name}`),
  });
  const tree = parser.parse(dropUnread(xml, spec.keep)) as OrderedNode[];
  const tables = new Map<string, DataRecord[]>();
  const root = tree.find((node) => tagOf(node) === spec.root);
  if (!root) return tables;
  for (const node of root[spec.root] as OrderedNode[]) {
    const table = tagOf(node);
    if (table === undefined || table === TEXT) continue;
    let rows = tables.get(table);
    if (!rows) tables.set(table, (rows = []));
    rows.push(toRecord(node[table] as OrderedNode[]));
  }
  return tables;
}

/**
 * Removes, before fast-xml-parser sees them, every leaf element whose name the caller does not
 * read, every empty element (`<Status />`: .NET writes one for an empty string and omits DBNull,
 * and both mean "no value" to a reader), and the indentation after them. Canoe123 writes ~45
 * fields per result row and we read ~27; the parser's cost is per element (about 2 µs each, most
 * of a 2.9 MB export's parse), so this roughly halves it. Only complete leaf elements (`<X/>` or
 * `<X>text</X>`, text without `<`) are removed, so the document's structure is untouched; the
 * well-formedness check has already run on the original text.
 *
 * A CDATA section could hide markup-looking text that must not be touched, so a document with one
 * (Canoe123 never writes any) is parsed whole, just slower.
 */
function dropUnread(xml: string, keep: ReadonlySet<string>): string {
  if (xml.includes('<![CDATA[')) return xml;
  const names = [...keep].map((name) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
  const empty = '<[A-Za-z_][\\w.:-]*\\s*/>';
  const unread = `<(?!(?:[A-Za-z_][\\w.-]*:)?(?:${names})[\\s/>])([A-Za-z_][\\w.:-]*)>[^<]*</\\1\\s*>`;
  return xml.replace(new RegExp(`(?:${empty}|${unread})\\s*`, 'g'), '');
}

function toRecord(fields: OrderedNode[]): DataRecord {
  const values: Record<string, string> = Object.create(null);
  let children: Record<string, DataRecord[]> | null = null;
  for (const field of fields) {
    const name = tagOf(field);
    if (name === undefined || name === TEXT) continue;
    const content = field[name] as OrderedNode[];
    if (content.length === 0) {
      values[name] = '';
    } else if (content.length === 1 && TEXT in content[0]) {
      values[name] = decodeEntities(String(content[0][TEXT]));
    } else {
      // A field with element children is a nested table's record (Classes → Categories).
      children ??= Object.create(null) as Record<string, DataRecord[]>;
      (children[name] ??= []).push(toRecord(content));
    }
  }
  return { values, children: children ?? NO_CHILDREN };
}

function tagOf(node: OrderedNode): string | undefined {
  for (const key in node) if (key !== ':@') return key;
  return undefined;
}

const ENTITY = /&(#x[0-9a-fA-F]+|#[0-9]+|lt|gt|amp|quot|apos);/g;
const NAMED: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** The five XML entities and numeric references; anything else (or an impossible code point) stays as written. */
function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(ENTITY, (whole, ref: string) => {
    if (ref.charCodeAt(0) !== 35) return NAMED[ref];
    const code = ref[1] === 'x' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
    return code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff) ? String.fromCodePoint(code) : whole;
  });
}
