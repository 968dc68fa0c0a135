/**
 * The uplink outlet (SPEC §7): per event, everything the station commits also goes to a public
 * results server (c123-live-mini, or another Raceside) over the ingest contract c123-server
 * speaks, through a durable outbox, so a crash or an outage loses nothing on the way.
 *
 * It owns the targets, the outbox hook in the store's commit (outbox-items.ts decides what each
 * commit queues), one sender per event (uplink-sender.ts), and the operator's actions: set or
 * remove a target, test it, retry or discard what the target refused. It takes what the store
 * committed and never changes the station's state.
 *
 * The raw XML: the station keeps only the parsed structure, but a target must get the export
 * itself (Raceside and c123-live-mini read different fields of it, and a rebuilt export would
 * lose what the station does not read: event images, gate statistics). So the latest raw export
 * is kept: in memory for every event since the station started, and in the outbox (written in the
 * import's own transaction, ~16 ms for the real 2.9 MB export) for events with a target. A target
 * set after a restart, before the next import, waits for the next export (`waitingForXml`).
 */
import type { EventStatus } from '../../wire/api.ts';
import type { UplinkError, UplinkOverview, UplinkRefusedItem, UplinkSettingsInput, UplinkStatus, UplinkTestResult } from '../../wire/uplink.ts';
import type { Change } from '../../domain/decision.ts';
import type { EventState } from '../../domain/model.ts';
import type { CommitContext, EventStore } from '../../store/event-store.ts';
import type { Settings } from '../../settings.ts';
import { StationError, type StationCore } from '../../station-core.ts';
import { initialItems, itemsForCommit, type StatusStep } from './outbox-items.ts';
import { UplinkOutbox, type StoredRefusal, type StoredTarget } from './outbox.ts';
import { UplinkSender } from './uplink-sender.ts';
import { sendToTarget, uplinkError } from './target-client.ts';

export interface UplinkDeps {
  store: EventStore;
  core: StationCore;
  settings: Settings;
  now?: () => number;
  random?: () => number;
}

export class Uplink {
  private readonly outbox: UplinkOutbox;
  private readonly core: StationCore;
  private readonly settings: Settings;
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly targets = new Map<string, StoredTarget>();
  private readonly senders = new Map<string, UplinkSender>();
  private readonly liveRows = new Map<string, Set<string>>();
  /** The latest raw export of every event imported since the station started. */
  private readonly latestXml = new Map<string, string>();
  /** Targets from the command line for events that do not exist yet. */
  private readonly waiting = new Map<string, UplinkSettingsInput>();

  constructor(deps: UplinkDeps) {
    this.outbox = new UplinkOutbox(deps.store.db);
    this.core = deps.core;
    this.settings = deps.settings;
    this.now = deps.now ?? Date.now;
    this.random = deps.random ?? Math.random;
    for (const t of this.outbox.targets()) {
      this.targets.set(t.eventId, t);
      this.sender(t.eventId);
    }
    deps.store.onCommit((state, changes, context) => this.record(state, changes, context));
    deps.core.on('changed', (eventId, changes) => this.changed(eventId, changes));
  }

  // ---- what the store commits ------------------------------------------------------------------

  /** The commit hook: runs inside the commit's transaction. */
  private record(state: EventState, changes: readonly Change[], context: CommitContext): void {
    const id = state.meta.eventId;
    if (context.xml !== undefined) this.latestXml.set(id, context.xml);
    if (!this.targets.has(id)) return;
    const items = itemsForCommit(state, changes, { xmlImported: context.xml !== undefined, liveRows: this.rowsOf(id) });
    if (context.xml !== undefined) this.outbox.keepXml(id, context.xml);
    this.outbox.record(id, items, this.now());
  }

