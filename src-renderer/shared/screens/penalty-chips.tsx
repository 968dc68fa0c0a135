/**
 * A run's penalties gate by gate, as a venue screen shows them: only the gates with a penalty, as
 * chips "gate · seconds" (a touch, 2 s; a miss, 50 s), in words for screen readers.
 */
import type { PublicGate } from '@wire/api.ts';
import { useI18n } from '../i18n/i18n-context.tsx';

export function PenaltyChips({ gates, className = '' }: { gates: readonly PublicGate[] | null | undefined; className?: string }) {
  const { t } = useI18n();
  const hit = (gates ?? []).filter((g) => g.penalty !== null && g.penalty > 0);
  if (!hit.length) return null;
  return (
    <ol className={`pens ${className}`} aria-label={t('detail.gates')} data-testid="penalties">
      {hit.map((g) => {
        const miss = (g.penalty ?? 0) >= 50;
        return (
          <li key={g.number} className={`pen ${miss ? 'pen--miss' : 'pen--touch'}`} data-gate={g.number} data-penalty={g.penalty ?? ''}>
            <span className="sr-only">{`${t('detail.gate', { n: g.number })}: ${t(miss ? 'detail.miss' : 'detail.touch')}`}</span>
            <span aria-hidden="true" className="pen__gate">
              {g.number}
            </span>
            <span aria-hidden="true" className="pen__s">
              {g.penalty}
            </span>
          </li>
        );
      })}
    </ol>
  );
}
