/**
 * The dashboard's "Screens" panel (issue 15): the venue screens connected now, by kind (big
 * screen, stream overlay, announcer), and what each kind — or one screen set apart — shows: which
 * event (the live one by default), the live race or a fixed race and category, language, theme,
 * the board's paging pace and the overlay's elements (its top-N card shown on demand). Every
 * change is sent at once; the station applies it to the screens live, with no reload.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { AdminEvent, AdminEventDetail } from '@wire/admin.ts';
import type { PublicClass, PublicRace } from '@wire/api.ts';
import { screenKinds, type ScreenInfo, type ScreenKind, type ScreenSettingsPatch, type ScreensOverview } from '@wire/screens.ts';
import type { OperatorKey } from '../../shared/staff/i18n/messages-en.ts';
import { useOperatorI18n } from '../../shared/staff/i18n/use-operator-i18n.ts';
import { errorText } from '../../shared/staff/error-text.ts';
import { useAdmin } from '../lib/admin-context.tsx';
import { CopyButton } from '../lib/copy-button.tsx';
import { ago } from '../../shared/staff/relative-time.ts';
import { usePoll } from '../../shared/staff/use-poll.ts';
import { raceLabel, sortRaces } from '../../shared/staff/officials/race-label.ts';
import { ALL, changeValue, formValues, INHERIT, kindValues, layerOf, LIVE, type ScreenFormValues } from './screen-form.ts';

const KIND_LABEL: Record<ScreenKind, OperatorKey> = { board: 'screens.kind.board', overlay: 'screens.kind.overlay', announcer: 'screens.kind.announcer' };
const KIND_HINT: Record<ScreenKind, OperatorKey> = { board: 'screens.hint.board', overlay: 'screens.hint.overlay', announcer: 'screens.hint.announcer' };

export function ScreensPage() {
  const i18n = useOperatorI18n();
  const { t } = i18n;
  const { client } = useAdmin();
  const overview = usePoll(() => client.request<ScreensOverview>('GET', '/admin/screens'), 2000, [client]);
  const events = usePoll(() => client.request<{ events: AdminEvent[] }>('GET', '/admin/events'), 5000, [client]);
  // The station's answer to our own change is the newest picture until the next poll brings one.
  const [answer, setAnswer] = useState<{ pollAt: number | null; data: ScreensOverview } | null>(null);
  const data = answer && answer.pollAt === overview.at ? answer.data : overview.data;

  if (!data) {
    return (
      <section className="panel">
        <p className="muted">{overview.error ? errorText(overview.error, i18n) : t('common.loading')}</p>
      </section>
    );
  }
  const apply = (next: ScreensOverview) => setAnswer({ pollAt: overview.at, data: next });
  return (
    <div className="screens" data-testid="screens-page">
      <section className="panel panel--wide">
        <h1>{t('screens.title')}</h1>
        <p className="muted">{t('screens.intro')}</p>
      </section>
      {screenKinds.map((kind) => (
        <KindPanel key={kind} kind={kind} overview={data} events={events.data?.events ?? []} onApplied={apply} />
      ))}
    </div>
  );
}

function KindPanel({
  kind,
  overview,
  events,
  onApplied,
}: {
  kind: ScreenKind;
  overview: ScreensOverview;
  events: AdminEvent[];
  onApplied(o: ScreensOverview): void;
}) {
  const i18n = useOperatorI18n();
  const { t, tn } = i18n;
  const { client, station } = useAdmin();
  const screens = overview.screens.filter((s) => s.kind === kind);
  const connected = screens.filter((s) => s.connections > 0).length;
  const base = (station?.lanUrls[0] ?? `${location.origin}/`).replace(/\/?$/, '/');
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);
  const address = useRef<HTMLInputElement>(null);
  const values = kindValues(overview.defaults, overview.kinds[kind]);

  // One change at a time: the next one is built on the station's answer to this one.
  const [busy, setBusy] = useState(false);
  const save = async (layer: ScreenSettingsPatch) => {
    setBusy(true);
    try {
      onApplied(await client.request<ScreensOverview>('PUT', `/admin/screens/kinds/${kind}`, layer));
      setNote({ ok: true, text: tn('screens.appliedTo', connected) });
    } catch (err) {
      setNote({ ok: false, text: errorText(err, i18n) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel panel--wide" aria-labelledby={`screens-${kind}`} data-testid={`screens-kind-${kind}`}>
      <div className="event__head">
        <div>
          <h2 id={`screens-${kind}`}>
            {t(KIND_LABEL[kind])}{' '}
            <span className="badge" data-testid={`screens-count-${kind}`}>
              {tn('screens.connected', connected)}
            </span>
          </h2>
          <p className="muted">{t(KIND_HINT[kind])}</p>
        </div>
        <div className="copyrow">
          <input ref={address} readOnly value={`${base}${kind}`} aria-label={t('screens.address')} className="mono" data-testid={`screens-address-${kind}`} />
          <CopyButton text={`${base}${kind}`} target={address} />
        </div>
      </div>
      {kind === 'overlay' && (
        <div className="actions screens__top">
          <button
            type="button"
            className={values.topCard === 'on' ? 'btn btn--danger' : 'btn btn--primary'}
            data-testid="screens-top-toggle"
            disabled={busy}
            onClick={() => void save({ ...layerOf(values), topCard: values.topCard !== 'on' })}
          >
            {t(values.topCard === 'on' ? 'screens.hideTop' : 'screens.showTop', { n: values.topCount })}
          </button>
        </div>
      )}
      <SettingsForm
        kind={kind}
        values={values}
        inheritable={false}
        events={events}
        liveEventId={overview.liveEventId}
        onChange={(v) => void save(layerOf(v))}
        testid={`screens-form-${kind}`}
      />
      {note && (
        <p className={note.ok ? 'ok' : 'alert alert--error'} role="status" data-testid={`screens-note-${kind}`}>
          {note.text}
        </p>
      )}
      <h3>{t('screens.list')}</h3>
      {screens.length === 0 ? (
        <p className="muted">{t('screens.none')}</p>
      ) : (
        <ul className="screens__list">
          {screens.map((s) => (
            <ScreenRow key={s.screenId} screen={s} events={events} overview={overview} onApplied={onApplied} />
          ))}
        </ul>
      )}
    </section>
  );
}

function ScreenRow({
  screen,
  events,
  overview,
  onApplied,
}: {
  screen: ScreenInfo;
  events: AdminEvent[];
  overview: ScreensOverview;
  onApplied(o: ScreensOverview): void;
}) {
  const i18n = useOperatorI18n();
  const { t } = i18n;
  const { client } = useAdmin();
  const [name, setName] = useState(screen.label ?? '');
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const own = screen.settings !== null && Object.keys(screen.settings).length > 0;
  const send = async (method: 'PUT' | 'DELETE', body?: unknown) => {
    try {
      onApplied(await client.request<ScreensOverview>(method, `/admin/screens/${encodeURIComponent(screen.screenId)}`, body));
      setError(null);
    } catch (err) {
      setError(errorText(err, i18n));
    }
  };
  const eventTitle = (id: string | null) => (id ? (events.find((e) => e.eventId === id)?.mainTitle ?? id) : null);
  const c = screen.config;
  const shows = c.waitingFor
    ? t('screens.waiting', { event: c.waitingFor })
    : c.eventId
      ? `${eventTitle(c.eventId)}${c.eventSource === 'url' ? ` (${t('screens.pinnedUrl')})` : ''}`
      : t('screens.nothing');
  return (
    <li className="screens__item" data-testid="screens-screen" data-screen-id={screen.screenId}>
      <div className="screens__row">
        <span className={`dot ${screen.connections > 0 ? 'dot--ok' : ''}`} aria-hidden="true" />
        <strong className="screens__name">{screen.label ?? screen.screenId}</strong>
        <span className="muted">{screen.connections > 0 ? t('screens.online') : t('screens.offline')}</span>
        {screen.address && <span className="muted mono">{screen.address.replace(/^::ffff:/, '')}</span>}
        {screen.viewport && <span className="muted">{screen.viewport}</span>}
        {screen.connectedAt && <span className="muted">{t('screens.since', { time: ago(Date.parse(screen.connectedAt), Date.now(), i18n) })}</span>}
        {own && <span className="badge badge--warn">{t('screens.own')}</span>}
      </div>
      <p className="screens__shows">
        {t('screens.shows', { what: shows })}
        {c.theme === 'light' ? ` · ${t('screens.light')}` : ''}
      </p>
      <div className="actions">
        <label className="field screens__label">
          <span className="sr-only">{t('screens.name')}</span>
          <input value={name} placeholder={t('screens.nameHint')} maxLength={60} onChange={(e) => setName(e.target.value)} data-testid="screens-name" />
        </label>
        <button
          type="button"
          className="btn btn--small"
          onClick={() => void send('PUT', { kind: screen.kind, label: name || null, settings: screen.settings })}
        >
          {t('screens.saveName')}
        </button>
        <button type="button" className="btn btn--small" aria-expanded={editing} onClick={() => setEditing((e) => !e)} data-testid="screens-own">
          {t('screens.setApart')}
        </button>
        {(own || screen.label) && (
          <button type="button" className="btn btn--small" onClick={() => void send('DELETE')} data-testid="screens-forget">
            {t('screens.followKind')}
          </button>
        )}
      </div>
      {editing && (
        <SettingsForm
          kind={screen.kind}
          values={formValues(screen.settings ?? {})}
          inheritable
          events={events}
          liveEventId={overview.liveEventId}
          kindEventId={screen.config.eventId}
          onChange={(v) => void send('PUT', { kind: screen.kind, label: screen.label, settings: layerOf(v) })}
          testid="screens-form-screen"
        />
      )}
      {error && (
        <p className="alert alert--error" role="alert">
          {error}
        </p>
      )}
    </li>
  );
}

interface FormProps {
  kind: ScreenKind;
  values: ScreenFormValues;
  inheritable: boolean;
  events: AdminEvent[];
  liveEventId: string | null;
  /** On a screen's own layer: the event it shows when the event is inherited. */
  kindEventId?: string | null;
  onChange(v: ScreenFormValues): void;
  testid: string;
}

