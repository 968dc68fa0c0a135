/**
 * When a feed counts as dead: judged from what the timing says is due and from the feed's own
 * rhythm, never after a fixed time. Pure functions; time is an argument.
 */
import { describe, expect, it } from 'vitest';
import {
  emptyFeedRecord,
  judgeFeeds,
  problemSentence,
  recordDelivery,
  recordProblem,
  recordRiders,
  silenceSentence,
  staleAfter,
  type FeedRecord,
  type TimingState,
} from '../../../src-main/domain/feed-health.ts';
import type { FeedChannel, FeedChannelReport } from '../../../src-main/wire/admin.ts';

const running: TimingState = { running: true, raceInProgress: true };
const S = 'c123-server' as const;
const channel = (rec: FeedRecord, t: TimingState, now: number, ch: FeedChannel): FeedChannelReport =>
  judgeFeeds(rec, t, now).sources[0].channels.find((c) => c.channel === ch)!;

/** Deliveries at the given times (ms); on-course ones report `running` riders. */
function feed(times: number[], ch: FeedChannel, t: TimingState = running, ridersRunning = 1): FeedRecord {
  let rec = emptyFeedRecord;
  for (const at of times) {
    rec = recordDelivery(rec, S, ch, at, t);
    if (ch === 'oncourse') rec = recordRiders(rec, S, at, ridersRunning, 0);
  }
  return rec;
}

