/**
 * Reads a .NET DataSet XML document (Canoe123's export layout) into plain records, in one pass
 * over the text that also checks it is one well-formed document. The layout: a root element, then
 * each table as a run of repeated record elements, each record's values as child elements holding
 * text, one level of nested tables (Classes → Categories) as repeated child elements with children
 * of their own, and attributes carrying nothing.
 *
 * Why hand-written: the layout is fixed and a reader that knows it can jump from `<` to `<`, skip
 * whatever the caller does not read without building it (a 2.9 MB export is mostly unread fields
 * and three base64 images), and refuse a copy cut off mid-write with the record left open, all in
 * about 10 ms for the real export. A general XML parser spent ~50 ms of the import on it.
 *
 * It owns no Canoe123 meaning: the caller names the tables and fields it reads, and gets strings
 * back (see xml-text.ts for trimming and entities). An empty element written `<X />` reads as
 * missing and `<X></X>` as ''; callers treat both as "no value". Structure is checked everywhere,
 * read or not: every element must close with its own closing tag, comments, CDATA and `<? ?>`
 * must finish, only whitespace may surround the root, and DOCTYPE/ENTITY is refused outright.
 * It never throws and runs in time linear in the text: every search moves forward from where the
 * last one stopped, and no regular expression sees more than one value.
 */
import { compileFields, type Fields, findField, NESTED, RAW_VALUE } from './xml-fields.ts';
import { joinedValueText, valueText } from './xml-text.ts';
import { findDeclaration, lineAt, malformed } from './xml-well-formed.ts';

/** One record of a table: values by element name, nested tables' records by element name. */
export interface DataRecord {
  readonly values: Readonly<Record<string, string | undefined>>;
  readonly children: Readonly<Record<string, readonly DataRecord[] | undefined>>;
}

export interface DataSetSpec {
  /** The root element's local name. */
  readonly root: string;
  /**
   * The fields read, by table. A field that is itself a table here is a nested table (one level:
   * inside a nested record such a field is not read). Everything else is skipped.
   */
  readonly tables: Readonly<Record<string, readonly string[]>>;
  /** Fields whose text must reach the caller untrimmed (fixed-width values). */
  readonly raw: readonly string[];
}

/** Records of each table read, in document order, or why the text is not a readable export. */
export type DataSetResult = { ok: true; tables: Map<string, DataRecord[]> } | { ok: false; message: string };

// Where the reader is. Each `<` moves it according to what it finds there.
const BEFORE_ROOT = 0; // only the declaration, comments and whitespace so far
const IN_ROOT = 1; // between records
const IN_RECORD = 2; // between the fields of a record read (or of its nested record)
const IN_VALUE = 3; // inside a field read, gathering its text
const SKIPPING = 4; // inside an element not read, until it closes
const AFTER_ROOT = 5; // the root has closed: only comments, instructions and whitespace may follow

interface OpenRecord {
  values: Record<string, string>;
  children: Record<string, OpenRecord[]>;
}

const LT = 60; // <
const GT = 62; // >
const SLASH = 47; // /
const QUESTION = 63; // ?
const BANG = 33; // !

// An export nests 4 deep (root, record, nested record, field). The cap keeps a hostile text from
// growing the stack of open elements without bound. It sits above the ~100 levels fast-xml-parser
// allowed when it read these exports, so no text it took is refused for depth.
const MAX_DEPTH = 128;

/** Reads `xml` (already stripped of a BOM). Never throws. */
export function readDataSet(xml: string, spec: DataSetSpec): DataSetResult {
  const declaration = findDeclaration(xml);
  if (declaration !== -1) return { ok: false, message: malformed.declaration(xml, declaration) };
  const reader = new DataSetReader(xml, spec);
  const problem = reader.read();
  return problem === null ? { ok: true, tables: reader.tables } : { ok: false, message: problem };
}

/**
 * The state machine behind `readDataSet`: one instance per document. `read()` walks the text from
 * `<` to `<`; the open elements' names and offsets are kept for closing-tag checks and for saying
 * where a cut-off document ends. An element that holds only text and closes right after it (nearly
 * every field) is read or skipped in one step without being pushed.
 *
 * @private
 */
