import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type DataRecord, type DataSetSpec, readDataSet } from '../../../../src-main/domain/canoe123/xml-dataset.ts';

// A small DataSet layout of its own: the reader knows nothing about Canoe123.
const SPEC: DataSetSpec = {
  root: 'Data',
  tables: { Rows: ['A', 'B', 'Gates', 'Kids'], Kids: ['K', 'Kids'], Other: ['A'] },
  raw: ['Gates'],
};

function tables(xml: string, spec: DataSetSpec = SPEC): Map<string, DataRecord[]> {
  const result = readDataSet(xml, spec);
  if (!result.ok) throw new Error(`expected the text to be read, got: ${result.message}`);
  return result.tables;
}

/** The values of every `Rows` record of `<Data>{body}</Data>`, as plain objects. */
function rows(body: string): Record<string, string | undefined>[] {
  return (tables(`<Data>${body}</Data>`).get('Rows') ?? []).map((r) => ({ ...r.values }));
}

/** The value of field A in the only record of `<Data><Rows>{fields}</Rows></Data>`. */
function valueOf(fields: string, field = 'A'): string | undefined {
  const all = rows(`<Rows>${fields}</Rows>`);
  expect(all).toHaveLength(1);
  return all[0][field];
}

function refusal(xml: string): string {
  const result = readDataSet(xml, SPEC);
  if (result.ok) throw new Error('expected the text to be refused');
  return result.message;
}

