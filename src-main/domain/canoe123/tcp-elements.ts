/**
 * Reads the XML of ONE Canoe123 TCP message (docs/CANOE123-FORMATS.md): a small
 * `<Canoe123 System="Main">…</Canoe123>` fragment whose data sits in attributes
 * (`<OnCourse Total="2"><Participant Bib="9" …/><Result Type="C" …/></OnCourse>`), never in text
 * values like the export's DataSet layout. That is why it is not the export reader
 * (xml-dataset.ts): the two formats share nothing but angle brackets.
 *
 * It owns the shape only: elements, their attributes (entities decoded, whitespace kept, since
 * `Gates` is fixed-width) and their text, and the small helpers the message readers take attribute
 * values with. It knows no message type (tcp-message.ts does), refuses
 * what Canoe123 never writes (DOCTYPE, comments, CDATA, more than a few levels of nesting) with a
 * sentence, never throws, and reads in one forward pass: a message is at most a few hundred KB
 * (the framing bounds it), so building the small tree costs less than a millisecond.
 */
import { valueText } from './xml-text.ts';

export interface TcpElement {
  readonly name: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: readonly TcpElement[];
  /** The element's own text (entities decoded, trimmed); '' for the usual attribute-only element. */
  readonly text: string;
}

export type TcpElementsRead = { ok: true; root: TcpElement } | { ok: false; message: string };

/** Canoe123 nests 4 deep (Canoe123 → Results → Row → Participant); anything far deeper is not its data. */
const MAX_DEPTH = 8;
const MAX_ATTRIBUTES = 64;
const NAME = /[A-Za-z_][\w.:-]*/y;
const SPACE = /\s*/y;

interface Building {
  name: string;
  attrs: Record<string, string>;
  children: TcpElement[];
  text: string;
}

/** Reads one message's XML (without its `|`). Never throws. */
export function readTcpElements(xml: string): TcpElementsRead {
  let at = skipProlog(xml);
  if (at < 0) return fail('it starts with an XML declaration that never ends');
  const stack: Building[] = [];
  let root: TcpElement | null = null;
  while (at < xml.length) {
    const lt = xml.indexOf('<', at);
    const textEnd = lt < 0 ? xml.length : lt;
    if (textEnd > at) {
      const text = xml.slice(at, textEnd);
      if (stack.length === 0) {
        if (text.trim() !== '') return fail(`there is text outside the <Canoe123> element: "${preview(text)}"`);
      } else stack[stack.length - 1].text += text;
    }
    if (lt < 0) break;
    const next = xml.charCodeAt(lt + 1);
    if (next === 33 /* ! */ || next === 63 /* ? */) return fail(`it holds "${preview(xml.slice(lt))}", which Canoe123 never sends`);
    if (next === 47 /* / */) {
      NAME.lastIndex = lt + 2;
      const m = NAME.exec(xml);
      const open = stack.pop();
      if (!m || !open) return fail(`</${m?.[0] ?? ''}> closes nothing`);
      if (m[0] !== open.name) return fail(`</${m[0]}> does not close <${open.name}>`);
      const gt = skipSpace(xml, NAME.lastIndex);
      if (xml.charCodeAt(gt) !== 62) return fail(`</${m[0]}> is never finished`);
      at = gt + 1;
      const done = finish(open);
      if (stack.length === 0) {
        if (root) return fail('it holds two messages without a "|" between them');
        root = done;
      } else stack[stack.length - 1].children.push(done);
      continue;
    }
    if (root) return fail('it holds two messages without a "|" between them');
    NAME.lastIndex = lt + 1;
    const m = NAME.exec(xml);
    if (!m) return fail(`"<" is not followed by an element name: "${preview(xml.slice(lt))}"`);
    const element: Building = { name: m[0], attrs: {}, children: [], text: '' };
    let pos = NAME.lastIndex;
    let count = 0;
    let selfClosing = false;
    for (;;) {
      pos = skipSpace(xml, pos);
      const c = xml.charCodeAt(pos);
      if (c === 62) {
        pos++;
        break;
      }
      if (c === 47 && xml.charCodeAt(pos + 1) === 62) {
        selfClosing = true;
        pos += 2;
        break;
      }
      NAME.lastIndex = pos;
      const attr = NAME.exec(xml);
      if (!attr) return fail(`<${element.name}> is never finished`);
      pos = skipSpace(xml, NAME.lastIndex);
      if (xml.charCodeAt(pos) !== 61 /* = */) return fail(`the attribute ${attr[0]} of <${element.name}> has no value`);
      pos = skipSpace(xml, pos + 1);
      const quote = xml[pos];
      if (quote !== '"' && quote !== "'") return fail(`the attribute ${attr[0]} of <${element.name}> is not quoted`);
      const end = xml.indexOf(quote, pos + 1);
      if (end < 0) return fail(`the attribute ${attr[0]} of <${element.name}> is never closed`);
      const raw = xml.slice(pos + 1, end);
      if (raw.includes('<')) return fail(`the attribute ${attr[0]} of <${element.name}> holds a "<"`);
      if (++count > MAX_ATTRIBUTES) return fail(`<${element.name}> has more than ${MAX_ATTRIBUTES} attributes`);
      if (Object.hasOwn(element.attrs, attr[0])) return fail(`<${element.name}> has the attribute ${attr[0]} twice`);
      element.attrs[attr[0]] = valueText(raw, true);
      pos = end + 1;
    }
    at = pos;
    if (stack.length === 0 && element.name !== 'Canoe123') return fail(`the message is <${element.name}>, not <Canoe123>`);
    if (selfClosing) {
      const done = finish(element);
      if (stack.length === 0) root = done;
      else stack[stack.length - 1].children.push(done);
      continue;
    }
    if (stack.length >= MAX_DEPTH) return fail(`<${element.name}> is nested more than ${MAX_DEPTH} elements deep`);
    stack.push(element);
  }
  if (stack.length > 0) return fail(`<${stack[stack.length - 1].name}> is never closed`);
  if (!root) return fail('it holds no element');
  return { ok: true, root };
}