class DataSetReader {
  readonly tables = new Map<string, DataRecord[]>();
  private readonly xml: string;
  private readonly root: string;
  private readonly fieldsByTable: Map<string, Fields>;
  private state = BEFORE_ROOT;
  private readonly openNames: string[] = [];
  private readonly openAt: number[] = [];
  // The record being read, its nested record if one is open, and the fields of the innermost.
  private record: OpenRecord | null = null;
  private nested: OpenRecord | null = null;
  private recordFields: Fields | null = null;
  private fields: Fields | null = null;
  // The field being read in IN_VALUE: its name, whether it is fixed-width, its text so far.
  private valueName = '';
  private valueRaw = false;
  private pieces: string[] = [];
  private cdata: boolean[] = [];
  // Where SKIPPING ends (the depth it started at) and the state it returns to.
  private skipDepth = 0;
  private resume = IN_ROOT;
  // End of the closing tag found by `leafEnd`, and where that element's text ends.
  private leafClose = -1;
  private leafTextEnd = -1;
  // Why the text was refused. Each handler below gets the offset of a `<` and returns where
  // reading continues, or -1 after setting this.
  private problem: string | null = null;

  constructor(xml: string, spec: DataSetSpec) {
    this.xml = xml;
    this.root = spec.root;
    this.fieldsByTable = compileFields(spec.tables, spec.raw);
  }

  /** Reads the whole text; null when it is a readable export, else the message. */
  read(): string | null {
    const xml = this.xml;
    const n = xml.length;
    let i = 0;
    while (i < n) {
      const lt = xml.indexOf('<', i);
      const textEnd = lt === -1 ? n : lt;
      if (textEnd > i) {
        if (this.state === IN_VALUE) this.addPiece(xml.slice(i, textEnd), false);
        else if (this.state === BEFORE_ROOT || this.state === AFTER_ROOT) {
          // Outside the root only whitespace may appear between tags.
          const text = firstNonSpace(xml, i, textEnd);
          if (text !== -1) return this.state === BEFORE_ROOT ? malformed.notXml(xml, text, this.root) : malformed.textAfterRoot(xml, text, this.root);
        }
      }
      if (lt === -1) break;
      const next = xml.charCodeAt(lt + 1);
      let end: number;
      if (next === QUESTION) end = this.instruction(lt);
      else if (next === BANG) end = this.markup(lt);
      else if (next === SLASH) end = this.endTag(lt);
      else end = this.startTag(lt);
      if (end < 0) return this.problem;
      i = end;
    }
    if (this.openNames.length > 0) return malformed.cutOff(xml, this.openNames, this.openAt, null);
    if (this.state === BEFORE_ROOT) return malformed.noElements(this.root);
    return null;
  }

  private fail(message: string): number {
    this.problem = message;
    return -1;
  }

  private cutOff(detail: string | null): number {
    return this.fail(malformed.cutOff(this.xml, this.openNames, this.openAt, detail));
  }

  /** `<? … ?>`: the declaration, or a processing instruction; skipped wherever it is. */
  private instruction(lt: number): number {
    const end = this.xml.indexOf('?>', lt + 2);
    if (end === -1) return this.cutOff(`a <? … ?> instruction at line ${this.line(lt)} is never finished`);
    return end + 2;
  }

  /** `<!-- … -->` anywhere; `<![CDATA[ … ]]>` inside the root (its text counts inside a value). */
  private markup(lt: number): number {
    const xml = this.xml;
    if (xml.startsWith('<!--', lt)) {
      const end = xml.indexOf('-->', lt + 4);
      if (end === -1) return this.cutOff(`a comment opened at line ${this.line(lt)} is never finished`);
      return end + 3;
    }
    if (xml.startsWith('<![CDATA[', lt) && this.openNames.length > 0) {
      const end = xml.indexOf(']]>', lt + 9);
      if (end === -1) return this.cutOff(`a CDATA section opened at line ${this.line(lt)} is never finished`);
      if (this.state === IN_VALUE) this.addPiece(xml.slice(lt + 9, end), true);
      return end + 3;
    }
    return this.fail(malformed.unexpected(xml, lt));
  }

