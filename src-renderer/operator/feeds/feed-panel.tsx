/**
 * Live numbers for one event: connected spectators (out of the room's size), riders on course, and each feed's health
 * (last delivery as "12 s ago", pushes per minute, errors and the last error), with a clear
 * warning when a channel went quiet while the event is running.
 */
import type { AdminEventDetail } from '@wire/admin.ts';
import { useOperatorI18n } from '../i18n/use-operator-i18n.ts';
import { ago } from '../lib/relative-time.ts';
import { FEED_CHANNELS, failingNow, feedState, STALE_AFTER_MS, staleChannels } from './feed-health.ts';

export function FeedPanel({ detail, now }: { detail: AdminEventDetail; now: number }) {
  const i18n = useOperatorI18n();
  const { t } = i18n;
  const status = detail.event.status;
  const stale = staleChannels(detail.feeds, status, now);
  return (
    <section className="panel" aria-labelledby="live-title" data-testid="feed-panel">
      <h2 id="live-title">{t('feeds.title')}</h2>
      <div className="stats">
        <div className="stat">
          <span className="stat__value num" data-testid="spectator-count">{detail.spectators}</span>
          <span className="stat__label">{t('feeds.spectators')}</span>
          <span className="stat__label" data-testid="spectator-limit">{t('feeds.spectatorLimit', { max: detail.spectatorLimit })}</span>
          {detail.spectatorsCutOff > 0 && (
            <span className="stat__note" data-testid="cut-off-count" title={t('feeds.cutOffHelp')}>
              {t('feeds.cutOff', { n: detail.spectatorsCutOff })}
            </span>
          )}
        </div>
        <div className="stat">
          <span className="stat__value num" data-testid="oncourse-count">{detail.onCourse}</span>
          <span className="stat__label">{t('feeds.oncourse')}</span>
        </div>
      </div>
      {detail.spectators >= detail.spectatorLimit && (
        <p className="alert alert--warn" role="status" data-testid="room-full">{t('feeds.full')}</p>
      )}
      {stale.length > 0 && (
        <p className="alert alert--error" role="alert" data-testid="stale-warning">
          {t('feeds.staleWarning', {
            channels: stale.map((c) => t(`channel.${c}`)).join(t('feeds.and')),
            s: Math.min(...stale.map((c) => STALE_AFTER_MS[c]!)) / 1000,
          })}
        </p>
      )}
      <table className="feeds">
        <thead>
          <tr>
            <th scope="col">{t('feeds.feed')}</th>
            <th scope="col">{t('feeds.last')}</th>
            <th scope="col">{t('feeds.perMinute')}</th>
            <th scope="col">{t('feeds.total')}</th>
            <th scope="col">{t('feeds.errors')}</th>
          </tr>
        </thead>
        <tbody>
          {FEED_CHANNELS.map((c) => {
            const h = detail.feeds[c];
            const state = feedState(c, h, status, now);
            return (
              <tr key={c} className={`feed feed--${state}`} data-testid={`feed-${c}`} data-state={state}>
                <th scope="row">
                  <span className={`dot dot--${state}`} aria-hidden="true" /> {t(`channel.${c}`)}
                  {state === 'stale' && <span className="badge badge--stale">{t('feeds.stale')}</span>}
                </th>
                <td className="num" data-testid={`feed-${c}-last`}>{ago(h.lastAt, now, i18n)}</td>
                <td className="num">{h.perMinute}</td>
                <td className="num">{h.count}</td>
                <td className={failingNow(h) ? 'feed__err feed__err--now' : 'feed__err'}>
                  <span className="num">{h.errors}</span>
                  {h.lastError && (
                    <span className="feed__lasterr" title={h.lastError}>
                      {' '}· {h.lastError} ({ago(h.lastErrorAt, now, i18n)})
                    </span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
