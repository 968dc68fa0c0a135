/**
 * When the uplink tries again (pure; the random source is passed in so tests can pin it).
 *
 * Exponential backoff with jitter: after the n-th failure in a row the wait is between half and
 * all of `base × 2^(n-1)`, capped. The jitter keeps stations that lost the same 4G cell from
 * knocking on the target together; keeping half the wait keeps a struggling target from being
 * hit again at once. A target's `Retry-After` (seconds, or an HTTP date) wins, up to an hour.
 */
const MAX_RETRY_AFTER_MS = 60 * 60 * 1000;

export function backoffMs(failures: number, baseMs: number, capMs: number, random: () => number = Math.random): number {
  const full = Math.min(capMs, baseMs * 2 ** Math.max(0, failures - 1));
  return Math.round(full / 2 + (random() * full) / 2);
}

/** `Retry-After: 120` or `Retry-After: Wed, 21 Oct 2026 07:28:00 GMT` → ms to wait, or null. */
export function retryAfterMs(header: string | null | undefined, nowMs: number): number | null {
  if (!header) return null;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Math.min(MAX_RETRY_AFTER_MS, Number(text) * 1000);
  const at = Date.parse(text);
  if (!Number.isFinite(at)) return null;
  return Math.min(MAX_RETRY_AFTER_MS, Math.max(0, at - nowMs));
}
