/**
 * The operator sign-in, shown when there is no token (a browser opened without the `#token=`
 * link) or the station refused it (401). The token is the station's admin secret, printed by the
 * headless station at start. It is checked against the station before it is kept. The language
 * can be switched here already.
 */
import { useState, type FormEvent } from 'react';
import { LangSwitch } from '../../shared/ui/lang-switch.tsx';
import { useOperatorI18n } from '../../shared/staff/i18n/use-operator-i18n.ts';
import { errorText } from '../../shared/staff/error-text.ts';
import { createAdminClient } from '../../shared/api-client.ts';

export function LoginForm({ message, onSignedIn }: { message: string | null; onSignedIn(token: string): void }) {
  const i18n = useOperatorI18n();
  const { t } = i18n;
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const tk = token.trim();
    if (!tk) return;
    setBusy(true);
    setError(null);
    try {
      await createAdminClient({ kind: 'operator', token: tk }).request('GET', '/admin/station');
      onSignedIn(tk);
    } catch (err) {
      setError((err as { status?: number }).status === 401 ? t('auth.wrongToken') : errorText(err, i18n));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="login" id="main">
      <form className="panel login__form" onSubmit={submit} data-testid="login-form">
        <div className="login__head">
          <h1>{t('auth.title')}</h1>
          <LangSwitch label={t('lang.label')} />
        </div>
        <p className="muted">{t('auth.intro')}</p>
        {message && (
          <p className="alert alert--warn" role="alert">
            {message}
          </p>
        )}
        <label className="field">
          <span>{t('auth.token')}</span>
          <input type="password" autoComplete="current-password" value={token} onChange={(e) => setToken(e.target.value)} data-testid="login-token" required />
        </label>
        {error && (
          <p className="alert alert--error" role="alert" data-testid="login-error">
            {error}
          </p>
        )}
        <button className="btn btn--primary" type="submit" disabled={busy} data-testid="login-submit">
          {busy ? t('auth.checking') : t('auth.signIn')}
        </button>
      </form>
    </main>
  );
}
