/**
 * The venue screens' registry (issue 15): which screens are connected (their control sockets,
 * `GET /api/v1/screens/ws`), what each must show, and the operator's settings for each kind and
 * each screen, kept durably (store/screen-store.ts) so a restarted station re-applies them.
 *
 * It sends a screen `{ type: 'screen', data }` (wire/screens.ts) when it connects and whenever its
 * resolved config changes: the operator changed a layer, or the station's live event moved on
 * (`eventsChanged()`, called by the station on every status change, creation or deletion). Each
 * socket gets a message only when its own config really changed.
 *
 * It owns the screens' slots, apart from the phones': at most `maxScreensPerAddress` control
 * sockets from one address and `maxScreens` in all; a screen's own event sockets (the spectator
 * room, tagged `?screen=<id>`) are admitted outside the phones' limits only while that screen has
 * a control socket open from the same address, two at a time.
 *
 * It never reads or changes event data, and it never trusts a screen with anything but its own
 * config: screens are public pages, only the operator's token changes settings.
 */
import type { WebSocket } from 'ws';
import { CLOSE_GOING_AWAY } from '../wire/live.ts';
import type { ErrorCode } from '../wire/errors.ts';
import {
  screenIdPattern,
  screenKinds,
  type ScreenConfig,
  type ScreenInfo,
  type ScreenKind,
  type ScreenSettingsPatch,
  type ScreensOverview,
} from '../wire/screens.ts';
import { liveEventOf, type LiveEventCandidate } from '../domain/live-event.ts';
import { resolveScreenConfig } from '../domain/screen-config.ts';
import { defaultScreenSettings, type Settings } from '../settings.ts';
import type { ScreenStore, StoredScreenLayer } from '../store/screen-store.ts';
import { Heartbeat } from '../live/heartbeat.ts';
import { closeOrTerminate, type SpectatorSocket } from '../live/room.ts';

/** Who a control socket says it is (from its address's query). */
export interface ScreenIdentity {
  screenId: string;
  kind: ScreenKind;
  urlEvent: string | null;
  address: string;
  viewport: string | null;
}

export interface ScreenRegistryDeps {
  store: ScreenStore;
  settings: Settings;
  /** This run of the station, carried by every message as by the event rooms' (wire/live.ts). */
  bootId: string;
  /** The station's events (all of them, drafts included: the rule skips them). */
  events(): LiveEventCandidate[];
  now(): string;
}

interface Control {
  ws: SpectatorSocket;
  ident: ScreenIdentity;
  connectedAt: string;
  lastSent: string | null;
}

const idRe = new RegExp(screenIdPattern);
const MAX_DATA_SOCKETS = 2;

export class ScreenRegistry {
  private readonly deps: ScreenRegistryDeps;
  private readonly controls = new Set<Control>();
  private readonly dataSockets = new Map<string, Set<WebSocket>>();
  private readonly lastSeen = new Map<string, { at: string; kind: ScreenKind; address: string; viewport: string | null }>();
  private readonly kinds = new Map<ScreenKind, StoredScreenLayer>();
  private readonly screens = new Map<string, StoredScreenLayer>();
  private readonly heartbeat: Heartbeat;
  private liveEventId: string | null = null;

  constructor(deps: ScreenRegistryDeps) {
    this.deps = deps;
    const stored = deps.store.load();
    for (const [k, v] of stored.kinds) this.kinds.set(k, v);
    for (const [id, v] of stored.screens) this.screens.set(id, v);
    this.liveEventId = this.computeLiveEvent();
    this.heartbeat = new Heartbeat({
      intervalMs: () => deps.settings.heartbeatMs,
      timeoutMs: () => deps.settings.heartbeatTimeoutMs,
      sockets: () => [...this.controls].map((c) => c.ws),
    });
    this.heartbeat.start();
  }

  /**
   * Reads a control socket's query (`kind`, `id`, optional `event`, `w`, `h`); a message for the
   * operator when it is not one.
   */
  static identify(query: URLSearchParams, address: string): ScreenIdentity | { error: string } {
    const kind = query.get('kind') ?? '';
    const screenId = query.get('id') ?? '';
    if (!(screenKinds as readonly string[]).includes(kind)) return { error: `kind must be one of ${screenKinds.join(', ')}` };
    if (!idRe.test(screenId)) return { error: 'id must be 4 to 64 letters, digits, - or _' };
    const event = query.get('event');
    const w = Number(query.get('w'));
    const h = Number(query.get('h'));
    const viewport = Number.isInteger(w) && Number.isInteger(h) && w > 0 && h > 0 && w < 100_000 && h < 100_000 ? `${w}×${h}` : null;
    return { screenId, kind: kind as ScreenKind, urlEvent: event ? event.slice(0, 200) : null, address, viewport };
  }

