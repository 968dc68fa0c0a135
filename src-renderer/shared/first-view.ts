/**
 * The first view the station served with the page (wire/first-view.ts), read once from its data
 * block: the event page of that event starts from it (structure, on-course, the round's list and
 * the live seq), so its first screen needs no REST answer and no socket message. Used only by the
 * page of the same event; any other page, or a page without it, starts as before.
 */
import type { FirstView } from '@wire/first-view.ts';

let read = false;
let data: FirstView | null = null;

/**
 * The first view, if the page came with one for `eventId` and no store has taken it yet (after
 * that it is history: a later visit to the event page loads afresh).
 */
export function firstViewFor(eventId: string): FirstView | null {
  if (!read) {
    read = true;
    try {
      const text = typeof document === 'undefined' ? null : document.getElementById('first-view')?.textContent;
      data = text ? (JSON.parse(text) as FirstView) : null;
    } catch {
      data = null;
    }
  }
  return data && data.eventId === eventId ? data : null;
}

/** The first view for the event's live store, which starts from it; later calls get null. */
export function takeFirstView(eventId: string): FirstView | null {
  const first = firstViewFor(eventId);
  if (first) data = null;
  return first;
}

/** Rendering on the station (first-view-ssr.tsx): the first view the page will carry. */
export function provideFirstView(first: FirstView): void {
  read = true;
  data = first;
}
