/**
 * The Timing source panel's words, pure (tested in both languages): a problem code as the
 * operator's sentence, the connection's state line, and the checks of the form's fields. The
 * station writes the same sentences in English to the activity log (sources/canoe123/problem-text.ts).
 */
import type { ConnectionStatus, SourceProblem } from '@wire/sources.ts';
import type { OperatorText } from '../i18n/operator-text.ts';

export function problemText(p: SourceProblem, { t }: Pick<OperatorText, 't'>): string {
  return t(`source.problem.${p.code}`, { subject: p.subject ?? 'Canoe123', detail: p.detail ?? '' });
}

/** "Connected to 192.168.1.20:27333", "Reconnecting to … in 4 s", "Listening for Canoe123 on the network…". */
export function connectionText(c: ConnectionStatus, now: number, { t }: Pick<OperatorText, 't'>): string {
  const address = c.address ?? '';
  switch (c.state) {
    case 'waiting':
      return t('source.state.waiting', { address, s: Math.max(0, Math.ceil(((c.retryAt ?? now) - now) / 1000)) });
    case 'connecting':
      return t('source.state.connecting', { address });
    case 'connected':
      return t('source.state.connected', { address });
    case 'discovering':
      return t('source.state.discovering');
    default:
      return t('source.state.off');
  }
}

/** A full path on Windows (C:\…, \\server\…) or elsewhere (/…). */
export function isFullPath(path: string): boolean {
  return /^([A-Za-z]:[\\/]|\\\\|\/)/.test(path.trim());
}

export function isPort(value: string): boolean {
  return /^\d{1,5}$/.test(value.trim()) && Number(value) >= 1 && Number(value) <= 65535;
}
