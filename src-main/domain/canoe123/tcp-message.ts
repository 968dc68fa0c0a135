/**
 * THE reader of Canoe123's TCP messages (docs/CANOE123-FORMATS.md, "Messages"): the text of
 * one message (without its `|`) in, typed messages out. One message usually carries one element
 * (`OnCourse`, `Results`, `Schedule`, `RaceConfig`, `TimeOfDay`, `TVS`); should it carry several,
 * each is read. The families with more than a few fields have their own file (tcp-oncourse.ts,
 * tcp-results.ts, tcp-schedule.ts); the small ones are read here.
 *
 * Values are read into the station's units once, here (seconds as text → centiseconds, whole
 * seconds of penalty → centiseconds, gate penalties stay seconds); the mapping to the ingest API's
 * rows is in the family files. Pure, never throws; a message that is not readable Canoe123 data
 * comes back as `{ ok: false, message }`, and an element type Raceside does not know as `unknown`
 * (a newer Canoe123 may add some). It never applies anything.
 */
import { intAttr, readTcpElements, type TcpElement } from './tcp-elements.ts';
import { readOnCourse, type TcpOnCourse } from './tcp-oncourse.ts';
import { readResults, type TcpResults } from './tcp-results.ts';
import { readSchedule, type TcpScheduleRace } from './tcp-schedule.ts';

export interface TcpRaceConfig {
  nrSplits: number | null;
  nrGates: number | null;
  /** `N`/`R` per gate, the export's CourseConfig without its `S` separators. */
  gateConfig: string;
  gateCaptions: string[];
}

export type TcpMessage =
  | { type: 'OnCourse'; data: TcpOnCourse }
  | { type: 'Results'; data: TcpResults }
  | { type: 'Schedule'; data: TcpScheduleRace[] }
  | { type: 'RaceConfig'; data: TcpRaceConfig }
  | { type: 'TimeOfDay'; data: { time: string } }
  | { type: 'TVS' }
  | { type: 'unknown'; name: string };

export type TcpMessageType = TcpMessage['type'];

export type TcpMessageRead = { ok: true; messages: TcpMessage[] } | { ok: false; message: string };

const TIME_OF_DAY = /^\d{1,2}:\d{2}:\d{2}(\.\d{1,3})?$/;

/** Reads one TCP message. Never throws. */
export function readTcpMessage(text: string): TcpMessageRead {
  const read = readTcpElements(text);
  if (!read.ok) return read;
  const messages: TcpMessage[] = [];
  for (const el of read.root.children) {
    const message = readElement(el);
    if (typeof message === 'string') return { ok: false, message: `Not a Canoe123 message: ${message}` };
    messages.push(message);
  }
  if (messages.length === 0) return { ok: false, message: 'Not a Canoe123 message: <Canoe123> carries nothing' };
  return { ok: true, messages };
}

/** One element of a message, or why it is unreadable. */
function readElement(el: TcpElement): TcpMessage | string {
  switch (el.name) {
    case 'OnCourse':
      return { type: 'OnCourse', data: readOnCourse(el) };
    case 'Results': {
      const data = readResults(el);
      return typeof data === 'string' ? data : { type: 'Results', data };
    }
    case 'Schedule':
      return { type: 'Schedule', data: readSchedule(el) };
    case 'RaceConfig':
      return { type: 'RaceConfig', data: readRaceConfig(el) };
    case 'TimeOfDay':
      return TIME_OF_DAY.test(el.text) ? { type: 'TimeOfDay', data: { time: el.text } } : `<TimeOfDay> holds "${el.text.slice(0, 20)}", not a time of day`;
    case 'TVS':
      return { type: 'TVS' };
    default:
      return { type: 'unknown', name: el.name };
  }
}

function readRaceConfig(el: TcpElement): TcpRaceConfig {
  const captions = (el.attrs.GateCaptions ?? '').trim();
  return {
    nrSplits: intAttr(el, 'NrSplits'),
    nrGates: intAttr(el, 'NrGates'),
    gateConfig: (el.attrs.GateConfig ?? '').toUpperCase().replace(/[^NR]/g, ''),
    gateCaptions: captions === '' ? [] : captions.split(',').map((c) => c.trim()),
  };
}
