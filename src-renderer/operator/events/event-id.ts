/**
 * Event ids: the station's pattern (wire/params.ts, as c123-server sends them) and a suggestion
 * made from the title, so "Jarní slalomy 2024" becomes "jarni-slalomy-2024" without the operator
 * typing it. Pure.
 */
import { EVENT_ID_PATTERN } from '@wire/params.ts';

const EVENT_ID = new RegExp(EVENT_ID_PATTERN);

export function suggestEventId(title: string): string {
  return title
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[^a-z0-9]+/, '')
    .replace(/[-._]+$/, '')
    .slice(0, 100);
}

export function isValidEventId(id: string): boolean {
  return EVENT_ID.test(id);
}
