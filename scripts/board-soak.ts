/**
 * A board runs all day, the long version (issue 15, item 6):
 *
 *   node_modules/.bin/node scripts/board-soak.ts [--minutes 30] [--speed 20]
 *
 * Replays the real c123-server capture in a loop at `speed`× against a station process for
 * `minutes` of racing while a board at 1920×1080 in headless Chromium shows it, and measures the
 * board's JS heap after a forced GC (the quick version runs in `npm test`:
 * test/browser/board-soak.test.ts). Prints the figures; exit code 1 when a verdict fails: heap
 * growth over the last half ≥ 10 %, the DOM growing, a page error, the board not live at the end.
 */
import { boardSoakFailures, describeBoardSoak, runBoardSoak } from '../test/browser/lib/board-soak-run.ts';
import { flag } from '../test/hardening/lib/util.ts';
import { ensurePagesBuilt } from '../test/helpers/browser.ts';

ensurePagesBuilt();
const minutes = Number(flag('minutes', '30'));
const report = await runBoardSoak({
  minutes,
  speed: Number(flag('speed', '20')),
  sampleEveryS: 2,
  warmupS: 10,
  log: (line) => process.stdout.write(`${line}\n`),
});
process.stdout.write(`${describeBoardSoak(report)}\n`);
const failures = boardSoakFailures(report);
if (failures.length) process.stdout.write(`FAILED:\n  ${failures.join('\n  ')}\n`);
else process.stdout.write('PASSED\n');
process.exit(failures.length ? 1 : 0);
