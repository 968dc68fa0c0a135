/**
 * What the station saw of people trying secrets: wrong officials PINs, addresses locked out of
 * PIN sign-in, the station-wide pause, and wrong operator tokens (counts since the start; each
 * lockout and wrong token is also a line in the activity log). Read from GET /admin/station.
 */
import type { SignInStatus } from '@wire/admin.ts';
import { useOperatorI18n } from '../../shared/staff/i18n/use-operator-i18n.ts';
import { clockTime } from '../../shared/staff/relative-time.ts';
import { Stat } from '../lib/stat.tsx';

export function SignInPanel({ status }: { status: SignInStatus }) {
  const { t } = useOperatorI18n();
  const quiet = status.wrongPins === 0 && status.wrongTokens === 0;
  return (
    <section className="panel" aria-labelledby="signin-title" data-testid="sign-in-panel">
      <h2 id="signin-title">{t('signin.title')}</h2>
      <p className="muted">{t('signin.intro')}</p>
      {status.pinPausedSeconds > 0 && (
        <p className="alert alert--error" role="alert" data-testid="pin-paused">
          {t('signin.paused', { n: status.pinPausedSeconds })}
        </p>
      )}
      {quiet ? (
        <p data-testid="sign-in-quiet">{t('signin.none')}</p>
      ) : (
        <div className="stats">
          <Stat value={status.wrongPins} label={t('signin.wrongPins')} testId="wrong-pins" />
          <Stat value={status.wrongTokens} label={t('signin.wrongTokens')} testId="wrong-tokens" />
        </div>
      )}
      {status.lastWrongToken && (
        <p data-testid="last-wrong-token">{t('signin.lastToken', { address: status.lastWrongToken.address, at: clockTime(status.lastWrongToken.at) })}</p>
      )}
      {status.lockedAddresses.length > 0 && (
        <ul data-testid="locked-addresses">
          {status.lockedAddresses.map((l) => (
            <li key={l.address}>{t('signin.locked', { address: l.address, n: l.secondsLeft })}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
