/**
 * The hub serializes each message once per room, whatever the number of sockets, and builds the
 * `full` payload once per structure change, not once per connecting socket.
 */
import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SpectatorHub } from '../../../src-main/live/spectator-hub.ts';
import { resolveSettings } from '../../../src-main/settings.ts';
import { newEvent } from '../../../src-main/domain/event-admin.ts';
import { decideXmlImport } from '../../../src-main/domain/xml-import.ts';
import { decideResultsIngest } from '../../../src-main/domain/live-ingest.ts';
import { decideStatusChange } from '../../../src-main/domain/event-lifecycle.ts';
import { parseCanoe123Xml } from '../../../src-main/domain/canoe123/xml-export.ts';
import { realXmlPath } from '../../helpers/station.ts';
import type { EventState } from '../../../src-main/domain/model.ts';
import type { SpectatorSocket } from '../../../src-main/live/room.ts';

class FakeSocket extends EventEmitter {
  readyState = 1;
  bufferedAmount = 0;
  sent: unknown[] = [];
  send(data: unknown) {
    this.sent.push(data);
  }
  close() {
    this.readyState = 3;
  }
  terminate() {
    this.readyState = 3;
  }
  ping() {}
}

function runningEvent(): EventState {
  const parsed = parseCanoe123Xml(readFileSync(realXmlPath, 'utf8'));
  if (!parsed.ok) throw new Error(parsed.message);
  const meta = { eventId: 'e', mainTitle: 'E', subTitle: null, location: null, facility: null, startDate: null, endDate: null, discipline: null };
  const imported = decideXmlImport(newEvent(meta, 'k', 'xml-structure-live-results', 'T0'), parsed.export, 'T0');
  if (!imported.ok) throw new Error();
  const running = decideStatusChange(imported.state, 'running', 'ingest', 'T1');
  if (!running.ok) throw new Error();
  return running.state;
}

describe('SpectatorHub', () => {
  let hub: SpectatorHub;
  afterEach(() => hub?.close());

  it('serializes a diff once and sends the same bytes to every socket', () => {
    let state = runningEvent();
    hub = new SpectatorHub(resolveSettings(), () => state, 'boot-1');
    const sockets = Array.from({ length: 50 }, () => new FakeSocket());
    for (const s of sockets) hub.join('e', s as unknown as SpectatorSocket);
    const stringify = vi.spyOn(JSON, 'stringify');
    const d = decideResultsIngest(state, [{ raceId: 'K1M_ST_BR2_6', participantId: '12054.K1M_ST', bib: 1, time: 7000, pen: 0, total: 7000, status: null }]);
    if (!d.ok) throw new Error();
    const before = state;
    state = d.state;
    hub.publish(before, d.state, d.changes);
    // The diff's data is serialized once (the envelope around it is a template).
    const messageStringifies = stringify.mock.calls.filter(([v]) => (v as { raceId?: string; results?: unknown })?.raceId === 'K1M_ST_BR2_6' && 'results' in (v as object)).length;
    stringify.mockRestore();
    expect(messageStringifies).toBe(1);
    const payloads = sockets.map((s) => s.sent[1]);
    expect(payloads.every((p) => p === payloads[0])).toBe(true); // one Buffer, shared
    expect(JSON.parse(String(payloads[0]))).toMatchObject({ type: 'diff', bootId: 'boot-1', data: { raceId: 'K1M_ST_BR2_6' } });
  });

  it('builds the full payload once for many connecting sockets', () => {
    const state = runningEvent();
    hub = new SpectatorHub(resolveSettings(), () => state, 'boot-1');
    const stringify = vi.spyOn(JSON, 'stringify');
    const sockets = Array.from({ length: 50 }, () => new FakeSocket());
    for (const s of sockets) hub.join('e', s as unknown as SpectatorSocket);
    const fullBuilds = stringify.mock.calls.filter(([v]) => (v as { event?: unknown })?.event !== undefined).length;
    stringify.mockRestore();
    expect(fullBuilds).toBe(1);
    expect(new Set(sockets.map((s) => s.sent[0])).size).toBe(1);
  });

  it('skips a socket over the buffer bound and closes it with 4008, others still get the message', () => {
    let state = runningEvent();
    hub = new SpectatorHub(resolveSettings({ maxSocketBufferBytes: 1000 }), () => state, 'boot-1');
    const [slow, fast] = [new FakeSocket(), new FakeSocket()];
    const closed = vi.fn();
    slow.close = (code?: number) => closed(code);
    hub.join('e', slow as unknown as SpectatorSocket);
    hub.join('e', fast as unknown as SpectatorSocket);
    slow.bufferedAmount = 5000;
    const d = decideStatusChange(state, 'finished', 'ingest', 'T2');
    if (!d.ok) throw new Error();
    const before = state;
    state = d.state;
    hub.publish(before, d.state, d.changes);
    expect(closed).toHaveBeenCalledWith(4008);
    expect(slow.sent).toHaveLength(1); // the full only
    expect(fast.sent).toHaveLength(2);
    expect(hub.connections('e')).toBe(1);
  });

  it('hands every message to its tap as the sockets get it, also when nobody is in the room', () => {
    let state = runningEvent();
    hub = new SpectatorHub(resolveSettings(), () => state, 'boot-1');
    const tapped: [string, number, string][] = [];
    hub.setTap((eventId, seq, message) => tapped.push([eventId, seq, message]));
    const publish = (d: ReturnType<typeof decideStatusChange> | ReturnType<typeof decideResultsIngest>) => {
      if (!d.ok) throw new Error();
      const before = state;
      state = d.state;
      hub.publish(before, d.state, d.changes);
    };
    // Nobody listening: the tap still gets the diff, seq 1.
    publish(decideResultsIngest(state, [{ raceId: 'K1M_ST_BR2_6', participantId: '12054.K1M_ST', bib: 1, time: 7000, pen: 0, total: 7000, status: null }]));
    expect(tapped.map(([id, seq]) => [id, seq])).toEqual([['e', 1]]);
    expect(JSON.parse(tapped[0][2])).toMatchObject({ type: 'diff', seq: 1, bootId: 'boot-1', data: { raceId: 'K1M_ST_BR2_6' } });
    // With a socket: the same string the socket gets.
    const socket = new FakeSocket();
    hub.join('e', socket as unknown as SpectatorSocket);
    expect(String(socket.sent[0])).toBe(`{"type":"full","seq":1,"bootId":"boot-1","data":${hub.fullData('e')}}`);
    publish(decideStatusChange(state, 'finished', 'ingest', 'T2'));
    expect(tapped).toHaveLength(2);
    expect(String(socket.sent[1])).toBe(tapped[1][2]);
    expect(tapped[1][1]).toBe(2);
  });
});
