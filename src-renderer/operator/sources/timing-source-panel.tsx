/**
 * The event's "Timing source" panel: where the timing comes from (c123-server push, Canoe123
 * directly, XML only) with the address and the XML export file, saved on the station; and, polled
 * every 1.5 s, how the direct source is doing — connection state, address, last message and
 * Canoe123's own clock, messages per second by type, reconnects, the XML file's last import, a
 * replay's progress — with every failure said as a sentence in the operator's language.
 */
import { useState, type FormEvent } from 'react';
import { canoe123MessageTypes, CANOE123_PORT, sourceKinds, type SourceKind, type TimingSourceStatus } from '@wire/sources.ts';
import { seg } from '../../shared/api-client.ts';
import { useOperatorI18n } from '../../shared/staff/i18n/use-operator-i18n.ts';
import { errorText } from '../../shared/staff/error-text.ts';
import { useAdmin } from '../lib/admin-context.tsx';
import { ago, clockTime } from '../../shared/staff/relative-time.ts';
import { usePoll } from '../../shared/staff/use-poll.ts';
import { connectionText, isFullPath, isPort, problemText } from './source-text.ts';

export const SOURCE_POLL_MS = 1500;

export function TimingSourcePanel({ eventId, now }: { eventId: string; now: number }) {
  const i18n = useOperatorI18n();
  const { t } = i18n;
  const { client } = useAdmin();
  const status = usePoll(() => client.request<TimingSourceStatus>('GET', `/admin/events/${seg(eventId)}/source`), SOURCE_POLL_MS, [client, eventId]);
  const s = status.data;
  // Kept here: the form is re-mounted with the station's copy once a save lands.
  const [message, setMessage] = useState<FormMessage | null>(null);
  // The station's clock, so ages read right from a dashboard on another machine.
  const stationNow = s ? s.serverNow + (now - (status.at ?? now)) : now;

  return (
    <section className="panel" aria-labelledby="source-title" data-testid="timing-source-panel">
      <h2 id="source-title">{t('source.title')}</h2>
      {!s && !status.error && <p className="muted">{t('common.loading')}</p>}
      {status.error != null && (
        <p className="alert alert--error" role="alert">
          {errorText(status.error, i18n)}
        </p>
      )}
      {s && <SourceForm key={JSON.stringify(s.config)} eventId={eventId} status={s} onSaved={status.reload} message={message} setMessage={setMessage} />}
      {s && <SourceStatus status={s} now={stationNow} onChanged={status.reload} />}
    </section>
  );
}

/** After a save: saved (said in the current language), or the station's refusal. */
type FormMessage = { ok: true } | { ok: false; text: string };