  /** `</name>`: must close the innermost open element. */
  private endTag(lt: number): number {
    const xml = this.xml;
    const gt = xml.indexOf('>', lt + 2);
    if (gt === -1) return this.cutOff(`the closing tag at line ${this.line(lt)} is never finished`);
    const names = this.openNames;
    const top = names.length - 1;
    // Compared in place: slicing every closing tag's name costs more than the rest of the scan.
    if (top < 0 || !xml.startsWith(names[top], lt + 2) || firstNonSpace(xml, lt + 2 + names[top].length, gt) !== -1) {
      const name = xml.slice(lt + 2, gt).trimEnd();
      if (top < 0) return this.fail(malformed.closesNothing(xml, lt, name));
      return this.fail(malformed.mismatch(xml, lt, name, names[top], this.openAt[top]));
    }
    names.pop();
    this.openAt.pop();
    this.closed(top);
    return gt + 1;
  }

  /** The element at `depth` has just closed. */
  private closed(depth: number): void {
    switch (this.state) {
      case SKIPPING:
        if (depth === this.skipDepth) this.state = this.resume;
        break;
      case IN_VALUE:
        this.target().values[this.valueName] = joinedValueText(this.pieces, this.cdata, this.valueRaw);
        this.state = IN_RECORD;
        break;
      case IN_RECORD:
        if (this.nested !== null) {
          this.nested = null;
          this.fields = this.recordFields;
        } else {
          this.record = null;
          this.state = IN_ROOT;
        }
        break;
      case IN_ROOT:
        this.state = AFTER_ROOT;
        break;
    }
  }

  /** `<name …>` or `<name …/>`. */
  private startTag(lt: number): number {
    const xml = this.xml;
    const nameEnd = tagNameEnd(xml, lt + 1);
    if (nameEnd === lt + 1) {
      if (nameEnd >= xml.length) return this.cutOff('the file ends with "<"');
      return this.fail(malformed.noTagName(xml, lt));
    }
    const gt = tagEnd(xml, nameEnd);
    if (gt === -1) return this.cutOff(`the tag at line ${this.line(lt)} is never finished`);
    if (gt === -2) return this.fail(malformed.unfinishedTag(xml, lt, xml.slice(lt + 1, nameEnd)));
    const empty = xml.charCodeAt(gt - 1) === SLASH;

    // Most tags are fields: read or skip them without slicing their names out of the text.
    if (this.state === IN_RECORD || this.state === SKIPPING) {
      if (empty) return gt + 1;
      const field = this.state === IN_RECORD ? findField(this.fields!, xml, lt + 1, nameEnd) : undefined;
      if (field === undefined || field.kind === NESTED) {
        if (field === undefined || this.nested !== null) {
          // Not read (a nested table inside a nested record is not read either).
          if (this.leafEnd(lt + 1, nameEnd, gt)) return this.leafClose + 1;
          if (this.state === IN_RECORD) this.skip(IN_RECORD);
        } else {
          this.openNested(field.name);
        }
      } else {
        if (this.leafEnd(lt + 1, nameEnd, gt)) {
          this.target().values[field.name] = valueText(xml.slice(gt + 1, this.leafTextEnd), field.kind === RAW_VALUE);
          return this.leafClose + 1;
        }
        this.valueName = field.name;
        this.valueRaw = field.kind === RAW_VALUE;
        this.pieces = [];
        this.cdata = [];
        this.state = IN_VALUE;
      }
      return this.open(lt, nameEnd, gt);
    }

    const name = xml.slice(lt + 1, nameEnd);
    switch (this.state) {
      case BEFORE_ROOT:
        if (localName(name) !== this.root) return this.fail(malformed.wrongRoot(name, this.root));
        this.state = empty ? AFTER_ROOT : IN_ROOT;
        break;
      case AFTER_ROOT:
        return this.fail(malformed.secondRoot(xml, lt, name, this.root));
      case IN_ROOT:
        // `<Results />` is no record at all, as if Canoe123 had not written it.
        if (!empty) this.openRecord(localName(name));
        break;
      case IN_VALUE:
        // Markup inside a value (never written by Canoe123): its text is not the value's.
        if (!empty) this.skip(IN_VALUE);
        break;
    }
    return empty ? gt + 1 : this.open(lt, nameEnd, gt);
  }

