/**
 * The races of one event for marking them official, used by the operator's event page and by
 * the officials page (each passes its own call). Grouped by day and class, named in words (no
 * Canoe123 ids), each race with ONE state that merges what Canoe123 says with the officials'
 * own mark, and one large button; nothing changes before the official confirms in a dialog that
 * names the race. A race marked official is shown to spectators as official.
 */
import { useEffect, useState } from 'react';
import type { PublicClass, PublicRace } from '@wire/api.ts';
import { formatClock, venueDay } from '../../ui/format.ts';
import { useOperatorI18n } from '../i18n/use-operator-i18n.ts';
import { errorText } from '../error-text.ts';
import { ConfirmDialog } from '../confirm-dialog.tsx';
import { clockTime } from '../relative-time.ts';
import { dayHeading, groupRaces, officialAction, officialState } from './official-races.ts';
import { raceLabel, raceTypeLabel, timingStateLabel } from './race-label.ts';

export interface RaceOfficialListProps {
  races: readonly PublicRace[];
  classes: readonly PublicClass[];
  /** raceId → when the officials marked it official at the station. */
  official: ReadonlyMap<string, string>;
  disabled?: boolean;
  onToggle(raceId: string, official: boolean): Promise<void>;
}

interface Asking {
  race: PublicRace;
  mark: boolean;
}

export function RaceOfficialList({ races, classes, official, disabled, onToggle }: RaceOfficialListProps) {
  const i18n = useOperatorI18n();
  const { t, locale } = i18n;
  const [asking, setAsking] = useState<Asking | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // A race shows "Saving…" from the confirmation until the station's list says the same.
  const [saving, setSaving] = useState<ReadonlyMap<string, boolean>>(new Map());

  useEffect(() => {
    setSaving((w) => {
      const left = [...w].filter(([raceId, on]) => official.has(raceId) !== on);
      return left.length === w.size ? w : new Map(left);
    });
  }, [official]);

  const confirm = async () => {
    if (!asking) return;
    const { race, mark } = asking;
    setBusy(true);
    setError(null);
    try {
      setSaving((w) => new Map(w).set(race.raceId, mark));
      await onToggle(race.raceId, mark);
      setAsking(null);
    } catch (err) {
      setSaving((w) => {
        const copy = new Map(w);
        copy.delete(race.raceId);
        return copy;
      });
      setError(errorText(err, i18n));
    } finally {
      setBusy(false);
    }
  };

  if (races.length === 0) return <p className="muted">{t('races.none')}</p>;
  const label = (r: PublicRace) => raceLabel(r, classes, i18n);
  return (
    <>
      <div className="offraces" data-testid="race-list">
        {groupRaces(races, classes).map((day) => (
          <section key={day.day ?? 'none'} className="offraces__day" data-testid="race-day" data-day={day.day ?? ''}>
            <h3>{day.day ? dayHeading(day.day, locale) : t('races.noDay')}</h3>
            {day.classes.map((cls) => (
              <div key={cls.classId} className="offraces__class" data-testid="race-class">
                <h4>{cls.name}</h4>
                <ul className="races">
                  {cls.races.map((r) => {
                    const at = official.get(r.raceId) ?? null;
                    const state = officialState(r, at);
                    const action = officialAction(state);
                    const pending = saving.has(r.raceId);
                    return (
                      <li
                        key={r.raceId}
                        className="races__item"
                        data-testid="race-row"
                        data-race-id={r.raceId}
                        data-official={at ? 'true' : 'false'}
                        data-state={state}
                      >
                        <span className="races__name">
                          <strong>{raceTypeLabel(r, i18n)}</strong>
                          {r.startTime && <span className="muted"> · {t('races.start', { time: formatClock(r.startTime, locale) })}</span>}
                          <span className={`offstate offstate--${state}`} data-testid="race-state">
                            {pending ? t('races.saving') : t(`races.state.${state}`, { time: at ? clockTime(at) : '' })}
                          </span>
                        </span>
                        {action && (
                          <button
                            type="button"
                            className={action === 'mark' ? 'btn btn--primary' : 'btn'}
                            disabled={disabled || pending}
                            onClick={() => {
                              setError(null);
                              setAsking({ race: r, mark: action === 'mark' });
                            }}
                            data-testid="race-official-toggle"
                            aria-label={`${t(action === 'mark' ? 'races.markAction' : 'races.withdrawAction')} ${label(r)}`}
                          >
                            {t(action === 'mark' ? 'races.markAction' : 'races.withdrawAction')}
                          </button>
                        )}
                      </li>
                    );
                  })}
                </ul>
              </div>
            ))}
          </section>
        ))}
      </div>
      <ConfirmDialog
        open={asking !== null}
        title={asking ? t(asking.mark ? 'races.markTitle' : 'races.withdrawTitle', { race: label(asking.race) }) : ''}
        confirmLabel={t(asking?.mark === false ? 'races.withdrawConfirm' : 'races.markConfirm')}
        danger={asking?.mark === false}
        busy={busy}
        testId="confirm-race-official"
        onConfirm={() => void confirm()}
        onCancel={() => {
          setAsking(null);
          setError(null);
        }}
      >
        {asking && (
          <>
            <p>
              {asking.mark
                ? t('races.markBody', {
                    race: label(asking.race),
                    day: venueDay(asking.race.startTime) ? dayHeading(venueDay(asking.race.startTime)!, locale) : t('races.noDay'),
                  })
                : t('races.withdrawBody', { race: label(asking.race), timing: timingStateLabel(asking.race, i18n) })}
            </p>
            {asking.mark && asking.race.raceStatus === 3 && <p className="alert alert--warn">{t('races.markRunning')}</p>}
            {error && (
              <p className="alert alert--error" role="alert" data-testid="race-official-error">
                {error}
              </p>
            )}
          </>
        )}
      </ConfirmDialog>
    </>
  );
}
