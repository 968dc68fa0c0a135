import { describe, expect, it } from 'vitest';
import type { PublicResult } from '@wire/api.ts';
import { applyResultsDiff, mergeDetails, mergeRow, sortResults } from '../../../../../src-renderer/shared/results/results-merge.ts';
import { row } from './result-row.ts';

const ids = (rows: PublicResult[]) => rows.map((r) => r.participantId);
const K1 = { raceIds: ['K1M_BR1', 'K1M_BR2'], catId: null };

describe('sortResults: one ordering rule', () => {
  it('ranked, then not finished, then DNF/CAP/DSQ/DNS; ties share a rank and go by start order', () => {
    const rows = [
      row('dns', { status: 'DNS', startOrder: 1 }),
      row('wait2', { startOrder: 9 }),
      row('r2b', { rnk: 2, startOrder: 7 }),
      row('dsq', { status: 'DSQ', startOrder: 2 }),
      row('r1', { rnk: 1, startOrder: 8 }),
      row('wait1', { startOrder: 3 }),
      row('r2a', { rnk: 2, startOrder: 4 }),
      row('dnf', { status: 'DNF', startOrder: 6 }),
    ];
    expect(ids(sortResults(rows))).toEqual(['r1', 'r2a', 'r2b', 'wait1', 'wait2', 'dnf', 'dsq', 'dns']);
  });
  it('uses the category rank in a category view', () => {
    const rows = [row('a', { rnk: 1, catRnk: 2 }), row('b', { rnk: 5, catRnk: 1 })];
    expect(ids(sortResults(rows, true))).toEqual(['b', 'a']);
  });
});

describe('applyResultsDiff, whole field', () => {
  const list = sortResults([
    row('p1', { rnk: 1, total: 8500, startOrder: 1 }),
    row('p2', { rnk: 2, total: 9000, startOrder: 2 }),
    row('p3', { startOrder: 3 }),
  ]);

  it('ignores other races and accepts either run id of a pair', () => {
    expect(applyResultsDiff(list, { raceId: 'C1W_BR2', results: [row('x')] }, K1)).toBeNull();
    expect(applyResultsDiff(list, { raceId: 'K1M_BR2', pairedRaceId: 'K1M_BR1', results: [] }, K1)).not.toBeNull();
    expect(applyResultsDiff(list, { raceId: 'K1M_BR1', results: [] }, K1)).not.toBeNull();
    expect(applyResultsDiff(list, { oncourse: [] }, K1)).toBeNull();
  });

  it('upserts only the changed rows by participantId and re-sorts', () => {
    const out = applyResultsDiff(
      list,
      {
        raceId: 'K1M_BR2',
        results: [
          row('p3', { rnk: 1, total: 8000, startOrder: 3 }),
          row('p1', { rnk: 2, total: 8500, startOrder: 1, totalBehind: '+5.00' }),
          row('p2', { rnk: 3, total: 9000, startOrder: 2 }),
        ],
      },
      K1,
    )!;
    expect(out.refetch).toBe(false);
    expect(ids(out.rows)).toEqual(['p3', 'p1', 'p2']);
    expect(out.rows[1].totalBehind).toBe('+5.00');
    expect(list.map((r) => r.rnk)).toEqual([1, 2, null]); // input untouched
  });

  it('merges place-and-gap-only updates after the changed rows (a new leader moves the others)', () => {
    const out = applyResultsDiff(
      list,
      {
        raceId: 'K1M_BR2',
        results: [row('p3', { rnk: 1, total: 8000, startOrder: 3, totalBehind: '0.00' })],
        ranks: [
          { participantId: 'p1', rnk: 2, totalBehind: '+5.00', catRnk: 2, catTotalBehind: '+5.00', prevRnk: 1 },
          { participantId: 'p2', rnk: 3, totalBehind: '+10.00', catRnk: 3, catTotalBehind: '+10.00' },
          { participantId: 'gone', rnk: 9, totalBehind: null, catRnk: null, catTotalBehind: null },
        ],
      },
      K1,
    )!;
    expect(out.rows.map((r) => [r.participantId, r.rnk, r.totalBehind])).toEqual([
      ['p3', 1, '0.00'],
      ['p1', 2, '+5.00'],
      ['p2', 3, '+10.00'],
    ]);
    expect(out.rows[1]).toMatchObject({ total: 8500, prevRnk: 1 });
    expect('prevRnk' in out.rows[2]).toBe(false);
  });

  it('inserts new rows and drops removed ones', () => {
    const out = applyResultsDiff(list, { raceId: 'K1M_BR1', results: [row('p4', { startOrder: 4 })], removed: ['p2'] }, K1)!;
    expect(ids(out.rows)).toEqual(['p1', 'p3', 'p4']);
  });
});