function SettingsForm({ kind, values, inheritable, events, liveEventId, kindEventId = null, onChange, testid }: FormProps) {
  const i18n = useOperatorI18n();
  const { t } = i18n;
  const { client } = useAdmin();
  const eventId = values.eventId === LIVE ? liveEventId : values.eventId === INHERIT ? kindEventId : values.eventId;
  const [detail, setDetail] = useState<AdminEventDetail | null>(null);
  useEffect(() => {
    if (!eventId) return setDetail(null);
    let alive = true;
    client.request<AdminEventDetail>('GET', `/admin/events/${encodeURIComponent(eventId)}`).then(
      (d) => alive && setDetail(d),
      () => alive && setDetail(null),
    );
    return () => {
      alive = false;
    };
  }, [client, eventId]);
  const races = useMemo(() => (detail ? sortRaces(detail.races) : []), [detail]);
  const classes = useMemo<PublicClass[]>(() => detail?.classes ?? [], [detail]);
  const race: PublicRace | undefined = races.find((r) => r.raceId === values.raceId);
  const cats = useMemo(() => {
    const list = race ? classes.filter((c) => c.classId === race.classId) : classes;
    const seen = new Map<string, string>();
    for (const c of list) for (const cat of c.categories) if (!seen.has(cat.catId)) seen.set(cat.catId, cat.name);
    return [...seen];
  }, [race, classes]);
  const liveTitle = liveEventId ? (events.find((e) => e.eventId === liveEventId)?.mainTitle ?? liveEventId) : null;
  const set = (key: keyof ScreenFormValues) => (e: { target: { value: string } }) => onChange(changeValue(values, key, e.target.value));
  const inherit = inheritable ? <option value={INHERIT}>{t('screens.asKind')}</option> : null;
  const choice = (key: keyof ScreenFormValues, label: OperatorKey, options: [string, string][], wide = false) => (
    <label className={`field${wide ? ' field--wide' : ''}`}>
      <span>{t(label)}</span>
      <select name={key} value={values[key]} onChange={set(key)} data-testid={`${testid}-${key}`}>
        {inherit}
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
  const onOff: [string, string][] = [
    ['on', t('screens.on')],
    ['off', t('screens.off')],
  ];
  return (
    <form className="form-grid screens__form" onSubmit={(e) => e.preventDefault()} data-testid={testid}>
      {choice(
        'eventId',
        'screens.event',
        [
          [LIVE, liveTitle ? t('screens.followLive', { event: liveTitle }) : t('screens.followLiveNone')],
          ...events.map((e): [string, string] => [e.eventId, e.mainTitle]),
        ],
        true,
      )}
      {choice('raceId', 'screens.race', [[LIVE, t('screens.liveRace')], ...races.map((r): [string, string] => [r.raceId, raceLabel(r, classes, i18n)])])}
      {choice('catId', 'screens.category', [[ALL, t(kind === 'board' ? 'screens.wholeFieldPaging' : 'screens.wholeField')], ...cats])}
      {choice('lang', 'screens.lang', [
        ['auto', t('screens.langAuto')],
        ['en', 'English'],
        ['cs', 'Čeština'],
      ])}
      {choice('theme', 'screens.theme', [
        ['dark', t('screens.dark')],
        ['light', t('screens.light')],
      ])}
      {kind === 'board' &&
        choice(
          'pageSeconds',
          'screens.pageSeconds',
          ['5', '8', '10', '12', '15', '20', '30'].map((s): [string, string] => [s, s]),
        )}
      {kind === 'overlay' && (
        <>
          {choice('lowerThird', 'screens.lowerThird', onOff)}
          {choice('finishCard', 'screens.finishCard', onOff)}
          {choice('topCard', 'screens.topCard', onOff)}
          {choice(
            'topCount',
            'screens.topCount',
            ['3', '5', '8', '10', '12'].map((s): [string, string] => [s, s]),
          )}
        </>
      )}
    </form>
  );
}
