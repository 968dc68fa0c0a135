/**
 * PIN entry for officials: a numeric field (the tablet shows its number keyboard) plus an
 * on-screen keypad with large keys. A wrong PIN says so; after too many the station makes the
 * tablet wait, and the page counts the seconds down.
 */
import { useEffect, useState, type FormEvent } from 'react';

export function PinPad({ busy, message, waitSeconds, onSubmit }: {
  busy: boolean;
  message: string | null;
  waitSeconds: number;
  onSubmit(pin: string): void;
}) {
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
    if (!blocked && pin.length >= 4) {
      onSubmit(pin);
      setPin('');
    }
  };
  const press = (d: string) => setPin((p) => (p.length < 12 ? p + d : p));

  return (
    <main className="pin" id="main">
      <form className="panel pin__card" onSubmit={submit} data-testid="pin-form">
        <h1>Officials</h1>
        <label htmlFor="pin">Enter the officials PIN</label>
        <input
          id="pin"
          className="pin__input"
          type="password"
          inputMode="numeric"
          pattern="[0-9]*"
          autoComplete="off"
          maxLength={12}
          value={pin}
          onChange={(e) => setPin(e.target.value.replace(/\D/g, '').slice(0, 12))}
          data-testid="officials-pin"
          autoFocus
        />
        {left > 0 ? (
          <p className="alert alert--warn" role="alert" data-testid="pin-wait">Too many wrong PINs. Wait {left} s and try again.</p>
        ) : (
          message && <p className="alert alert--error" role="alert" data-testid="pin-error">{message}</p>
        )}
        <div className="pad" role="group" aria-label="Keypad">
          {['1', '2', '3', '4', '5', '6', '7', '8', '9'].map((d) => (
            <button key={d} type="button" onClick={() => press(d)} disabled={blocked}>{d}</button>
          ))}
          <button type="button" onClick={() => setPin((p) => p.slice(0, -1))} aria-label="Delete last digit">⌫</button>
          <button type="button" onClick={() => press('0')} disabled={blocked}>0</button>
          <button type="submit" className="pad__ok" disabled={blocked || pin.length < 4} data-testid="pin-submit">OK</button>
        </div>
      </form>
    </main>
  );
}
