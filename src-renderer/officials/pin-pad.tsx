/**
 * PIN entry for officials: a numeric field (the tablet shows its number keyboard) plus an
 * on-screen keypad with large keys. A wrong PIN says so; after too many the station makes the
 * tablet wait, and the page counts the seconds down.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { LangSwitch } from '../shared/ui/lang-switch.tsx';
import { useOperatorI18n } from '../shared/staff/i18n/use-operator-i18n.ts';

/**
 * The shortest PIN the OK key accepts. New PINs have 6 to 12 digits (the station refuses
 * shorter ones), but a 4- or 5-digit PIN kept from an older Raceside still opens the door until
 * the operator sets a new one; the station, not this page, decides.
 */
const SHORTEST_ACCEPTED = 4;

export function PinPad({ busy, message, waitSeconds, onSubmit }: { busy: boolean; message: string | null; waitSeconds: number; onSubmit(pin: string): void }) {
  const { t } = useOperatorI18n();
  const [pin, setPin] = useState('');
  const [left, setLeft] = useState(waitSeconds);

  useEffect(() => {
    setLeft(waitSeconds);
    if (waitSeconds <= 0) return;
    const started = Date.now();
    const id = setInterval(() => {
      const rest = Math.max(0, waitSeconds - Math.floor((Date.now() - started) / 1000));
      setLeft(rest);
      if (rest === 0) clearInterval(id);
    }, 250);
    return () => clearInterval(id);
  }, [waitSeconds]);

  const blocked = busy || left > 0;
  const submit = (e?: FormEvent) => {
    e?.preventDefault();
    if (!blocked && pin.length >= SHORTEST_ACCEPTED) {
      onSubmit(pin);
      setPin('');
    }
  };
  const press = (d: string) => setPin((p) => (p.length < 12 ? p + d : p));

  return (
    <main className="pin" id="main">
      <form className="panel pin__card" onSubmit={submit} data-testid="pin-form">
        <div className="pin__head">
          <h1>{t('officials.pinTitle')}</h1>
          <LangSwitch label={t('lang.label')} />
        </div>
        <label htmlFor="pin">{t('officials.pinLabel')}</label>
        <p className="muted" id="pin-hint">
          {t('officials.pinHint')}
        </p>
        <input
          id="pin"
          className="pin__input"
          type="password"
          inputMode="numeric"
          pattern="[0-9]*"
          autoComplete="off"
          aria-describedby="pin-hint"
          maxLength={12}
          value={pin}
          onChange={(e) => setPin(e.target.value.replace(/\D/g, '').slice(0, 12))}
          data-testid="officials-pin"
          autoFocus
        />
        {left > 0 ? (
          <p className="alert alert--warn" role="alert" data-testid="pin-wait">
            {t('officials.wait', { n: left })}
          </p>
        ) : (
          message && (
            <p className="alert alert--error" role="alert" data-testid="pin-error">
              {message}
            </p>
          )
        )}
        <div className="pad" role="group" aria-label={t('officials.keypad')}>
          {['1', '2', '3', '4', '5', '6', '7', '8', '9'].map((d) => (
            <button key={d} type="button" onClick={() => press(d)} disabled={blocked}>
              {d}
            </button>
          ))}
          <button type="button" onClick={() => setPin((p) => p.slice(0, -1))} aria-label={t('officials.deleteDigit')}>
            ⌫
          </button>
          <button type="button" onClick={() => press('0')} disabled={blocked}>
            0
          </button>
          <button type="submit" className="pad__ok" disabled={blocked || pin.length < SHORTEST_ACCEPTED} data-testid="pin-submit">
            {t('officials.ok')}
          </button>
        </div>
      </form>
    </main>
  );
}
