/**
 * A race day compressed (issue 6, item 4), quick version: the real c123-server capture replayed in
 * a loop at 20× for one minute (about 5 loops, 20 minutes of racing) with 100 spectators connected
 * and 20 more coming and going. Heap (after a full GC) and RSS level off (under +10 % over the last
 * half), nothing is left behind once the spectators have gone (handles, timers, descriptors), every
 * push is answered 2xx, and every spectator is current at the end (seq, results and on-course list
 * equal to REST). The long version: `node_modules/.bin/node scripts/soak.ts --minutes 30`.
 */
import { describe, expect, it } from 'vitest';
import { describeSoakReport, runSoak } from './lib/soak-run.ts';

describe('race day compressed', () => {
  it('levels off, leaks nothing, keeps every spectator current (1 min at 20×)', async () => {
    const report = await runSoak({ minutes: 1, speed: 20, stableClients: 100, churnClients: 20, probeEveryMs: 1000, warmupImports: 5, warmupS: 10 });
    console.log(describeSoakReport(report));
    expect(report.failedRequests.slice(0, 5)).toEqual([]);
    expect(report.loops).toBeGreaterThanOrEqual(4);
    expect(report.clients.stale).toEqual([]);
    expect(report.clients.current).toBe(100);
    expect(report.leftBehind).toEqual([]);
    expect(report.growth.heapPct).toBeLessThan(10);
    expect(report.growth.rssPct).toBeLessThan(10);
    expect(report.churn.joins).toBeGreaterThan(50);
    expect(report.stopExitCode).toBe(0);
  }, 240_000);
});
