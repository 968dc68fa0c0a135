/**
 * Gate-by-gate penalties as a row of small numbered badges: clear (0), touch (2 s), missed (50 s),
 * not passed yet (grey). Upstream ("reverse") gates are marked visibly (an "R" and an underline)
 * and in words for screen readers, not by colour alone. Used by the run detail and the on-course
 * panel.
 */
import type { PublicGate } from '@wire/api.ts';
import { useI18n } from '../i18n/i18n-context.tsx';

export function GateBadges({ gates, compact = false }: { gates: readonly PublicGate[]; compact?: boolean }) {
  const { t } = useI18n();
  return (
    <ol className={compact ? 'gates gates--compact' : 'gates'} aria-label={t('detail.gates')} data-testid="gates">
      {gates.map((g) => {
        const pen = g.penalty;
        const kind = pen === null ? 'none' : pen === 0 ? 'clear' : pen >= 50 ? 'miss' : 'touch';
        const words = pen === null ? t('detail.notPassed') : pen === 0 ? t('detail.clean') : pen >= 50 ? t('detail.miss') : t('detail.touch');
        const reverse = g.type === 'reverse';
        const label = `${t('detail.gate', { n: g.number })}${reverse ? ` (${t('detail.reverse')})` : ''}: ${words}`;
        return (
          <li
            key={g.number}
            className={`gate gate--${kind}${reverse ? ' gate--reverse' : ''}`}
            data-gate={g.number}
            data-penalty={pen ?? ''}
            data-reverse={reverse ? 'true' : undefined}
            title={label}
          >
            <span className="sr-only">{label}</span>
            <span aria-hidden="true" className="gate__nr">
              {g.number}
              {reverse ? 'R' : ''}
            </span>
            <span aria-hidden="true" className="gate__pen">
              {pen === null ? '·' : pen}
            </span>
          </li>
        );
      })}
    </ol>
  );
}