function finish(b: Building): TcpElement {
  return { name: b.name, attrs: b.attrs, children: b.children, text: b.text.trim() === '' ? '' : valueText(b.text, false) };
}

/** Skips an optional `<?xml …?>` declaration and the whitespace around it; -1 if it never ends. */
function skipProlog(xml: string): number {
  let at = skipSpace(xml, xml.charCodeAt(0) === 0xfeff ? 1 : 0);
  if (xml.startsWith('<?xml', at)) {
    const end = xml.indexOf('?>', at);
    if (end < 0) return -1;
    at = skipSpace(xml, end + 2);
  }
  return at;
}

function skipSpace(xml: string, at: number): number {
  SPACE.lastIndex = at;
  SPACE.exec(xml);
  return SPACE.lastIndex;
}

function fail(why: string): TcpElementsRead {
  return { ok: false, message: `Not a Canoe123 message: ${why}` };
}

function preview(text: string): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > 40 ? `${t.slice(0, 40)}…` : t;
}

// ---- attribute values, as the message readers take them ------------------------------------------

/** A whole number attribute (padded bibs like `"  44"` arrive trimmed), null when missing or not one. */
export function intAttr(el: TcpElement | undefined, name: string): number | null {
  const v = el?.attrs[name]?.trim();
  return v !== undefined && /^[+-]?\d{1,9}$/.test(v) ? Number(v) : null;
}

/** Seconds as Canoe123 writes them (`"79.99"`, `"15   "` while running) → centiseconds; null when blank or not a number. */
export function secondsAttrToCs(el: TcpElement | undefined, name: string): number | null {
  const v = el?.attrs[name]?.trim();
  if (v === undefined || !/^\d{1,6}(\.\d{1,3})?$/.test(v)) return null;
  return Math.round(Number(v) * 100);
}

/** A text attribute, trimmed; null when missing or blank. */
export function textAttr(el: TcpElement | undefined, name: string): string | null {
  const v = el?.attrs[name]?.trim();
  return v ? v : null;
}

/** The first child element of a name (and `Type`, for `Result`). */
export function childOf(el: TcpElement, name: string, type?: string): TcpElement | undefined {
  return el.children.find((c) => c.name === name && (type === undefined || c.attrs.Type === type));
}
