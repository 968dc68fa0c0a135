/**
 * The one place domain state becomes wire shapes, for REST and WebSocket alike. Pure: state in,
 * plain objects out. Drafts are filtered by the callers (a draft has no public view).
 *
 * Official is the strongest state: once the event is official every race of it reads official
 * (`officialAt` = when the event became official, unless officials marked the race earlier), and
 * nobody of an official event or race is shown on course, whatever Canoe123 still says.
 */
import type {
  PublicAggregatedCategory,
  PublicClass,
  PublicEvent,
  PublicEventDetail,
  PublicEventStatus,
  PublicGate,
  PublicOnCourseEntry,
  PublicRace,
  PublicResult,
  PublicStartlistEntry,
} from '../wire/api.ts';
import type { WsFullPayload } from '../wire/live.ts';
import type { EventState, Participant, Race, ResultRow, RunFields } from './model.ts';
import { effectiveRun } from './result-merge.ts';
import { headerImage } from './canoe123/event-images.ts';
import { combineRuns, pairBestRuns, rankRows, type Rank } from './ranking.ts';

export function publicEvent(state: EventState): PublicEvent {
  const m = state.meta;
  return {
    eventId: m.eventId,
    mainTitle: m.mainTitle,
    subTitle: m.subTitle,
    location: m.location,
    startDate: m.startDate,
    endDate: m.endDate,
    discipline: m.discipline,
    status: state.status as PublicEventStatus,
    imageUrl: imageUrlOf(state),
    statusChangedAt: state.statusChangedAt,
  };
}

/** Where the event's header image is served, versioned by its tag; null without one. */
export function imageUrlOf(state: EventState): string | null {
  const image = headerImage(state.images);
  return image ? `/api/v1/events/${encodeURIComponent(state.meta.eventId)}/image?v=${image.tag}` : null;
}

export function publicEventDetail(state: EventState): PublicEventDetail {
  return { ...publicEvent(state), facility: state.meta.facility };
}

export function publicClasses(state: EventState): PublicClass[] {
  return [...state.structure.classes]
    .sort((a, b) => a.classId.localeCompare(b.classId))
    .map((c) => ({ classId: c.classId, name: c.name, longTitle: c.longTitle, categories: c.categories.map((k) => ({ ...k })) }));
}

export function publicRaces(state: EventState): PublicRace[] {
  const pairs = pairsOf(state);
  return [...state.structure.races].sort((a, b) => (a.raceOrder ?? 0) - (b.raceOrder ?? 0)).map((r) => publicRace(state, r, pairs));
}

export function publicRace(state: EventState, r: Race, pairs = pairsOf(state)): PublicRace {
  return {
    raceId: r.raceId,
    classId: r.classId,
    raceType: r.raceType,
    raceOrder: r.raceOrder,
    startTime: r.startTime,
    raceStatus: r.raceStatus,
    officialAt: raceOfficialAt(state, r),
    pairedRaceId: pairs.get(r.raceId) ?? null,
    courseNr: r.courseNr,
  };
}

/** Canoe123's `RaceStatus` for a cancelled race: an official event does not make it "official". */
const RACE_CANCELLED = 7;

/**
 * When the race's results became official: the officials' mark on the race, else the moment the
 * whole event became official (a cancelled race stays cancelled); null while not official.
 */
export function raceOfficialAt(state: EventState, race: Race): string | null {
  const mark = state.officialRaces.get(race.raceId);
  if (mark) return mark.at;
  return state.status === 'official' && race.raceStatus !== RACE_CANCELLED ? state.statusChangedAt : null;
}

export function aggregatedCategories(state: EventState): PublicAggregatedCategory[] {
  const byId = new Map<string, PublicAggregatedCategory>();
  for (const c of state.structure.classes) {
    for (const k of c.categories) {
      const seen = byId.get(k.catId);
      if (seen) seen.classIds.push(c.classId);
      else byId.set(k.catId, { ...k, classIds: [c.classId] });
    }
  }
  return [...byId.values()].sort((a, b) => a.catId.localeCompare(b.catId));
}

