/**
 * Stalled and hostile clients (issue 6, item 3), quick version: 300 healthy spectators, 150
 * sockets that never read and 10 loops connecting and dropping (~170 cycles a second). The full
 * size (1000 healthy, 500 stalled) is `node_modules/.bin/node scripts/hostile-clients.ts`.
 *
 * - Every healthy client gets every diff, none is cut off, and the healthy clients' p99 latency
 *   with the bad clients stays within 1.5× of the same run without them. Phases alternate
 *   A B B A … and each phase's p99 is taken; the assertion compares the medians of those p99s,
 *   because on a shared 2-core machine (vitest runs two files at once) one phase that another
 *   process happens to stall decides a pooled p99 on its own. The pooled figure is printed too. A
 *   ratio over 1.5 is measured once more before the test fails.
 * - Memory stays bounded: the stalled sockets alone, flooded with ~80 KB on-course lists, are all
 *   cut off (4008 once their unsent buffer passes 1 MiB), and the station's RSS grows by less than
 *   the design bound (1 MiB + one message per stalled socket).
 */
import { describe, expect, it } from 'vitest';
import { describeHostileReport, runHostile } from './lib/hostile-run.ts';

describe('stalled and hostile clients', () => {
  it('keeps the healthy clients current and fast, and the memory bounded', async () => {
    const run = () => runHostile({ healthy: 300, stalled: 150, churnLoops: 10, churnPauseMs: 50, rounds: 6, ingestsPerPhase: 15, intervalMs: 50 });
    let report = await run();
    console.log(describeHostileReport(report));
    if (report.ratioMedianPhaseP99 > 1.5) {
      // Once, for a machine busy with other work: a real regression fails the second run too.
      console.log('p99 ratio over 1.5: measuring once more');
      report = await run();
      console.log(describeHostileReport(report));
    }
    expect(report.healthyCutOff).toBe(0);
    expect(report.baseline.delivered).toBe(report.baseline.expected);
    expect(report.hostile.delivered).toBe(report.hostile.expected);
    expect(report.stalledUpgraded).toBeGreaterThanOrEqual(150);
    expect(report.churn.cycles).toBeGreaterThan(500);
    expect(report.ratioMedianPhaseP99).toBeLessThanOrEqual(1.5);
    // Memory: every stalled socket cut off, growth under the per-socket bound.
    expect(report.flood.stalledLeft).toBe(0);
    const boundMb = (150 * (1024 * 1024 + report.flood.messageKb * 1024)) / 1024 / 1024;
    expect(report.rss.floodPeakMb - report.rss.floodBaseMb).toBeLessThan(boundMb);
    expect(report.rss.hostilePeakMb - report.rss.baselineMb).toBeLessThan(boundMb);
  }, 180_000);
});