  /** After the commit (and on-course changes, which are never stored): wake the event's sender. */
  private changed(eventId: string, changes: readonly Change[]): void {
    if (changes.some((c) => c.type === 'eventDeleted')) {
      // The store's rows went with the event (ON DELETE CASCADE).
      void this.senders.get(eventId)?.close();
      this.senders.delete(eventId);
      this.targets.delete(eventId);
      this.liveRows.delete(eventId);
      this.latestXml.delete(eventId);
      return;
    }
    if (changes.some((c) => c.type === 'eventCreated')) {
      // A deleted event restored under its own id brings its target back (store.restoreDeleted).
      const restored = this.outbox.targets().find((t) => t.eventId === eventId);
      if (restored && !this.targets.has(eventId)) {
        this.targets.set(eventId, restored);
        this.sender(eventId);
      }
      const given = this.waiting.get(eventId);
      if (given) {
        this.waiting.delete(eventId);
        try {
          this.configure(eventId, given, 'system');
        } catch (err) {
          this.core.activity.add(eventId, 'error', `Uplink from the command line not set: ${(err as Error).message}`);
        }
      }
      return;
    }
    const sender = this.senders.get(eventId);
    if (!sender) return;
    if (changes.some((c) => c.type === 'onCourseChanged')) sender.onCourseChanged();
    else sender.notify();
  }

  // ---- the operator's actions ------------------------------------------------------------------

  /**
   * Sets (or changes) an event's target. Another URL or remote event starts over: the queue is
   * replaced by a first sync (the export, the status walk, the live rows). Saving again with the
   * same target keeps the queue and lifts a pause (the operator fixed the key, or the target).
   */
  configure(eventId: string, input: UplinkSettingsInput, by: 'operator' | 'system' = 'operator'): UplinkStatus {
    const state = this.core.existing(eventId);
    const url = normalizeUrl(input.url);
    const remoteEventId = input.remoteEventId.trim();
    if (!remoteEventId) throw new StationError('InvalidRequest', 'Give the event id on the target (remoteEventId).');
    const old = this.targets.get(eventId);
    const apiKey = input.apiKey?.trim() || old?.apiKey;
    if (!apiKey) throw new StationError('InvalidRequest', "Give the target event's ingest key (apiKey, sent as X-API-Key).");
    const fresh = !old || old.url !== url || old.remoteEventId !== remoteEventId;
    const target: StoredTarget = {
      eventId,
      url,
      remoteEventId,
      apiKey,
      enabled: input.enabled,
      paused: null,
      remoteStatus: fresh ? null : old.remoteStatus,
      dialect: fresh ? null : old.dialect,
      updatedAt: new Date(this.now()).toISOString(),
    };
    const xml = this.latestXml.get(eventId) ?? (old ? this.outbox.latestXml(eventId) : null);
    this.outbox.saveTarget(target, fresh ? { initial: initialItems(state), xml, now: this.now() } : null);
    this.targets.set(eventId, target);
    if (fresh) this.liveRows.set(eventId, new Set());
    this.sender(eventId).reset(fresh);
    const what = fresh ? `set to ${url} (event ${remoteEventId})` : `settings saved`;
    this.core.activity.add(eventId, 'info', `Uplink ${what}, ${input.enabled ? 'enabled' : 'disabled'} (by ${by})`);
    return this.status(eventId);
  }

  /** A target for an event the command line names: set now, or as soon as the event exists. */
  configureAtStart(eventId: string, input: UplinkSettingsInput): void {
    normalizeUrl(input.url); // a wrong URL stops the start, with its reason
    if (this.core.get(eventId)) this.configure(eventId, input, 'system');
    else this.waiting.set(eventId, input);
  }

  remove(eventId: string): void {
    this.core.existing(eventId);
    if (!this.targets.has(eventId)) return;
    this.outbox.deleteTarget(eventId);
    this.targets.delete(eventId);
    this.liveRows.delete(eventId);
    void this.senders.get(eventId)?.close();
    this.senders.delete(eventId);
    this.core.activity.add(eventId, 'info', 'Uplink removed (by operator)');
  }

  retryRefused(eventId: string, id: number): UplinkStatus {
    this.core.existing(eventId);
    if (!this.outbox.retryRefused(eventId, id, this.now())) throw new StationError('NotFound', `No refused uplink item ${id}`);
    this.senders.get(eventId)?.notify();
    return this.status(eventId);
  }

