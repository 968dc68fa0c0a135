/**
 * The demo button: replays the bundled real recording (247 s of Canoe123's stream at "Jarní
 * slalomy 2024") through a local stand-in for Canoe123 into this station's direct source, then
 * opens the event it feeds. For demos and training; the station does on race day exactly what it
 * does here.
 */
import { useState } from 'react';
import { useOperatorI18n } from '../../shared/staff/i18n/use-operator-i18n.ts';
import { errorText } from '../../shared/staff/error-text.ts';
import { useAdmin } from '../lib/admin-context.tsx';
import { formatRoute } from '../lib/route.ts';
import { usePoll } from '../../shared/staff/use-poll.ts';

const SPEEDS = [1, 2, 5, 10, 20, 50];

export function DemoReplayPanel() {
  const i18n = useOperatorI18n();
  const { t } = i18n;
  const { client, reloadEvents } = useAdmin();
  const [speed, setSpeed] = useState(10);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const installed = usePoll(() => client.request<{ available: boolean }>('GET', '/admin/replay'), 60_000, [client]);
  // An installation without the bundled recording offers no button.
  if (installed.data?.available === false) return null;

  const start = async () => {
    setBusy(true);
    setError(null);
    try {
      const res = await client.request<{ eventId: string }>('POST', '/admin/replay', { speed });
      reloadEvents();
      location.hash = formatRoute({ page: 'event', eventId: res.eventId });
    } catch (err) {
      setError(errorText(err, i18n));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel" aria-labelledby="demo-title" data-testid="demo-replay-panel">
      <h2 id="demo-title">{t('demo.title')}</h2>
      <p className="muted">{t('demo.intro')}</p>
      <div className="actions">
        <label className="field">
          <span>{t('demo.speed')}</span>
          <select value={speed} onChange={(e) => setSpeed(Number(e.target.value))} data-testid="demo-speed">
            {SPEEDS.map((s) => (
              <option key={s} value={s}>
                {s}×
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="btn btn--primary" disabled={busy} onClick={() => void start()} data-testid="demo-start">
          {busy ? t('demo.starting') : t('demo.start')}
        </button>
      </div>
      {error && (
        <p className="alert alert--error" role="alert" data-testid="demo-error">
          {error}
        </p>
      )}
    </section>
  );
}
