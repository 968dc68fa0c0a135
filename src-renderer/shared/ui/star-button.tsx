/**
 * The favourite toggle: a 44 px star button with a spoken name ("Add NOVÁK Jan to favourites")
 * and `aria-pressed`, so it is clear to touch and to screen readers alike.
 */
import { useI18n } from '../i18n/i18n-context.tsx';

export function StarButton({ on, name, onToggle }: { on: boolean; name: string; onToggle(): void }) {
  const { t } = useI18n();
  return (
    <button
      type="button"
      className={on ? 'star star--on' : 'star'}
      aria-pressed={on}
      aria-label={t(on ? 'fav.remove' : 'fav.add', { name })}
      data-testid="fav-toggle"
      onClick={(e) => {
        e.stopPropagation();
        onToggle();
      }}
    >
      <span aria-hidden="true">{on ? '★' : '☆'}</span>
    </button>
  );
}
