/**
 * Where the operator token comes from, in order: the Electron preload (the window never shows
 * it), a `#token=<t>` fragment in the address (what the headless station prints as the dashboard
 * link; read once and stripped from the address bar so it does not linger in history), then this
 * tab's sessionStorage (survives a reload, not a closed tab). The fragment parsing is pure.
 */
import { bridge } from './bridge.ts';

export const TOKEN_STORAGE_KEY = 'raceside:operator-token';

/** `#token=abc` → `{ token: 'abc', rest: '' }`; `#token=abc&/lan` → rest `#/lan`; no token → null. */
export function tokenFromHash(hash: string): { token: string; rest: string } | null {
  const m = /^#?token=([^&]*)(?:&(.*))?$/.exec(hash);
  if (!m) return null;
  let token: string;
  try {
    token = decodeURIComponent(m[1]);
  } catch {
    return null;
  }
  if (!token) return null;
  return { token, rest: m[2] ? `#${m[2]}` : '' };
}

export function storedToken(): string | null {
  try {
    return sessionStorage.getItem(TOKEN_STORAGE_KEY);
  } catch {
    return null;
  }
}

export function storeToken(token: string | null): void {
  try {
    if (token === null) sessionStorage.removeItem(TOKEN_STORAGE_KEY);
    else sessionStorage.setItem(TOKEN_STORAGE_KEY, token);
  } catch {
    /* storage blocked: the token lasts for this page only */
  }
}

/** The token to start with (null → show the login form). Strips a fragment token from the URL. */
export async function initialToken(): Promise<string | null> {
  const fromHash = tokenFromHash(location.hash);
  if (fromHash) {
    history.replaceState(history.state, '', location.pathname + location.search + fromHash.rest);
    storeToken(fromHash.token);
    return fromHash.token;
  }
  const b = bridge();
  if (b) {
    try {
      const token = await b.getOperatorToken();
      if (token) return token;
    } catch {
      /* fall through to the stored token or the form */
    }
  }
  return storedToken();
}
