/**
 * The uplink through a long outage (issue 13), the long version:
 *
 *   node_modules/.bin/node scripts/uplink-outage.ts [--minutes 10] [--speed 10]
 *
 * Two real station processes (the station and its public target) with the fault-injecting proxy
 * between them (test/helpers/uplink-pair.ts). The real c123-server capture replays into the
 * station in a loop at `speed`× (each loop shifts the run times, so every loop really changes
 * results); after one clean loop the link becomes a blackhole for `minutes` while the replay goes
 * on, then it comes back. Prints the backlog, the drain time and whether the target's public
 * answers (every race, detailed) equal the station's byte for byte; exit code 1 when the backlog
 * takes more than 10 s to drain, the answers differ, or a push was refused.
 * The quick version (a 25 s blackhole) runs in `npm test`: test/contract/uplink.test.ts.
 */
import { flag, sleep } from '../test/hardening/lib/util.ts';
import { replayCapture, startUplinkPair } from '../test/helpers/uplink-pair.ts';

const minutes = Number(flag('minutes', '10'));
const speed = Number(flag('speed', '10'));
const out = (s: string) => process.stdout.write(`${s}\n`);

const pair = await startUplinkPair();
const failures: string[] = [];
try {
  const t0 = performance.now();
  const clock = () => `${((performance.now() - t0) / 1000).toFixed(0).padStart(4)} s`;
  out(`station ${pair.station.url} → proxy ${pair.proxy.url} → target ${pair.target.url}; capture at ${speed}×, blackhole ${minutes} min`);
  let loops = 0;
  let pushes = 0;
  const loop = async () => {
    const r = await replayCapture(pair.station, pair.apiKey, { speed, shift: loops++ });
    pushes += r.requests;
    failures.push(...r.failed.slice(0, 3));
  };
  await loop();
  await pair.drained(30_000);
  out(`${clock()}  one clean loop uploaded; the link goes dark`);

  pair.proxy.blackhole(true);
  const holeStart = performance.now();
  const holeEnd = holeStart + minutes * 60_000;
  const sampler = (async () => {
    while (performance.now() < holeEnd) {
      await sleep(Math.min(60_000, holeEnd - performance.now()));
      const u = await pair.uplink();
      out(
        `${clock()}  dark for ${((performance.now() - holeStart) / 1000).toFixed(0)} s: ${u.state}, ${u.queued} queued, oldest ${((u.oldestUnsentMs ?? 0) / 1000).toFixed(0)} s, ${loops} loops, last error: ${u.lastError?.message ?? '–'}`,
      );
    }
  })();
  while (performance.now() + 248_000 / speed < holeEnd) await loop();
  await sampler;
  const backlog = await pair.uplink();
  const dark = pair.proxy.log.filter((r) => r.fault === 'blackhole');
  const attempts = dark.length;
  const darkBytes = dark.reduce((n, r) => n + r.bytes, 0);

  pair.proxy.blackhole(false);
  const drainMs = await pair.drained(120_000, 50);
  const differences = await pair.differences();
  const after = await pair.uplink();
  const racingH = (loops * 248) / 3600;
  out(
    `${clock()}  link back: backlog of ${backlog.queued} items (oldest ${((backlog.oldestUnsentMs ?? 0) / 1000).toFixed(0)} s) drained in ${(drainMs / 1000).toFixed(2)} s`,
  );
  out(
    `uplink outage: ${minutes} min blackhole, ${loops} loops of the capture (${racingH.toFixed(1)} h of racing, ${pushes} pushes), ` +
      `${attempts} attempts into the dark (${darkBytes} body bytes: health checks, not the 3 MB export), backlog ${backlog.queued} items, drained ${(drainMs / 1000).toFixed(2)} s after recovery (limit 10 s); ` +
      `${after.requestsSent} requests and ${(after.bytesSent / 1024 / 1024).toFixed(1)} MB in all; target ${differences.length ? `DIFFERS in ${differences.length} answers` : 'equal to the station (every race, detailed)'}`,
  );
  if (drainMs > 10_000) failures.push(`drained in ${(drainMs / 1000).toFixed(1)} s (limit 10 s)`);
  failures.push(...differences.slice(0, 5));
} finally {
  await pair.cleanup();
}
out(failures.length ? `FAILED:\n  ${failures.join('\n  ')}` : 'PASSED');
process.exit(failures.length ? 1 : 0);
