/**
 * The uplink in the operator's words: error sentences in both languages, durations, bytes, and
 * which uplinks the header warns about (more than 30 s behind, enabled only).
 */
import { describe, expect, it } from 'vitest';
import { operatorText } from '../../../../../src-renderer/shared/staff/i18n/operator-text.ts';
import { behindUplinks, bytesText, uplinkErrorSentence } from '../../../../../src-renderer/operator/uplink/uplink-text.ts';

const en = operatorText('en');
const cs = operatorText('cs');
const err = (reason: any, httpStatus: number | null, detail: string | null) => ({ at: 0, reason, httpStatus, detail, message: 'x' });

describe('uplink texts', () => {
  it('says an error as a sentence, with the server’s own words', () => {
    expect(uplinkErrorSentence(err('unauthorized', 401, 'Key expired on 2026-03-13'), en)).toBe(
      'The server refused the key (401: Key expired on 2026-03-13). Check the key.',
    );
    expect(uplinkErrorSentence(err('unauthorized', 401, 'Key expired on 2026-03-13'), cs)).toBe(
      'Server odmítl klíč (401: Key expired on 2026-03-13). Zkontrolujte klíč.',
    );
    expect(uplinkErrorSentence(err('network', null, 'ECONNREFUSED'), en)).toBe('Cannot reach the server: ECONNREFUSED.');
    expect(uplinkErrorSentence(err('timeout', null, null), cs)).toBe('Server neodpověděl včas.');
    expect(uplinkErrorSentence(err('server', 503, null), en)).toBe('The server failed (503); trying again.');
  });

  it('bytes', () => {
    expect([500, 2048, 2_977_693].map(bytesText)).toEqual(['500 B', '2.0 KB', '2.8 MB']);
  });

  it('warns about enabled uplinks more than 30 s behind, most behind first', () => {
    const u = (eventId: string, oldestUnsentMs: number | null, enabled = true) => ({ eventId, oldestUnsentMs, enabled, state: 'retrying' as const, queued: 1 });
    expect(behindUplinks({ serverNow: 0, uplinks: [u('a', 30_000), u('b', 45_000), u('c', 90_000), u('d', 99_000, false), u('e', null)] })).toEqual([
      { eventId: 'c', behindMs: 90_000 },
      { eventId: 'b', behindMs: 45_000 },
    ]);
    expect(behindUplinks(null)).toEqual([]);
  });
});
