/**
 * One figure of a dashboard panel (the `.stats` row): the number, big, and what it counts, with
 * any further lines under it (a limit, a hint). Markup only; the panel says what the number is.
 */
import type { ReactNode } from 'react';

export function Stat({ value, label, testId, children }: { value: ReactNode; label: string; testId?: string; children?: ReactNode }) {
  return (
    <div className="stat">
      <span className="stat__value num" data-testid={testId}>
        {value}
      </span>
      <span className="stat__label">{label}</span>
      {children}
    </div>
  );
}