export function fullPayload(state: EventState): WsFullPayload {
  return { event: publicEventDetail(state), classes: publicClasses(state), races: publicRaces(state), categories: aggregatedCategories(state) };
}

export function participantName(p: Participant): string {
  const one = `${p.familyName.toLocaleUpperCase('cs')} ${p.givenName}`.trim();
  if (!p.familyName2) return one;
  return `${one} / ${`${p.familyName2.toLocaleUpperCase('cs')} ${p.givenName2 ?? ''}`.trim()}`;
}

// ---- results ---------------------------------------------------------------------------------

export interface ResultsQuery {
  catId?: string | null;
  detailed?: boolean;
}

/**
 * The race's result list, ranked; best-run races give the combined list for either run's id.
 * Built once per state of the race's rows (see `listCache`) and frozen: callers share it.
 */
export function raceResults(state: EventState, raceId: string, query: ResultsQuery = {}): readonly PublicResult[] | null {
  const race = raceById(state, raceId);
  if (!race) return null;
  const detailed = !!query.detailed;
  let byKey = listCache.get(state.results)?.get(state.structure);
  if (!byKey) {
    let byStructure = listCache.get(state.results);
    if (!byStructure) listCache.set(state.results, (byStructure = new WeakMap()));
    byStructure.set(state.structure, (byKey = new Map()));
  }
  const key = `${raceId}|${state.mergeStrategy}|${detailed}`;
  let rows = byKey.get(key);
  if (!rows) {
    const partner = pairsOf(state).get(raceId);
    const built =
      race.disId === 'BR1' || race.disId === 'BR2'
        ? bestRunResults(state, race, partner ? raceById(state, partner) : undefined, detailed)
        : standardResults(state, race, detailed);
    rows = Object.freeze(built.map((r) => Object.freeze(r)));
    byKey.set(key, rows);
  }
  return query.catId ? rows.filter((r) => r.catId === query.catId) : rows;
}

/** The fields only a detailed list carries (`detailOf`, and a best-run race's first run's). */
const detailFields = ['dtStart', 'dtFinish', 'gates', 'courseGateCount', 'prevDtStart', 'prevDtFinish', 'prevGates'] as const;

/**
 * A query answered from the race's complete detailed list, as `raceResults` answers it from the
 * state (a relay holds only that list; test/unit/domain/select-results.test.ts checks both agree).
 */
export function selectResults(detailed: readonly PublicResult[], query: ResultsQuery = {}): PublicResult[] {
  const rows = query.catId ? detailed.filter((r) => r.catId === query.catId) : detailed;
  if (query.detailed) return [...rows];
  return rows.map((r) => {
    const plain: Record<string, unknown> = { ...r };
    for (const f of detailFields) delete plain[f];
    return plain as PublicResult;
  });
}

// Per results map and structure (both replaced, never mutated, on every change): a live diff reads
// a race's list before and after a change, and the list before is the one the change before built.
const listCache = new WeakMap<object, WeakMap<object, Map<string, readonly PublicResult[]>>>();

function standardResults(state: EventState, race: Race, detailed: boolean): PublicResult[] {
  const rows = [...(state.results.get(race.raceId)?.values() ?? [])];
  const runs = new Map(rows.map((r) => [r.participantId, effectiveRun(r)]));
  const ranks = rankRows(
    rows.map((r) => {
      const run = runs.get(r.participantId)!;
      return { key: r.participantId, total: run.total, status: run.status, catId: participantOf(state, r.participantId)?.catId ?? null };
    }),
  );
  const gateTypes = gateTypesOf(state, race);
  const out = rows.map((row) => {
    const run = runs.get(row.participantId)!;
    const base = baseResult(state, row, run, ranks.get(row.participantId)!);
    return detailed ? { ...base, ...detailOf(run, gateTypes) } : base;
  });
  return sortResults(out, (r) => r.status);
}