  /** Why a new control socket from this address cannot be taken now, or null. */
  refusal(address: string): { code: ErrorCode; detail: Record<string, number> } | null {
    const s = this.deps.settings;
    if (this.controls.size >= s.maxScreens) return { code: 'ConnectionLimitReached', detail: { maxScreens: s.maxScreens } };
    let fromAddress = 0;
    for (const c of this.controls) if (c.ident.address === address) fromAddress++;
    if (fromAddress >= s.maxScreensPerAddress) return { code: 'TooManyConnections', detail: { maxScreensPerAddress: s.maxScreensPerAddress } };
    return null;
  }

  /** Takes an upgraded control socket and sends it its config. */
  join(ws: SpectatorSocket, ident: ScreenIdentity): void {
    const control: Control = { ws, ident, connectedAt: this.deps.now(), lastSent: null };
    this.controls.add(control);
    this.seen(ident);
    Heartbeat.alive(ws);
    ws.on('pong', () => Heartbeat.alive(ws));
    ws.on('message', () => {}); // one-way: a screen only listens
    ws.on('error', () => ws.terminate());
    ws.on('close', () => {
      this.controls.delete(control);
      this.seen(ident);
    });
    this.send(control);
  }

  /**
   * An event socket tagged `?screen=<id>`: is it that screen's (a control socket of it is open from
   * the same address), with a data slot free? If so it is counted until it closes, and the room
   * takes it outside the phones' limits.
   */
  claimDataSlot(screenId: string, address: string, ws: WebSocket): boolean {
    const owner = [...this.controls].some((c) => c.ident.screenId === screenId && c.ident.address === address);
    if (!owner) return false;
    let set = this.dataSockets.get(screenId);
    if (!set) this.dataSockets.set(screenId, (set = new Set()));
    if (set.size >= MAX_DATA_SOCKETS) return false;
    set.add(ws);
    ws.once('close', () => {
      set.delete(ws);
      if (set.size === 0 && this.dataSockets.get(screenId) === set) this.dataSockets.delete(screenId);
    });
    return true;
  }

  /** Could `claimDataSlot` succeed? (checked before the upgrade, claimed after it) */
  mayClaimDataSlot(screenId: string, address: string): boolean {
    return (
      [...this.controls].some((c) => c.ident.screenId === screenId && c.ident.address === address) &&
      (this.dataSockets.get(screenId)?.size ?? 0) < MAX_DATA_SOCKETS
    );
  }

  /** The station's events changed (status, created, deleted): re-resolve every screen. */
  eventsChanged(): void {
    this.liveEventId = this.computeLiveEvent();
    this.sendAll();
  }

  get liveEvent(): string | null {
    return this.liveEventId;
  }

  // ---- the operator's settings ------------------------------------------------------------------

  setKind(kind: ScreenKind, settings: ScreenSettingsPatch): void {
    const at = this.deps.now();
    const clean = compact(settings);
    this.deps.store.putKind(kind, clean, at);
    this.kinds.set(kind, { kind, label: null, settings: clean, updatedAt: at });
    this.sendAll();
  }

  /** Gives one screen its own layer (and name); `settings: null` keeps only the name. */
  setScreen(screenId: string, kind: ScreenKind, label: string | null, settings: ScreenSettingsPatch | null): void {
    const at = this.deps.now();
    const layer = { kind, label: label?.trim() || null, settings: compact(settings ?? {}) };
    this.deps.store.putScreen(screenId, layer, at);
    this.screens.set(screenId, { ...layer, updatedAt: at });
    this.sendAll();
  }

  /** The screen follows its kind again (and loses its name). */
  forgetScreen(screenId: string): boolean {
    if (!this.screens.has(screenId)) return false;
    this.deps.store.removeScreen(screenId);
    this.screens.delete(screenId);
    this.sendAll();
    return true;
  }

  kindOf(screenId: string): ScreenKind | null {
    for (const c of this.controls) if (c.ident.screenId === screenId) return c.ident.kind;
    return this.screens.get(screenId)?.kind ?? this.lastSeen.get(screenId)?.kind ?? null;
  }