describe('applyResultsDiff, protocol 2 (compact)', () => {
  const list = sortResults([
    row('p1', { rnk: 1, catRnk: 1, total: 8500, totalBehind: '0.00', catTotalBehind: '0.00', startOrder: 1 }),
    row('p2', { rnk: 2, catRnk: 2, total: 9000, totalBehind: '+5.00', catTotalBehind: '+5.00', startOrder: 2 }),
    row('p3', { startOrder: 3 }),
  ]);
  const finish = {
    raceId: 'K1M_BR2',
    changed: [{ participantId: 'p3', rnk: 1, catRnk: 1, time: 8000, total: 8000, totalBehind: '0.00', catTotalBehind: '0.00' }],
    moves: [
      { op: 'shift' as const, field: 'rnk' as const, from: 1, to: 2, by: 1 },
      { op: 'shift' as const, field: 'catRnk' as const, catId: 'ZS', from: 1, to: 2, by: 1 },
      { op: 'gap' as const, field: 'totalBehind' as const, leader: 8000 },
      { op: 'gap' as const, field: 'catTotalBehind' as const, catId: 'ZS', leader: 8000 },
    ],
  };
  const after = [
    ['p3', 1, '0.00'],
    ['p1', 2, '+5.00'],
    ['p2', 3, '+10.00'],
  ];

  it('patches the changed row and moves the others by the operations ("places 1…2 move down by one")', () => {
    const out = applyResultsDiff(list, finish, K1)!;
    expect(out.refetch).toBe(false);
    expect(out.rows.map((r) => [r.participantId, r.rnk, r.totalBehind])).toEqual(after);
    expect(out.rows.map((r) => r.catRnk)).toEqual([1, 2, 3]);
    expect(out.rows[0].name).toBe('N p3'); // fields the patch did not carry stay
  });

  it('refetches, keeping what it shows, when it meets an operation it does not know or the check fails', () => {
    const unknown = applyResultsDiff(list, { ...finish, moves: [...finish.moves, { op: 'rotate' } as never] }, K1)!;
    expect(unknown.refetch).toBe(true);
    expect(unknown.rows).toEqual(list);
    const wrong = applyResultsDiff(list, { ...finish, check: 1 }, K1)!;
    expect(wrong.refetch).toBe(true);
  });

  it('refetches a category view when places moved', () => {
    const out = applyResultsDiff(list, { raceId: 'K1M_BR2', moves: finish.moves, changed: [] }, { ...K1, catId: 'ZS' })!;
    expect(out.refetch).toBe(true);
  });
});

describe('applyResultsDiff, category filter on (reference bug §9-15)', () => {
  const ZS = { raceIds: ['K1M_BR1', 'K1M_BR2'], catId: 'ZS' };
  const filtered = sortResults([row('z1', { catId: 'ZS', rnk: 3, catRnk: 1, total: 9000 }), row('z2', { catId: 'ZS', rnk: 7, catRnk: 2, total: 9500 })], true);

  it('never inserts rows of another category and needs no refetch for them', () => {
    const out = applyResultsDiff(filtered, { raceId: 'K1M_BR2', results: [row('d1', { catId: 'DM', rnk: 1, total: 8000 })] }, ZS)!;
    expect(ids(out.rows)).toEqual(['z1', 'z2']);
    expect(out.refetch).toBe(false);
  });

  it('asks for a refetch (the station ranks within the category) when the category is touched', () => {
    const out = applyResultsDiff(
      filtered,
      {
        raceId: 'K1M_BR2',
        results: [row('z3', { catId: 'ZS', rnk: 1, total: 8800 }), row('d1', { catId: 'DM', rnk: 2 })],
      },
      ZS,
    )!;
    expect(ids(out.rows)).toEqual(['z1', 'z2']); // nothing inserted with whole-field ranks
    expect(out.refetch).toBe(true);
  });

  it('refetches when only the places of shown riders moved', () => {
    const out = applyResultsDiff(
      filtered,
      { raceId: 'K1M_BR2', ranks: [{ participantId: 'z2', rnk: 8, totalBehind: '+1', catRnk: 2, catTotalBehind: '+1' }] },
      ZS,
    )!;
    expect(out.refetch).toBe(true);
    const other = applyResultsDiff(
      filtered,
      { raceId: 'K1M_BR2', ranks: [{ participantId: 'd9', rnk: 8, totalBehind: '+1', catRnk: 2, catTotalBehind: '+1' }] },
      ZS,
    )!;
    expect(other.refetch).toBe(false);
  });

  it('drops removed rows at once', () => {
    const out = applyResultsDiff(filtered, { raceId: 'K1M_BR1', removed: ['z2', 'zz'] }, ZS)!;
    expect(ids(out.rows)).toEqual(['z1']);
    expect(out.refetch).toBe(true);
  });

  it('refetches when a shown rider changes even if the row says another category', () => {
    const out = applyResultsDiff(filtered, { raceId: 'K1M_BR1', results: [row('z1', { catId: 'DM' })] }, ZS)!;
    expect(out.refetch).toBe(true);
  });
});

describe('mergeRow and mergeDetails', () => {
  const gates = [{ number: 1, type: 'normal' as const, penalty: 0 }];
  it('keeps fields a diff did not carry', () => {
    const old = row('p', { rnk: 1, total: 8500, club: 'USK' });
    expect(mergeRow(old, { ...row('p', { rnk: 2, total: 8500 }), club: 'USK' }).rnk).toBe(2);
    const partial = { participantId: 'p', rnk: 3 } as PublicResult;
    expect(mergeRow(old, partial)).toMatchObject({ rnk: 3, total: 8500, club: 'USK' });
  });
  it('drops stale gate detail when the run changed without new gates', () => {
    const old = row('p', { total: 8500, time: 8500, gates, dtFinish: 'x' });
    const rankOnly = mergeRow(old, row('p', { total: 8500, time: 8500, rnk: 4 }));
    expect(rankOnly.gates).toEqual(gates);
    const changed = mergeRow(old, row('p', { total: 8700, time: 8500, pen: 200 }));
    expect('gates' in changed).toBe(false);
    const withGates = mergeRow(old, row('p', { total: 8700, gates: [{ number: 1, type: 'normal', penalty: 2 }] }));
    expect(withGates.gates?.[0].penalty).toBe(2);
  });
  it('merges details only into rows whose run is unchanged', () => {
    const rows = [row('a', { total: 100 }), row('b', { total: 200 })];
    const detailed = [row('a', { total: 100, gates }), row('b', { total: 250, gates })];
    const out = mergeDetails(rows, detailed);
    expect(out[0].gates).toEqual(gates);
    expect('gates' in out[1]).toBe(false);
  });
});