function SourceForm({
  eventId,
  status,
  onSaved,
  message,
  setMessage,
}: {
  eventId: string;
  status: TimingSourceStatus;
  onSaved(): void;
  message: FormMessage | null;
  setMessage(m: FormMessage | null): void;
}) {
  const i18n = useOperatorI18n();
  const { t } = i18n;
  const { client } = useAdmin();
  const { config } = status;
  const [kind, setKind] = useState<SourceKind>(config.kind);
  const [host, setHost] = useState(config.host ?? '');
  const [port, setPort] = useState(String(config.port ?? CANOE123_PORT));
  const [xmlPath, setXmlPath] = useState(config.xmlPath ?? '');
  const [found, setFound] = useState<string[] | null>(null);
  const [busy, setBusy] = useState(false);
  const portBad = kind === 'canoe123' && !isPort(port);
  const pathBad = kind !== 'c123-server' && xmlPath.trim() !== '' && !isFullPath(xmlPath);

  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (portBad || pathBad) return;
    setBusy(true);
    setMessage(null);
    try {
      await client.request('PUT', `/admin/events/${seg(eventId)}/source`, {
        kind,
        host: host.trim() || null,
        port: Number(port),
        xmlPath: kind === 'c123-server' ? config.xmlPath : xmlPath.trim() || null,
      });
      setMessage({ ok: true });
      onSaved();
    } catch (err) {
      setMessage({ ok: false, text: errorText(err, i18n) });
    } finally {
      setBusy(false);
    }
  };

  const findXml = async () => {
    try {
      const res = await client.request<{ paths: string[] }>('GET', '/admin/canoe123/xml-files');
      setFound(res.paths);
    } catch (err) {
      setMessage({ ok: false, text: errorText(err, i18n) });
    }
  };

  return (
    <form onSubmit={(e) => void save(e)} noValidate data-testid="source-form">
      <fieldset className="choices">
        <legend>{t('source.kind')}</legend>
        {sourceKinds.map((k) => (
          <label key={k} className="choice">
            <input type="radio" name={`source-kind-${eventId}`} value={k} checked={kind === k} onChange={() => setKind(k)} data-testid={`source-kind-${k}`} />
            <span>{t(`source.kind.${k}`)}</span>
          </label>
        ))}
      </fieldset>
      <p className="muted">{t(`source.kindHelp.${kind}`)}</p>
      {kind === 'canoe123' && (
        <div className="form-grid form-grid--top">
          <label className="field">
            <span>{t('source.host')}</span>
            <input
              value={host}
              onChange={(e) => setHost(e.target.value)}
              placeholder="192.168.1.20"
              autoComplete="off"
              spellCheck={false}
              data-testid="source-host"
            />
            <small className="muted">{t('source.hostHint')}</small>
          </label>
          <label className="field">
            <span>{t('source.port')}</span>
            <input value={port} onChange={(e) => setPort(e.target.value)} inputMode="numeric" aria-invalid={portBad} data-testid="source-port" />
            {portBad && <small className="field__error">{t('source.err.port')}</small>}
          </label>
          {status.discovered.length > 0 && (
            <p className="field--wide">
              {t('source.heard', { hosts: status.discovered.map((d) => d.host).join(', ') })}{' '}
              {status.discovered.map((d) => (
                <button key={d.host} type="button" className="btn btn--small" onClick={() => setHost(d.host)}>
                  {t('source.useThis')} {d.host}
                </button>
              ))}
            </p>
          )}
        </div>
      )}
      {kind !== 'c123-server' && (
        <div className="form-grid">
          <label className="field field--wide">
            <span>{t('source.xmlPath')}</span>
            <input
              value={xmlPath}
              onChange={(e) => setXmlPath(e.target.value)}
              className="mono"
              spellCheck={false}
              aria-invalid={pathBad}
              data-testid="source-xml-path"
            />
            {pathBad ? <small className="field__error">{t('source.err.path')}</small> : <small className="muted">{t('source.xmlPathHint')}</small>}
          </label>
          <p className="field--wide actions">
            <button type="button" className="btn btn--small" onClick={() => void findXml()} data-testid="source-find-xml">
              {t('source.findXml')}
            </button>
            {found?.length === 0 && <span className="muted">{t('source.foundNone')}</span>}
            {found?.map((p) => (
              <button key={p} type="button" className="btn btn--small mono" onClick={() => setXmlPath(p)}>
                {t('source.useThis')} {p}
              </button>
            ))}
          </p>
        </div>
      )}
      <div className="actions">
        <button type="submit" className="btn btn--primary" disabled={busy} data-testid="source-save">
          {t('source.save')}
        </button>
        {message && (
          <span className={message.ok ? 'ok' : 'field__error'} role="status" data-testid="source-message">
            {message.ok ? t('source.saved') : message.text}
          </span>
        )}
      </div>
    </form>
  );
}

