/**
 * A row of tabs that are plain links (every tab is a deep link: it can be shared, reloaded,
 * opened in a new tab). The current one carries `aria-current`. Scrolls sideways on a narrow
 * phone instead of wrapping into a wall of buttons; each tab is at least 44 px tall.
 */
import type { ReactNode } from 'react';

export interface TabItem {
  key: string;
  href: string;
  label: ReactNode;
  current: boolean;
  /** A small live marker (a race in progress). */
  live?: boolean;
}

export function TabBar({ label, items, testId, className }: { label: string; items: TabItem[]; testId: string; className?: string }) {
  return (
    <nav className={className ? `tabbar ${className}` : 'tabbar'} aria-label={label} data-testid={testId}>
      <ul>
        {items.map((it) => (
          <li key={it.key}>
            <a href={it.href} className={it.current ? 'tab tab--current' : 'tab'} aria-current={it.current ? 'page' : undefined} data-key={it.key}>
              {it.live && <span className="live-dot" aria-hidden="true" />}
              {it.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
