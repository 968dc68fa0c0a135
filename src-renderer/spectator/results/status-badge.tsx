/**
 * A result status (DNS, DNF, DSQ, CAP) as the rules name it: the code in a neutral badge (a rider
 * who did not start is not "live" news, so not in the red of live) and the rule's word, shown
 * beside it where there is room (`word`) or spoken to screen readers only.
 */
import { useI18n } from '../../shared/i18n/i18n-context.tsx';

const KNOWN = ['DNS', 'DNF', 'DSQ', 'CAP'] as const;

export function StatusBadge({ status, word = false }: { status: string; word?: boolean }) {
  const { t } = useI18n();
  const code = (KNOWN as readonly string[]).includes(status) ? (status as (typeof KNOWN)[number]) : null;
  const meaning = code ? t(`irm.${code}`) : null;
  return (
    <>
      <span className="badge badge--status" data-testid="status-badge">
        {status}
      </span>
      {meaning &&
        (word ? (
          <span className="irm-word" data-testid="status-word">
            {' '}
            {meaning}
          </span>
        ) : (
          <span className="sr-only"> ({meaning})</span>
        ))}
    </>
  );
}
