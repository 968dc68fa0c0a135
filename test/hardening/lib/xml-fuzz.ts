/**
 * Generated Canoe123 XML for the fuzz tests (issue 6, item 2): a small valid export (two classes,
 * a best-run pair and a single-run race, a C2 crew, DNS/DNF rows, padded bibs, fixed-width gates),
 * and fast-check mutations that turn any export, small or the real 2.9 MB one, into what a broken
 * disk, a half-written file or a hostile client might send: truncations, byte flips, inserted
 * markup, swapped tags, huge numbers, wrong types, missing and duplicated sections, deep nesting,
 * entities and DOCTYPEs.
 */
import fc from 'fast-check';

const el = (name: string, value: string) => (value === '' ? `<${name} />` : `<${name}>${value}</${name}>`);
const rec = (table: string, fields: Record<string, string>) =>
  `  <${table}>\n${Object.entries(fields)
    .map(([k, v]) => `    ${el(k, v)}`)
    .join('\n')}\n  </${table}>\n`;

const participants = [
  rec('Participants', {
    Id: '100.K1M',
    ClassId: 'K1M',
    EventBib: '7',
    ICFId: '100',
    FamilyName: 'NOVÁK',
    GivenName: 'Jan',
    Club: 'USK Praha',
    Ranking: '   12',
    Year: '2001',
    CatId: 'DS',
    IsTeam: 'false',
  }),
  rec('Participants', { Id: '200.K1M', ClassId: 'K1M', EventBib: '8', ICFId: '200', FamilyName: 'DVOŘÁK', GivenName: 'Petr', Year: '1999', IsTeam: 'false' }),
  rec('Participants', {
    Id: '300.K1M',
    ClassId: 'K1M',
    EventBib: '9',
    FamilyName: 'SVOBODA',
    GivenName: 'Karel',
    Club: 'SK Veselí',
    Year: '2004',
    CatId: 'DS',
    IsTeam: 'false',
  }),
  rec('Participants', {
    Id: '400.500.C2M',
    ClassId: 'C2M',
    EventBib: '21',
    FamilyName: 'KREJČÍ',
    GivenName: 'Jakub',
    FamilyName2: 'NOVOTNÝ',
    GivenName2: 'Adam',
    Year: '1998',
    IsTeam: 'false',
  }),
].join('');
const classes =
  `  <Classes>\n    <ClassId>K1M</ClassId>\n    <Class>K1 men</Class>\n    <LongTitle>K1 men</LongTitle>\n${rec('Categories', { CatId: 'DS', ClassId: 'K1M', Category: 'Juniors', FirstYear: '17', LastYear: '18' })}  </Classes>\n` +
  `  <Classes>\n    <ClassId>C2M</ClassId>\n    <Class>C2 men</Class>\n    <LongTitle>C2 men</LongTitle>\n  </Classes>\n`;