  overview(): ScreensOverview {
    const byId = new Map<string, Control[]>();
    for (const c of this.controls) {
      const list = byId.get(c.ident.screenId);
      if (list) list.push(c);
      else byId.set(c.ident.screenId, [c]);
    }
    const ids = new Set([...byId.keys(), ...this.screens.keys()]);
    const screens: ScreenInfo[] = [...ids].map((screenId) => {
      const open = byId.get(screenId) ?? [];
      const stored = this.screens.get(screenId);
      const seen = this.lastSeen.get(screenId);
      const first = open[0];
      const kind = first?.ident.kind ?? stored?.kind ?? seen?.kind ?? 'board';
      return {
        screenId,
        kind,
        label: stored?.label ?? null,
        connections: open.length,
        address: first?.ident.address ?? seen?.address ?? null,
        viewport: first?.ident.viewport ?? seen?.viewport ?? null,
        connectedAt: open.length ? open.map((c) => c.connectedAt).sort()[0] : null,
        lastSeenAt: seen?.at ?? null,
        settings: stored ? stored.settings : null,
        config: this.configFor({ screenId, kind, urlEvent: first?.ident.urlEvent ?? null }),
      };
    });
    screens.sort((a, b) => screenKinds.indexOf(a.kind) - screenKinds.indexOf(b.kind) || (a.label ?? a.screenId).localeCompare(b.label ?? b.screenId));
    const kinds = Object.fromEntries(screenKinds.map((k) => [k, this.kinds.get(k)?.settings ?? {}])) as Record<ScreenKind, ScreenSettingsPatch>;
    return { defaults: defaultScreenSettings, kinds, screens, liveEventId: this.liveEventId };
  }

  /** Connected control sockets (for the dashboard's counts and the tests). */
  get size(): number {
    return this.controls.size;
  }

  /** Station shutdown: every control socket closed with 1001, the heartbeat stopped. */
  close(): void {
    this.heartbeat.stop();
    for (const c of this.controls) closeOrTerminate(c.ws, CLOSE_GOING_AWAY, 'Server shutting down', 2000);
    this.controls.clear();
  }

  // ---- private ----------------------------------------------------------------------------------

  private configFor(ident: Pick<ScreenIdentity, 'screenId' | 'kind' | 'urlEvent'>): ScreenConfig {
    const stored = this.screens.get(ident.screenId);
    const events = new Map(this.deps.events().map((e) => [e.eventId, e]));
    return resolveScreenConfig({
      screenId: ident.screenId,
      kind: ident.kind,
      label: stored?.label ?? null,
      defaults: defaultScreenSettings,
      kindLayer: this.kinds.get(ident.kind)?.settings,
      // A screen's own layer applies only while it is the kind it was set for.
      screenLayer: stored && stored.kind === ident.kind ? stored.settings : undefined,
      urlEvent: ident.urlEvent,
      liveEventId: this.liveEventId,
      isPublic: (id) => {
        const e = events.get(id);
        return !!e && e.status !== 'draft';
      },
    });
  }

  private send(c: Control): void {
    if (c.ws.readyState !== 1) return;
    const text = JSON.stringify({ type: 'screen', bootId: this.deps.bootId, data: this.configFor(c.ident) });
    if (text === c.lastSent) return;
    // A config is a few hundred bytes; a screen that has stopped reading is left to the heartbeat.
    if (c.ws.bufferedAmount > this.deps.settings.maxSocketBufferBytes) {
      c.ws.terminate();
      return;
    }
    c.lastSent = text;
    c.ws.send(text);
  }

  private sendAll(): void {
    for (const c of this.controls) this.send(c);
  }

  private seen(ident: ScreenIdentity): void {
    this.lastSeen.set(ident.screenId, { at: this.deps.now(), kind: ident.kind, address: ident.address, viewport: ident.viewport });
    // Bounded: a station running for days meets at most a few hundred screen ids.
    if (this.lastSeen.size > 500) this.lastSeen.delete(this.lastSeen.keys().next().value!);
  }

  private computeLiveEvent(): string | null {
    return liveEventOf(this.deps.events())?.eventId ?? null;
  }
}

/** Drops fields that are undefined, so a stored layer holds only what it sets. @private */
function compact(p: ScreenSettingsPatch): ScreenSettingsPatch {
  return Object.fromEntries(Object.entries(p).filter(([, v]) => v !== undefined)) as ScreenSettingsPatch;
}
