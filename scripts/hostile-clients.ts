/**
 * Stalled and hostile clients, the full size (issue 6, item 3):
 *
 *   node_modules/.bin/node scripts/hostile-clients.ts [--healthy 1000] [--stalled 500] [--churn 25] [--churn-pause-ms 50] [--rounds 6]
 *
 * 1000 healthy spectators receive single-result diffs while 500 sockets never read and 25 loops
 * connect and drop (test/hardening/lib/hostile-run.ts explains the phases). Prints the figures;
 * exit code 1 when a healthy client misses a diff or is cut off, when the healthy clients' p99
 * with the bad clients passes 1.5× the p99 without them (median of the per-phase p99s, as the
 * quick test in `npm test` asserts; the pooled p99 is printed beside it), or when memory is not
 * bounded (a stalled socket left connected after the flood, RSS growth past the per-socket bound).
 */
import { describeHostileReport, runHostile } from '../test/hardening/lib/hostile-run.ts';
import { flag } from '../test/hardening/lib/util.ts';

const stalled = Number(flag('stalled', '500'));
const report = await runHostile({
  healthy: Number(flag('healthy', '1000')),
  stalled,
  churnLoops: Number(flag('churn', '25')),
  churnPauseMs: Number(flag('churn-pause-ms', '50')),
  rounds: Number(flag('rounds', '6')),
  ingestsPerPhase: Number(flag('ingests', '20')),
  intervalMs: 50,
  log: (line) => process.stdout.write(`${line}\n`),
});
process.stdout.write(`${describeHostileReport(report)}\n`);
const boundMb = (stalled * (1024 * 1024 + report.flood.messageKb * 1024)) / 1048576;
const failures = [
  ...(report.healthyCutOff ? [`${report.healthyCutOff} healthy clients cut off`] : []),
  ...(report.baseline.delivered !== report.baseline.expected || report.hostile.delivered !== report.hostile.expected ? ['healthy clients missed diffs'] : []),
  ...(report.ratioMedianPhaseP99 > 1.5 ? [`p99 ratio ${report.ratioMedianPhaseP99.toFixed(2)} > 1.5`] : []),
  ...(report.flood.stalledLeft ? [`${report.flood.stalledLeft} stalled sockets never cut off`] : []),
  ...(report.rss.floodPeakMb - report.rss.floodBaseMb >= boundMb ? ['RSS grew past the per-socket bound'] : []),
];
if (failures.length) process.stdout.write(`FAILED:\n  ${failures.join('\n  ')}\n`);
else process.stdout.write('PASSED\n');
process.exit(failures.length ? 1 : 0);
