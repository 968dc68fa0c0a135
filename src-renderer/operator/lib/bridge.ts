/**
 * The Electron preload's `window.raceside`, when there is one. In a plain browser against a
 * headless station it is absent, and every caller falls back to a web equivalent.
 */
import type { RacesideBridge } from '@wire/ipc.ts';

declare global {
  interface Window {
    raceside?: RacesideBridge;
  }
}

export function bridge(): RacesideBridge | null {
  return typeof window !== 'undefined' && window.raceside ? window.raceside : null;
}
