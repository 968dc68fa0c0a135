/**
 * The fields the DataSet reader (xml-dataset.ts) is asked for, per table, arranged so that a tag
 * name is recognized where it stands in the text. Slicing out and hashing the names of the ~45
 * elements of every result row would cost more than reading the ~27 of them that are wanted.
 *
 * It owns only the lookup: which names a table reads and what each one is (a value, a fixed-width
 * value, a nested table). It never reads XML structure and never throws.
 */

/** What a field of a table is to the reader. */
export const VALUE = 0;
export const RAW_VALUE = 1;
export const NESTED = 2;

export interface Field {
  readonly name: string;
  readonly kind: number;
}

/** One table's fields, by the length of their names. */
export type Fields = readonly (readonly Field[] | undefined)[];

const COLON = 58; // :

/**
 * Each table's fields. A field that is also a table in `tables` is a nested table; a field in
 * `raw` is a fixed-width value (kept untrimmed); any other is a value.
 */
export function compileFields(tables: Readonly<Record<string, readonly string[]>>, raw: readonly string[]): Map<string, Fields> {
  const fixedWidth = new Set(raw);
  const byTable = new Map<string, Fields>();
  for (const [table, names] of Object.entries(tables)) {
    const byLength: Field[][] = [];
    for (const name of names) {
      const kind = Object.hasOwn(tables, name) ? NESTED : fixedWidth.has(name) ? RAW_VALUE : VALUE;
      (byLength[name.length] ??= []).push({ name, kind });
    }
    byTable.set(table, byLength);
  }
  return byTable;
}

/** The field named by the text of `xml` from `from` to `to`, ignoring a namespace prefix. */
export function findField(fields: Fields, xml: string, from: number, to: number): Field | undefined {
  const found = fieldAt(fields, xml, from, to);
  if (found !== undefined) return found;
  for (let j = from; j < to; j++) if (xml.charCodeAt(j) === COLON) return fieldAt(fields, xml, j + 1, to);
  return undefined;
}

/** @private */
function fieldAt(fields: Fields, xml: string, from: number, to: number): Field | undefined {
  const candidates = fields[to - from];
  if (candidates === undefined) return undefined;
  for (const field of candidates) if (xml.startsWith(field.name, from)) return field;
  return undefined;
}