describe('readDataSet reads', () => {
  it('each table’s records in document order, only the fields asked for', () => {
    const read = tables(
      '<?xml version="1.0"?>\n<Data xmlns="urn:x">\n  <Rows>\n    <A>1</A>\n    <C>not asked</C>\n    <B>x</B>\n  </Rows>\n  <Other><A>o</A><B>b</B></Other>\n  <Rows><B>2</B></Rows>\n</Data>\n',
    );
    expect([...read.keys()]).toEqual(['Rows', 'Other']);
    expect(read.get('Rows')!.map((r) => ({ ...r.values }))).toEqual([{ A: '1', B: 'x' }, { B: '2' }]);
    expect(read.get('Other')!.map((r) => ({ ...r.values }))).toEqual([{ A: 'o' }]);
  });

  it('nothing of a table it is not asked for, however deep it goes', () => {
    const read = tables('<Data><Images><Big>QUJD</Big><Deep><A>1</A><Rows><A>2</A></Rows></Deep></Images><Rows><A>3</A></Rows></Data>');
    expect([...read.keys()]).toEqual(['Rows']);
    expect(read.get('Rows')!.map((r) => ({ ...r.values }))).toEqual([{ A: '3' }]);
  });

  it('a nested table one level deep (deeper it is just an unread field)', () => {
    const [row] = tables('<Data><Rows><A>1</A><Kids><K>a</K><Kids><K>deeper</K></Kids></Kids><Kids/><Kids><K>b</K></Kids><B>2</B></Rows></Data>').get('Rows')!;
    expect({ ...row.values }).toEqual({ A: '1', B: '2' });
    expect(row.children.Kids!.map((k) => ({ ...k.values }))).toEqual([{ K: 'a' }, { K: 'b' }]);
    expect(row.children.Kids!.every((k) => k.children.Kids === undefined)).toBe(true);
  });

  it('an empty element as missing when self-closed and as "" when not; a self-closed record as no record', () => {
    expect(rows('<Rows><A /><B></B></Rows><Rows/><Rows></Rows>')).toEqual([{ B: '' }, {}]);
  });

  it('values trimmed, but fixed-width fields exactly as written', () => {
    expect(valueOf('<A> \t\n x  y \u00a0\n</A>')).toBe('x  y');
    expect(valueOf('<Gates>     2 50   </Gates>', 'Gates')).toBe('     2 50   ');
    expect(valueOf('<A>    </A>')).toBe('');
  });

  it('line ends normalized to \\n, as XML prescribes (raw fields too)', () => {
    expect(valueOf('<A>a\r\nb\rc\nd</A>')).toBe('a\nb\nc\nd');
    expect(valueOf('<Gates>  0\r\n  2</Gates>', 'Gates')).toBe('  0\n  2');
  });

  it('the five entities and numeric references, once, after trimming; anything else as written', () => {
    expect(valueOf('<A>&lt;&gt;&amp;&quot;&apos; &#233;&#x10D;&#X10D; &#x1F600; &amp;#233; &amp;amp;</A>')).toBe('<>&"\' éč&#X10D; 😀 &#233; &amp;');
    expect(valueOf('<A>&bogus; &#0; &#xD800; &#x110000; &#; & alone &#65</A>')).toBe('&bogus; &#0; &#xD800; &#x110000; &#; & alone &#65');
    expect(valueOf('<A>&#32;kept&#32;</A>')).toBe(' kept ');
    expect(valueOf('<Gates>&#32;&#32;2</Gates>', 'Gates')).toBe('  2');
  });

  it('CDATA as written text: not decoded, its whitespace kept, joined with the text around it', () => {
    expect(valueOf('<A><![CDATA[a & b <c> &amp;]]></A>')).toBe('a & b <c> &amp;');
    expect(valueOf('<A>  <![CDATA[ padded ]]>  </A>')).toBe(' padded ');
    expect(valueOf('<A> x &amp; <![CDATA[&]]> y </A>')).toBe('x & & y');
    expect(valueOf('<A><![CDATA[]]></A>')).toBe('');
    expect(valueOf('<Gates><![CDATA[  0  2]]></Gates>', 'Gates')).toBe('  0  2');
  });

  it('around comments, processing instructions and elements inside a value, joining its own text', () => {
    expect(valueOf('<A>  USK <!-- x --> Praha  </A>')).toBe('USK  Praha');
    expect(valueOf('<A>a<?pi x?>b</A>')).toBe('ab');
    expect(valueOf('<A>a<b>not mine<c/></b>c<br/>d</A>')).toBe('acd');
    expect(valueOf('<A><!-- only a comment --></A>')).toBe('');
  });

  it('past namespace prefixes, attributes (even holding ">") and whitespace inside tags', () => {
    const read = tables('<d:Data xmlns:d="urn:x"><d:Rows kind="a>b"><d:A lang=\'cs\'>1</d:A ><B\n>2</B\n></d:Rows></d:Data>');
    expect(read.get('Rows')!.map((r) => ({ ...r.values }))).toEqual([{ A: '1', B: '2' }]);
  });

  it('the last of a repeated field', () => {
    expect(valueOf('<A>first</A><A>second</A>')).toBe('second');
  });
});

