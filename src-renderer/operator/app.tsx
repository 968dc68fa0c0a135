/**
 * The operator dashboard: finds the operator token (Electron preload, `#token=` link, this tab's
 * session, or the sign-in form), then shows the dashboard. A 401 from any request drops the token
 * and returns to the sign-in form with a message.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { LoginForm } from './auth/login-form.tsx';
import { Dashboard } from './dashboard.tsx';
import { createAdminClient } from './lib/admin-client.ts';
import { initialToken, storeToken } from './lib/operator-token.ts';

export function App() {
  const [token, setToken] = useState<string | null | undefined>(undefined);
  const [message, setMessage] = useState<string | null>(null);

  useEffect(() => {
    void initialToken().then((t) => setToken(t));
  }, []);

  const signOut = useCallback((why: string | null) => {
    storeToken(null);
    setMessage(why);
    setToken(null);
  }, []);

  const client = useMemo(
    () => (token ? createAdminClient({ kind: 'operator', token }, () => signOut('The station refused the operator token. Sign in again.')) : null),
    [token, signOut],
  );

  if (token === undefined) return <p className="loading">Loading…</p>;
  if (!client) {
    return (
      <LoginForm
        message={message}
        onSignedIn={(t) => {
          storeToken(t);
          setMessage(null);
          setToken(t);
        }}
      />
    );
  }
  return <Dashboard client={client} onSignOut={() => signOut(null)} />;
}
