/**
 * THE reader of Canoe123 XML exports (docs/CANOE123-FORMATS.md): text in, the
 * event details, the structure (classes with categories, participants, races, courses) and the
 * result rows out, in the station's units (centiseconds; gate penalties in seconds).
 *
 * It owns every Canoe123 XML detail: the DataSet layout, padded bibs, the fixed-width `Gates`,
 * the millisecond times behind `TimeMode=Points100`, the `<unassigned>` schedule placeholder, the
 * lower-case `catTotalBehind`, the organiser's base64 report images in `Events`. Nothing else in
 * the station reads this XML.
 *
 * It never throws and never returns part of a document: a refused export comes back as
 * `{ ok: false, message }`, written for the timing operator. It is pure (no clock, no I/O).
 */
import type { ClassDef, C123Ranks, EventMeta, Course, Participant, Race, ResultStatus, ResultRow, RunFields, Structure } from '../model.ts';
import { imageFields, readEventImage, type ExportImage } from './event-images.ts';
import { parseCourseConfig, parseGates } from './gates.ts';
import { raceTypeOf } from './race-types.ts';
import { readDataSet, type DataRecord, type DataSetSpec } from './xml-dataset.ts';
import { detectTimeScale, type XmlTimeScale, type XmlTimeUnit } from './xml-time-unit.ts';

export type { XmlTimeUnit } from './xml-time-unit.ts';

/** The event details an export carries; any of them may be missing (null). */
export type XmlEventDetails = { [K in keyof EventMeta]: EventMeta[K] | null };

/** One `Results` row: a participant in a race, as startlist entry and result at once. */
export type XmlResultRow = Pick<ResultRow, 'raceId' | 'participantId' | 'bib' | 'startOrder' | 'startTime' | 'heatNr' | 'roundNr' | 'qualified'> & {
  run: RunFields;
  c123: C123Ranks;
};

export interface Canoe123Export {
  event: XmlEventDetails;
  /** The organiser's report images from `Events` (event-images.ts), in slot order. */
  images: ExportImage[];
  structure: Structure;
  results: XmlResultRow[];
  /** The unit the export's times were in (they are centiseconds now); `none` when no row had a time. */
  timeUnit: XmlTimeUnit;
  counts: { classes: number; categories: number; races: number; participants: number; results: number; courses: number };
  /** Result rows left out because their race or participant is not in the export. */
  skippedResults?: number;
}

export type XmlParseResult = { ok: true; export: Canoe123Export } | { ok: false; message: string };

const ROOT = 'Canoe123Data';

// Every element read below, per table. The reader (xml-dataset.ts) skips every other element
// without building its value, so a field read here must be listed here. `Categories` is both a
// table and a field of `Classes`: the reader reads it as a nested table.
const TABLES = {
  Events: ['EventId', 'MainTitle', 'SubTitle', 'Location', 'Facility', 'StartDate', 'EndDate', 'CanoeDiscipline', ...imageFields.map(([field]) => field)],
  Classes: ['ClassId', 'Class', 'LongTitle', 'Categories'],
  Categories: ['CatId', 'Category', 'FirstYear', 'LastYear'],
  Participants: [
    'Id',
    'ClassId',
    'EventBib',
    'ICFId',
    'FamilyName',
    'GivenName',
    'FamilyName2',
    'GivenName2',
    'NOC',
    'Club',
    'CatId',
    'Year',
    'IsTeam',
    'Member1',
    'Member2',
    'Member3',
  ],
  Schedule: ['RaceId', 'RaceOrder', 'StartTime', 'ClassId', 'DisId', 'StartInterval', 'CourseNr', 'RaceStatus', 'CustomTitle'],
  Results: [
    'RaceId',
    'Id',
    'StartOrder',
    'Bib',
    'StartTime',
    'Status',
    'dtStart',
    'dtFinish',
    'Time',
    'Pen',
    'Total',
    'Gates',
    'Rnk',
    'CatRnk',
    'TotalBehind',
    'catTotalBehind',
    'PrevTime',
    'PrevPen',
    'PrevTotal',
    'PrevRnk',
    'PrevStatus',
    'TotalTotal',
    'TotalRnk',
    'TotalCatRnk',
    'BetterRunNr',
    'HeatNr',
    'RoundNr',
    'Qualified',
  ],
  CourseData: ['CourseNr', 'CourseConfig'],
} as const;

const DATASET_SPEC: DataSetSpec = {
  root: ROOT,
  tables: TABLES,
  // Fixed width: 3 characters per gate slot, and leading blank slots carry meaning.
  raw: ['Gates'],
};

/** The tables an export must have to be worth importing, with how an operator would call them. */
const REQUIRED: readonly [table: keyof typeof TABLES, label: string][] = [
  ['Events', 'no event details (Events)'],
  ['Classes', 'no classes (Classes)'],
  ['Participants', 'no participants (Participants)'],
  ['Schedule', 'no race schedule (Schedule)'],
];

