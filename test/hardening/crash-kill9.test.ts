/**
 * Crash safety (issue 6, item 1), quick version: 20 × `kill -9` at random moments while live
 * results, on-course lists and 2.9 MB XML imports stream in; after each kill the database passes
 * `PRAGMA integrity_check` and holds everything that was answered 2xx, on disk and over REST after
 * the restart. `HARDENING_SEED=<n>` repeats a run; the long version is `scripts/kill9.ts`.
 */
import { describe, expect, it } from 'vitest';
import { describeCrashReport, runCrashRounds } from './lib/crash-run.ts';
import { seedFromEnv } from './lib/util.ts';

describe('kill -9 at random moments under load', () => {
  it('loses nothing acknowledged and never corrupts the database (20 kills)', async () => {
    const report = await runCrashRounds({ kills: 20, seed: seedFromEnv(), killAfterMs: [100, 1200] });
    console.log(describeCrashReport(report));
    expect(report.problems.slice(0, 20)).toEqual([]);
    expect(report.kills).toBe(20);
    expect(report.integrityChecks).toBe(20);
    // The kills really landed mid-stream: plenty acknowledged, and requests cut off unanswered.
    expect(report.ackedResultRows).toBeGreaterThan(500);
    expect(report.ackedXml).toBeGreaterThan(5);
    expect(report.ackedOnCourse).toBeGreaterThan(50);
    expect(report.unansweredAtKill).toBeGreaterThanOrEqual(20);
  }, 120_000);
});
