/**
 * The steps of one XML import as plain state (reading → uploading → importing → done | failed),
 * and the one-line text each shows. Pure.
 */
import type { XmlImportSummary } from '@wire/admin.ts';

export type ImportPhase =
  | { step: 'idle' }
  | { step: 'reading'; file: string; fraction: number }
  | { step: 'uploading'; file: string; fraction: number }
  | { step: 'importing'; file: string }
  | { step: 'done'; file: string; summary: XmlImportSummary }
  | { step: 'failed'; file: string; message: string };

const pct = (f: number) => `${Math.round(Math.max(0, Math.min(1, f)) * 100)} %`;

export function phaseText(p: ImportPhase): string {
  switch (p.step) {
    case 'idle': return '';
    case 'reading': return `Reading ${p.file}… ${pct(p.fraction)}`;
    case 'uploading': return `Uploading ${p.file}… ${pct(p.fraction)}`;
    case 'importing': return `Importing ${p.file}…`;
    case 'done': return `Imported ${p.file}`;
    case 'failed': return `${p.file}: ${p.message}`;
  }
}

/** The progress bar's value (0–1) for the busy steps, null otherwise. */
export function phaseFraction(p: ImportPhase): number | null {
  if (p.step === 'reading') return p.fraction * 0.2;
  if (p.step === 'uploading') return 0.2 + p.fraction * 0.7;
  if (p.step === 'importing') return 0.95;
  return null;
}

/** What changed, in words: "structure changed · 12 result rows changed · 0 removed". */
export function changeText(s: XmlImportSummary): string {
  const parts = [
    s.changed.structure ? 'structure changed' : 'structure unchanged',
    `${s.changed.results} result row${s.changed.results === 1 ? '' : 's'} changed`,
    `${s.changed.removed} removed`,
  ];
  if (s.changed.details) parts.splice(1, 0, 'event details changed');
  return parts.join(' · ');
}

export function isBusy(p: ImportPhase): boolean {
  return p.step === 'reading' || p.step === 'uploading' || p.step === 'importing';
}