/** Parses a Canoe123 XML export. Never throws. */
export function parseCanoe123Xml(xml: string): XmlParseResult {
  try {
    return parse(xml);
  } catch (error) {
    // The reader refuses bad text with a message and is not meant to throw; should a bug make it
    // throw all the same, the operator still gets a refusal instead of a failed import.
    const detail = error instanceof Error ? error.message : String(error);
    return { ok: false, message: `The XML could not be read: ${detail}` };
  }
}

function parse(input: string): XmlParseResult {
  if (typeof input !== 'string') return { ok: false, message: 'The XML is missing: expected the text of a Canoe123 export' };
  const xml = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  if (xml.trim() === '') return { ok: false, message: 'The XML is empty: expected a Canoe123 export (<Canoe123Data …>)' };

  const read = readDataSet(xml, DATASET_SPEC);
  if (!read.ok) return read;
  const tables = read.tables;
  const missing = REQUIRED.filter(([table]) => !tables.get(table)?.length).map(([, label]) => label);
  if (missing.length > 0) return { ok: false, message: `This Canoe123 export is incomplete: it has ${missing.join(', ')}` };

  const classes = (tables.get('Classes') ?? []).map(readClass).filter((c) => c !== null);
  const participants = unique((tables.get('Participants') ?? []).map(readParticipant), (p) => p.participantId);
  const races = unique((tables.get('Schedule') ?? []).map(readRace), (r) => r.raceId);
  const courses = unique((tables.get('CourseData') ?? []).map(readCourse), (c) => c.courseNr);

  const rawResults = tables.get('Results') ?? [];
  const timeScale = detectTimeScale(rawResults.map((r) => ({ time: int(r, 'Time'), pen: int(r, 'Pen'), total: int(r, 'Total') })));
  const raceIds = new Set(races.map((r) => r.raceId));
  const participantIds = new Set(participants.map((p) => p.participantId));
  const results: XmlResultRow[] = [];
  let skippedResults = 0;
  for (const record of rawResults) {
    const row = readResult(record, timeScale);
    if (row && raceIds.has(row.raceId) && participantIds.has(row.participantId)) results.push(row);
    else skippedResults++;
  }

  const structure: Structure = { classes, participants, races, courses };
  return {
    ok: true,
    export: {
      event: readEvent(tables.get('Events')![0]),
      images: readImages(tables.get('Events')![0]),
      structure,
      results,
      timeUnit: timeScale.unit,
      counts: {
        classes: classes.length,
        categories: classes.reduce((sum, c) => sum + c.categories.length, 0),
        races: races.length,
        participants: participants.length,
        results: results.length,
        courses: courses.length,
      },
      skippedResults,
    },
  };
}

// ---- tables ----------------------------------------------------------------------------------

function readEvent(record: DataRecord): XmlEventDetails {
  return {
    eventId: str(record, 'EventId'),
    mainTitle: str(record, 'MainTitle'),
    subTitle: str(record, 'SubTitle'),
    location: str(record, 'Location'),
    facility: str(record, 'Facility'),
    startDate: date(record, 'StartDate'),
    endDate: date(record, 'EndDate'),
    discipline: str(record, 'CanoeDiscipline'),
  };
}

function readImages(record: DataRecord): ExportImage[] {
  return imageFields.map(([field, slot]) => readEventImage(slot, record.values[field])).filter((i) => i !== null);
}

function readClass(record: DataRecord): ClassDef | null {
  const classId = str(record, 'ClassId');
  if (classId === null) return null;
  const categories = unique(
    (record.children.Categories ?? []).map((c) => {
      const catId = str(c, 'CatId');
      return catId === null ? null : { catId, name: str(c, 'Category') ?? catId, firstYear: int(c, 'FirstYear'), lastYear: int(c, 'LastYear') };
    }),
    (c) => c.catId,
  );
  return { classId, name: str(record, 'Class') ?? classId, longTitle: str(record, 'LongTitle'), categories };
}

function readParticipant(record: DataRecord): Participant | null {
  const participantId = str(record, 'Id');
  const classId = str(record, 'ClassId');
  if (participantId === null || classId === null) return null;
  const members = [str(record, 'Member1'), str(record, 'Member2'), str(record, 'Member3')].filter((m) => m !== null);
  return {
    participantId,
    classId,
    bib: int(record, 'EventBib'),
    athleteId: str(record, 'ICFId'),
    familyName: str(record, 'FamilyName') ?? '',
    givenName: str(record, 'GivenName') ?? '',
    familyName2: str(record, 'FamilyName2'),
    givenName2: str(record, 'GivenName2'),
    noc: str(record, 'NOC'),
    club: str(record, 'Club'),
    catId: str(record, 'CatId'),
    year: int(record, 'Year'),
    isTeam: str(record, 'IsTeam')?.toLowerCase() === 'true',
    members,
  };
}

