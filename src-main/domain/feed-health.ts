/**
 * Feed health: what each source (c123-server today, a direct Canoe123 link later) delivered on
 * each channel, what went wrong, and whether its silence means it died. Pure: the record and the
 * timing state come in, a new record or a report goes out; time is an argument.
 *
 * A channel is stale only when the timing says data is due and it has been quiet for longer than
 * its own rhythm, never after a fixed time:
 * - riders on course (started, not finished, at the last on-course push): c123-server pushes the
 *   on-course list about every second while a rider runs (real capture: median 0.8 s, longest
 *   6.5 s) and results follow every finish;
 * - a race in progress (Canoe123's RaceStatus 3) while the event is running: results come after
 *   each finish (real capture: 2–54 s apart).
 * The rhythm is the longest gap seen between deliveries while data was due (the last 20 such
 * gaps, a stale gap never counted), or a prior from the real data until five gaps are known; a
 * channel is stale after twice that. The source as a whole is silent when nothing at all came
 * from it for longer than the shortest such limit: that is the dead-feed warning.
 *
 * A channel with a problem in the last minutes is never "ok": its state says warning or failing.
 * The record is plain JSON: the store keeps it beside the activity log, so a restarted station
 * still knows when each source last spoke and what the timing said then.
 */
import type {
  FeedChannel,
  FeedChannelReport,
  FeedChannelState,
  FeedProblem,
  FeedReason,
  FeedSource,
  FeedSourceReport,
  FeedsReport,
  LastImport,
} from '../wire/admin.ts';
import { feedChannels, feedSources } from '../wire/admin.ts';

export interface ChannelRecord {
  lastAt: number | null;
  count: number;
  errors: number;
  problem: FeedProblem | null;
  problemAt: number | null;
  /** Gaps (ms) between deliveries while data was due, oldest first, at most RHYTHM_SAMPLES. */
  gaps: number[];
  /** Deliveries in the last minute, per second: [second since the epoch, count], oldest first. */
  recent: [number, number][];
}

export interface SourceRecord {
  /** When anything last came from the source (deliveries, refused and ignored pushes). */
  lastAt: number | null;
  channels: Partial<Record<FeedChannel, ChannelRecord>>;
  /** What the source's last on-course push said. */
  riders: { at: number; running: number; atStart: number } | null;
}

export interface FeedRecord {
  sources: Partial<Record<FeedSource, SourceRecord>>;
  lastImport: LastImport | null;
}

/** What the event's timing says now, for what is due. */
export interface TimingState {
  /** The event is running (only then is anything due). */
  running: boolean;
  /** Canoe123 says a race is in progress (RaceStatus 3). */
  raceInProgress: boolean;
}

export const emptyFeedRecord: FeedRecord = { sources: {}, lastImport: null };

/** Gaps kept per channel to judge its rhythm. */
export const RHYTHM_SAMPLES = 20;
/** Below this many gaps the prior rhythm still counts. */
export const RHYTHM_MIN_SAMPLES = 5;
/** A channel is stale after this many rhythms of silence. */
export const RHYTHM_FACTOR = 2;
/** Rhythm before the channel's own is known, from the real capture (see the head of this file). */
export const PRIOR_RHYTHM_MS: Record<FeedChannel, number | null> = { xml: null, results: 60_000, oncourse: 5_000 };
/** Never stale sooner than this, whatever the rhythm. */
export const MIN_STALE_MS: Record<FeedChannel, number> = { xml: 0, results: 30_000, oncourse: 10_000 };
/** No slalom run lasts this long: riders last seen on course this long ago are not still on it. */
export const RIDERS_LAPSE_MS = 10 * 60_000;
/** A problem this recent keeps a delivering channel out of "ok". */
export const PROBLEM_MEMORY_MS = 10 * 60_000;

// ---- recording -----------------------------------------------------------------------------------

/** A channel delivered accepted data. */
export function recordDelivery(rec: FeedRecord, source: FeedSource, channel: FeedChannel, now: number, timing: TimingState): FeedRecord {
  return updateChannel(rec, source, channel, now, (c, src) => {
    const gaps = [...c.gaps];
    if (c.lastAt !== null && dueOn(channel, src, timing, c.lastAt) !== null) {
      const gap = now - c.lastAt;
      // A stale gap is the outage, not the rhythm.
      if (gap <= staleAfter(channel, c)!) gaps.push(gap);
      while (gaps.length > RHYTHM_SAMPLES) gaps.shift();
    }
    return { ...c, lastAt: now, count: c.count + 1, gaps, recent: countIn(c.recent, now) };
  });
}

