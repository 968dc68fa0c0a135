/**
 * Feed health per event, for the operator: when each channel (xml, results, oncourse) last
 * delivered, how often, and its last error, so a quiet c123-server is visible at a glance.
 */
import type { FeedChannel, FeedHealth } from './wire/admin.ts';

export type { FeedChannel };

export class FeedMonitor {
  private readonly feeds = new Map<string, Map<FeedChannel, FeedHealth & { recent: number[] }>>();

  received(eventId: string, channel: FeedChannel, now: number): void {
    const f = this.entry(eventId, channel);
    f.lastAt = now;
    f.count++;
    f.recent.push(now);
    while (f.recent.length && f.recent[0] < now - 60_000) f.recent.shift();
  }

  failed(eventId: string, channel: FeedChannel, now: number, message: string): void {
    const f = this.entry(eventId, channel);
    f.errors++;
    f.lastError = message;
    f.lastErrorAt = now;
  }

  forget(eventId: string): void {
    this.feeds.delete(eventId);
  }

  snapshot(eventId: string, now: number): Record<FeedChannel, FeedHealth> {
    const out = {} as Record<FeedChannel, FeedHealth>;
    for (const channel of ['xml', 'results', 'oncourse'] as const) {
      const f = this.feeds.get(eventId)?.get(channel);
      const recent = f ? f.recent.filter((t) => t >= now - 60_000).length : 0;
      out[channel] = f
        ? { lastAt: f.lastAt, count: f.count, perMinute: recent, errors: f.errors, lastError: f.lastError, lastErrorAt: f.lastErrorAt }
        : { lastAt: null, count: 0, perMinute: 0, errors: 0, lastError: null, lastErrorAt: null };
    }
    return out;
  }

  private entry(eventId: string, channel: FeedChannel) {
    let byChannel = this.feeds.get(eventId);
    if (!byChannel) this.feeds.set(eventId, (byChannel = new Map()));
    let f = byChannel.get(channel);
    if (!f) byChannel.set(channel, (f = { lastAt: null, count: 0, perMinute: 0, errors: 0, lastError: null, lastErrorAt: null, recent: [] }));
    return f;
  }
}
