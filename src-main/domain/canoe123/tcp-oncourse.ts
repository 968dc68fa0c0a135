/**
 * Canoe123's TCP `OnCourse` message (docs/CANOE123-FORMATS.md): ONE rider per
 * message, cycling through everyone on course — `<OnCourse Total="2" Position="1">` with the
 * rider's `Participant`, `Result Type="C"` (gates, start/split/finish times of day) and
 * `Result Type="T"` (time, pen, total, time-to-beat, rank); `Total="0"` with no rider = nobody.
 *
 * Read here into station units (centiseconds; gate penalties in seconds), then mapped to the
 * same `OnCourseInput` row the ingest API takes, so the merge per bib and the expiry are the
 * domain's (live-ingest.ts), not this file's. Pure; never throws.
 */
import type { EventState } from '../model.ts';
import { participantOf, raceById } from '../public-view.ts';
import { childOf, intAttr, secondsAttrToCs, textAttr, type TcpElement } from './tcp-elements.ts';
import { timeOfDay } from './live-rows.ts';
import type { OnCourseInput } from '../../wire/ingest.ts';
import type { OnCourseSplitInput } from './on-course-splits.ts';

export interface TcpOnCourseRider {
  bib: number | null;
  participantId: string | null;
  raceId: string | null;
  name: string | null;
  club: string | null;
  startOrder: number | null;
  /** Penalty seconds per gate; null = not passed yet. */
  gates: (number | null)[];
  completed: boolean;
  dtStart: string | null;
  dtSplit1: string | null;
  dtSplit2: string | null;
  dtFinish: string | null;
  /** cs; whole seconds while running, hundredths once finished. */
  time: number | null;
  pen: number | null;
  total: number | null;
  ttbDiff: string | null;
  ttbName: string | null;
  rank: number | null;
}

export interface TcpOnCourse {
  /** Riders on course, as Canoe123 counts them. */
  total: number | null;
  /** This rider's place on course (1 = nearest the finish). */
  position: number | null;
  rider: TcpOnCourseRider | null;
}

export function readOnCourse(el: TcpElement): TcpOnCourse {
  const p = childOf(el, 'Participant');
  const c = childOf(el, 'Result', 'C');
  const t = childOf(el, 'Result', 'T');
  const pen = intAttr(t, 'Pen');
  return {
    total: intAttr(el, 'Total'),
    position: intAttr(el, 'Position'),
    rider: p
      ? {
          bib: intAttr(p, 'Bib'),
          participantId: textAttr(p, 'Id'),
          raceId: textAttr(p, 'RaceId'),
          name: textAttr(p, 'Name'),
          club: textAttr(p, 'Club'),
          startOrder: intAttr(p, 'StartOrder'),
          gates: commaGates(c?.attrs.Gates),
          completed: c?.attrs.Completed?.trim() === 'Y',
          dtStart: timeOfDay(textAttr(c, 'dtStart')),
          dtSplit1: timeOfDay(textAttr(c, 'dtSplit1')),
          dtSplit2: timeOfDay(textAttr(c, 'dtSplit2')),
          dtFinish: timeOfDay(textAttr(c, 'dtFinish')),
          time: secondsAttrToCs(t, 'Time'),
          pen: pen === null ? null : pen * 100,
          total: secondsAttrToCs(t, 'Total'),
          ttbDiff: textAttr(t, 'TTBDiff'),
          ttbName: textAttr(t, 'TTBName'),
          rank: intAttr(t, 'Rank'),
        }
      : null,
  };
}

/** `"0,0,2,,,"` → [0, 0, 2, null, null, null]; `""` → []. */
function commaGates(raw: string | undefined): (number | null)[] {
  if (raw === undefined || raw.trim() === '') return [];
  return raw.split(',').map((g) => {
    const v = g.trim();
    return /^\d{1,3}$/.test(v) ? Number(v) : null;
  });
}

/**
 * The ingest API's on-course row for this message's rider, or null when it names nobody the
 * event knows. Before the start Canoe123 sends `Total="0.00"` with no time: that is no total yet.
 */
export function onCourseInputOf(state: EventState, msg: TcpOnCourse): (OnCourseInput & OnCourseSplitInput) | null {
  const r = msg.rider;
  if (!r || r.bib === null || r.raceId === null) return null;
  const participantId = participantIdFor(state, r.raceId, r.participantId, r.bib);
  if (participantId === null) return null;
  return {
    participantId,
    raceId: r.raceId,
    bib: r.bib,
    name: r.name,
    club: r.club,
    position: msg.position ?? 0,
    gates: r.gates,
    dtStart: r.dtStart,
    dtSplit1: r.dtSplit1,
    dtSplit2: r.dtSplit2,
    dtFinish: r.dtFinish,
    time: r.time,
    pen: r.pen ?? 0,
    total: r.time === null && !r.total ? null : r.total,
    rank: r.rank !== null && r.rank > 0 ? r.rank : null,
    ttbDiff: r.ttbDiff,
    ttbName: r.ttbName,
  };
}

/**
 * The event's participant a TCP row names: its `Id` when the export knows it (TCP ids are the
 * export's `Participants/Id`), else the participant of the race's class with that bib.
 */
export function participantIdFor(state: EventState, raceId: string, id: string | null, bib: number | null): string | null {
  if (id !== null && participantOf(state, id)) return id;
  const race = raceById(state, raceId);
  if (!race || bib === null) return null;
  const found = state.structure.participants.find((p) => p.classId === race.classId && p.bib === bib);
  return found?.participantId ?? null;
}
