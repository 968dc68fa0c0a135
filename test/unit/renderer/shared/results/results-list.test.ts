import { describe, expect, it } from 'vitest';
import type { PublicResult } from '@wire/api.ts';
import type { FirstView } from '@wire/first-view.ts';
import {
  detailsTag,
  listRaceId,
  patchedList,
  resultsListKey,
  seededList,
  settledList,
  withDetails,
  type ResultsList,
} from '../../../../../src-renderer/shared/results/results-list.ts';
import { row } from './result-row.ts';

const ids = (rows: readonly PublicResult[]) => rows.map((r) => r.participantId);
const RACES = ['K1M_BR1', 'K1M_BR2'];
const WHOLE = { raceIds: RACES, catId: null };
const ZS = { raceIds: RACES, catId: 'ZS' };
const KEY = resultsListKey(RACES, null);
const gates = [{ gate: 1, pen: 0 }] as unknown as PublicResult['gates'];

function firstView(raceIds: string[], rows: PublicResult[]): FirstView {
  return { round: { key: raceIds[raceIds.length - 1], raceIds, rows } } as unknown as FirstView;
}

describe('results list identity', () => {
  it('a key per races and category; the list is asked for by the round’s last run', () => {
    expect(resultsListKey(RACES, null)).toBe('K1M_BR1,K1M_BR2|');
    expect(resultsListKey(RACES, 'ZS')).not.toBe(resultsListKey(RACES, null));
    expect(listRaceId(WHOLE)).toBe('K1M_BR2');
    expect(listRaceId({ raceIds: ['K1W'], catId: null })).toBe('K1W');
  });
});

describe('seededList: the first view’s round', () => {
  const first = firstView(RACES, [row('b', { rnk: 2 }), row('a', { rnk: 1 })]);
  it('is the whole-field list of the same races, sorted, version 0', () => {
    const list = seededList(first, RACES, null)!;
    expect(list.key).toBe(KEY);
    expect(ids(list.rows)).toEqual(['a', 'b']);
    expect(list.version).toBe(0);
  });
  it('is not taken for a category, other races, or without a round', () => {
    expect(seededList(first, RACES, 'ZS')).toBeNull();
    expect(seededList(first, ['K1M_BR2'], null)).toBeNull();
    expect(seededList(null, RACES, null)).toBeNull();
    expect(seededList({ ...first, round: null }, RACES, null)).toBeNull();
  });
});

describe('settledList: a REST answer', () => {
  it('replays the diffs queued while it was in flight, then sorts', () => {
    const out = settledList(
      null,
      KEY,
      [row('a', { rnk: 1, total: 9000 })],
      [{ raceId: 'K1M_BR2', results: [row('b', { rnk: 1, total: 8000 })], ranks: [{ participantId: 'a', rnk: 2 }] as never }],
      WHOLE,
    );
    expect(ids(out.list.rows)).toEqual(['b', 'a']);
    expect(out.list.version).toBe(1);
    expect(out.refetch).toBe(false);
  });
  it('asks for a refetch when a queued diff touches a category view', () => {
    const out = settledList(null, resultsListKey(RACES, 'ZS'), [row('a', { catRnk: 1 })], [{ raceId: 'K1M_BR2', results: [row('z', { catId: 'ZS' })] }], ZS);
    expect(out.refetch).toBe(true);
    expect(ids(out.list.rows)).toEqual(['a']);
  });
  it('keeps the details of the same list’s previous state, bumps its version; another list’s are dropped', () => {
    const prev: ResultsList = { key: KEY, rows: [row('a', { rnk: 1, total: 9000, gates })], version: 4 };
    const same = settledList(prev, KEY, [row('a', { rnk: 1, total: 9000 })], [], WHOLE);
    expect(same.list.rows[0].gates).toEqual(gates);
    expect(same.list.version).toBe(5);
    const other = settledList({ ...prev, key: 'X|' }, KEY, [row('a', { rnk: 1, total: 9000 })], [], WHOLE);
    expect(other.list.rows[0].gates).toBeUndefined();
  });
});

describe('patchedList: a live diff', () => {
  const cur: ResultsList = { key: KEY, rows: [row('a', { rnk: 1, total: 9000 })], version: 2 };
  it('applies a diff of its races and bumps the version', () => {
    const out = patchedList(
      cur,
      KEY,
      { raceId: 'K1M_BR1', results: [row('b', { rnk: 1, total: 8000 })], ranks: [{ participantId: 'a', rnk: 2 }] as never },
      WHOLE,
    )!;
    expect(ids(out.list.rows)).toEqual(['b', 'a']);
    expect(out.list.version).toBe(3);
  });
  it('is null for another race, another list, or no list', () => {
    expect(patchedList(cur, KEY, { raceId: 'C1W', results: [row('x')] }, WHOLE)).toBeNull();
    expect(patchedList(cur, resultsListKey(RACES, 'ZS'), { raceId: 'K1M_BR1', results: [] }, ZS)).toBeNull();
    expect(patchedList(null, KEY, { raceId: 'K1M_BR1', results: [] }, WHOLE)).toBeNull();
  });
});

describe('run details', () => {
  const list: ResultsList = { key: KEY, rows: [row('a', { rnk: 1, total: 9000 })], version: 3 };
  it('are asked once per list state and category', () => {
    expect(detailsTag(list, null)).toBe(`${KEY}#3#`);
    expect(detailsTag(list, 'ZS')).not.toBe(detailsTag(list, null));
    expect(detailsTag({ ...list, version: 4 }, null)).not.toBe(detailsTag(list, null));
  });
  it('merge into the rows without a new version', () => {
    const out = withDetails(list, [row('a', { rnk: 1, total: 9000, gates })]);
    expect(out.rows[0].gates).toEqual(gates);
    expect(out.version).toBe(3);
  });
});
