/**
 * The officials page: PIN first (checked with the station, kept in this tab's session), then the
 * published events to pick from, then one event's races with official switches and "Mark event
 * official". A 401 later on (the operator changed the PIN) returns to the PIN pad.
 */
import { useCallback, useMemo, useState } from 'react';
import { API_BASE } from '../shared/api-client.ts';
import { createAdminClient } from '../operator/lib/admin-client.ts';
import { pinOutcome } from '../operator/officials/pin-outcome.ts';
import { useRoute } from '../operator/lib/use-route.ts';
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

async function checkPin(pin: string) {
  try {
    const res = await fetch(`${API_BASE}/admin/officials/session`, { headers: { 'x-officials-pin': pin, accept: 'application/json' }, cache: 'no-store' });
    return pinOutcome(res.status, await res.json().catch(() => null));
  } catch {
    return pinOutcome(0, null);
  }
}

export function OfficialsApp() {
  const [pin, setPin] = useState<string | null>(readPin);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [wait, setWait] = useState(0);
  const route = useRoute();

  const signOut = useCallback((why: string | null) => {
    keepPin(null);
    setMessage(why);
    setPin(null);
  }, []);

  const client = useMemo(
    () => (pin ? createAdminClient({ kind: 'pin', pin }, () => signOut('The station no longer accepts this PIN. Enter it again.')) : null),
    [pin, signOut],
  );

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
    } else {
      setMessage(outcome.kind === 'wrong' ? 'Wrong PIN. Try again.' : outcome.message);
    }
  };

  if (!client) return <PinPad busy={busy} message={message} waitSeconds={wait} onSubmit={(p) => void submit(p)} />;
  return (
    <>
      <header className="topbar">
        <a className="topbar__brand" href="#/">Raceside <span className="muted">officials</span></a>
        <nav aria-label="Officials" />
        <button type="button" className="btn btn--small" onClick={() => signOut(null)} data-testid="officials-signout">Lock</button>
      </header>
      <main className="officials" id="main">
        {route.page === 'event' ? <OfficialsEvent key={route.eventId} eventId={route.eventId} client={client} /> : <OfficialsEvents />}
      </main>
    </>
  );
}
