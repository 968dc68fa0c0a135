/** The XML import's progress line and its summary of what changed. */
import { describe, expect, it } from 'vitest';
import { operatorText } from '../../../../../src-renderer/shared/staff/i18n/operator-text.ts';
import { changeText, countsText, isBusy, phaseFraction, phaseText } from '../../../../../src-renderer/operator/imports/import-progress.ts';

const en = operatorText('en');
const cs = operatorText('cs');

const summary = {
  imported: { classes: 15, categories: 20, races: 44, participants: 366, results: 1422, courses: 4 },
  changed: { structure: true, details: false, results: 1422, removed: 0 },
  timeUnit: 'ms',
};

describe('import progress', () => {
  it('reads, uploads, imports, in that order on one bar', () => {
    const steps = [
      { step: 'reading', file: 'a.xml', fraction: 0.5 },
      { step: 'uploading', file: 'a.xml', fraction: 0 },
      { step: 'uploading', file: 'a.xml', fraction: 1 },
      { step: 'importing', file: 'a.xml' },
    ] as const;
    const fractions = steps.map((s) => phaseFraction(s)!);
    expect([...fractions].sort((a, b) => a - b)).toEqual(fractions);
    expect(steps.every((s) => isBusy(s))).toBe(true);
    expect(phaseText(steps[0], en)).toBe('Reading a.xml… 50 %');
    expect(phaseText(steps[3], en)).toBe('Importing a.xml…');
    expect(phaseText(steps[0], cs)).toBe('Čtení a.xml… 50 %');
  });
  it('summarises what changed', () => {
    expect(changeText(summary, en)).toBe('structure changed · 1422 result rows changed · 0 removed');
    expect(changeText({ ...summary, changed: { structure: false, details: true, results: 1, removed: 2 } }, en)).toBe(
      'structure unchanged · event details changed · 1 result row changed · 2 removed',
    );
    expect(countsText(summary, en)).toBe('15 classes · 44 races · 366 participants · 1422 result rows · 4 courses');
    expect(phaseFraction({ step: 'done', file: 'a.xml', summary })).toBeNull();
  });
  it('says it in Czech with the right plural forms', () => {
    const rows = (n: number) => changeText({ ...summary, changed: { structure: true, details: false, results: n, removed: 0 } }, cs);
    expect(rows(1)).toBe('struktura změněna · 1 řádek výsledků změněn · odstraněno: 0');
    expect(rows(3)).toBe('struktura změněna · 3 řádky výsledků změněny · odstraněno: 0');
    expect(rows(1422)).toBe('struktura změněna · 1422 řádků výsledků změněno · odstraněno: 0');
    expect(countsText(summary, cs)).toBe('kategorie: 15 · jízdy: 44 · závodníci: 366 · řádky výsledků: 1422 · tratě: 4');
  });
});
