/**
 * "On course": a compact strip of who is on the water across the whole event right now, closest
 * to the finish first, one two-line row per rider (a phone's first screen must still show the
 * results below it). A rider's gates, splits, club and race open on tap. The strip collapses to
 * its title (the choice is remembered on this phone). Riders still in the start gate (no start
 * time yet) and riders of a race already official are not shown. The list is replaced by every
 * on-course push, so it never lingers.
 */
import { useState } from 'react';
import type { PublicOnCourseEntry } from '@wire/api.ts';
import { useI18n } from '../../shared/i18n/i18n-context.tsx';
import { OnCourseEntry } from './on-course-entry.tsx';

const COLLAPSE_KEY = 'raceside:oncourse-collapsed';

interface Props {
  entries: readonly PublicOnCourseEntry[];
  raceName(raceId: string): string;
  isOfficial(raceId: string): boolean;
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

export function OnCoursePanel({ entries, raceName, isOfficial, isFavourite, toggleFavourite }: Props) {
  const { t } = useI18n();
  const [collapsed, setCollapsed] = useState(readCollapsed);
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const shown = entries.filter((e) => e.dtStart !== null && !isOfficial(e.raceId)).sort((a, b) => a.position - b.position);

  const toggle = () => {
    setCollapsed(!collapsed);
    try {
      localStorage.setItem(COLLAPSE_KEY, collapsed ? '0' : '1');
    } catch {
      /* not remembered */
    }
  };
  const toggleRider = (key: string) =>
    setOpen((s) => {
      const next = new Set(s);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });

  return (
    <section className="oncourse" aria-labelledby="oncourse-title" data-testid="oncourse">
      <h2 className="oncourse__title" id="oncourse-title">
        <button
          type="button"
          className="oncourse__toggle"
          aria-expanded={!collapsed}
          aria-controls="oncourse-list"
          onClick={toggle}
          data-testid="oncourse-toggle"
        >
          <span>{t('oncourse.title')}</span>
          <span className={shown.length ? 'badge badge--live' : 'badge'} data-testid="oncourse-count">
            {shown.length}
          </span>
          {shown.length === 0 && <span className="oncourse__none">{t('oncourse.none')}</span>}
          <span className="oncourse__chev" aria-hidden="true">
            {collapsed ? '▸' : '▾'}
          </span>
        </button>
      </h2>
      <div id="oncourse-list" hidden={collapsed || shown.length === 0}>
        <ul className="oncourse__list">
          {shown.map((e) => {
            const key = `${e.raceId}|${e.bib}`;
            return (
              <OnCourseEntry
                key={key}
                entry={e}
                raceName={raceName(e.raceId)}
                open={open.has(key)}
                onToggleOpen={() => toggleRider(key)}
                favourite={isFavourite(e.raceId, e.bib)}
                onToggleFavourite={() => toggleFavourite(e.raceId, e.bib)}
              />
            );
          })}
        </ul>
      </div>
    </section>
  );
}