function bestRunResults(state: EventState, race: Race, partner: Race | undefined, detailed: boolean): PublicResult[] {
  const [br1, br2] = race.disId === 'BR1' ? [race, partner] : [partner, race];
  const rows1 = br1 ? state.results.get(br1.raceId) : undefined;
  const rows2 = br2 ? state.results.get(br2.raceId) : undefined;
  const ids = new Set<string>([...(rows1?.keys() ?? []), ...(rows2?.keys() ?? [])]);
  const combined = [...ids].map((id) => {
    const row1 = rows1?.get(id) ?? null;
    const row2 = rows2?.get(id) ?? null;
    const run1 = row1 ? effectiveRun(row1) : null;
    const run2 = row2 ? effectiveRun(row2) : null;
    return { id, row1, row2, run1, run2, c: combineRuns(run1, run2) };
  });
  const ranks = rankRows(
    combined.map((x) => ({
      key: x.id,
      total: x.c.totalTotal,
      tieBreak: x.c.otherTotal,
      status: x.c.status,
      catId: participantOf(state, x.id)?.catId ?? null,
    })),
  );
  // prevRnk: the participant's place in run 1 alone, by the same ranking rule.
  const run1Ranks = rankRows(
    combined
      .filter((x) => x.run1)
      .map((x) => ({
        key: x.id,
        total: x.run1!.total,
        status: x.run1!.status,
        catId: null,
      })),
  );
  const types1 = br1 ? gateTypesOf(state, br1) : null;
  const types2 = br2 ? gateTypesOf(state, br2) : null;
  const out = combined.map((x) => {
    const both = x.run1 !== null && x.c.run2 !== null;
    const primaryRow = (x.row2 ?? x.row1)!;
    const primaryRun = x.c.run2 ?? x.run1!;
    const base = baseResult(state, primaryRow, primaryRun, ranks.get(x.id)!);
    const result: PublicResult = {
      ...base,
      status: x.c.status,
      betterRunNr: x.c.betterRunNr,
      totalTotal: x.c.totalTotal,
      prevTime: both ? x.run1!.time : null,
      prevPen: both ? x.run1!.pen : null,
      prevTotal: both ? x.run1!.total : null,
      prevRnk: both ? (run1Ranks.get(x.id)?.rnk ?? null) : null,
      prevStatus: x.c.prevStatus,
      currStatus: x.c.currStatus,
    };
    if (!detailed) return result;
    const primaryTypes = (x.c.run2 ? types2 : types1) ?? null;
    return {
      ...result,
      ...detailOf(primaryRun, primaryTypes),
      prevDtStart: both ? x.run1!.dtStart : null,
      prevDtFinish: both ? x.run1!.dtFinish : null,
      prevGates: both ? gatesOf(x.run1!.gates, types1) : null,
    };
  });
  return sortResults(out, (r) => r.status);
}

/** Who a row is: the fields results and startlists share. */
function identityOf(state: EventState, row: ResultRow) {
  const p = participantOf(state, row.participantId);
  return {
    bib: row.bib ?? p?.bib ?? null,
    athleteId: p?.athleteId ?? null,
    name: p ? participantName(p) : row.participantId,
    club: p?.club ?? null,
    noc: p?.noc ?? null,
    catId: p?.catId ?? null,
    year: p?.year ?? null,
  };
}

function baseResult(state: EventState, row: ResultRow, run: RunFields, rank: Rank): PublicResult {
  return {
    rnk: rank.rnk,
    ...identityOf(state, row),
    catRnk: rank.catRnk,
    time: run.time,
    pen: run.pen,
    total: run.total,
    totalBehind: rank.totalBehind,
    catTotalBehind: rank.catTotalBehind,
    status: run.status,
    participantId: row.participantId,
    startOrder: row.startOrder,
  };
}