describe('readDataSet refuses, saying where', () => {
  it('a DOCTYPE or ENTITY declaration anywhere, before anything else', () => {
    expect(refusal('<?xml version="1.0"?>\n<!DOCTYPE d [<!ENTITY e "x">]>\n<Data/>')).toBe(
      'DOCTYPE/entity declarations are not allowed in a Canoe123 export (found "<!DOCTYPE d [<!ENTITY e "x">]>…" at line 2)',
    );
    expect(refusal('<Data><Rows><A><!-- <!entity --></A></Rows></Data>')).toMatch(/^DOCTYPE\/entity declarations are not allowed .* at line 1\)$/);
  });

  it('text that is not this document', () => {
    expect(refusal('hello')).toBe('This is not XML: it starts with "hello", expected a Canoe123 export beginning with <?xml …?> or <Data>');
    expect(refusal('<Other/>')).toBe('This is not a Canoe123 export: the root element is <Other>, expected <Data>');
    expect(refusal('<?xml version="1.0"?><!-- nothing -->')).toBe('The XML has no elements: expected a Canoe123 export with a <Data> root element');
  });

  it('anything but whitespace, comments and instructions around the root', () => {
    expect(refusal('<Data/>\n<!-- fine --><?pi fine?>\nnot fine')).toBe('The XML is malformed at line 3: there is text after the closing </Data>');
    expect(refusal('<Data></Data><Data/>')).toBe('The XML is malformed at line 1: a second root element <Data> follows </Data>');
    expect(refusal('<![CDATA[x]]><Data/>')).toBe('The XML is malformed at line 1: unexpected "<![CDATA[x]]><Data/>"');
    expect(refusal('<Data><!ELEMENT x></Data>')).toBe('The XML is malformed at line 1: unexpected "<!ELEMENT x></Data>"');
  });

  it('closing tags that close nothing or the wrong element', () => {
    expect(refusal('</Data>')).toBe('The XML is malformed at line 1: </Data> closes nothing');
    expect(refusal('<Data>\n<Rows>\n<A>1</B>\n</Rows></Data>')).toBe('The XML is malformed at line 3: </B> does not match <A> opened at line 3');
    expect(refusal('<Data><Rows><A>1</A x></Rows></Data>')).toBe('The XML is malformed at line 1: </A x> does not match <A> opened at line 1');
    expect(refusal('<Data><Other><A>1</Other></Data>')).toBe('The XML is malformed at line 1: </Other> does not match <A> opened at line 1');
  });

  it('a "<" that starts no tag, and a tag interrupted by another', () => {
    expect(refusal('<Data><Rows><A>a < b</A></Rows></Data>')).toBe('The XML is malformed at line 1: "<" is not followed by a tag name');
    expect(refusal('<Data><Rows><A <B>1</B></Rows></Data>')).toBe('The XML is malformed at line 1: the tag <A> is never finished');
  });

  it('a text cut off anywhere, naming the record left open and where the text ends', () => {
    expect(refusal('<Data>\n<Rows>\n<A>12')).toBe('The XML is cut off: <Rows> opened at line 2 is never closed (the text ends at line 3, inside <A>)');
    expect(refusal('<Data>\n<Rows>\n<Kids><K>1</K>')).toBe(
      'The XML is cut off: <Rows> opened at line 2 is never closed (the text ends at line 3, inside <Kids>)',
    );
    expect(refusal('<Data>\n<Rows>\n<A>1</A')).toBe(
      'The XML is cut off: <Rows> opened at line 2 is never closed (the text ends at line 3, inside <A>); the closing tag at line 3 is never finished',
    );
    expect(refusal('<Data>\n<Rows>\n<A')).toBe(
      'The XML is cut off: <Rows> opened at line 2 is never closed (the text ends at line 3); the tag at line 3 is never finished',
    );
    expect(refusal('<Data><Rows><')).toBe('The XML is cut off: <Rows> opened at line 1 is never closed (the text ends at line 1); the file ends with "<"');
    expect(refusal('<Data><Rows><A><![CDATA[x')).toMatch(/^The XML is cut off: <Rows> .*inside <A>\); a CDATA section opened at line 1 is never finished$/);
    expect(refusal('<Data><!-- x')).toBe(
      'The XML is cut off: <Data> opened at line 1 is never closed (the text ends at line 1); a comment opened at line 1 is never finished',
    );
    expect(refusal('<?xml version')).toBe('The XML is cut off: a <? … ?> instruction at line 1 is never finished (the text ends at line 1)');
    expect(refusal('<Data>\n')).toBe('The XML is cut off: <Data> opened at line 1 is never closed (the text ends at line 2)');
  });

  it('elements nested deeper than any export would, instead of growing without bound', () => {
    expect(refusal(`<Data><Junk>${'<x>'.repeat(200)}`)).toBe(
      'The XML is malformed at line 1: <x> is nested more than 128 elements deep (a Canoe123 export nests 4)',
    );
    expect(refusal(`<Data><Junk>${'<x>'.repeat(127)}`)).toMatch(/^The XML is malformed at line 1: <x> is nested more than 128/);
    expect(tables(`<Data><Junk>${'<x>'.repeat(126)}${'</x>'.repeat(126)}</Junk></Data>`).size).toBe(0);
  });
});

