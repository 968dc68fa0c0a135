/**
 * Fuzz runs are reproducible (issue 10, item 9): CI fuzzes with the seed of the day, a local run
 * with a random one, `HARDENING_SEED` repeats any; and each pinned seed (a past failure kept as a
 * regression test) still generates the input it was pinned for.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chooseSeed, daySeed, describeSeed } from '../../hardening/lib/util.ts';
import { pinnedSeeds } from '../../hardening/pinned-seeds.ts';
import { mutated } from '../../hardening/lib/xml-fuzz.ts';
import { realXmlPath } from '../../helpers/station.ts';

describe('choosing the fuzz seed', () => {
  const day = new Date('2026-12-03T08:00:00Z');
  const sameDayLater = new Date('2026-12-03T23:59:00Z');
  const nextDay = new Date('2026-12-04T00:01:00Z');

  it('CI uses the seed of the day: the same all day, another the next day, and says so', () => {
    const a = chooseSeed({ CI: 'true' }, day);
    expect(a).toEqual(chooseSeed({ CI: '1' }, sameDayLater));
    expect(chooseSeed({ CI: 'true' }, nextDay).seed).not.toBe(a.seed);
    expect(a.seed).toBe(daySeed('2026-12-03'));
    expect(a.seed).toBeGreaterThan(0);
    expect(a.seed).toBeLessThan(2 ** 31);
    expect(describeSeed(a)).toBe(`seed ${a.seed} (CI: the seed of 2026-12-03 (UTC)); repeat it with HARDENING_SEED=${a.seed}`);
  });

  it('a local run takes a random seed', () => {
    const seeds = new Set(Array.from({ length: 5 }, () => chooseSeed({}, day).seed));
    expect(seeds.size).toBeGreaterThan(1);
    expect(chooseSeed({ CI: 'false' }, day).why).toBe('random (local run)');
    expect(chooseSeed({ CI: '0' }, day).why).toBe('random (local run)');
  });

  it('HARDENING_SEED repeats a run, in CI too', () => {
    expect(chooseSeed({ HARDENING_SEED: '1915229631', CI: 'true' }, day)).toEqual({ seed: 1915229631, why: 'HARDENING_SEED' });
    expect(chooseSeed({ HARDENING_SEED: 'abc' }, day).why).toBe('random (local run)');
  });
});

describe('pinned seeds', () => {
  it('every pin names a property of the fuzz suite and says what it found', () => {
    const suite = readFileSync(new URL('../../hardening/fuzz-input.test.ts', import.meta.url), 'utf8');
    for (const p of pinnedSeeds) {
      expect(suite, p.property).toContain(`check('${p.property}'`);
      expect(p.found.length).toBeGreaterThan(20);
    }
  });

  it('the 413 pin still generates an export past the 16 MiB body limit', async () => {
    const pin = pinnedSeeds.find((p) => p.property === 'xml-http-real' && p.seed === 4)!;
    const seen: number[] = [];
    fc.assert(
      fc.property(mutated(readFileSync(realXmlPath, 'utf8')), ({ xml }) => {
        seen.push(Buffer.byteLength(JSON.stringify({ xml })));
        return true;
      }),
      { seed: pin.seed, path: pin.path, numRuns: 1 },
    );
    expect(seen).toHaveLength(1);
    expect(seen[0]).toBeGreaterThan(16 * 1024 * 1024);
  });
});
