/**
 * Edit an event's details (title, subtitle, location, facility, dates) and its merge strategy:
 * how XML exports and live pushes combine. Only changed fields are sent.
 */
import { useState, type FormEvent } from 'react';
import { mergeStrategies, type MergeStrategy } from '@wire/api.ts';
import type { AdminEvent } from '@wire/admin.ts';
import { seg } from '../../shared/api-client.ts';
import { useOperatorI18n } from '../../shared/staff/i18n/use-operator-i18n.ts';
import { errorText } from '../../shared/staff/error-text.ts';
import { useAdmin } from '../lib/admin-context.tsx';

const FIELDS = ['mainTitle', 'subTitle', 'location', 'facility', 'startDate', 'endDate'] as const;
type Field = (typeof FIELDS)[number];

export function EventDetailsForm({ event, onSaved }: { event: AdminEvent; onSaved(): void }) {
  const i18n = useOperatorI18n();
  const { t } = i18n;
  const { client } = useAdmin();
  const initial = Object.fromEntries(FIELDS.map((f) => [f, event[f] ?? ''])) as Record<Field, string>;
  const [values, setValues] = useState(initial);
  const [strategy, setStrategy] = useState<MergeStrategy>(event.mergeStrategy);
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const patch: Record<string, string | null> = {};
    for (const f of FIELDS) {
      const v = values[f].trim();
      if (v !== (event[f] ?? '')) patch[f] = v === '' && f !== 'mainTitle' ? null : v;
    }
    if (strategy !== event.mergeStrategy) patch.mergeStrategy = strategy;
    if (!Object.keys(patch).length) return setNote({ ok: true, text: t('common.nothingChanged') });
    try {
      await client.request('PATCH', `/admin/events/${seg(event.eventId)}`, patch);
      setNote({ ok: true, text: t('common.saved') });
      onSaved();
    } catch (err) {
      setNote({ ok: false, text: errorText(err, i18n) });
    }
  };

  return (
    <section className="panel" aria-labelledby="details-title">
      <h2 id="details-title">{t('details.title')}</h2>
      <form className="form-grid" onSubmit={submit} data-testid="event-details-form">
        {FIELDS.map((f) => (
          <label key={f} className={f === 'mainTitle' ? 'field field--wide' : 'field'}>
            <span>{t(`field.${f}`)}</span>
            <input
              type={f.endsWith('Date') ? 'date' : 'text'}
              required={f === 'mainTitle'}
              maxLength={200}
              value={values[f]}
              onChange={(e) => setValues({ ...values, [f]: e.target.value })}
            />
          </label>
        ))}
        <label className="field field--wide">
          <span>{t('details.mergeStrategy')}</span>
          <select value={strategy} onChange={(e) => setStrategy(e.target.value as MergeStrategy)} data-testid="merge-strategy">
            {mergeStrategies.map((s) => (
              <option key={s} value={s}>
                {t(`merge.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <div className="field--wide actions">
          <button className="btn btn--primary" type="submit">
            {t('details.save')}
          </button>
          {note && (
            <span className={note.ok ? 'ok' : 'alert alert--error'} role="status">
              {note.text}
            </span>
          )}
        </div>
      </form>
    </section>
  );
}
