/**
 * The spectator hub: rooms of WebSocket clients per event. It gives each live message
 * (live-messages.ts builds them, pure) the event's next `seq` and the station's `bootId`, sends it
 * to the room, and closes rooms when their event is withdrawn, deleted or official.
 *
 * Every message carries the event's `seq` and the station's `bootId` (new at every start), so a
 * phone that reconnects to a restarted station knows the stream started over even when the seq
 * happens to look continuous. A socket speaks the protocol it asked for at the upgrade
 * (wire/live.ts): results diffs go out in protocol 2's compact form, and in protocol 1's to the
 * sockets that did not ask for 2.
 *
 * Ingest never waits on sockets: publishing only queues bytes (ws sends asynchronously), and a
 * socket that cannot keep up is cut off (room.ts).
 *
 * Two seams for scaling out (docs/SCALING.md), and nothing else of the hub changes for them:
 * - the tap (`setTap`): every message, exactly as the sockets get it (both protocols' forms of a
 *   results diff), with its seq, goes to the Redis writer (outlets/redis/); with a tap the hub
 *   builds every message in both forms even when nobody listens here, so the writer misses none;
 * - a relay (relay/relay-hub.ts) keeps the rooms, the caps and the heartbeat but builds no
 *   message: it `forward`s the writer's, greets a joining socket from its own copy (`welcome`),
 *   and closes rooms as the station would (`endEvent`).
 */
import { WebSocketServer } from 'ws';
import { CLOSE_GOING_AWAY, CLOSE_NORMAL } from '../wire/live.ts';
import type { Change } from '../domain/decision.ts';
import type { EventState } from '../domain/model.ts';
import { fullPayload } from '../domain/public-view.ts';
import type { LiveSink } from '../station-core.ts';
import type { Settings } from '../settings.ts';
import { Room, textFrame, type SpectatorSocket } from './room.ts';
import { Heartbeat } from './heartbeat.ts';
import { liveMessages, type LiveMessage } from './live-messages.ts';

/**
 * Receives every message the hub sends, serialized, with its event and seq; `legacy` is protocol
 * 1's form where it differs (results diffs).
 */
export type MessageTap = (eventId: string, seq: number, message: string, legacy?: string) => void;

/** Why a room closes, and what its sockets are told (code, reason). */
export const roomEndings = {
  official: [CLOSE_NORMAL, 'Event results are official'],
  withdrawn: [CLOSE_NORMAL, 'Event withdrawn'],
  deleted: [CLOSE_NORMAL, 'Event deleted'],
} as const;

/** `"bootId":"…"` as it goes into every message. */
export function bootField(bootId: string): string {
  return `"bootId":${JSON.stringify(bootId)}`;
}

/** A `full` message around its data, serialized once per change. */
export function fullMessageText(seq: number, boot: string, data: string): string {
  return `{"type":"full","seq":${seq},${boot},"data":${data}}`;
}

/** A `refresh` message. */
export function refreshMessageText(seq: number, boot: string): string {
  return `{"type":"refresh","seq":${seq},${boot}}`;
}

export class SpectatorHub implements LiveSink {
  readonly wss: WebSocketServer;
  private readonly rooms = new Map<string, Room>();
  private readonly seqs = new Map<string, number>();
  /** Sockets closed with 4008 (too slow) per event since the station started. */
  private readonly cutOffs = new Map<string, number>();
  private readonly fullCache = new Map<string, string>();
  /** The last `full` frame sent to a joining socket, per event. */
  private readonly joinFrames = new Map<string, { data: string; seq: number; frame: Buffer }>();
  /** Open spectator sockets per client address, all events together (the per-address cap). */
  private readonly byAddress = new Map<string, number>();
  private readonly graceTimers = new Set<NodeJS.Timeout>();
  private readonly heartbeat: Heartbeat;
  private readonly settings: Settings;
  private readonly getState: (eventId: string) => EventState | undefined;
  /** This run of the station (wire/live.ts `bootId`). */
  readonly bootId: string;
  /** `"bootId":"…"` as it goes into every message. */
  private readonly bootField: string;
  private tap: MessageTap | null = null;

  constructor(settings: Settings, getState: (eventId: string) => EventState | undefined, bootId: string) {
    this.settings = settings;
    this.getState = getState;
    this.bootId = bootId;
    this.bootField = bootField(bootId);
    this.wss = new WebSocketServer({ noServer: true, perMessageDeflate: false, clientTracking: false, maxPayload: 4096 });
    this.heartbeat = new Heartbeat({
      intervalMs: () => settings.heartbeatMs,
      timeoutMs: () => settings.heartbeatTimeoutMs,
      sockets: () => this.allSockets(),
    });
    this.heartbeat.start();
  }

