/**
 * Fuzz runs that once failed, kept as regression tests: the fuzz suite (fuzz-input.test.ts) runs
 * each of these before its run's own seed, on every run, locally and in CI.
 *
 * How a failing seed becomes one: the run prints its seed (and fast-check, on failure, the
 * counterexample with `seed` and `path`). Repeat it with `HARDENING_SEED=<seed> npx vitest run
 * test/hardening/fuzz-input.test.ts`, fix the station (or the property, if the property was
 * wrong), then add `{ property, seed, path }` here as fast-check printed them, with one sentence
 * saying what it found. `path` replays exactly the failing input (and its shrinking) instead of the
 * whole run; test/unit/hardening/seeds.test.ts checks that each pin still generates what it found.
 */

/** The fuzz suite's properties, by the name its `check()` calls give them. */
export type FuzzProperty = 'xml-small' | 'xml-real' | 'json-inject' | 'json-http' | 'xml-http-small' | 'xml-http-real';

export interface PinnedSeed {
  property: FuzzProperty;
  seed: number;
  /** fast-check's replay path of the failing run; without it, the whole run of that seed. */
  path?: string;
  /** What the seed found, and how it was resolved. */
  found: string;
}

export const pinnedSeeds: readonly PinnedSeed[] = [
  {
    property: 'xml-http-real',
    seed: 4,
    path: '2',
    found:
      'A mutation repeating the Events record 49 times blows the real export past the 16 MiB body ' +
      'limit; the station rightly answers 413 PayloadTooLarge, which the property first took for a bug (8a5b1c7).',
  },
];