  discardRefused(eventId: string, id: number): UplinkStatus {
    this.core.existing(eventId);
    if (!this.outbox.discardRefused(eventId, id)) throw new StationError('NotFound', `No refused uplink item ${id}`);
    this.core.activity.add(eventId, 'info', `Uplink: refused item ${id} discarded (by operator)`);
    return this.status(eventId);
  }

  /**
   * Checks a target without changing anything there: is it reachable (/health), is the event
   * public (and in which status), and does it take the key? The key is checked with a status
   * PATCH to the status the event already has (draft when it is not public): Raceside answers
   * 200 without a change, c123-live-mini 400 "same state" after the key passed.
   */
  async test(eventId: string, override: Partial<UplinkSettingsInput> = {}): Promise<UplinkTestResult> {
    this.core.existing(eventId);
    const saved = this.targets.get(eventId);
    const url = normalizeUrl(override.url ?? saved?.url ?? '');
    const remoteEventId = (override.remoteEventId ?? saved?.remoteEventId ?? '').trim();
    const apiKey = override.apiKey?.trim() || saved?.apiKey || null;
    const timeoutMs = Math.min(this.settings.uplinkTimeoutMs, 10_000);
    const result: UplinkTestResult = { ok: false, reachable: false, latencyMs: null, keyAccepted: null, remoteStatus: null, error: null };
    const health = await sendToTarget({ baseUrl: url, method: 'GET', path: '/health', apiKey: null, body: null, timeoutMs }, this.now);
    if (health.outcome.kind !== 'ok') {
      result.error = health.outcome.error;
      return result;
    }
    result.reachable = true;
    result.latencyMs = Math.round(health.ms);
    if (!remoteEventId || !apiKey) {
      result.error = uplinkError('refused', null, null, this.now(), 'Give the remote event id and the key to check them.');
      return result;
    }
    const publicEvent = await sendToTarget(
      { baseUrl: url, method: 'GET', path: `/api/v1/events/${encodeURIComponent(remoteEventId)}`, apiKey: null, body: null, timeoutMs },
      this.now,
    );
    const shown = publicEvent.outcome.kind === 'ok' ? ((publicEvent.outcome.body.event as { status?: EventStatus } | undefined)?.status ?? null) : null;
    const probe = await sendToTarget(
      {
        baseUrl: url,
        method: 'PATCH',
        path: `/api/v1/admin/events/${encodeURIComponent(remoteEventId)}/status`,
        apiKey,
        body: JSON.stringify({ status: shown ?? 'draft' }),
        timeoutMs,
      },
      this.now,
    );
    const o = probe.outcome;
    if (o.kind === 'ok') {
      result.keyAccepted = true;
      result.remoteStatus = (o.body.status as EventStatus | undefined) ?? shown;
    } else if (o.kind === 'refuse' && typeof o.body?.currentStatus === 'string') {
      result.keyAccepted = true;
      result.remoteStatus = o.body.currentStatus as EventStatus;
    } else {
      result.keyAccepted = o.kind === 'pause' && o.error.reason === 'unauthorized' ? false : null;
      result.error = o.error;
    }
    result.ok = result.keyAccepted === true;
    return result;
  }

  // ---- what the dashboard reads ------------------------------------------------------------------

  status(eventId: string): UplinkStatus {
    this.core.existing(eventId);
    const t = this.targets.get(eventId);
    const s = this.senders.get(eventId);
    const queued = t ? this.outbox.queued(eventId) : { count: 0, oldest: null };
    const refused = t ? this.outbox.refused(eventId).map(refusedItem) : [];
    const now = this.now();
    return {
      configured: !!t,
      url: t?.url ?? null,
      remoteEventId: t?.remoteEventId ?? null,
      enabled: t?.enabled ?? false,
      keySet: !!t?.apiKey,
      state: stateOf(t, s, refused.length),
      queued: queued.count,
      oldestUnsentMs: queued.oldest === null ? null : Math.max(0, now - queued.oldest),
      lastSuccessAt: s?.lastSuccessAt ?? null,
      lastError: s?.lastError ?? null,
      pausedBy: t?.paused ?? null,
      waitingForXml: s?.waitingForXml ?? false,
      refused,
      bytesSent: s?.bytesSent ?? 0,
      requestsSent: s?.requestsSent ?? 0,
      remoteStatus: t?.remoteStatus ?? null,
      targetKind: t?.dialect ?? null,
      serverNow: now,
    };
  }

