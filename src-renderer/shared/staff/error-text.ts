/**
 * The dashboard's and the officials page's words for any error a request of the one client
 * (shared/api-client.ts) may throw.
 */
import { ApiError } from '../api-client.ts';
import type { OperatorText } from './i18n/operator-text.ts';

/**
 * A readable one-liner for any error a request may throw. The station's own message (English,
 * from its error table, often with details) is shown with its code; what happened on this side
 * (no connection, an unreadable answer) is said in the dashboard's language.
 */
export function errorText(err: unknown, { t }: Pick<OperatorText, 't'>): string {
  if (err instanceof ApiError) {
    if (err.code === 'NetworkError') return t('error.network');
    if (err.code === 'BadResponse' && err.status >= 200 && err.status < 300) return t('error.badResponse');
    return err.status ? `${err.message} (${err.code})` : err.message;
  }
  return (err as Error)?.message ?? String(err);
}
