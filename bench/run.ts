/**
 * `npm run bench [-- ingest|fanout|public|uplink|canoe123|firstview|relay]`: prints Raceside's speed figures. Benchmarks are not tests;
 * timings on 2-core machines are noisy, so each figure is a median or a percentile of many runs.
 */
import { ingestBench } from './ingest-bench.ts';

const which = process.argv.slice(2);
const want = (name: string) => which.length === 0 || which.includes(name);

process.stdout.write(`Raceside benchmarks — Node ${process.version}, ${new Date().toISOString()}\n`);
if (want('ingest')) await ingestBench();
if (want('fanout')) {
  const { fanoutBench } = await import('./fanout-bench.ts');
  await fanoutBench();
}
if (want('public')) {
  const { publicBench } = await import('./public-bench.ts');
  await publicBench();
}
if (want('firstview')) {
  const { firstViewBench } = await import('./first-view-bench.ts');
  await firstViewBench();
}
if (want('uplink')) {
  const { uplinkBench } = await import('./uplink-bench.ts');
  await uplinkBench();
}
if (want('canoe123')) {
  const { canoe123Bench } = await import('./canoe123-bench.ts');
  await canoe123Bench();
}
if (want('relay')) {
  const { relayBench } = await import('./relay-bench.ts');
  await relayBench();
}
process.exit(0);