  /** Connected spectators (phones) of one event; venue screens are not counted. */
  connections(eventId: string): number {
    return this.rooms.get(eventId)?.spectators ?? 0;
  }

  connectionCounts(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [id, room] of this.rooms) out[id] = room.spectators;
    return out;
  }

  /** How many of an event's sockets were cut off for falling behind (4008). */
  slowCutOffs(eventId: string): number {
    return this.cutOffs.get(eventId) ?? 0;
  }

  /** Spectator sockets `address` holds now, all events together. */
  connectionsFrom(address: string): number {
    return this.byAddress.get(address) ?? 0;
  }

  /** The addresses holding the most sockets, most first (a NAT'd Wi-Fi shows up here). */
  topAddresses(limit = 10): { address: string; sockets: number }[] {
    return [...this.byAddress]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, limit)
      .map(([address, sockets]) => ({ address, sockets }));
  }

  /** Spectators of every event (a relay's health report). */
  totalConnections(): number {
    let n = 0;
    for (const room of this.rooms.values()) n += room.spectators;
    return n;
  }

  /**
   * Adds an upgraded socket from `address`, speaking live protocol `protocol` (wire/live.ts), to
   * its event's room and sends it the current `full`. A venue screen's socket (`ws.isScreen`, set
   * by the upgrade) gets the same messages but counts neither as a spectator nor against its
   * address's limit.
   */
  join(eventId: string, ws: SpectatorSocket, address = 'unknown', protocol = 1): void {
    const first = this.welcome(eventId);
    if (first === null) {
      ws.close(1011, 'Event not found');
      return;
    }
    const room = this.roomFor(eventId);
    room.add(ws, protocol);
    if (!ws.isScreen) {
      this.byAddress.set(address, this.connectionsFrom(address) + 1);
      ws.once('close', () => {
        const left = this.connectionsFrom(address) - 1;
        if (left > 0) this.byAddress.set(address, left);
        else this.byAddress.delete(address);
      });
    }
    Heartbeat.alive(ws);
    ws.on('pong', () => Heartbeat.alive(ws));
    ws.on('message', () => {}); // one-way channel; client messages are ignored
    ws.on('error', () => ws.terminate());
    ws.on('close', () => {
      room.remove(ws);
      if (room.size === 0 && this.rooms.get(eventId) === room) this.rooms.delete(eventId);
    });
    room.send(ws, first);
  }

  /**
   * Hands every message from now on to `tap` (the Redis writer), the same strings the sockets get.
   * From then on every message is built in both protocols' forms, also for events nobody watches
   * here: a relay's phones may speak either.
   */
  setTap(tap: MessageTap): void {
    this.tap = tap;
  }

  /** The event's `full` data as every joining socket gets it, serialized once per change. */
  fullDataOf(eventId: string): string | undefined {
    const state = this.getState(eventId);
    return state ? this.fullData(state) : undefined;
  }

  /** Sends a message serialized elsewhere (a relay forwarding the writer's) to the event's room. */
  forward(eventId: string, message: string, legacy?: string): void {
    const room = this.rooms.get(eventId);
    if (room && room.size > 0) room.broadcast(message, legacy);
  }

  /** Closes the event's room as publish() does: at once, or after the grace for an official event. */
  endEvent(eventId: string, why: keyof typeof roomEndings): void {
    const [code, reason] = roomEndings[why];
    if (why === 'official') this.closeRoomAfterGrace(eventId);
    else this.closeRoom(eventId, code, reason);
  }

  /** The first frame of a joining socket: the event's `full` at the room's seq; null without the event. */
  protected welcome(eventId: string): Buffer | null {
    const state = this.getState(eventId);
    return state ? this.fullFrame(state, this.seqOf(eventId)) : null;
  }

  publish(before: EventState | null, after: EventState | null, changes: readonly Change[]): void {
    const eventId = (after ?? before)!.meta.eventId;
    const types = new Set(changes.map((c) => c.type));
    if (['structureChanged', 'metaChanged', 'imagesChanged', 'statusChanged', 'raceOfficialChanged'].some((t) => types.has(t as Change['type']))) {
      this.fullCache.delete(eventId);
    }
    if (!after || types.has('eventDeleted')) {
      this.endEvent(eventId, 'deleted');
      this.fullCache.delete(eventId);
      this.joinFrames.delete(eventId);
      this.seqs.delete(eventId);
      this.cutOffs.delete(eventId);
      return;
    }
    const room = this.rooms.get(eventId);
    // Nobody listening (no socket, no tap): keep the sequence moving but build nothing.
    const watched = !!room && room.size > 0;
    const listening = watched || this.tap !== null;
    const legacy = (room?.legacySockets ?? 0) > 0 || this.tap !== null;
    const messages = liveMessages(before, after, changes, { listening, legacy });
    for (const m of messages) {
      const seq = this.nextSeq(eventId);
      if (!listening) continue;
      const [text, legacyText] = this.texts(after, seq, m);
      if (room && watched) room.broadcast(text, legacyText);
      this.tap?.(eventId, seq, text, legacyText);
    }
    const status = changes.find((c) => c.type === 'statusChanged');
    if (status?.type === 'statusChanged') {
      if (status.change.to === 'draft') this.endEvent(eventId, 'withdrawn');
      else if (status.change.to === 'official') this.endEvent(eventId, 'official');
    }
  }

  /** A message's text, and protocol 1's where it differs. */
  private texts(state: EventState, seq: number, m: LiveMessage): [string, string | undefined] {
    if (m.type === 'full') return [this.fullText(state, seq), undefined];
    if (m.type === 'refresh') return [refreshMessageText(seq, this.bootField), undefined];
    const head = `{"type":"diff","seq":${seq},${this.bootField},"data":`;
    return [`${head}${m.data}}`, m.legacyData === undefined ? undefined : `${head}${m.legacyData}}`];
  }

  /** Closes every socket with 1001 and stops the heartbeat (station shutdown). */
  close(): void {
    this.heartbeat.stop();
    for (const t of this.graceTimers) clearTimeout(t);
    this.graceTimers.clear();
    for (const id of [...this.rooms.keys()]) this.closeRoom(id, CLOSE_GOING_AWAY, 'Server shutting down');
    this.wss.close();
  }

  private closeRoomAfterGrace(eventId: string): void {
    const t = setTimeout(() => {
      this.graceTimers.delete(t);
      this.closeRoom(eventId, ...roomEndings.official);
    }, this.settings.officialGraceMs);
    this.graceTimers.add(t);
  }

  private closeRoom(eventId: string, code: number, reason: string): void {
    const room = this.rooms.get(eventId);
    if (!room) return;
    this.rooms.delete(eventId);
    room.closeAll(code, reason);
  }

  private roomFor(eventId: string): Room {
    let room = this.rooms.get(eventId);
    if (!room) {
      const onCutOff = () => {
        this.cutOffs.set(eventId, this.slowCutOffs(eventId) + 1);
      };
      this.rooms.set(eventId, (room = new Room(eventId, () => this.settings.maxSocketBufferBytes, onCutOff)));
    }
    return room;
  }

  /** The `seq` of the last message published to an event (a joining socket's `full` carries it). */
  seqOf(eventId: string): number {
    return this.seqs.get(eventId) ?? 0;
  }

  private nextSeq(eventId: string): number {
    const seq = this.seqOf(eventId) + 1;
    this.seqs.set(eventId, seq);
    return seq;
  }

  /**
   * The `full` a joining socket gets, framed once per event state and seq: a reconnect storm of
   * thousands of phones sends them all the same bytes.
   */
  private fullFrame(state: EventState, seq: number): Buffer {
    const data = this.fullData(state);
    const kept = this.joinFrames.get(state.meta.eventId);
    if (kept && kept.data === data && kept.seq === seq) return kept.frame;
    const frame = textFrame(this.fullText(state, seq));
    this.joinFrames.set(state.meta.eventId, { data, seq, frame });
    return frame;
  }

  /** The `full` message. */
  private fullText(state: EventState, seq: number): string {
    return fullMessageText(seq, this.bootField, this.fullData(state));
  }

  /** The `full`'s data: serialized once per change and reused for every socket. */
  private fullData(state: EventState): string {
    const id = state.meta.eventId;
    let data = this.fullCache.get(id);
    if (data === undefined) {
      data = JSON.stringify(fullPayload(state));
      this.fullCache.set(id, data);
    }
    return data;
  }

  private *allSockets(): Iterable<SpectatorSocket> {
    for (const room of this.rooms.values()) yield* room.sockets;
  }
}
