/**
 * Who a venue screen is and what its address asks for (issue 15): its kind (from the page), its
 * stable id (kept in this browser's localStorage, one per kind, so a restarted screen computer is
 * the same screen to the dashboard; `?screen=<id>` names it explicitly, e.g. for two OBS sources
 * sharing one browser profile) and the event its address pins (`?event=<id>`). Pure but for the
 * storage it is given.
 */
import type { ScreenKind } from '@wire/screens.ts';

export interface ScreenIdentity {
  kind: ScreenKind;
  screenId: string;
  /** `?event=` from the address: the screen shows this event and no other. */
  pinnedEvent: string | null;
}

export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

const ID_RE = /^[A-Za-z0-9_-]{4,64}$/;

export function screenIdentity(kind: ScreenKind, search: string, storage: KeyValueStore | null, random: () => string): ScreenIdentity {
  const q = new URLSearchParams(search);
  const named = q.get('screen');
  const key = `raceside:screen:${kind}`;
  let screenId = named && ID_RE.test(named) ? named : null;
  if (!screenId) {
    try {
      const stored = storage?.getItem(key) ?? null;
      if (stored && ID_RE.test(stored)) screenId = stored;
    } catch {
      /* storage blocked: a new id per load */
    }
  }
  if (!screenId) {
    screenId = `${kind}-${random()
      .replace(/[^A-Za-z0-9]/g, '')
      .slice(0, 12)}`;
    try {
      storage?.setItem(key, screenId);
    } catch {
      /* storage blocked */
    }
  }
  const event = q.get('event');
  return { kind, screenId, pinnedEvent: event ? event.slice(0, 200) : null };
}

/** The control socket's address. */
export function screenSocketUrl(id: ScreenIdentity, loc: { protocol: string; host: string }, viewport: { w: number; h: number }): string {
  const q = new URLSearchParams({ kind: id.kind, id: id.screenId, w: String(Math.round(viewport.w)), h: String(Math.round(viewport.h)) });
  if (id.pinnedEvent) q.set('event', id.pinnedEvent);
  return `${loc.protocol === 'https:' ? 'wss' : 'ws'}://${loc.host}/api/v1/screens/ws?${q}`;
}
