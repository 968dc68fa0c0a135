/**
 * The operator sign-in, shown when there is no token (a browser opened without the `#token=`
 * link) or the station refused it (401). The token is the station's admin secret, printed by the
 * headless station at start. It is checked against the station before it is kept.
 */
import { useState, type FormEvent } from 'react';
import { createAdminClient, errorText } from '../lib/admin-client.ts';

export function LoginForm({ message, onSignedIn }: { message: string | null; onSignedIn(token: string): void }) {
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const t = token.trim();
    if (!t) return;
    setBusy(true);
    setError(null);
    try {
      await createAdminClient({ kind: 'operator', token: t }).request('GET', '/admin/station');
      onSignedIn(t);
    } catch (err) {
      setError((err as { status?: number }).status === 401 ? 'That token is not this station’s operator token.' : errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="login" id="main">
      <form className="panel login__form" onSubmit={submit} data-testid="login-form">
        <h1>Raceside operator</h1>
        <p className="muted">
          Paste the operator token the station printed when it started (the admin secret), or open the dashboard link it printed.
        </p>
        {message && <p className="alert alert--warn" role="alert">{message}</p>}
        <label className="field">
          <span>Operator token</span>
          <input type="password" autoComplete="current-password" value={token} onChange={(e) => setToken(e.target.value)} data-testid="login-token" required />
        </label>
        {error && <p className="alert alert--error" role="alert" data-testid="login-error">{error}</p>}
        <button className="btn btn--primary" type="submit" disabled={busy}>{busy ? 'Checking…' : 'Sign in'}</button>
      </form>
    </main>
  );
}
