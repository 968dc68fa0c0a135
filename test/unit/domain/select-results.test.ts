/**
 * A relay answers every results query from the race's complete detailed list (`selectResults`);
 * a station answers it from its state (`raceResults`). Both must give the same rows, for every
 * race of the real export (best-run pairs included), plain and detailed, with and without each
 * category, after the real capture's live results.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCore, type TestCore } from '../../helpers/core.ts';
import { loadCapture, realXml } from '../../helpers/capture.ts';
import { raceResults, selectResults } from '../../../src-main/domain/public-view.ts';

describe('selectResults', () => {
  let t: TestCore;

  beforeAll(async () => {
    t = startTestCore();
    t.core.createEvent({ eventId: 'e', mainTitle: 'E' } as never);
    await t.core.ingestXml('e', realXml(), 'operator');
    t.core.changeStatus('e', 'running', 'ingest');
    for (const r of loadCapture()) if (r.url.endsWith('/ingest/results')) t.core.ingestResults('e', r.body.results);
  });
  afterAll(() => t.cleanup());

  it('gives what raceResults gives, for every race, category and detail', () => {
    const state = t.core.get('e')!;
    let queries = 0;
    for (const race of state.structure.races) {
      const detailed = raceResults(state, race.raceId, { detailed: true })!;
      const cats = [null, ...new Set(detailed.map((r) => r.catId)), 'no-such-category'];
      for (const catId of cats) {
        for (const d of [false, true]) {
          expect(selectResults(detailed, { catId, detailed: d }), `${race.raceId} ${catId} ${d}`).toEqual(
            raceResults(state, race.raceId, { catId, detailed: d }),
          );
          queries++;
        }
      }
    }
    expect(queries).toBeGreaterThan(300);
  });
});
