/**
 * The spectator hub: rooms of WebSocket clients per event, and the translation of decided changes
 * into the live messages (full | diff | refresh, docs/LIVE-PIPELINE.md), each serialized once per
 * room.
 *
 * - structure, event details or the event's images changed → `full` (its data built once per
 *   change and cached);
 * - result rows changed → one `diff { results, ranks, removed, raceId }` per affected race, carrying
 *   only what changed (race-diff.ts);
 * - on-course changed → `diff { oncourse }` (the event's complete list);
 * - status changed → `diff { status }`, with the races whose public state it changed (an official
 *   event makes every race official); on `official` the room closes with 1000 after the grace;
 * - race official mark → `diff { races }`, with the on-course list when riders of that race were on it;
 * - merge strategy changed, or a diff cannot be computed → `refresh`.
 *
 * Every message carries the event's `seq` and the station's `bootId` (new at every start), so a
 * phone that reconnects to a restarted station knows the stream started over even when the seq
 * happens to look continuous.
 *
 * Ingest never waits on sockets: publishing only queues bytes (ws sends asynchronously), and a
 * socket that cannot keep up is cut off (room.ts).
 *
 * Two seams for scaling out (docs/SCALING.md), and nothing else of the hub changes for them:
 * - the tap (`setTap`): every message, exactly as the sockets get it, with its seq, goes to the
 *   Redis writer (outlets/redis/); with a tap the hub builds every message even when nobody
 *   listens here, so the writer misses none;
 * - a relay (relay/relay-hub.ts) keeps the rooms, the caps and the heartbeat but builds no
 *   message: it `forward`s the writer's, greets a joining socket from its own copy (`welcome`),
 *   and closes rooms as the station would (`endEvent`).
 */
import { EventEmitter } from 'node:events';
import { WebSocketServer } from 'ws';
import type { PublicResult } from '../wire/api.ts';
import { CLOSE_GOING_AWAY, CLOSE_NORMAL, type WsDiffPayload } from '../wire/live.ts';
import type { Change } from '../domain/decision.ts';
import type { EventState } from '../domain/model.ts';
import { fullPayload, onCourseList, pairsOf, publicRace, publicRaces, raceById, raceResults } from '../domain/public-view.ts';
import type { LiveSink } from '../station-core.ts';
import type { Settings } from '../settings.ts';
import { Room, type SpectatorSocket } from './room.ts';
import { Heartbeat } from './heartbeat.ts';
import { diffRace, isEmptyDiff } from './race-diff.ts';

/** Receives every message the hub sends, serialized, with its event and seq. */
export type MessageTap = (eventId: string, seq: number, message: string) => void;

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

export interface HubEvents {
  /** Connected spectators of one event changed. */
  connections: [eventId: string, count: number];
}

export class SpectatorHub extends EventEmitter<HubEvents> implements LiveSink {
  readonly wss: WebSocketServer;
  private readonly rooms = new Map<string, Room>();
  private readonly seqs = new Map<string, number>();
  /** Sockets closed with 4008 (too slow) per event since the station started. */
  private readonly cutOffs = new Map<string, number>();
  private readonly fullCache = new Map<string, string>();
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
    super();
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

  totalConnections(): number {
    let n = 0;
    for (const room of this.rooms.values()) n += room.spectators;
    return n;
  }