const schedule = [
  rec('Schedule', { RaceId: '&lt;unassigned&gt;', DisId: 'SR', CourseNr: '1', RaceStatus: '0' }),
  rec('Schedule', {
    RaceId: 'K1M_BR1_6',
    RaceOrder: '1',
    StartTime: '2024-04-06T08:30:00+02:00',
    ClassId: 'K1M',
    DisId: 'BR1',
    StartInterval: '0:45',
    CourseNr: '1',
    RaceStatus: '5',
  }),
  rec('Schedule', {
    RaceId: 'K1M_BR2_6',
    RaceOrder: '2',
    StartTime: '2024-04-06T10:30:00+02:00',
    ClassId: 'K1M',
    DisId: 'BR2',
    StartInterval: '0:45',
    CourseNr: '1',
    RaceStatus: '3',
  }),
  rec('Schedule', { RaceId: 'C2M_SR_6', RaceOrder: '3', StartTime: '2024-04-06T12:00:00+02:00', ClassId: 'C2M', DisId: 'SR', CourseNr: '2', RaceStatus: '1' }),
].join('');
const results = [
  rec('Results', {
    RaceId: 'K1M_BR1_6',
    Id: '100.K1M',
    StartOrder: '1',
    Bib: '   7',
    StartTime: '8:30:00',
    Status: '',
    dtStart: '08:30:10.780',
    dtFinish: '08:31:27.770',
    Time: '76990',
    Gates: '  0  2  0',
    Pen: '2',
    Total: '78990',
    Rnk: '1',
    CatRnk: '1',
    TotalBehind: '0.00',
    BetterRunNr: '0',
  }),
  rec('Results', { RaceId: 'K1M_BR1_6', Id: '200.K1M', StartOrder: '2', Bib: '   8', StartTime: '8:30:45', Status: 'DNS', Pen: '0', Rnk: '3' }),
  rec('Results', {
    RaceId: 'K1M_BR1_6',
    Id: '300.K1M',
    StartOrder: '3',
    Bib: '   9',
    StartTime: '8:31:30',
    Status: '',
    Time: '81230',
    Gates: '        50',
    Pen: '50',
    Total: '131230',
    Rnk: '2',
    TotalBehind: '+52.24',
  }),
  rec('Results', {
    RaceId: 'K1M_BR2_6',
    Id: '100.K1M',
    StartOrder: '1',
    Bib: '   7',
    StartTime: '10:30:00',
    Status: '',
    Time: '75010',
    Gates: '  0  0  0',
    Pen: '0',
    Total: '75010',
    Rnk: '1',
    PrevTime: '76990',
    PrevPen: '2',
    PrevTotal: '78990',
    PrevRnk: '1',
    TotalTotal: '75010',
    BetterRunNr: '2',
  }),
  rec('Results', {
    RaceId: 'K1M_BR2_6',
    Id: '300.K1M',
    StartOrder: '3',
    Bib: '   9',
    StartTime: '10:31:30',
    Status: 'DNF',
    Pen: '0',
    PrevTime: '81230',
    PrevPen: '50',
    PrevTotal: '131230',
    BetterRunNr: '1',
  }),
  rec('Results', { RaceId: 'C2M_SR_6', Id: '400.500.C2M', StartOrder: '1', Bib: '  21', StartTime: '12:00:00', Status: '' }),
].join('');
const courses = rec('CourseData', { CourseNr: '1', CourseConfig: 'NRSN' }) + rec('CourseData', { CourseNr: '2', CourseConfig: 'NNRS' });
const events = rec('Events', {
  EventId: 'CZE2.2024040600',
  MainTitle: 'Jarní slalomy',
  SubTitle: '',
  Location: 'Praha',
  Facility: 'Troja',
  StartDate: '2024-04-06T08:30:37+02:00',
  EndDate: '2024-04-07T08:30:37+02:00',
  CanoeDiscipline: 'Slalom',
});

/** A small, valid Canoe123 export (sections in the real file's order). */
export const smallExport =
  '<?xml version="1.0" standalone="yes"?>\n<Canoe123Data xmlns="http://siwidata.com/Canoe123/Data.xsd">\n' +
  participants +
  classes +
  schedule +
  results +
  courses +
  events +
  '</Canoe123Data>\n';

const TABLES = ['Participants', 'Classes', 'Categories', 'Schedule', 'Results', 'CourseData', 'Events', 'Canoe123Data'];
const FIELDS = [
  'Id',
  'ClassId',
  'EventBib',
  'ICFId',
  'FamilyName',
  'GivenName',
  'FamilyName2',
  'Club',
  'Year',
  'CatId',
  'IsTeam',
  'Class',
  'LongTitle',
  'Category',
  'FirstYear',
  'LastYear',
  'RaceId',
  'RaceOrder',
  'StartTime',
  'DisId',
  'StartInterval',
  'CourseNr',
  'RaceStatus',
  'StartOrder',
  'Bib',
  'Status',
  'dtStart',
  'dtFinish',
  'Time',
  'Gates',
  'Pen',
  'Total',
  'Rnk',
  'CatRnk',
  'TotalBehind',
  'PrevTime',
  'PrevPen',
  'PrevTotal',
  'PrevRnk',
  'TotalTotal',
  'BetterRunNr',
  'CourseConfig',
  'EventId',
  'MainTitle',
  'Location',
  'StartDate',
  'EndDate',
  'CanoeDiscipline',
];
const TAGS = [...TABLES, ...FIELDS];

