/**
 * When a feed counts as stale, in one place: c123-server pushes results after every finish and
 * the on-course list every second or so while someone is on the course, so a channel that had
 * delivered and is then quiet for longer than its threshold while the event is running means the
 * timing booth (or its link) went quiet. XML comes only when Canoe123 exports, so it never goes
 * stale. Ages are measured against the station's own `lastAt` stamps, so the warning appears
 * exactly one threshold after the last push, however often the dashboard polls. Pure: `now` is
 * passed in. Channel names are the `channel.*` messages of operator/i18n.
 */
import type { EventStatus } from '@wire/api.ts';
import type { FeedChannel, FeedHealth } from '@wire/admin.ts';

/** Quiet time after which a channel that had delivered is stale while the event is running. */
export const STALE_AFTER_MS: Record<FeedChannel, number | null> = {
  xml: null,
  results: 15_000,
  oncourse: 10_000,
};

export const FEED_CHANNELS: readonly FeedChannel[] = ['xml', 'results', 'oncourse'];

/** never: nothing yet; ok: delivering (or not expected to); stale: quiet too long while running. */
export type FeedState = 'never' | 'ok' | 'stale';

export function feedState(channel: FeedChannel, health: FeedHealth, status: EventStatus, now: number): FeedState {
  if (health.lastAt === null) return 'never';
  const limit = STALE_AFTER_MS[channel];
  if (limit !== null && status === 'running' && now - health.lastAt > limit) return 'stale';
  return 'ok';
}

/** True when the channel's last error is newer than its last delivery. */
export function failingNow(health: FeedHealth): boolean {
  return health.lastErrorAt !== null && (health.lastAt === null || health.lastErrorAt > health.lastAt);
}

/** The channels to warn about, for the banner on top of the event page. */
export function staleChannels(feeds: Record<FeedChannel, FeedHealth>, status: EventStatus, now: number): FeedChannel[] {
  return FEED_CHANNELS.filter((c) => feedState(c, feeds[c], status, now) === 'stale');
}