describe('feed health', () => {
  it('reports c123-server with every channel "never" before anything came', () => {
    const report = judgeFeeds(emptyFeedRecord, running, 1000);
    expect(report.sources.map((s) => s.source)).toEqual(['c123-server']);
    expect(report.sources[0].channels.map((c) => `${c.channel}:${c.state}`)).toEqual(['xml:never', 'results:never', 'oncourse:never']);
    expect(report.sources[0].silent).toBeNull();
  });

  it('results 4–55 s apart in a race in progress stay ok (the old fixed 15 s called this stale)', () => {
    // The real capture's result pushes: t = 65.1, 68.9, 109.6, 117.1, 119.1, 120.4, 174.8, 177.0 s.
    const times = [65_140, 68_941, 109_599, 117_136, 119_148, 120_399, 174_841, 177_009];
    const rec = feed(times, 'results');
    // Every second of the capture, judged against the record as it stood then.
    for (let now = 66_000; now < 177_009; now += 1000) {
      const c = channel(
        feed(
          times.filter((x) => x <= now),
          'results',
        ),
        running,
        now,
        'results',
      );
      expect(c.state, `at ${now}`).toBe('ok');
    }
    // Learned rhythm: the longest of the 7 gaps (54.4 s); stale after twice that.
    expect(staleAfter('results', rec.sources[S]!.channels.results!)).toBe(2 * 54_442);
    expect(channel(rec, running, 177_009 + 108_884, 'results').state).toBe('ok');
    expect(channel(rec, running, 177_009 + 108_885, 'results').state).toBe('stale');
  });

  it('with riders on course, on-course silence past its rhythm is a dead source, said with the reason', () => {
    // A rider running, pushes every second.
    const times = Array.from({ length: 30 }, (_, i) => 1000 + i * 1000);
    const rec = feed(times, 'oncourse');
    const last = times.at(-1)!;
    expect(staleAfter('oncourse', rec.sources[S]!.channels.oncourse!)).toBe(10_000); // 2 × 1 s, at least 10 s
    expect(judgeFeeds(rec, running, last + 10_000).sources[0].silent).toBeNull();
    const dead = judgeFeeds(rec, running, last + 10_001).sources[0];
    expect(dead.silent).toEqual({ since: last, reason: 'ridersOnCourse' });
    expect(dead.channels.find((c) => c.channel === 'oncourse')!.state).toBe('stale');
    expect(silenceSentence('c123-server', 107_000, 'ridersOnCourse')).toBe(
      "c123-server has sent nothing for 107 s while riders are on course — it may need 'Force push XML' or a restart.",
    );
  });

  it('nothing is due with nobody on course and no race in progress, or outside "running"', () => {
    const idle = feed([1000, 2000, 3000], 'oncourse', running, 0);
    expect(judgeFeeds(idle, { running: true, raceInProgress: false }, 3_600_000).sources[0].silent).toBeNull();
    expect(channel(idle, { running: true, raceInProgress: false }, 3_600_000, 'oncourse').state).toBe('idle');
    const busy = feed([1000, 2000, 3000], 'oncourse');
    expect(judgeFeeds(busy, { running: false, raceInProgress: true }, 3_600_000).sources[0].silent).toBeNull();
  });

  it('riders last seen 10 min ago are not still on course: the reason falls back to the race in progress', () => {
    const rec = feed([1000], 'oncourse');
    expect(judgeFeeds(rec, running, 1000 + 11 * 60_000).sources[0].silent).toEqual({ since: 1000, reason: 'raceInProgress' });
    expect(judgeFeeds(rec, { running: true, raceInProgress: false }, 1000 + 11 * 60_000).sources[0].silent).toBeNull();
  });

  it('a stale gap is the outage, not the rhythm: the threshold does not grow from it', () => {
    const times = [0, 1000, 2000, 3000, 4000, 5000, 6000, 120_000, 121_000];
    const rec = feed(times, 'oncourse');
    expect(rec.sources[S]!.channels.oncourse!.gaps).not.toContain(114_000);
    expect(staleAfter('oncourse', rec.sources[S]!.channels.oncourse!)).toBe(10_000);
  });

  it('a feed with errors is never green: failing until it delivers again, then a warning for 10 min', () => {
    let rec = feed([1000], 'results');
    rec = recordProblem(rec, S, 'results', 2000, { kind: 'refused', channel: 'results', status: 'official' });
    expect(channel(rec, running, 2500, 'results')).toMatchObject({ state: 'failing', errors: 1 });
    rec = recordDelivery(rec, S, 'results', 3000, running);
    expect(channel(rec, running, 3500, 'results').state).toBe('warning');
    expect(channel(rec, running, 2000 + 10 * 60_000 + 1, 'results').state).not.toBe('warning');
  });

  it('pushes before the XML are a state to fix, not an error to remember', () => {
    let rec = recordProblem(emptyFeedRecord, S, 'oncourse', 1000, { kind: 'beforeXml', channel: 'oncourse' });
    expect(channel(rec, running, 1500, 'oncourse')).toMatchObject({ state: 'failing', errors: 0 });
    // The source spoke: it is alive.
    expect(judgeFeeds(rec, running, 1500).sources[0].lastAt).toBe(1000);
    rec = recordDelivery(rec, S, 'oncourse', 2000, running);
    expect(channel(rec, running, 2500, 'oncourse').state).toBe('ok');
  });

  it('counts deliveries per minute in per-second buckets, however fast they come', () => {
    let rec = emptyFeedRecord;
    for (let i = 0; i < 5000; i++) rec = recordDelivery(rec, S, 'results', 1_000_000 + i * 20, running); // 50 a second for 100 s
    const c = rec.sources[S]!.channels.results!;
    expect(c.recent.length).toBeLessThanOrEqual(60);
    expect(channel(rec, running, 1_000_000 + 4999 * 20, 'results').perMinute).toBe(60 * 50);
    expect(channel(rec, running, 1_000_000 + 4999 * 20 + 61_000, 'results').perMinute).toBe(0);
  });

  it('says problems in sentences an operator understands, not codes', () => {
    expect(problemSentence({ kind: 'refused', channel: 'results', status: 'official' })).toBe(
      "Results for an official event were refused: official results are final. Turn off c123-server's live push for this event.",
    );
    expect(problemSentence({ kind: 'refused', channel: 'oncourse', status: 'startlist' })).toMatch(
      /^Riders on course were refused: the event is showing the startlist\. Set it to Running/,
    );
    expect(problemSentence({ kind: 'beforeXml', channel: 'results' })).toMatch(/Force push XML/);
    expect(problemSentence({ kind: 'unknownRows', count: 3 })).toMatch(/^3 result rows name a race or competitor/);
  });
});
