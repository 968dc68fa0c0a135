/**
 * The officials page: the language provider, then the PIN (checked with the station, kept in
 * this tab's session), then the published events to pick from, then one event's races with
 * official switches and "Mark event official". A 401 later on (the operator changed the PIN)
 * returns to the PIN pad. Texts come from the dashboard's catalogue (shared/staff/i18n/).
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { LangProvider } from '../shared/i18n/lang-context.tsx';
import { LangSwitch } from '../shared/ui/lang-switch.tsx';
import type { OperatorKey } from '../shared/staff/i18n/messages-en.ts';
import { useOperatorI18n } from '../shared/staff/i18n/use-operator-i18n.ts';
import { ApiError, apiRequest, authHeaders, createAdminClient } from '../shared/api-client.ts';
import { useHashRoute } from '../shared/use-hash-route.ts';
import { formatOfficialsRoute, parseOfficialsRoute } from './officials-route.ts';
import { pinOutcome, type PinOutcome } from '../shared/staff/officials/pin-outcome.ts';
import { OfficialsEvent } from './officials-event.tsx';
import { OfficialsEvents } from './officials-events.tsx';
import { PinPad } from './pin-pad.tsx';

const PIN_KEY = 'raceside:officials-pin';

function readPin(): string | null {
  try {
    return sessionStorage.getItem(PIN_KEY);
  } catch {
    return null;
  }
}

function keepPin(pin: string | null): void {
  try {
    if (pin === null) sessionStorage.removeItem(PIN_KEY);
    else sessionStorage.setItem(PIN_KEY, pin);
  } catch {
    /* the PIN lasts for this page only */
  }
}

async function checkPin(pin: string): Promise<PinOutcome> {
  try {
    return pinOutcome(200, await apiRequest('/admin/officials/session', { headers: authHeaders({ kind: 'pin', pin }) }));
  } catch (err) {
    // An ApiError carries the answer's status, message and retryAfter (status 0: unreachable).
    return err instanceof ApiError ? pinOutcome(err.status, err) : pinOutcome(0, null);
  }
}

/** What the PIN pad says after a refused PIN: a message key, or the station's own words. */
type PinMessage = { key: OperatorKey; params?: Record<string, string | number> } | { text: string };

function Officials() {
  const { t } = useOperatorI18n();
  const [pin, setPin] = useState<string | null>(readPin);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<PinMessage | null>(null);
  const [wait, setWait] = useState(0);
  const [route] = useHashRoute(parseOfficialsRoute, formatOfficialsRoute);

  useEffect(() => {
    document.title = t('officials.title');
  }, [t]);

  const signOut = useCallback((why: PinMessage | null) => {
    keepPin(null);
    setMessage(why);
    setPin(null);
  }, []);

  const client = useMemo(() => (pin ? createAdminClient({ kind: 'pin', pin }, () => signOut({ key: 'officials.pinChanged' })) : null), [pin, signOut]);

  const submit = async (entered: string) => {
    setBusy(true);
    setMessage(null);
    const outcome = await checkPin(entered);
    setBusy(false);
    if (outcome.kind === 'ok') {
      keepPin(entered);
      setWait(0);
      setPin(entered);
    } else if (outcome.kind === 'wait') {
      setWait(outcome.seconds);
    } else if (outcome.kind === 'wrong') {
      setMessage({ key: 'officials.wrongPin' });
    } else if (outcome.kind === 'unreachable') {
      setMessage({ key: 'error.network' });
    } else {
      setMessage(outcome.message ? { text: outcome.message } : { key: 'officials.answered', params: { status: outcome.status } });
    }
  };

  if (!client) {
    const text = message && ('text' in message ? message.text : t(message.key, message.params));
    return <PinPad busy={busy} message={text} waitSeconds={wait} onSubmit={(p) => void submit(p)} />;
  }
  return (
    <>
      <header className="topbar">
        <a className="topbar__brand" href="#/">
          Raceside <span className="muted">{t('officials.brand')}</span>
        </a>
        <nav aria-label={t('officials.nav')} />
        <LangSwitch label={t('lang.label')} />
        <button type="button" className="btn btn--small" onClick={() => signOut(null)} data-testid="officials-signout">
          {t('officials.lock')}
        </button>
      </header>
      <main className="officials" id="main">
        {route.page === 'event' ? <OfficialsEvent key={route.eventId} eventId={route.eventId} client={client} /> : <OfficialsEvents />}
      </main>
    </>
  );
}

export function OfficialsApp() {
  return (
    <LangProvider>
      <Officials />
    </LangProvider>
  );
}
