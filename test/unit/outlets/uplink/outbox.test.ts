/**
 * The uplink's outbox on a real SQLite file: one transaction with the change it uploads,
 * coalescing by key with a revision (a change made while its item was in flight is sent again),
 * settling, parking refused items, retry and discard, and everything still there after the file
 * is closed and opened again.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../../src-main/store/database.ts';
import { EventStore } from '../../../../src-main/store/event-store.ts';
import { newEvent } from '../../../../src-main/domain/event-admin.ts';
import { UplinkOutbox, type StoredTarget } from '../../../../src-main/outlets/uplink/outbox.ts';
import { uplinkError } from '../../../../src-main/outlets/uplink/target-client.ts';
import type { EventState } from '../../../../src-main/domain/model.ts';

const meta = { eventId: 'e', mainTitle: 'E', subTitle: null, location: null, facility: null, startDate: null, endDate: null, discipline: null };
const target: StoredTarget = {
  eventId: 'e',
  url: 'http://t',
  remoteEventId: 'r',
  apiKey: 'k',
  enabled: true,
  paused: null,
  remoteStatus: null,
  dialect: null,
  updatedAt: 't',
};

describe('uplink outbox', () => {
  let dir: string;
  let store: EventStore;
  let outbox: UplinkOutbox;
  let state: EventState;

  const open = () => {
    store = new EventStore(openDatabase(dir));
    outbox = new UplinkOutbox(store.db);
  };
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'raceside-outbox-'));
    open();
    state = newEvent(meta, 'key', 'xml-structure-live-results', 't');
    store.createEvent(state);
    outbox.saveTarget(target, { initial: [], xml: null, now: 0 });
  });
  afterEach(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is written in the commit’s transaction: a failing hook rolls the change back, and the change its item', () => {
    store.onCommit((s, changes) => {
      outbox.record(s.meta.eventId, [{ kind: 'xml', key: '' }], 1);
      if (changes.some((c) => c.type === 'metaChanged' && c.meta.mainTitle === 'boom')) throw new Error('disk full');
    });
    store.commit({ ...state, meta: { ...meta, mainTitle: 'ok' } }, [{ type: 'metaChanged', meta: { ...meta, mainTitle: 'ok' } }]);
    expect(outbox.queued('e').count).toBe(1);
    outbox.settle('e', { done: outbox.pending('e', 10) }, 2);
    expect(() => store.commit(state, [{ type: 'metaChanged', meta: { ...meta, mainTitle: 'boom' } }])).toThrow('disk full');
    expect(outbox.queued('e').count).toBe(0);
    expect(store.loadAll()[0].meta.mainTitle).toBe('ok');
  });

  it('coalesces by key; a change while in flight bumps the revision so the item stays to be sent again', () => {
    outbox.record(
      'e',
      [
        { kind: 'row', key: 'R\tA' },
        { kind: 'xml', key: '' },
        { kind: 'row', key: 'R\tB' },
      ],
      10,
    );
    outbox.record(
      'e',
      [
        { kind: 'row', key: 'R\tA' },
        { kind: 'status', key: '0', payload: '{"from":"draft","to":"startlist"}' },
      ],
      20,
    );
    const pending = outbox.pending('e', 10);
    expect(pending.map((i) => `${i.kind}:${i.key}:${i.rev}`)).toEqual(['row:R\tA:1', 'xml::0', 'row:R\tB:0', 'status:0:0']);
    expect(outbox.queued('e')).toEqual({ count: 4, oldest: 10 });
    outbox.record('e', [{ kind: 'row', key: 'R\tB' }], 30); // changed while "in flight"
    outbox.settle('e', { done: pending.slice(0, 3), liveRows: ['R\tA', 'R\tB'], remoteStatus: 'running', dialect: 'raceside' }, 40);
    expect(outbox.pending('e', 10).map((i) => i.key)).toEqual(['R\tB', '0']);
    expect([...outbox.liveRows('e')].sort()).toEqual(['R\tA', 'R\tB']);
    expect(outbox.targets()[0]).toMatchObject({ remoteStatus: 'running', dialect: 'raceside' });
  });

  it('parks refused items out of the queue; retry queues them again, discard drops them', () => {
    outbox.record(
      'e',
      [
        { kind: 'row', key: 'R\tA' },
        { kind: 'row', key: 'R\tB' },
      ],
      10,
    );
    const [a, b] = outbox.pending('e', 10);
    const error = uplinkError('refused', 400, 'bad row', 50);
    outbox.park('e', 'results', [a], error);
    outbox.park('e', 'results', [b], error);
    expect(outbox.pending('e', 10)).toEqual([]);
    const refused = outbox.refused('e');
    expect(refused.map((r) => [r.kind, r.items.map((i) => i.key), r.error.detail])).toEqual([
      ['results', ['R\tA'], 'bad row'],
      ['results', ['R\tB'], 'bad row'],
    ]);
    expect(outbox.retryRefused('e', refused[0].id, 60)).toBe(true);
    expect(outbox.pending('e', 10).map((i) => i.key)).toEqual(['R\tA']);
    expect(outbox.discardRefused('e', refused[1].id)).toBe(true);
    expect(outbox.discardRefused('e', refused[1].id)).toBe(false);
    expect(outbox.retryRefused('e', 999, 60)).toBe(false);
    expect(outbox.refused('e')).toEqual([]);
  });

  it('keeps the queue, the pause, the raw export and the target across a close and reopen', () => {
    outbox.record(
      'e',
      [
        { kind: 'xml', key: '' },
        { kind: 'row', key: 'R\tA' },
      ],
      10,
    );
    outbox.keepXml('e', '<Canoe123Data/>');
    outbox.setPaused('e', uplinkError('unauthorized', 401, 'Key expired', 5));
    store.close();
    open();
    expect(outbox.pending('e', 10).map((i) => i.kind)).toEqual(['xml', 'row']);
    expect(outbox.latestXml('e')).toBe('<Canoe123Data/>');
    expect(outbox.targets()[0]).toMatchObject({ apiKey: 'k', paused: { reason: 'unauthorized', detail: 'Key expired' } });
  });

  it('starts a new target from a clean slate with its first sync; deleting the event takes its uplink out of the live tables', () => {
    outbox.record('e', [{ kind: 'row', key: 'R\tA' }], 10);
    outbox.saveTarget(
      { ...target, url: 'http://other' },
      { initial: [{ kind: 'status', key: 'sync', payload: '{"from":null,"to":"draft"}' }], xml: 'X', now: 20 },
    );
    expect(outbox.pending('e', 10).map((i) => i.key)).toEqual(['sync']);
    expect(outbox.latestXml('e')).toBe('X');
    store.moveToDeleted('e', '2026-12-03T00:00:00Z', 'operator');
    expect(outbox.targets()).toEqual([]);
    expect(outbox.queued('e').count).toBe(0);
  });
});