  overview(): UplinkOverview {
    const now = this.now();
    const uplinks = [...this.targets.values()]
      .filter((t) => this.core.get(t.eventId))
      .map((t) => {
        const q = this.outbox.queued(t.eventId);
        return {
          eventId: t.eventId,
          enabled: t.enabled,
          state: stateOf(t, this.senders.get(t.eventId), this.outbox.refused(t.eventId).length),
          queued: q.count,
          oldestUnsentMs: q.oldest === null ? null : Math.max(0, now - q.oldest),
        };
      });
    return { uplinks, serverNow: now };
  }

  async close(): Promise<void> {
    await Promise.all([...this.senders.values()].map((s) => s.close()));
    this.senders.clear();
  }

  // ---- inside ------------------------------------------------------------------------------------

  private sender(eventId: string): UplinkSender {
    let s = this.senders.get(eventId);
    if (s) return s;
    s = new UplinkSender(eventId, {
      outbox: this.outbox,
      settings: this.settings,
      now: this.now,
      random: this.random,
      target: (id) => this.targets.get(id),
      state: (id) => this.core.get(id),
      liveRows: (id) => this.rowsOf(id),
      xml: (id) => this.latestXml.get(id) ?? this.outbox.latestXml(id),
      paused: (id, error) => this.pause(id, error),
      log: (id, level, message) => this.core.activity.add(id, level, message),
    });
    this.senders.set(eventId, s);
    s.start();
    return s;
  }

  private pause(eventId: string, error: UplinkError): void {
    const t = this.targets.get(eventId);
    if (!t) return;
    t.paused = error;
    this.outbox.setPaused(eventId, error);
    this.core.activity.add(eventId, 'error', `Uplink paused: ${error.message}`);
  }

  private rowsOf(eventId: string): Set<string> {
    let rows = this.liveRows.get(eventId);
    if (!rows) this.liveRows.set(eventId, (rows = this.outbox.liveRows(eventId)));
    return rows;
  }
}

function stateOf(t: StoredTarget | undefined, s: UplinkSender | undefined, refused: number): UplinkStatus['state'] {
  if (!t) return 'off';
  if (!t.enabled) return 'disabled';
  if (t.paused) return 'paused';
  if (s?.retrying) return 'retrying';
  if (refused > 0) return 'refused';
  return s?.lastSuccessAt ? 'connected' : 'connecting';
}

function refusedItem(r: StoredRefusal): UplinkRefusedItem {
  let label = 'XML export';
  if (r.kind === 'status') {
    const step = JSON.parse(r.items[0]?.payload ?? '{}') as StatusStep;
    label = `${step.from ?? '…'} → ${step.to}`;
  } else if (r.kind === 'results') {
    const races = new Map<string, number>();
    for (const item of r.items) {
      const race = item.key.slice(0, item.key.indexOf('\t'));
      races.set(race, (races.get(race) ?? 0) + 1);
    }
    label = [...races].map(([race, n]) => `${race} (${n})`).join(', ');
  }
  return { id: r.id, kind: r.kind, label, count: r.items.length, error: r.error };
}

/** `https://live.example.org/` → `https://live.example.org`; anything but http(s) is refused. */
export function normalizeUrl(raw: string): string {
  const text = raw.trim();
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new StationError('InvalidRequest', `Not a web address: '${text}'. Give the target's base URL, e.g. https://live.example.org`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new StationError('InvalidRequest', `The target's URL must start with http:// or https://, not ${url.protocol}`);
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}