  /**
   * Adds an upgraded socket from `address` to its event's room and sends it the current `full`. A
   * venue screen's socket (`ws.isScreen`, set by the upgrade) gets the same messages but counts
   * neither as a spectator nor against its address's limit.
   */
  join(eventId: string, ws: SpectatorSocket, address = 'unknown'): void {
    const first = this.welcome(eventId);
    if (first === null) {
      ws.close(1011, 'Event not found');
      return;
    }
    const room = this.roomFor(eventId);
    room.add(ws);
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
      if (room.remove(ws)) this.emit('connections', eventId, room.spectators);
      if (room.size === 0 && this.rooms.get(eventId) === room) this.rooms.delete(eventId);
    });
    room.send(ws, first);
    this.emit('connections', eventId, room.spectators);
  }

  /**
   * Hands every message from now on to `tap` (the Redis writer), the same string the sockets get.
   * From then on every message is built, also for events nobody watches here.
   */
  setTap(tap: MessageTap): void {
    this.tap = tap;
  }

  /** The event's `full` data as every joining socket gets it, serialized once per change. */
  fullData(eventId: string): string | undefined {
    const state = this.getState(eventId);
    return state ? this.fullDataOf(state) : undefined;
  }

  /** Sends a message serialized elsewhere (a relay forwarding the writer's) to the event's room. */
  forward(eventId: string, message: string): void {
    const room = this.rooms.get(eventId);
    if (room && room.size > 0) room.broadcast(message);
  }

  /** Closes the event's room as publish() does: at once, or after the grace for an official event. */
  endEvent(eventId: string, why: keyof typeof roomEndings): void {
    const [code, reason] = roomEndings[why];
    if (why === 'official') this.closeRoomAfterGrace(eventId);
    else this.closeRoom(eventId, code, reason);
  }

  /** The first message of a joining socket: the event's `full` at the room's seq; null without the event. */
  protected welcome(eventId: string): string | null {
    const state = this.getState(eventId);
    return state ? this.fullMessage(state, this.seqOf(eventId)) : null;
  }

  publish(before: EventState | null, after: EventState | null, changes: readonly Change[]): void {
    const eventId = (after ?? before)!.meta.eventId;
    const types = new Set(changes.map((c) => c.type));
    const structural = types.has('structureChanged') || types.has('metaChanged') || types.has('imagesChanged');
    if (structural || types.has('statusChanged') || types.has('raceOfficialChanged')) {
      this.fullCache.delete(eventId);
    }
    if (!after || types.has('eventDeleted')) {
      this.endEvent(eventId, 'deleted');
      this.fullCache.delete(eventId);
      this.seqs.delete(eventId);
      this.cutOffs.delete(eventId);
      return;
    }
    const room = this.rooms.get(eventId);
    // Nobody listening (no socket, no tap): keep the sequence moving but build nothing.
    const listening = (!!room && room.size > 0) || this.tap !== null;
    const out = (message: (seq: number) => string) => {
      const seq = this.nextSeq(eventId);
      if (!listening) return;
      const text = message(seq);
      if (room && room.size > 0) room.broadcast(text);
      this.tap?.(eventId, seq, text);
    };

    if (structural) {
      out((seq) => this.fullMessage(after, seq));
    } else if (types.has('mergeStrategyChanged')) {
      out((seq) => this.refreshMessage(seq));
    } else if (before && (types.has('rowsUpserted') || types.has('rowsRemoved'))) {
      for (const raceId of affectedRaces(after, changes)) {
        if (!listening) {
          this.nextSeq(eventId);
          continue;
        }
        let data: WsDiffPayload | null;
        try {
          data = raceDiffPayload(before, after, raceId);
        } catch {
          out((seq) => this.refreshMessage(seq));
          continue;
        }
        if (data) out((seq) => this.diffMessage(seq, data));
      }
    }
    let oncourseSent = false;
    for (const c of changes) {
      if (c.type === 'raceOfficialChanged') {
        const race = raceById(after, c.raceId);
        if (!race) continue;
        const data: WsDiffPayload = { races: [publicRace(after, race)] };
        // An official race has nobody on course any more (public-view.ts): say so at once.
        if ([...after.onCourse.values()].some((e) => e.raceId === c.raceId)) {
          data.oncourse = listening ? onCourseList(after) : [];
          oncourseSent = true;
        }
        out((seq) => this.diffMessage(seq, data));
      }
    }
    if (types.has('onCourseChanged') && !oncourseSent) {
      out((seq) => this.diffMessage(seq, { oncourse: listening ? onCourseList(after) : [] }));
    }
    const status = changes.find((c) => c.type === 'statusChanged');
    if (status && status.type === 'statusChanged') {
      const to = status.change.to;
      if (to === 'draft') {
        this.endEvent(eventId, 'withdrawn');
      } else {
        const data: WsDiffPayload = { status: to, statusChangedAt: status.change.at };
        const races = before ? changedRaces(before, after) : [];
        if (races.length) data.races = races;
        out((seq) => this.diffMessage(seq, data));
        if (to === 'official') this.endEvent(eventId, 'official');
      }
    }
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
    this.emit('connections', eventId, 0);
  }

  private roomFor(eventId: string): Room {
    let room = this.rooms.get(eventId);
    if (!room) {
      const onCutOff = () => {
        this.cutOffs.set(eventId, this.slowCutOffs(eventId) + 1);
        this.emit('connections', eventId, this.connections(eventId));
      };
      this.rooms.set(eventId, (room = new Room(eventId, () => this.settings.maxSocketBufferBytes, onCutOff)));
    }
    return room;
  }

  private seqOf(eventId: string): number {
    return this.seqs.get(eventId) ?? 0;
  }

  private nextSeq(eventId: string): number {
    const seq = this.seqOf(eventId) + 1;
    this.seqs.set(eventId, seq);
    return seq;
  }

  /** The `full` message: its data is serialized once per change and reused for every socket. */
  private fullMessage(state: EventState, seq: number): string {
    return fullMessageText(seq, this.bootField, this.fullDataOf(state));
  }

  private fullDataOf(state: EventState): string {
    const id = state.meta.eventId;
    let data = this.fullCache.get(id);
    if (data === undefined) {
      data = JSON.stringify(fullPayload(state));
      this.fullCache.set(id, data);
    }
    return data;
  }

  private diffMessage(seq: number, data: WsDiffPayload): string {
    return `{"type":"diff","seq":${seq},${this.bootField},"data":${JSON.stringify(data)}}`;
  }

  private refreshMessage(seq: number): string {
    return refreshMessageText(seq, this.bootField);
  }

  private *allSockets(): Iterable<SpectatorSocket> {
    for (const room of this.rooms.values()) yield* room.sockets;
  }
}