function SourceStatus({ status, now, onChanged }: { status: TimingSourceStatus; now: number; onChanged(): void }) {
  const i18n = useOperatorI18n();
  const { t } = i18n;
  const { client } = useAdmin();
  const c = status.connection;
  const x = status.xml;
  const r = status.replay;
  const stopReplay = async () => {
    await client.request('DELETE', `/admin/events/${seg(status.eventId)}/source/replay`).catch(() => {});
    onChanged();
  };
  const down = c !== null && c.state !== 'connected';
  return (
    <div className="source-status" data-testid="source-status">
      {c && (
        <>
          <h3>{t('source.connection')}</h3>
          <p data-testid="source-connection" data-state={c.state}>
            <span className={`dot dot--${c.state === 'connected' ? 'ok' : c.problem ? 'stale' : 'idle'}`} aria-hidden="true" />{' '}
            <strong>{connectionText(c, now, i18n)}</strong>{' '}
            {c.since !== null && <span className="muted">{t('source.since', { time: clockTime(c.since) })}</span>}
          </p>
          {c.problem && (down || c.problem.code === 'refusedByState') && (
            <p className="alert alert--error" role="alert" data-testid="source-problem">
              {problemText(c.problem, i18n)}
            </p>
          )}
          <dl className="facts">
            <dt>{t('source.lastMessage')}</dt>
            <dd className="num" data-testid="source-last-message">
              {ago(c.lastMessageAt, now, i18n)}
            </dd>
            <dt>{t('source.venueClock')}</dt>
            <dd className="num" data-testid="source-venue-clock">
              {c.venueClock ?? '—'}
            </dd>
            <dt>{t('source.reconnects')}</dt>
            <dd className="num" data-testid="source-reconnects">
              {c.reconnects}
            </dd>
            {c.refused > 0 && (
              <>
                <dt>{t('source.refused')}</dt>
                <dd className="num">{c.refused}</dd>
              </>
            )}
          </dl>
          {c.raceConfig?.nrGates != null && <p className="muted">{t('source.gates', { n: c.raceConfig.nrGates })}</p>}
          <table className="feeds" data-testid="source-rates">
            <caption className="muted">{t('source.rates')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('source.type')}</th>
                <th scope="col">{t('source.perSecond')}</th>
                <th scope="col">{t('source.total')}</th>
              </tr>
            </thead>
            <tbody>
              {canoe123MessageTypes
                .filter((type) => type !== 'unknown' || c.messages.unknown > 0)
                .map((type) => (
                  <tr key={type} data-testid={`source-rate-${type}`}>
                    <th scope="row">{t(`source.type.${type}`)}</th>
                    <td className="num">{c.perSecond[type].toFixed(1)}</td>
                    <td className="num">{c.messages[type]}</td>
                  </tr>
                ))}
            </tbody>
          </table>
        </>
      )}
      {x && (
        <>
          <h3>{t('source.xml')}</h3>
          <p className="mono xmlpath" data-testid="source-xml">
            {t(`source.xml.${x.state}`, { path: x.path ?? '' })}
          </p>
          <p data-testid="source-xml-import">
            {x.lastImportAt === null
              ? t('source.xml.never')
              : t('source.xml.lastImport', {
                  ago: ago(x.lastImportAt, now, i18n),
                  races: x.lastImport?.races ?? '—',
                  results: x.lastImport?.results ?? '—',
                  changed: x.lastImport?.changedRows ?? '—',
                })}
            {x.identicalSkipped > 0 && <span className="muted"> · {t('source.xml.skipped', { n: x.identicalSkipped })}</span>}
          </p>
          {x.problem && (
            <p className={x.problem.code === 'xmlCutOff' ? 'alert alert--warn' : 'alert alert--error'} role="alert" data-testid="source-xml-problem">
              {problemText(x.problem, i18n)}
            </p>
          )}
        </>
      )}
      {r && (
        <>
          <h3>{t('source.replay')}</h3>
          <p data-testid="source-replay" data-finished={r.finished}>
            {t(r.finished ? 'source.replay.finished' : 'source.replay.progress', {
              recording: r.recording.split(/[\\/]/).pop() ?? r.recording,
              sent: r.sent,
              total: r.total,
              speed: r.speed,
            })}
          </p>
          {!r.finished && (
            <button type="button" className="btn btn--small" onClick={() => void stopReplay()} data-testid="source-replay-stop">
              {t('source.replay.stop')}
            </button>
          )}
        </>
      )}
      {status.replayEnded && (
        <p className="muted" data-testid="source-replay-ended">
          {t('source.replay.ended')}
        </p>
      )}
    </div>
  );
}
