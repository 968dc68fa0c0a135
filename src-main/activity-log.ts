/**
 * The operator's activity log: what the station did and what it refused. Kept in memory (the
 * dashboard's view, a bounded ring) and, for entries worth keeping after a restart, on disk; at
 * start the ring is filled from disk, so after a crash or a restart the dashboard still shows what
 * happened before it. Throttled refusals stay in memory only, except the security ones (lockouts,
 * wrong operator tokens, refused deletes), which are kept. Never written per live push: that is
 * what stalled c123-live-mini (#157).
 */
import type { ActivityEntry } from './wire/admin.ts';
import type { EventStore } from './store/event-store.ts';

const CAPACITY = 500;
/** Past this many throttle keys, keys quiet for REFUSAL_KEY_TTL_MS are forgotten. */
const REFUSAL_KEYS = 1000;
const REFUSAL_KEY_TTL_MS = 10 * 60_000;

export class ActivityLog {
  private readonly entries: ActivityEntry[] = [];
  private nextId = 1;
  private readonly store: EventStore;
  private readonly now: () => string;
  private readonly listeners = new Set<(e: ActivityEntry) => void>();
  private readonly lastRefusal = new Map<string, number>();

  constructor(store: EventStore, now: () => string) {
    this.store = store;
    this.now = now;
    for (const row of store.recentLog(CAPACITY).reverse()) {
      this.entries.push({ id: this.nextId++, at: row.at, eventId: row.eventId, level: row.level as ActivityEntry['level'], message: row.message });
    }
  }

  add(eventId: string | null, level: ActivityEntry['level'], message: string, persist = true): ActivityEntry {
    const entry = { id: this.nextId++, at: this.now(), eventId, level, message };
    this.entries.push(entry);
    if (this.entries.length > CAPACITY) this.entries.shift();
    if (persist) {
      try {
        this.store.log(entry.at, eventId, level, message);
      } catch {
        // The log must never make an ingest fail.
      }
    }
    for (const l of this.listeners) l(entry);
    return entry;
  }

  /**
   * Notes a refusal, at most once per `key` every `everyMs`: a misconfigured c123-server repeats
   * the same refused push many times a second (and someone guessing secrets many more), and the
   * log must stay readable. Kept in memory only unless `persist` (security events are kept).
   */
  refused(key: string, eventId: string | null, message: string, nowMs: number, everyMs = 10_000, persist = false): void {
    const last = this.lastRefusal.get(key) ?? -Infinity;
    if (nowMs - last < everyMs) return;
    if (this.lastRefusal.size >= REFUSAL_KEYS) {
      // Keys can come from client addresses: forget the ones quiet for longer than any throttle.
      for (const [k, at] of this.lastRefusal) if (nowMs - at > REFUSAL_KEY_TTL_MS) this.lastRefusal.delete(k);
    }
    this.lastRefusal.set(key, nowMs);
    this.add(eventId, 'warn', message, persist);
  }

  recent(limit = 100): ActivityEntry[] {
    return this.entries.slice(-limit).reverse();
  }

  subscribe(listener: (e: ActivityEntry) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