/** Races whose public list a decision may have changed (a best-run pair is one list). */
function affectedRaces(state: EventState, changes: readonly Change[]): string[] {
  const pairs = pairsOf(state);
  const out = new Set<string>();
  for (const c of changes) {
    const ids = c.type === 'rowsUpserted' ? c.rows.map((r) => r.raceId) : c.type === 'rowsRemoved' ? c.keys.map((k) => k.raceId) : [];
    for (const id of ids) {
      const partner = pairs.get(id);
      // One list per best-run pair, announced under the run that changed.
      if (partner && out.has(partner)) continue;
      out.add(id);
    }
  }
  return [...out];
}

/** Races whose public view differs between two states (a status change can make them official). */
function changedRaces(before: EventState, after: EventState) {
  const old = new Map(publicRaces(before).map((r) => [r.raceId, JSON.stringify(r)]));
  return publicRaces(after).filter((r) => old.get(r.raceId) !== JSON.stringify(r));
}

function raceDiffPayload(before: EventState, after: EventState, raceId: string): WsDiffPayload | null {
  if (!raceById(after, raceId)) return null;
  const old: PublicResult[] = raceById(before, raceId) ? raceResults(before, raceId, { detailed: true }) ?? [] : [];
  const now = raceResults(after, raceId, { detailed: true }) ?? [];
  const d = diffRace(old, now);
  if (isEmptyDiff(d)) return null;
  const data: WsDiffPayload = { raceId, pairedRaceId: pairsOf(after).get(raceId) ?? null, results: d.results };
  if (d.ranks.length) data.ranks = d.ranks;
  if (d.removed.length) data.removed = d.removed;
  return data;
}
