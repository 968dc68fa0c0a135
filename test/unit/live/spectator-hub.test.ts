/**
 * The hub serializes each message once per room and protocol, whatever the number of sockets, and
 * frames it once: every socket's TCP stream gets the same frame Buffer. The `full` payload is
 * built once per structure change, not once per connecting socket.
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
  /** What the room wrote to the TCP stream under the socket (whole frames). */
  stream?: { write(b: Buffer): boolean };
  withStream(): this {
    this.stream = { write: (b: Buffer) => this.sent.push(b) > 0 };
    return this;
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

  it('serializes a diff once per protocol and writes the same frame to every socket of it', () => {
    let state = runningEvent();
    hub = new SpectatorHub(resolveSettings(), () => state, 'boot-1');
    const v2 = Array.from({ length: 30 }, () => new FakeSocket().withStream());
    const v1 = Array.from({ length: 20 }, () => new FakeSocket().withStream());
    for (const s of v2) hub.join('e', s as unknown as SpectatorSocket, 'a', 2);
    for (const s of v1) hub.join('e', s as unknown as SpectatorSocket, 'a', 1);
    const stringify = vi.spyOn(JSON, 'stringify');
    const d = decideResultsIngest(state, [{ raceId: 'K1M_ST_BR2_6', participantId: '12054.K1M_ST', bib: 1, time: 7000, pen: 0, total: 7000, status: null }]);
    if (!d.ok) throw new Error();
    const before = state;
    state = d.state;
    hub.publish(before, d.state, d.changes);
    // Each form's data is serialized once (the envelope around it is a template).
    const forms = stringify.mock.calls.map(([v]) => v as { raceId?: string }).filter((v) => v?.raceId === 'K1M_ST_BR2_6');
    stringify.mockRestore();
    expect(forms).toHaveLength(2);
    for (const group of [v2, v1]) {
      const frames = group.map((s) => s.sent[1] as Buffer);
      expect(frames.every((f) => f === frames[0])).toBe(true); // one Buffer, shared
    }
    const frameText = (f: Buffer) => JSON.parse(f.subarray(f[1] === 126 ? 4 : 2).toString());
    expect(frameText(v2[0].sent[1] as Buffer)).toMatchObject({ type: 'diff', bootId: 'boot-1', data: { raceId: 'K1M_ST_BR2_6', check: expect.any(Number) } });
    expect(frameText(v1[0].sent[1] as Buffer).data.check).toBeUndefined();
    expect(frameText(v1[0].sent[1] as Buffer).data.results).toHaveLength(1);
  });

  it('builds the full payload once for many connecting sockets', () => {
    const state = runningEvent();
    hub = new SpectatorHub(resolveSettings(), () => state, 'boot-1');
    const stringify = vi.spyOn(JSON, 'stringify');
    const sockets = Array.from({ length: 50 }, () => new FakeSocket().withStream());
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
    expect(String(socket.sent[0])).toBe(`{"type":"full","seq":1,"bootId":"boot-1","data":${hub.fullDataOf('e')}}`);
    publish(decideStatusChange(state, 'finished', 'ingest', 'T2'));
    expect(tapped).toHaveLength(2);
    expect(String(socket.sent[1])).toBe(tapped[1][2]);
    expect(tapped[1][1]).toBe(2);
  });
});