// ---- robustness --------------------------------------------------------------------------------

const VALID =
  '<?xml version="1.0"?>\r\n<Data>\r\n  <Rows>\r\n    <A> a &amp; b </A>\r\n    <Kids><K>k</K></Kids>\r\n    <Gates>  0  2</Gates>\r\n    <Skip>x</Skip>\r\n  </Rows>\r\n  <Other><A>o</A></Other>\r\n</Data>\r\n';

function snapshot(xml: string): unknown {
  const result = readDataSet(xml, SPEC);
  return result.ok ? JSON.parse(JSON.stringify([...result.tables])) : result.message;
}

describe('readDataSet never throws or hangs', () => {
  it('on any text made of XML pieces', () => {
    const pieces = [
      '<Data>',
      '</Data>',
      '<Rows>',
      '</Rows>',
      '<A>',
      '</A>',
      '<Kids>',
      '</Kids>',
      '<Gates>',
      '</Gates>',
      '<x/>',
      '<!--',
      '-->',
      '<![CDATA[',
      ']]>',
      '<?',
      '?>',
      '&amp;',
      '&#x41;',
      '&#',
      '&',
      '<',
      '>',
      '/',
      '"',
      "'",
      '=',
      ':',
      'd:',
      ' ',
      '\n',
      '\r',
      'a',
      '<!DOCTYPE',
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 60 }), (parts) => {
        const result = readDataSet(parts.join(''), SPEC);
        expect(result.ok || typeof result.message === 'string').toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it('and refuses every cut of a valid text', () => {
    expect(readDataSet(VALID, SPEC).ok).toBe(true);
    const end = VALID.lastIndexOf('>') + 1;
    for (let cut = 0; cut < end; cut++) expect(readDataSet(VALID.slice(0, cut), SPEC).ok, `cut at ${cut}`).toBe(false);
  });

  it('reads the same whatever comments, instructions and whitespace sit between elements', () => {
    // Every gap between two tags of VALID (none is inside a value).
    const gaps = [...VALID.matchAll(/>(?=\s*<)/g)].map((m) => m.index + 1);
    const expected = snapshot(VALID);
    fc.assert(
      fc.property(fc.subarray(gaps), fc.constantFrom('<!-- c -->', '<?pi x?>', ' \r\n\t', '<!---->'), (at, filler) => {
        let xml = VALID;
        for (const offset of [...at].reverse()) xml = xml.slice(0, offset) + filler + xml.slice(offset);
        expect(snapshot(xml)).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('in time linear in the text, on hostile input of a few megabytes', () => {
    const big = 1 << 20;
    const hostile = [
      `<Data><Rows><A>${'&#x'.repeat(big)}</A></Rows></Data>`,
      `<Data><Rows><A>&#x${'1'.repeat(4 * big)};</A></Rows></Data>`,
      `<Data><Other>${'<x></x>'.repeat(big / 2)}</Other></Data>`,
      `<Data><Rows>${'<A>1</A>'.repeat(big / 2)}</Rows></Data>`,
      `<Data><Rows><A>${'<!-- -->'.repeat(big / 2)}</A></Rows></Data>`,
      `<Data><Rows><A>${'<![CDATA[x]]>'.repeat(big / 4)}</A></Rows></Data>`,
      `<Data><Rows>${'<A>1</A'.repeat(big / 2)}`,
      `<Data><Rows><A x="${'<'.repeat(4 * big)}`,
      `<Data>${'<x'.repeat(big)}`,
      `<Data>${'<!-'.repeat(big)}`,
      '<!'.repeat(2 * big),
      `<Data><Rows>${'<A>'.repeat(big)}`,
    ];
    for (const xml of hostile) {
      const start = performance.now();
      readDataSet(xml, SPEC);
      // A linear pass over 4 MB takes tens of milliseconds; a quadratic one would take hours.
      expect(performance.now() - start, xml.slice(0, 40)).toBeLessThan(2000);
    }
  });
});
