/**
 * The races of one event, each with a switch "official": used by the operator's event page and
 * by the officials page (each passes its own toggle call). A race marked official is shown to
 * spectators as official. Large switches: officials use it on a tablet.
 */
import { useEffect, useState } from 'react';
import type { PublicClass, PublicRace } from '@wire/api.ts';
import { useOperatorI18n } from '../i18n/use-operator-i18n.ts';
import { errorText } from '../lib/admin-client.ts';
import { clockTime } from '../lib/relative-time.ts';
import { raceLabel, sortRaces, timingStateLabel } from './race-label.ts';

export interface RaceOfficialListProps {
  races: readonly PublicRace[];
  classes: readonly PublicClass[];
  /** raceId → when it was marked official at the station. */
  official: ReadonlyMap<string, string>;
  disabled?: boolean;
  onToggle(raceId: string, official: boolean): Promise<void>;
}

export function RaceOfficialList({ races, classes, official, disabled, onToggle }: RaceOfficialListProps) {
  const i18n = useOperatorI18n();
  const { t } = i18n;
  const [pending, setPending] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  // A switch shows what was asked for until the station's answer says the same.
  const [wanted, setWanted] = useState<ReadonlyMap<string, boolean>>(new Map());

  useEffect(() => {
    setWanted((w) => {
      const left = [...w].filter(([raceId, on]) => official.has(raceId) !== on);
      return left.length === w.size ? w : new Map(left);
    });
  }, [official]);

  const toggle = async (raceId: string, next: boolean) => {
    setPending(raceId);
    setError(null);
    setWanted((w) => new Map(w).set(raceId, next));
    try {
      await onToggle(raceId, next);
    } catch (err) {
      setWanted((w) => {
        const copy = new Map(w);
        copy.delete(raceId);
        return copy;
      });
      setError(`${raceId}: ${errorText(err, i18n)}`);
    } finally {
      setPending(null);
    }
  };

  if (races.length === 0) return <p className="muted">{t('races.none')}</p>;
  return (
    <>
      {error && <p className="alert alert--error" role="alert" data-testid="race-official-error">{error}</p>}
      <ul className="races" data-testid="race-list">
        {sortRaces(races).map((r) => {
          const at = official.get(r.raceId) ?? null;
          const on = wanted.get(r.raceId) ?? at !== null;
          return (
            <li key={r.raceId} className="races__item" data-testid="race-row" data-race-id={r.raceId} data-official={at ? 'true' : 'false'}>
              <span className="races__name">
                <strong>{raceLabel(r, classes, i18n)}</strong>
                <small className="muted"> {r.raceId} · {timingStateLabel(r, i18n)}</small>
              </span>
              <label className="switch">
                <input
                  type="checkbox"
                  role="switch"
                  checked={on}
                  disabled={disabled || pending === r.raceId}
                  onChange={(e) => void toggle(r.raceId, e.currentTarget.checked)}
                  data-testid="race-official-toggle"
                />
                <span>{at && on ? t('races.officialAt', { time: clockTime(at) }) : on ? t('races.officialPending') : t('races.mark')}</span>
              </label>
            </li>
          );
        })}
      </ul>
    </>
  );
}
