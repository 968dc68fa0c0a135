/**
 * Crash safety, the long version (issue 6, item 1):
 *
 *   node_modules/.bin/node scripts/kill9.ts [--kills 100] [--seed <n>]
 *
 * `kill -9` at random moments while results, on-course lists and XML imports stream in; after each
 * kill the database must pass `PRAGMA integrity_check` and hold everything answered 2xx (on disk,
 * then over REST after the restart). The quick version (20 kills) runs in `npm test`:
 * test/hardening/crash-kill9.test.ts. Exit code 1 on any problem; `--seed` repeats a run.
 */
import { describeCrashReport, runCrashRounds } from '../test/hardening/lib/crash-run.ts';
import { flag, seedFromEnv } from '../test/hardening/lib/util.ts';

const report = await runCrashRounds({
  kills: Number(flag('kills', '100')),
  seed: Number(flag('seed', String(seedFromEnv()))),
  killAfterMs: [50, 2000],
  log: (line) => process.stdout.write(`${line}\n`),
});
process.stdout.write(`${describeCrashReport(report)}\n`);
for (const p of report.problems.slice(0, 20)) process.stdout.write(`  ${p}\n`);
process.stdout.write(report.problems.length ? 'FAILED\n' : 'PASSED\n');
process.exit(report.problems.length ? 1 : 0);
