/**
 * The steps of one XML import as plain state (reading → uploading → importing → done | failed),
 * and the one-line text each shows, in the dashboard's language. Pure.
 */
import type { XmlImportSummary } from '@wire/admin.ts';
import type { OperatorText } from '../../shared/staff/i18n/operator-text.ts';

export type ImportPhase =
  | { step: 'idle' }
  | { step: 'reading'; file: string; fraction: number }
  | { step: 'uploading'; file: string; fraction: number }
  | { step: 'importing'; file: string }
  | { step: 'done'; file: string; summary: XmlImportSummary }
  | { step: 'failed'; file: string; message: string };

const pct = (f: number) => `${Math.round(Math.max(0, Math.min(1, f)) * 100)} %`;

export function phaseText(p: ImportPhase, { t }: Pick<OperatorText, 't'>): string {
  switch (p.step) {
    case 'idle':
      return '';
    case 'reading':
      return t('import.reading', { file: p.file, pct: pct(p.fraction) });
    case 'uploading':
      return t('import.uploading', { file: p.file, pct: pct(p.fraction) });
    case 'importing':
      return t('import.importing', { file: p.file });
    case 'done':
      return t('import.done', { file: p.file });
    case 'failed':
      return t('import.failed', { file: p.file, message: p.message });
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
export function changeText(s: XmlImportSummary, { t, tn }: Pick<OperatorText, 't' | 'tn'>): string {
  const parts = [
    t(s.changed.structure ? 'import.structureChanged' : 'import.structureUnchanged'),
    tn('import.rowsChanged', s.changed.results),
    t('import.removed', { n: s.changed.removed }),
  ];
  if (s.changed.details) parts.splice(1, 0, t('import.detailsChanged'));
  return parts.join(' · ');
}

/** What was imported, counted: "15 classes · 44 races · …". */
export function countsText(s: XmlImportSummary, { t }: Pick<OperatorText, 't'>): string {
  return t('import.counts', { ...s.imported });
}

export function isBusy(p: ImportPhase): boolean {
  return p.step === 'reading' || p.step === 'uploading' || p.step === 'importing';
}