  /** Pushes the element whose start tag spans `lt`..`gt` (its name ending at `nameEnd`). */
  private open(lt: number, nameEnd: number, gt: number): number {
    if (this.openNames.length === MAX_DEPTH) return this.fail(malformed.tooDeep(this.xml, lt, this.xml.slice(lt + 1, nameEnd), MAX_DEPTH));
    this.openNames.push(this.xml.slice(lt + 1, nameEnd));
    this.openAt.push(lt);
    return gt + 1;
  }

  /** A record element right under the root: read when its table is, else skipped. */
  private openRecord(table: string): void {
    const fields = this.fieldsByTable.get(table);
    if (fields === undefined) {
      this.skip(IN_ROOT);
      return;
    }
    const record = newRecord();
    const rows = this.tables.get(table);
    if (rows) rows.push(record);
    else this.tables.set(table, [record]);
    this.record = record;
    this.recordFields = this.fields = fields;
    this.state = IN_RECORD;
  }

  /** A nested record (Classes → Categories) inside the record being read. */
  private openNested(table: string): void {
    const nested = newRecord();
    (this.record!.children[table] ??= []).push(nested);
    this.nested = nested;
    this.fields = this.fieldsByTable.get(table)!;
  }

  /** Starts skipping the element about to be pushed; `resume` is the state once it closes. */
  private skip(resume: number): void {
    this.skipDepth = this.openNames.length;
    this.resume = resume;
    this.state = SKIPPING;
  }

  /**
   * Whether the element whose name spans `nameStart`..`nameEnd` and whose start tag ends at `gt`
   * holds only text and is closed right after it by its own closing tag; if so `leafTextEnd` and
   * `leafClose` say where. Anything else (markup inside, a wrong or unfinished closing tag) is left
   * to the general path, which reads it the same way or names the problem.
   */
  private leafEnd(nameStart: number, nameEnd: number, gt: number): boolean {
    const xml = this.xml;
    const lt = xml.indexOf('<', gt + 1);
    if (lt === -1 || xml.charCodeAt(lt + 1) !== SLASH) return false;
    const closeName = lt + 2 - nameStart;
    for (let j = nameStart; j < nameEnd; j++) if (xml.charCodeAt(j + closeName) !== xml.charCodeAt(j)) return false;
    const after = nameEnd + closeName;
    const close = xml.indexOf('>', after);
    if (close === -1 || firstNonSpace(xml, after, close) !== -1) return false;
    this.leafTextEnd = lt;
    this.leafClose = close;
    return true;
  }

  private target(): OpenRecord {
    return this.nested ?? this.record!;
  }

  private addPiece(text: string, cdata: boolean): void {
    this.pieces.push(text);
    this.cdata.push(cdata);
  }

  private line(offset: number): number {
    return lineAt(this.xml, offset);
  }
}

function newRecord(): OpenRecord {
  return { values: Object.create(null) as Record<string, string>, children: Object.create(null) as Record<string, OpenRecord[]> };
}

/** The name without its namespace prefix (`c:Results` → `Results`). */
function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon === -1 ? name : name.slice(colon + 1);
}

/** End of a tag name: the first whitespace, `/` or `>` (or the end of the text). */
function tagNameEnd(xml: string, from: number): number {
  let j = from;
  for (; j < xml.length; j++) {
    const c = xml.charCodeAt(j);
    // Letters (all above `>`) first: names are mostly letters.
    if (c > GT) continue;
    if (c === GT || c === SLASH || c === 32 || c === 10 || c === 9 || c === 13 || c === LT) break;
  }
  return j;
}

/**
 * Index of the `>` ending a start tag whose name ends at `from` (quoted attribute values may hold
 * `>`); -1 when the text ends first, -2 when another tag starts first.
 */
function tagEnd(xml: string, from: number): number {
  if (xml.charCodeAt(from) === GT) return from;
  let quote = 0;
  for (let j = from; j < xml.length; j++) {
    const c = xml.charCodeAt(j);
    if (quote !== 0) {
      if (c === quote) quote = 0;
    } else if (c === 34 || c === 39) quote = c;
    else if (c === GT) return j;
    else if (c === LT) return -2;
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
