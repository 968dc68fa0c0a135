/**
 * The operator dashboard: the language provider, then the operator token (Electron preload,
 * `#token=` link, this tab's session, or the sign-in form), then the dashboard. A 401 from any
 * request drops the token and returns to the sign-in form with a message.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { LangProvider } from '../shared/i18n/lang-context.tsx';
import { LoginForm } from './auth/login-form.tsx';
import { Dashboard } from './dashboard.tsx';
import type { OperatorKey } from '../shared/staff/i18n/messages-en.ts';
import { useOperatorI18n } from '../shared/staff/i18n/use-operator-i18n.ts';
import { createAdminClient } from '../shared/api-client.ts';
import { initialToken, storeToken } from './lib/operator-token.ts';

function OperatorApp() {
  const { t } = useOperatorI18n();
  const [token, setToken] = useState<string | null | undefined>(undefined);
  // A key, not a text: the message follows a language switch.
  const [message, setMessage] = useState<OperatorKey | null>(null);

  useEffect(() => {
    void initialToken().then((tk) => setToken(tk));
  }, []);

  useEffect(() => {
    document.title = t('app.title');
  }, [t]);

  const signOut = useCallback((why: OperatorKey | null) => {
    storeToken(null);
    setMessage(why);
    setToken(null);
  }, []);

  const client = useMemo(() => (token ? createAdminClient({ kind: 'operator', token }, () => signOut('auth.refused')) : null), [token, signOut]);

  if (token === undefined) return <p className="loading">{t('common.loading')}</p>;
  if (!client) {
    return (
      <LoginForm
        message={message ? t(message) : null}
        onSignedIn={(tk) => {
          storeToken(tk);
          setMessage(null);
          setToken(tk);
        }}
      />
    );
  }
  return <Dashboard client={client} onSignOut={() => signOut(null)} />;
}

export function App() {
  return (
    <LangProvider>
      <OperatorApp />
    </LangProvider>
  );
}