/** Something came on a channel but was refused, unreadable or ignored. */
export function recordProblem(rec: FeedRecord, source: FeedSource, channel: FeedChannel, now: number, problem: FeedProblem): FeedRecord {
  // Pushes before the first XML are what every c123-server connect starts with: a state to show
  // until the XML comes, not an error to remember.
  const error = problem.kind === 'beforeXml' ? 0 : 1;
  return updateChannel(rec, source, channel, now, (c) => ({ ...c, errors: c.errors + error, problem, problemAt: now }));
}

/** What the source's on-course push said: riders running and waiting at the start. */
export function recordRiders(rec: FeedRecord, source: FeedSource, now: number, running: number, atStart: number): FeedRecord {
  const src = rec.sources[source] ?? emptySource();
  return { ...rec, sources: { ...rec.sources, [source]: { ...src, riders: { at: now, running, atStart } } } };
}

export function recordImport(rec: FeedRecord, lastImport: LastImport): FeedRecord {
  return { ...rec, lastImport };
}

function updateChannel(
  rec: FeedRecord,
  source: FeedSource,
  channel: FeedChannel,
  now: number,
  change: (c: ChannelRecord, src: SourceRecord) => ChannelRecord,
): FeedRecord {
  const src = rec.sources[source] ?? emptySource();
  const c = src.channels[channel] ?? emptyChannel();
  const next: SourceRecord = { ...src, lastAt: now, channels: { ...src.channels, [channel]: change(c, src) } };
  return { ...rec, sources: { ...rec.sources, [source]: next } };
}

/** The per-second counts with one more delivery at `now`, seconds older than a minute dropped (at most 60 kept). */
function countIn(recent: readonly [number, number][], now: number): [number, number][] {
  const second = Math.floor(now / 1000);
  const kept = recent.filter(([s]) => s > second - 60);
  const last = kept[kept.length - 1];
  if (last && last[0] === second) kept[kept.length - 1] = [second, last[1] + 1];
  else kept.push([second, 1]);
  return kept;
}

function perMinute(recent: readonly [number, number][], now: number): number {
  const second = Math.floor(now / 1000);
  return recent.reduce((sum, [s, n]) => (s > second - 60 ? sum + n : sum), 0);
}

const emptySource = (): SourceRecord => ({ lastAt: null, channels: {}, riders: null });
const emptyChannel = (): ChannelRecord => ({ lastAt: null, count: 0, errors: 0, problem: null, problemAt: null, gaps: [], recent: [] });

// ---- judging ---------------------------------------------------------------------------------------

/** Why data is due on `channel` at `at`, from what the source said and the event's timing. */
export function dueOn(channel: FeedChannel, src: SourceRecord, timing: TimingState, at: number): FeedReason | null {
  if (!timing.running || channel === 'xml') return null;
  const riders = src.riders !== null && src.riders.running > 0 && at - src.riders.at < RIDERS_LAPSE_MS;
  if (riders) return 'ridersOnCourse';
  return channel === 'results' && timing.raceInProgress ? 'raceInProgress' : null;
}

/** The channel's rhythm (ms): the longest recent gap while data was due, or the prior. */
export function rhythmOf(channel: FeedChannel, c: Pick<ChannelRecord, 'gaps'>): number | null {
  const prior = PRIOR_RHYTHM_MS[channel];
  if (prior === null) return null;
  const longest = c.gaps.length ? Math.max(...c.gaps) : 0;
  return c.gaps.length >= RHYTHM_MIN_SAMPLES ? longest : Math.max(prior, longest);
}

/** Quiet time after which the channel is stale while data is due. */
export function staleAfter(channel: FeedChannel, c: Pick<ChannelRecord, 'gaps'>): number | null {
  const rhythm = rhythmOf(channel, c);
  return rhythm === null ? null : Math.max(MIN_STALE_MS[channel], RHYTHM_FACTOR * rhythm);
}

/**
 * The report for the dashboard: every source that ever spoke, and the event's chosen one (the
 * timing source on the dashboard, c123-server unless changed) even before it has, judged at `now`.
 */
