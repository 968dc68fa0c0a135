/**
 * Feed health per event, held for the station: the records of domain/feed-health.ts, changed as
 * pushes arrive and judged when the dashboard asks. Records are kept on disk beside the activity
 * log, but never written per push (that stalled c123-live-mini, #157), refused ones included: a
 * record that changed is written by `flush()`, which the station calls every few seconds, after an
 * XML import, and at shutdown. A crash loses at most those few seconds of feed history, never a result.
 */
import type { FeedChannel, FeedProblem, FeedSource, FeedsReport, LastImport } from './wire/admin.ts';
import {
  emptyFeedRecord,
  judgeFeeds,
  recordDelivery,
  recordImport,
  recordProblem,
  recordRiders,
  type FeedRecord,
  type TimingState,
} from './domain/feed-health.ts';

export type { FeedChannel };

export interface FeedRecordStore {
  loadFeedRecords(): Map<string, string>;
  saveFeedRecord(eventId: string, json: string): void;
}

export class FeedMonitor {
  private readonly records = new Map<string, FeedRecord>();
  private readonly dirty = new Set<string>();
  private readonly store: FeedRecordStore | null;

  constructor(store: FeedRecordStore | null = null) {
    this.store = store;
    for (const [eventId, json] of store?.loadFeedRecords() ?? []) this.adopt(eventId, json);
  }

  /** Reads an event's record back from the store (a deleted event restored). */
  reload(eventId: string): void {
    const json = this.store?.loadFeedRecords().get(eventId);
    if (json !== undefined) this.adopt(eventId, json);
  }

  private adopt(eventId: string, json: string): void {
    try {
      this.records.set(eventId, { ...emptyFeedRecord, ...(JSON.parse(json) as FeedRecord) });
    } catch {
      // An unreadable record is feed history, not results: start that event's afresh.
    }
  }

  delivered(eventId: string, source: FeedSource, channel: FeedChannel, now: number, timing: TimingState): void {
    this.change(eventId, (r) => recordDelivery(r, source, channel, now, timing));
  }

  problem(eventId: string, source: FeedSource, channel: FeedChannel, now: number, problem: FeedProblem): void {
    this.change(eventId, (r) => recordProblem(r, source, channel, now, problem));
  }

  riders(eventId: string, source: FeedSource, now: number, running: number, atStart: number): void {
    this.change(eventId, (r) => recordRiders(r, source, now, running, atStart));
  }

  imported(eventId: string, lastImport: LastImport): void {
    this.change(eventId, (r) => recordImport(r, lastImport));
  }

  forget(eventId: string): void {
    this.records.delete(eventId);
    this.dirty.delete(eventId);
  }

  /** `primary`: the event's chosen source, shown even before it has sent anything (null: XML only). */
  report(eventId: string, timing: TimingState, now: number, primary: FeedSource | null = 'c123-server'): FeedsReport {
    return judgeFeeds(this.records.get(eventId) ?? emptyFeedRecord, timing, now, primary);
  }

  /** Writes the records that changed since the last flush. Never throws: feed history must not fail an ingest. */
  flush(): void {
    if (!this.store) return;
    for (const eventId of this.dirty) {
      const rec = this.records.get(eventId);
      try {
        if (rec) this.store.saveFeedRecord(eventId, JSON.stringify(rec));
        this.dirty.delete(eventId);
      } catch {
        // Kept dirty: the next flush tries again.
      }
    }
  }

  private change(eventId: string, update: (r: FeedRecord) => FeedRecord): void {
    this.records.set(eventId, update(this.records.get(eventId) ?? emptyFeedRecord));
    this.dirty.add(eventId);
  }
}