function readRace(record: DataRecord): Race | null {
  const raceId = str(record, 'RaceId');
  const classId = str(record, 'ClassId');
  // The `<unassigned>` placeholder row (no ClassId) is Canoe123's bucket, not a race.
  if (raceId === null || classId === null) return null;
  const disId = (str(record, 'DisId') ?? '').toUpperCase();
  return {
    raceId,
    classId,
    disId,
    raceType: raceTypeOf(disId),
    raceOrder: int(record, 'RaceOrder'),
    startTime: str(record, 'StartTime'),
    startInterval: str(record, 'StartInterval'),
    courseNr: int(record, 'CourseNr'),
    // c123-live-mini's default; Canoe123 always writes it.
    raceStatus: int(record, 'RaceStatus') ?? 1,
    customTitle: str(record, 'CustomTitle'),
  };
}

function readCourse(record: DataRecord): Course | null {
  const courseNr = int(record, 'CourseNr');
  if (courseNr === null) return null;
  return { courseNr, ...parseCourseConfig(record.values.CourseConfig ?? '') };
}

function readResult(record: DataRecord, scale: XmlTimeScale): XmlResultRow | null {
  const raceId = str(record, 'RaceId');
  const participantId = str(record, 'Id');
  if (raceId === null || participantId === null) return null;
  const time = (field: string) => convert(int(record, field), scale.timeToCs);
  const pen = (field: string) => convert(int(record, field), scale.penToCs);
  return {
    raceId,
    participantId,
    bib: int(record, 'Bib'),
    startOrder: int(record, 'StartOrder'),
    startTime: str(record, 'StartTime'),
    heatNr: int(record, 'HeatNr'),
    roundNr: int(record, 'RoundNr'),
    qualified: str(record, 'Qualified'),
    run: {
      status: status(record, 'Status'),
      dtStart: str(record, 'dtStart'),
      dtFinish: str(record, 'dtFinish'),
      time: time('Time'),
      pen: pen('Pen'),
      total: time('Total'),
      gates: parseGates(record.values.Gates),
    },
    c123: {
      rnk: int(record, 'Rnk'),
      catRnk: int(record, 'CatRnk'),
      totalBehind: str(record, 'TotalBehind'),
      catTotalBehind: str(record, 'catTotalBehind'),
      prevTime: time('PrevTime'),
      prevPen: pen('PrevPen'),
      prevTotal: time('PrevTotal'),
      prevRnk: int(record, 'PrevRnk'),
      prevStatus: status(record, 'PrevStatus'),
      totalTotal: time('TotalTotal'),
      totalRnk: int(record, 'TotalRnk'),
      totalCatRnk: int(record, 'TotalCatRnk'),
      // Kept raw: 0 on BR1 rows and when neither run counts, 1 or 2 otherwise.
      betterRunNr: int(record, 'BetterRunNr'),
    },
  };
}

// ---- values ----------------------------------------------------------------------------------

/** A trimmed value, null when the element is missing or empty (`<SubTitle />`). */
function str(record: DataRecord, field: string): string | null {
  const value = record.values[field];
  return value === undefined || value === '' ? null : value;
}

/** An integer (padded bibs like `"   1"` arrive trimmed), null when missing or not a plain integer. */
function int(record: DataRecord, field: string): number | null {
  const value = record.values[field];
  return value !== undefined && /^[+-]?\d{1,15}$/.test(value) ? Number(value) : null;
}

/** `2024-04-06T08:30:00+02:00` → `2024-04-06`; anything not starting with a date → null. */
function date(record: DataRecord, field: string): string | null {
  const value = str(record, field);
  return value !== null && /^\d{4}-\d{2}-\d{2}/.test(value) ? value.slice(0, 10) : null;
}

const STATUSES: ReadonlySet<string> = new Set<ResultStatus>(['DNS', 'DNF', 'DSQ', 'CAP']);

/** DNS/DNF/DSQ/CAP in any case; anything else (empty, RAL, junk) is no status. */
function status(record: DataRecord, field: string): ResultStatus | null {
  const value = str(record, field)?.toUpperCase();
  return value !== undefined && STATUSES.has(value) ? (value as ResultStatus) : null;
}

function convert(raw: number | null, toCs: (raw: number) => number): number | null {
  return raw === null ? null : toCs(raw);
}

/** Drops nulls and later duplicates of a key: downstream keys its maps by these ids. */
function unique<T>(items: (T | null)[], key: (item: T) => unknown): T[] {
  const seen = new Set<unknown>();
  const kept: T[] = [];
  for (const item of items) {
    if (item === null) continue;
    const k = key(item);
    if (seen.has(k)) continue;
    seen.add(k);
    kept.push(item);
  }
  return kept;
}