export function judgeFeeds(rec: FeedRecord, timing: TimingState, now: number, primary: FeedSource | null = 'c123-server'): FeedsReport {
  const kinds = feedSources.filter((s) => rec.sources[s] !== undefined || s === primary);
  return { sources: kinds.map((s) => judgeSource(s, rec.sources[s] ?? emptySource(), timing, now)), lastImport: rec.lastImport };
}

function judgeSource(source: FeedSource, src: SourceRecord, timing: TimingState, now: number): FeedSourceReport {
  const channels = feedChannels.map((ch) => judgeChannel(ch, src.channels[ch] ?? emptyChannel(), src, timing, now));
  let silent: FeedSourceReport['silent'] = null;
  if (src.lastAt !== null) {
    const due = channels.filter((c) => c.due !== null && c.staleAfterMs !== null);
    const limit = Math.min(...due.map((c) => c.staleAfterMs!));
    if (due.length && now - src.lastAt > limit) {
      silent = { since: src.lastAt, reason: due.some((c) => c.due === 'ridersOnCourse') ? 'ridersOnCourse' : 'raceInProgress' };
    }
  }
  return { source, lastAt: src.lastAt, silent, channels };
}

function judgeChannel(channel: FeedChannel, c: ChannelRecord, src: SourceRecord, timing: TimingState, now: number): FeedChannelReport {
  const due = dueOn(channel, src, timing, now);
  const limit = staleAfter(channel, c);
  return {
    channel,
    state: channelState(c, due, limit, now),
    lastAt: c.lastAt,
    count: c.count,
    perMinute: perMinute(c.recent, now),
    errors: c.errors,
    problem: c.problem,
    problemAt: c.problemAt,
    due,
    staleAfterMs: limit,
  };
}

function channelState(c: ChannelRecord, due: FeedReason | null, limit: number | null, now: number): FeedChannelState {
  if (c.problemAt !== null && (c.lastAt === null || c.problemAt > c.lastAt)) return 'failing';
  if (c.lastAt === null) return 'never';
  if (due !== null && limit !== null && now - c.lastAt > limit) return 'stale';
  if (c.problemAt !== null && c.problem?.kind !== 'beforeXml' && now - c.problemAt < PROBLEM_MEMORY_MS) return 'warning';
  if (due === null && limit !== null && now - c.lastAt > limit) return 'idle';
  return 'ok';
}

// ---- words -----------------------------------------------------------------------------------------

const sourceName: Record<FeedSource, string> = { 'c123-server': 'c123-server', canoe123: 'Canoe123' };
/** What to do about a silent source, by source. */
const silenceAdvice: Record<FeedSource, string> = {
  'c123-server': "it may need 'Force push XML' or a restart",
  canoe123: 'check the Timing source panel (Canoe123 running, its address, the network)',
};
const channelNoun: Record<FeedChannel, string> = { xml: 'An XML export', results: 'Results', oncourse: 'Riders on course' };

/** A problem in an English sentence, for the activity log (the dashboard has its own, translated). */
export function problemSentence(p: FeedProblem): string {
  switch (p.kind) {
    case 'refused':
      if (p.status === 'official')
        return `${channelNoun[p.channel]} for an official event ${p.channel === 'results' ? 'were' : 'was'} refused: official results are final. Turn off c123-server's live push for this event.`;
      if (p.status === 'finished') return `${channelNoun[p.channel]} were refused: the event is finished. Set it back to Running if racing goes on.`;
      return `${channelNoun[p.channel]} ${p.channel === 'xml' ? 'was' : 'were'} refused: the event is ${p.status === 'draft' ? 'still a draft' : 'showing the startlist'}. Set it to Running to publish them.`;
    case 'invalidXml':
      return `An XML export could not be read (${p.detail}). Check the file Canoe123 writes, then press 'Force push XML' in c123-server.`;
    case 'beforeXml':
      return `${channelNoun[p.channel]} are ignored until an XML export arrives: press 'Force push XML' in c123-server, or import the XML here.`;
    case 'unknownRows':
      return `${p.count} result ${p.count === 1 ? 'row names' : 'rows name'} a race or competitor the imported XML does not know: import the current XML ('Force push XML' in c123-server).`;
  }
}

/** The dead-feed warning in English, for the activity log. */
export function silenceSentence(source: FeedSource, silentForMs: number, reason: FeedReason): string {
  const s = Math.round(silentForMs / 1000);
  return `${sourceName[source]} has sent nothing for ${s} s while ${reason === 'ridersOnCourse' ? 'riders are on course' : 'a race is in progress'} — ${silenceAdvice[source]}.`;
}