/** Values that break parsers: huge and odd numbers, wrong types, markup, control characters. */
export const hostileValue = fc.oneof(
  fc.constantFrom(
    '1e309',
    '-1e309',
    '99999999999999999999999',
    '9007199254740993',
    '-99999999',
    'NaN',
    'Infinity',
    '-0',
    '0x1F',
    '1.5',
    '1,5',
    '+7',
    '',
    ' ',
    '   ',
    '１２３',
    '٣٤',
    '12abc',
    '9'.repeat(400),
    '-',
    '.',
    'true',
    'null',
    'undefined',
    '[object Object]',
    '__proto__',
    'constructor',
    'DNS',
    'DSQ',
    'RAL',
    'CAP',
    '2024-13-45T99:99:99+99:00',
    '25:61:61.9999',
    '::',
    'NNNNRRRRSSSS'.repeat(20),
    '  0  2 50300-50abc',
    ' '.repeat(3000),
    '&lt;unassigned&gt;',
    '&amp;amp;',
    '&#0;',
    '&#x1F600;',
    '&#99999999;',
    '<![CDATA[<x>]]>',
    '<!-- c -->',
    '<?pi x?>',
    '\u0000',
    '\uFFFF',
    '\uD800',
    '\u202E',
    '😀'.repeat(50),
    'K1M_BR1_6',
    '100.K1M',
    '400.500.C2M',
  ),
  fc.integer().map(String),
  fc.double().map(String),
  fc.bigInt().map(String),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
);

/** One mutation of an XML text; positions are fractions of its length so they fit any document. */
export type Mutation = (xml: string) => string;

const at = (xml: string, f: number) => Math.min(xml.length, Math.floor(f * xml.length));
const frac = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true });

function replaceNth(xml: string, pattern: RegExp, n: number, replace: (m: RegExpExecArray) => string): string {
  const all = [...xml.matchAll(new RegExp(pattern.source, 'g'))];
  if (all.length === 0) return xml;
  const m = all[n % all.length] as RegExpExecArray;
  return xml.slice(0, m.index) + replace(m) + xml.slice(m.index + m[0].length);
}

