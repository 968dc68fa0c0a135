/**
 * Small shared pieces of the hardening tests and scripts: a seeded random generator (so a failing
 * run can be repeated), percentiles, and the station process's memory as it measures it itself
 * (Node's own `process.memoryUsage()`, the same on Windows, macOS and Linux).
 */
import type { StationProcess } from '../../../src-main/wire/admin.ts';

/** mulberry32: a tiny seeded PRNG; `HARDENING_SEED=<n>` repeats a run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SeedChoice {
  seed: number;
  /** Why this seed, for the log line that lets anyone repeat the run. */
  why: string;
}

/**
 * The seed of a randomised hardening run: `HARDENING_SEED=<n>` if given (to repeat a run); in CI
 * (`CI` set, not `false`/`0`) the seed of the day (UTC), so every CI run of one day fuzzes the
 * same inputs and a failure there repeats on the next push; locally a random one, so runs on
 * developers' machines keep exploring. Whatever the choice, print `describeSeed(choice)`.
 */
export function chooseSeed(env: NodeJS.ProcessEnv = process.env, now: Date = new Date()): SeedChoice {
  const given = Number(env.HARDENING_SEED);
  if (Number.isInteger(given) && given > 0) return { seed: given, why: 'HARDENING_SEED' };
  if (env.CI && env.CI !== 'false' && env.CI !== '0') {
    const day = now.toISOString().slice(0, 10);
    return { seed: daySeed(day), why: `CI: the seed of ${day} (UTC)` };
  }
  return { seed: Math.floor(Math.random() * (2 ** 31 - 1)) + 1, why: 'random (local run)' };
}

/** A seed in 1..2^31-1 from a day's date, the same on every machine (FNV-1a of the text). */
export function daySeed(day: string): number {
  let h = 0x811c9dc5;
  for (const c of day) h = Math.imul(h ^ c.charCodeAt(0), 0x01000193) >>> 0;
  return (h % (2 ** 31 - 1)) + 1;
}

export function describeSeed(c: SeedChoice): string {
  return `seed ${c.seed} (${c.why}); repeat it with HARDENING_SEED=${c.seed}`;
}

/** The seed of this run (see chooseSeed). */
export function seedFromEnv(): number {
  return chosen.seed;
}

/** One choice per process, so every test of a run (and its log lines) uses the same seed. */
export const chosen: SeedChoice = chooseSeed();

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

/** The station process as it reports itself (`GET /api/v1/admin/station`, operator token). */
export async function stationProcess(station: { url: string; adminSecret: string }): Promise<StationProcess> {
  const res = await fetch(`${station.url}/api/v1/admin/station`, { headers: { authorization: `Bearer ${station.adminSecret}` } });
  if (!res.ok) throw new Error(`GET /api/v1/admin/station answered ${res.status}`);
  return ((await res.json()) as { process: StationProcess }).process;
}

/** Resident memory of the station process in MB. */
export async function stationRssMb(station: { url: string; adminSecret: string }): Promise<number> {
  return (await stationProcess(station)).rssBytes / 1048576;
}

/** Command-line flag value: `--name 30` → '30'. */
export function flag(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1] : fallback;
}
