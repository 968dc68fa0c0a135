/**
 * Live numbers for one event: connected spectators (out of the room's size), riders on course and
 * at the start, and the health of each source's feeds as the station judged it: a red sentence
 * when a source has gone silent while the timing says data is due, each channel's state in words,
 * when it last delivered, and every problem as a sentence saying what to do. Times are on the
 * station's clock (`now`).
 */
import type { AdminEventDetail, FeedSourceReport } from '@wire/admin.ts';
import { useOperatorI18n } from '../../shared/staff/i18n/use-operator-i18n.ts';
import { ago } from '../../shared/staff/relative-time.ts';
import { channelStateText, nothingYetText, problemText, quietFor, silenceText, sourceName } from './feed-words.ts';
import { Stat } from '../lib/stat.tsx';

export function FeedPanel({ detail, now }: { detail: AdminEventDetail; now: number }) {
  const { t } = useOperatorI18n();
  const running = detail.event.status === 'running';
  return (
    <section className="panel" aria-labelledby="live-title" data-testid="feed-panel">
      <h2 id="live-title">{t('feeds.title')}</h2>
      <div className="stats">
        <Stat value={detail.spectators} label={t('feeds.spectators')} testId="spectator-count">
          <span className="stat__label" data-testid="spectator-limit">
            {t('feeds.spectatorLimit', { max: detail.spectatorLimit })}
          </span>
          {detail.spectatorsCutOff > 0 && (
            <span className="stat__note" data-testid="cut-off-count" title={t('feeds.cutOffHelp')}>
              {t('feeds.cutOff', { n: detail.spectatorsCutOff })}
            </span>
          )}
        </Stat>
        <Stat value={detail.onCourse} label={t('feeds.oncourse')} testId="oncourse-count" />
        <Stat value={detail.atStart} label={t('feeds.atStart')} testId="atstart-count">
          <span className="stat__hint">{t('feeds.atStartHelp')}</span>
        </Stat>
      </div>
      {detail.spectators >= detail.spectatorLimit && (
        <p className="alert alert--warn" role="status" data-testid="room-full">
          {t('feeds.full')}
        </p>
      )}
      {detail.feeds.sources.map((src) => (
        <SourceHealth key={src.source} src={src} now={now} running={running} />
      ))}
    </section>
  );
}

function SourceHealth({ src, now, running }: { src: FeedSourceReport; now: number; running: boolean }) {
  const i18n = useOperatorI18n();
  const { t } = i18n;
  const silence = silenceText(src, now, i18n);
  const problems = src.channels.filter((c) => c.problem && (c.state === 'failing' || c.state === 'warning'));
  return (
    <div className="feedsrc" data-testid={`feed-source-${src.source}`} data-silent={src.silent ? 'true' : 'false'}>
      {silence && (
        <p className="alert alert--error" role="alert" data-testid="feed-silent">
          {silence}
        </p>
      )}
      {running && src.lastAt === null && (
        <p className="alert alert--warn" role="status" data-testid="feed-nothing">
          {nothingYetText(src.source, i18n)}
        </p>
      )}
      <table className="feeds">
        <caption>{sourceName(src.source)}</caption>
        <thead>
          <tr>
            <th scope="col">{t('feeds.feed')}</th>
            <th scope="col">{t('feeds.state')}</th>
            <th scope="col">{t('feeds.last')}</th>
            <th scope="col">{t('feeds.perMinute')}</th>
            <th scope="col">{t('feeds.total')}</th>
            <th scope="col">{t('feeds.errors')}</th>
          </tr>
        </thead>
        <tbody>
          {src.channels.map((c) => (
            <tr key={c.channel} className={`feed feed--${c.state}`} data-testid={`feed-${c.channel}`} data-state={c.state}>
              <th scope="row">
                {t(`channel.${c.channel}`)}
                {c.due && c.staleAfterMs !== null && (
                  <small className="feed__due" data-testid={`feed-${c.channel}-due`}>
                    {t('feeds.due', { why: t(`due.${c.due}`), after: quietFor(c.staleAfterMs, i18n) })}
                  </small>
                )}
              </th>
              <td className="feed__state">
                <span className={`dot dot--${c.state}`} aria-hidden="true" /> {channelStateText(c.state, i18n)}
              </td>
              <td className="num" data-testid={`feed-${c.channel}-last`}>
                {ago(c.lastAt, now, i18n)}
              </td>
              <td className="num">{c.perMinute}</td>
              <td className="num" data-testid={`feed-${c.channel}-count`}>
                {c.count}
              </td>
              <td className="num">{c.errors}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {problems.length > 0 && (
        <ul className="feed__problems" aria-label={t('feeds.problems')} data-testid="feed-problems">
          {problems.map((c) => (
            <li key={c.channel} className={c.state === 'failing' ? 'alert alert--error' : 'alert alert--warn'} data-testid={`feed-${c.channel}-problem`}>
              <strong>{t(`channel.${c.channel}`)}:</strong> {problemText(c.problem!, i18n)} <span className="muted">({ago(c.problemAt, now, i18n)})</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
