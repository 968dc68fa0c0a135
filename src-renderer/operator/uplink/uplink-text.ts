/**
 * The uplink in the operator's words (pure: the texts are passed in): an error as a sentence in
 * the dashboard's language (the station's English message is only the fallback), a byte count, and which events' uplinks are behind by more than the header's limit.
 */
import type { UplinkError, UplinkOverview } from '@wire/uplink.ts';
import type { OperatorText } from '../../shared/staff/i18n/operator-text.ts';

/** The header warns when the oldest unsent change of an enabled uplink is older than this. */
export const BEHIND_WARNING_MS = 30_000;

export function uplinkErrorSentence(e: UplinkError, { t }: Pick<OperatorText, 't'>): string {
  return t(`uplink.reason.${e.reason}`, { status: e.httpStatus ?? '', detail: e.detail ? `: ${e.detail}` : '' });
}

export function bytesText(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** Enabled uplinks whose oldest unsent change is older than the limit, most behind first. */
export function behindUplinks(overview: UplinkOverview | null): { eventId: string; behindMs: number }[] {
  return (overview?.uplinks ?? [])
    .filter((u) => u.enabled && u.oldestUnsentMs !== null && u.oldestUnsentMs > BEHIND_WARNING_MS)
    .map((u) => ({ eventId: u.eventId, behindMs: u.oldestUnsentMs! }))
    .sort((a, b) => b.behindMs - a.behindMs);
}