export const mutation: fc.Arbitrary<{ name: string; apply: Mutation }> = fc.oneof(
  frac.map((f) => ({ name: 'truncate', apply: (x: string) => x.slice(0, at(x, f)) })),
  fc.tuple(frac, fc.string({ unit: 'binary', minLength: 1, maxLength: 3 })).map(([f, s]) => ({
    name: 'flip',
    apply: (x: string) => x.slice(0, at(x, f)) + s + x.slice(at(x, f) + s.length),
  })),
  fc.tuple(frac, fc.constantFrom('<', '>', '&', '"', "'", '/', '=', '\u0000', ']]>', '<!--', '</', '/>', '<?', '<!DOCTYPE x>', '\uFEFF')).map(([f, s]) => ({
    name: 'insert-markup',
    apply: (x: string) => x.slice(0, at(x, f)) + s + x.slice(at(x, f)),
  })),
  fc.tuple(frac, frac).map(([f, g]) => ({
    name: 'delete-range',
    apply: (x: string) => x.slice(0, at(x, Math.min(f, g))) + x.slice(at(x, Math.max(f, g))),
  })),
  fc.tuple(frac, fc.integer({ min: 1, max: 5000 })).map(([f, n]) => ({
    name: 'duplicate-range',
    apply: (x: string) => x.slice(0, at(x, f) + n) + x.slice(at(x, f)),
  })),
  fc
    .tuple(fc.constantFrom(...TAGS), fc.constantFrom(...TAGS))
    .filter(([a, b]) => a !== b)
    .map(([a, b]) => ({
      name: `swap-tags ${a}/${b}`,
      apply: (x: string) => x.replace(new RegExp(`<(/?)(${a}|${b})([\\s/>])`, 'g'), (_m, slash, tag, end) => `<${slash}${tag === a ? b : a}${end}`),
    })),
  fc.tuple(fc.constantFrom(...FIELDS), fc.nat(), hostileValue).map(([field, n, v]) => ({
    name: `value ${field}=${JSON.stringify(v).slice(0, 30)}`,
    apply: (x: string) => replaceNth(x, new RegExp(`<${field}>[^<]*</${field}>|<${field} />`), n, () => `<${field}>${v}</${field}>`),
  })),
  fc.tuple(fc.constantFrom(...FIELDS), fc.nat(), hostileValue).map(([field, n, v]) => ({
    name: `raw-value ${field}`,
    // Unescaped: the value may itself be markup.
    apply: (x: string) => replaceNth(x, new RegExp(`<${field}>[^<]*</${field}>`), n, () => `<${field}>${v}</${field}>`),
  })),
  fc.tuple(fc.constantFrom(...FIELDS), fc.nat()).map(([field, n]) => ({
    name: `drop-field ${field}`,
    apply: (x: string) => replaceNth(x, new RegExp(`\\s*<${field}>[^<]*</${field}>|\\s*<${field} />`), n, () => ''),
  })),
  fc.constantFrom(...TABLES.slice(0, 7)).map((table) => ({
    name: `drop-section ${table}`,
    apply: (x: string) => x.replace(new RegExp(`\\s*<${table}>[\\s\\S]*?</${table}>`, 'g'), ''),
  })),
  fc.tuple(fc.constantFrom(...TABLES.slice(0, 7)), fc.nat(), fc.integer({ min: 1, max: 50 })).map(([table, n, times]) => ({
    name: `repeat-record ${table}×${times}`,
    apply: (x: string) => replaceNth(x, new RegExp(`<${table}>[\\s\\S]*?</${table}>`), n, (m) => m[0].repeat(times + 1)),
  })),
  fc.tuple(frac, fc.integer({ min: 10, max: 20_000 })).map(([f, depth]) => ({
    name: `nest ${depth}`,
    apply: (x: string) => x.slice(0, at(x, f)) + '<a>'.repeat(depth) + '</a>'.repeat(depth) + x.slice(at(x, f)),
  })),
  fc.constantFrom(
    { name: 'doctype', apply: (x: string) => x.replace('<Canoe123Data', '<!DOCTYPE Canoe123Data [<!ENTITY e "x">]><Canoe123Data') },
    {
      name: 'entity-bomb',
      apply: (x: string) =>
        x
          .replace('<Canoe123Data', '<!DOCTYPE b [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><Canoe123Data')
          .replace('<Location>', '<Location>&b;'),
    },
    {
      name: 'external-entity',
      apply: (x: string) =>
        x.replace('<Canoe123Data', '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><Canoe123Data').replace('<Location>', '<Location>&e;'),
    },
    { name: 'unknown-entity', apply: (x: string) => x.replace('<Location>', '<Location>&nbsp;&unknown;') },
    { name: 'no-declaration', apply: (x: string) => x.replace(/^<\?xml[^>]*\?>\s*/, '') },
    { name: 'bom', apply: (x: string) => `\uFEFF${x}` },
    { name: 'utf16-declaration', apply: (x: string) => x.replace('standalone="yes"', 'encoding="UTF-16"') },
    { name: 'other-root', apply: (x: string) => x.replaceAll('Canoe123Data', 'Canoe123Dat') },
    { name: 'other-namespace', apply: (x: string) => x.replace('http://siwidata.com/Canoe123/Data.xsd', 'urn:evil') },
    { name: 'prefixed', apply: (x: string) => x.replace(/<(\/?)([A-Za-z_])/g, '<$1c:$2').replace('<c:Canoe123Data', '<c:Canoe123Data xmlns:c="x"') },
    { name: 'attributes', apply: (x: string) => x.replace(/<(Time|Bib|RaceId)>/g, '<$1 unit="ms" x="&quot;">') },
    { name: 'cdata', apply: (x: string) => x.replace(/<FamilyName>([^<]*)<\/FamilyName>/g, '<FamilyName><![CDATA[$1 <b>]]></FamilyName>') },
    { name: 'comments', apply: (x: string) => x.replace(/<\/(Results|Participants)>/g, '<!-- -- --></$1>') },
    { name: 'crlf', apply: (x: string) => x.replaceAll('\n', '\r\n') },
    { name: 'no-whitespace', apply: (x: string) => x.replace(/>\s+</g, '><') },
    { name: 'second-root', apply: (x: string) => `${x}<Canoe123Data></Canoe123Data>` },
    { name: 'empty-root', apply: (x: string) => x.replace(/(<Canoe123Data[^>]*>)[\s\S]*(<\/Canoe123Data>)/, '$1$2') },
    { name: 'self-closing-root', apply: (x: string) => x.replace(/<Canoe123Data[^>]*>[\s\S]*<\/Canoe123Data>/, '<Canoe123Data/>') },
    { name: 'empty', apply: () => '' },
    { name: 'whitespace', apply: () => ' \n\t ' },
    { name: 'json', apply: () => '{"Canoe123Data": {}}' },
    { name: 'html', apply: () => '<html><body>hello</body></html>' },
  ),
);

/** 1–4 mutations applied in turn to `base`; the name lists them for the failure report. */
export function mutated(base: string): fc.Arbitrary<{ names: string[]; xml: string }> {
  return fc.array(mutation, { minLength: 1, maxLength: 4 }).map((ms) => {
    let xml = base;
    for (const m of ms) xml = m.apply(xml);
    return { names: ms.map((m) => m.name), xml };
  });
}
