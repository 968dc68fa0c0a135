/**
 * Where a process's CPU time went, from a V8 CPU profile (`node --cpu-prof`; the fan-out bench
 * writes the station's with `FANOUT_CPU_PROF=<dir>`): self time per function and per file, and the
 * time inside chosen functions with everything they call (`--inclusive=name,name`).
 *
 *   node bench/cpu-profile-summary.ts <file.cpuprofile> [--top=30] [--inclusive=broadcast,publish]
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith('--'));
if (!file) {
  process.stderr.write('usage: node bench/cpu-profile-summary.ts <file.cpuprofile> [--top=30] [--inclusive=a,b]\n');
  process.exit(2);
}
const opt = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const top = Number(opt('top') ?? 30);
const inclusiveNames = (opt('inclusive') ?? '').split(',').filter(Boolean);

const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

const selfUs = new Map<number, number>();
profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
const total = [...selfUs.values()].reduce((a, b) => a + b, 0);

const short = (url: string) => url.replace(/^file:\/\/.*?\/(src-main|node_modules|bench|test)\//, '$1/').replace(/^node:/, 'node:');
const label = (n: ProfileNode) => `${n.callFrame.functionName || '(anonymous)'} ${short(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`;

const byFunction = new Map<string, number>();
const byFile = new Map<string, number>();
for (const [id, us] of selfUs) {
  const n = byId.get(id)!;
  byFunction.set(label(n), (byFunction.get(label(n)) ?? 0) + us);
  const f = n.callFrame.url ? short(n.callFrame.url).replace(/:\d+$/, '') : n.callFrame.functionName;
  byFile.set(f, (byFile.get(f) ?? 0) + us);
}

const pct = (us: number) => `${((100 * us) / total).toFixed(1).padStart(5)} %`;
const msOf = (us: number) => `${(us / 1000).toFixed(0).padStart(7)} ms`;
process.stdout.write(`${file}: ${(total / 1e6).toFixed(1)} s sampled\n\nself time by function:\n`);
for (const [k, us] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, top)) process.stdout.write(`  ${pct(us)} ${msOf(us)}  ${k}\n`);
process.stdout.write('\nself time by file:\n');
for (const [k, us] of [...byFile].sort((a, b) => b[1] - a[1]).slice(0, top)) process.stdout.write(`  ${pct(us)} ${msOf(us)}  ${k}\n`);

if (inclusiveNames.length) {
  process.stdout.write('\ntime inside (with everything called from there; a recursive frame counts once):\n');
  for (const name of inclusiveNames) {
    let us = 0;
    for (const [id, t] of selfUs) {
      for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
        if (byId.get(cur)!.callFrame.functionName === name) {
          us += t;
          break;
        }
      }
    }
    process.stdout.write(`  ${pct(us)} ${msOf(us)}  ${name}\n`);
  }
}
