/**
 * A race day compressed, the long version (issue 6, item 4):
 *
 *   node_modules/.bin/node scripts/soak.ts [--minutes 30] [--speed 20] [--stable 150] [--churn 40]
 *
 * Replays the real c123-server capture in a loop at `speed`× against a station process for
 * `minutes` with spectators connected (the quick version runs in `npm test`:
 * test/hardening/race-day-soak.test.ts). Prints the figures; exit code 1 when a verdict fails:
 * heap or RSS growth over the last half ≥ 10 %, a handle, timer or descriptor left behind, a push
 * not answered 2xx, a spectator not current at the end. 150 + 40 spectators stay under the
 * default limit of 200 per event.
 */
import { describeSoakReport, runSoak } from '../test/hardening/lib/soak-run.ts';
import { flag } from '../test/hardening/lib/util.ts';

const minutes = Number(flag('minutes', '30'));
const report = await runSoak({
  minutes,
  speed: Number(flag('speed', '20')),
  stableClients: Number(flag('stable', '150')),
  churnClients: Number(flag('churn', '40')),
  probeEveryMs: minutes >= 10 ? 5000 : 1000,
  warmupImports: 5,
  warmupS: Math.min(60, minutes * 6),
  log: (line) => process.stdout.write(`${line}\n`),
});
process.stdout.write(`${describeSoakReport(report)}\n`);
const failures = [
  ...report.failedRequests.slice(0, 5),
  ...report.clients.stale,
  ...report.leftBehind,
  ...(report.growth.heapPct >= 10 ? [`heap grew ${report.growth.heapPct.toFixed(1)} % over the last half`] : []),
  ...(report.growth.rssPct >= 10 ? [`RSS grew ${report.growth.rssPct.toFixed(1)} % over the last half`] : []),
  ...(report.stopExitCode !== 0 ? [`station exit code ${report.stopExitCode}`] : []),
];
if (failures.length) process.stdout.write(`FAILED:\n  ${failures.join('\n  ')}\n`);
else process.stdout.write('PASSED\n');
process.exit(failures.length ? 1 : 0);
