/**
 * The station's domain state: plain, serializable data. One `EventState` per event holds what the
 * store persists (metadata, lifecycle, structure from the XML, result rows) and what it does not
 * (on-course riders, which live in memory only: a restart refills them within a second).
 *
 * Units inside: centiseconds for every time, penalty and total; gate penalties in seconds (0/2/50)
 * as Canoe123 shows them. The Canoe123 readers convert on the way in; nothing else converts.
 */
import type { MergeStrategy, PublicRaceType, EventStatus } from '../wire/api.ts';
import type { Actor, StatusChange } from '../wire/admin.ts';

export type { Actor, StatusChange };

export type ResultStatus = 'DNS' | 'DNF' | 'DSQ' | 'CAP';

export interface EventMeta {
  eventId: string;
  mainTitle: string;
  subTitle: string | null;
  location: string | null;
  facility: string | null;
  startDate: string | null; // YYYY-MM-DD
  endDate: string | null;
  discipline: string | null;
}

/**
 * One of the organiser's images from the export's `Events` section (Canoe123's report images:
 * left and right of the printed header, and the footer), kept with the event as Canoe123 wrote it.
 */
export interface EventImage {
  slot: 'left' | 'right' | 'footer';
  /** From the image's own first bytes (image/jpeg, image/png, image/gif, image/webp). */
  contentType: string;
  /** The image, base64 as in the export (whitespace removed). */
  data: string;
  /** Names this version of the image in URLs and ETags (given when the import brought it). */
  tag: string;
}

export interface Category {
  catId: string;
  name: string;
  firstYear: number | null;
  lastYear: number | null;
}

export interface ClassDef {
  classId: string;
  name: string;
  longTitle: string | null;
  categories: Category[];
}

export interface Participant {
  participantId: string; // Canoe123 Participants/Id, e.g. "30034.K1M_ST"
  classId: string;
  bib: number | null; // EventBib, trimmed
  athleteId: string | null; // ICFId
  familyName: string;
  givenName: string;
  /** Second paddler of a C2 crew. */
  familyName2: string | null;
  givenName2: string | null;
  noc: string | null;
  club: string | null;
  catId: string | null;
  year: number | null;
  isTeam: boolean;
  members: string[]; // team members (Member1..3)
}

export interface Race {
  raceId: string; // e.g. "K1M_ST_BR2_6"
  classId: string;
  disId: string; // BR1, BR2, SR, TSR, QUA, SEM, FIN, XT, X4, XS, XF, XER…
  raceType: PublicRaceType;
  raceOrder: number | null;
  startTime: string | null; // ISO 8601 with offset, as Canoe123 wrote it
  startInterval: string | null;
  courseNr: number | null;
  raceStatus: number; // Canoe123's code
  customTitle: string | null;
}

export interface Course {
  courseNr: number;
  /** Gate types, one character per gate, `N` normal or `R` reverse (Canoe123's `S` separators removed). */
  gateConfig: string;
  /** Gate numbers at which a section ends (positions of `S` in the raw config), for split display. */
  sectionEnds: number[];
}

/** The structure an XML export carries; it changes only with an XML import. */
export interface Structure {
  classes: ClassDef[];
  participants: Participant[];
  races: Race[];
  courses: Course[];
}

/** The fields of one run of one participant in one race, as Canoe123 and the live feed describe it. */
export interface RunFields {
  status: ResultStatus | null;
  dtStart: string | null; // HH:MM:SS.mmm Canoe123 local time of day
  dtFinish: string | null;
  time: number | null; // cs
  pen: number | null; // cs
  total: number | null; // cs
  gates: (number | null)[] | null; // penalty seconds per gate; null = not passed
}

/**
 * One row of a race (startlist and result at once). `xml` holds what the last XML import said;
 * `live` the fields a live ingest carried since; the public value of a field is decided by the
 * merge strategy (result-merge.ts), never by whoever wrote last.
 */
export interface ResultRow {
  raceId: string;
  participantId: string;
  bib: number | null;
  startOrder: number | null;
  startTime: string | null;
  heatNr: number | null;
  roundNr: number | null;
  qualified: string | null;
  xml: RunFields | null;
  live: Partial<RunFields> | null;
  /** Canoe123's own view, kept to cross-check our ranking (never shown as the rank). */
  c123: C123Ranks | null;
}

export interface C123Ranks {
  rnk: number | null;
  catRnk: number | null;
  totalBehind: string | null;
  catTotalBehind: string | null;
  prevTime: number | null;
  prevPen: number | null;
  prevTotal: number | null;
  prevRnk: number | null;
  prevStatus: ResultStatus | null;
  totalTotal: number | null;
  /** Best-run races: the combined place, overall and in the category (BR2 rows). */
  totalRnk: number | null;
  totalCatRnk: number | null;
  betterRunNr: number | null;
}

export interface OnCourseEntry {
  participantId: string;
  raceId: string;
  bib: number;
  name: string;
  club: string | null;
  position: number;
  gates: (number | null)[];
  dtStart: string | null;
  dtFinish: string | null;
  time: number | null;
  pen: number;
  total: number | null;
  rank: number | null;
  ttbDiff: string | null;
  ttbName: string | null;
  /** Split times in centiseconds from the start, index 0 = split 1; null = not passed (yet). */
  splits?: (number | null)[];
  /** When the station last saw this rider (ms since epoch), for the 10 s expiry. */
  lastSeen: number;
}

/**
 * In memory only: how the on-course feed went lately, to tell a snapshot from before an outage
 * (a station restart, or no on-course push for a long while) from a live one.
 */
export interface OnCourseFeed {
  /** When the last on-course push arrived (ms since the epoch); null since the station started. */
  lastPushAt: number | null;
  /** An outage was seen and no push with riders came since: the next one with riders is checked. */
  checkNext: boolean;
  /** Riders hidden as stale, `${raceId}|${bib}` → the start time they were hidden with ('' = none). */
  stale: ReadonlyMap<string, string>;
}

export const freshOnCourseFeed: OnCourseFeed = { lastPushAt: null, checkNext: false, stale: new Map() };

export interface RaceOfficialMark {
  raceId: string;
  at: string;
  by: Actor;
}

export interface EventState {
  meta: EventMeta;
  apiKey: string;
  status: EventStatus;
  statusChangedAt: string;
  history: StatusChange[];
  mergeStrategy: MergeStrategy;
  createdAt: string;
  hasXml: boolean;
  /** The organiser's images from the last XML export (empty when it carried none). */
  images: EventImage[];
  /** Bumped on every structure change; the WebSocket `full` is cached per version. */
  structureVersion: number;
  structure: Structure;
  /** raceId → participantId → row */
  results: Map<string, Map<string, ResultRow>>;
  officialRaces: Map<string, RaceOfficialMark>;
  /** In memory only: `${raceId}|${bib}` → entry. */
  onCourse: Map<string, OnCourseEntry>;
  onCourseFeed: OnCourseFeed;
}
