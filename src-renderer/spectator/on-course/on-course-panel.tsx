/**
 * "On course": who is on the water across the whole event right now, closest to the finish first.
 * Collapsible (the choice is remembered on this phone); riders still in the start gate (no start
 * time yet) are not shown. The list is replaced by every on-course push, so it never lingers.
 */
import { useState } from 'react';
import type { PublicOnCourseEntry } from '@wire/api.ts';
import { useI18n } from '../../shared/i18n/i18n-context.tsx';
import { OnCourseEntry } from './on-course-entry.tsx';

const COLLAPSE_KEY = 'raceside:oncourse-collapsed';

interface Props {
  entries: readonly PublicOnCourseEntry[];
  raceName(raceId: string): string;
  isFavourite(raceId: string, bib: number): boolean;
  toggleFavourite(raceId: string, bib: number): void;
}

function readCollapsed(): boolean {
  try {
    return localStorage.getItem(COLLAPSE_KEY) === '1';
  } catch {
    return false;
  }
}

export function OnCoursePanel({ entries, raceName, isFavourite, toggleFavourite }: Props) {
  const { t } = useI18n();
  const [collapsed, setCollapsed] = useState(readCollapsed);
  const shown = entries.filter((e) => e.dtStart !== null).sort((a, b) => a.position - b.position);

  const toggle = () => {
    setCollapsed(!collapsed);
    try {
      localStorage.setItem(COLLAPSE_KEY, collapsed ? '0' : '1');
    } catch {
      /* not remembered */
    }
  };

  return (
    <section className="oncourse" aria-labelledby="oncourse-title" data-testid="oncourse">
      <h2 className="oncourse__title" id="oncourse-title">
        <button type="button" className="oncourse__toggle" aria-expanded={!collapsed} aria-controls="oncourse-list" onClick={toggle} data-testid="oncourse-toggle">
          <span>{t('oncourse.title')}</span>
          <span className={shown.length ? 'badge badge--live' : 'badge'} data-testid="oncourse-count">{shown.length}</span>
          <span className="oncourse__chev" aria-hidden="true">{collapsed ? '▸' : '▾'}</span>
        </button>
      </h2>
      <div id="oncourse-list" hidden={collapsed}>
        {shown.length === 0 ? (
          <p className="oncourse__none">{t('oncourse.none')}</p>
        ) : (
          <ul className="oncourse__list">
            {shown.map((e) => (
              <OnCourseEntry
                key={`${e.raceId}|${e.bib}`}
                entry={e}
                raceName={raceName(e.raceId)}
                favourite={isFavourite(e.raceId, e.bib)}
                onToggleFavourite={() => toggleFavourite(e.raceId, e.bib)}
              />
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}