function detailOf(run: RunFields, types: string | null) {
  return { dtStart: run.dtStart, dtFinish: run.dtFinish, gates: gatesOf(run.gates, types), courseGateCount: types ? types.length : null };
}

const statusOrder: Record<string, number> = { CAP: 1, DNF: 2, DSQ: 3, DNS: 4 };

/** One ordering rule for every channel: ranked by place, then still to come, then DNF/DSQ/DNS. */
function sortResults(rows: PublicResult[], statusOf: (r: PublicResult) => string | null): PublicResult[] {
  const group = (r: PublicResult) => (r.rnk !== null ? 0 : statusOf(r) ? 1 + (statusOrder[statusOf(r)!] ?? 5) : 1);
  return rows.sort(
    (a, b) =>
      group(a) - group(b) || (a.rnk ?? 0) - (b.rnk ?? 0) || (a.startOrder ?? 1e9) - (b.startOrder ?? 1e9) || a.participantId.localeCompare(b.participantId),
  );
}

// ---- gates, startlist, on-course ---------------------------------------------------------------

/**
 * Gate penalties with their types from the race's course; slots past the course and unpassed tail
 * trimmed. One list per stored gates array and course (a run's gates are replaced, never mutated),
 * so a row that did not change keeps the same list, and a live diff sees that at a glance.
 */
export function gatesOf(gates: readonly (number | null)[] | null, types: string | null): PublicGate[] | null {
  if (!gates) return null;
  let byTypes = gateLists.get(gates);
  if (!byTypes) gateLists.set(gates, (byTypes = new Map()));
  let list = byTypes.get(types);
  if (!list) byTypes.set(types, (list = Object.freeze(buildGates(gates, types)) as PublicGate[]));
  return list;
}
const gateLists = new WeakMap<readonly (number | null)[], Map<string | null, PublicGate[]>>();

function buildGates(gates: readonly (number | null)[], types: string | null): PublicGate[] {
  let last = gates.length;
  while (last > 0 && gates[last - 1] === null && (!types || last > types.length)) last--;
  const out: PublicGate[] = [];
  for (let i = 0; i < last; i++) {
    const t = types?.[i];
    out.push({ number: i + 1, type: t === 'R' ? 'reverse' : t === 'N' ? 'normal' : 'unknown', penalty: gates[i] ?? null });
  }
  return out;
}

export function startlist(state: EventState, raceId: string): PublicStartlistEntry[] | null {
  const race = raceById(state, raceId);
  if (!race) return null;
  const rows = [...(state.results.get(raceId)?.values() ?? [])];
  return rows
    .map((row) => ({ startOrder: row.startOrder, ...identityOf(state, row), startTime: row.startTime, participantId: row.participantId }))
    .sort((a, b) => (a.startOrder ?? 1e9) - (b.startOrder ?? 1e9) || (a.bib ?? 0) - (b.bib ?? 0));
}

/** Who is on the water: nobody once the event is official, and nobody in a race already official. */
export function onCourseList(state: EventState): PublicOnCourseEntry[] {
  if (state.status === 'official') return [];
  const leaders = new Map<string, RaceLeaders>();
  const leadersOf = (raceId: string) => {
    let l = leaders.get(raceId);
    if (!l) leaders.set(raceId, (l = raceLeaders(state, raceId)));
    return l;
  };
  return [...state.onCourse.values()]
    .filter((e) => !state.officialRaces.has(e.raceId))
    .sort((a, b) => a.position - b.position || a.bib - b.bib)
    .map((e) => {
      const race = raceById(state, e.raceId);
      return {
        raceId: e.raceId,
        bib: e.bib,
        name: e.name,
        club: e.club,
        position: e.position,
        gates: gatesOf(e.gates, race ? gateTypesOf(state, race) : null) ?? [],
        completed: e.dtFinish !== null,
        dtStart: e.dtStart,
        dtFinish: e.dtFinish,
        time: e.time,
        pen: e.pen,
        total: e.total,
        rank: e.rank,
        ttbDiff: e.ttbDiff,
        ttbName: e.ttbName,
        ttbTime: timeToBeat(e.ttbDiff, e.ttbName, () => leadersOf(e.raceId)),
        splits: (e.splits ?? []).flatMap((time, i) => (time === null ? [] : [{ number: i + 1, time }])),
      };
    });
}

// ---- time to beat ------------------------------------------------------------------------------

/** The ranked riders of a race, best first: how Canoe123 abbreviates each name, and the result. */
type RaceLeaders = { name: string; total: number }[];

// Per results map (replaced, never mutated, on every change): a 10 Hz on-course feed ranks each
// race once per change of its results, not once per push.
const leadersCache = new WeakMap<object, Map<string, RaceLeaders>>();

function raceLeaders(state: EventState, raceId: string): RaceLeaders {
  let byRace = leadersCache.get(state.results);
  if (!byRace) leadersCache.set(state.results, (byRace = new Map()));
  const key = `${raceId}|${state.mergeStrategy}`;
  let leaders = byRace.get(key);
  if (!leaders) {
    leaders = [];
    for (const r of raceResults(state, raceId) ?? []) {
      const total = r.totalTotal !== undefined ? r.totalTotal : r.total;
      const p = participantOf(state, r.participantId);
      if (r.rnk === null || total === null || !p) continue;
      leaders.push({ name: ttbAbbreviation(p), total });
    }
    byRace.set(key, leaders);
  }
  return leaders;
}

/** "J. KREJČÍ", as Canoe123 names the rider to beat (accents and case ignored when compared). */
function ttbAbbreviation(p: Participant): string {
  return plainName(`${p.givenName.slice(0, 1)}. ${p.familyName}`);
}

function plainName(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

/**
 * The time to beat of a rider on course: Canoe123's when its `TTBDiff` is a time ("78.99"); else,
 * when it names the rider to beat, that rider's result in this race as the station ranks it.
 */
function timeToBeat(ttbDiff: string | null, ttbName: string | null, leaders: () => RaceLeaders): number | null {
  const sent = /^(\d+)(?:[.,](\d{1,2}))?$/.exec(ttbDiff?.trim() ?? '');
  if (sent) return Number(sent[1]) * 100 + Number((sent[2] ?? '0').padEnd(2, '0'));
  if (!ttbName) return null;
  const wanted = plainName(ttbName);
  return leaders().find((l) => l.name === wanted)?.total ?? null;
}

// ---- lookups (memoized per structure object; the structure is replaced, never mutated) -----------

interface Index {
  races: Map<string, Race>;
  participants: Map<string, Participant>;
  pairs: Map<string, string>;
  courses: Map<number, string>;
}
const indexes = new WeakMap<object, Index>();

function indexOf(state: EventState): Index {
  let idx = indexes.get(state.structure);
  if (!idx) {
    const s = state.structure;
    idx = {
      races: new Map(s.races.map((r) => [r.raceId, r])),
      participants: new Map(s.participants.map((p) => [p.participantId, p])),
      pairs: pairBestRuns(s.races),
      courses: new Map(s.courses.map((c) => [c.courseNr, c.gateConfig])),
    };
    indexes.set(state.structure, idx);
  }
  return idx;
}

export function raceById(state: EventState, raceId: string): Race | undefined {
  return indexOf(state).races.get(raceId);
}
export function participantOf(state: EventState, participantId: string): Participant | undefined {
  return indexOf(state).participants.get(participantId);
}
export function pairsOf(state: EventState): Map<string, string> {
  return indexOf(state).pairs;
}
function gateTypesOf(state: EventState, race: Race): string | null {
  return race.courseNr === null ? null : (indexOf(state).courses.get(race.courseNr) ?? null);
}
