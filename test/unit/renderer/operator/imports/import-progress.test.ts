/** The XML import's progress line and its summary of what changed. */
import { describe, expect, it } from 'vitest';
import { changeText, isBusy, phaseFraction, phaseText } from '../../../../../src-renderer/operator/imports/import-progress.ts';

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
    expect(phaseText(steps[0])).toBe('Reading a.xml… 50 %');
    expect(phaseText(steps[3])).toBe('Importing a.xml…');
  });
  it('summarises what changed', () => {
    expect(changeText(summary)).toBe('structure changed · 1422 result rows changed · 0 removed');
    expect(changeText({ ...summary, changed: { structure: false, details: true, results: 1, removed: 2 } }))
      .toBe('structure unchanged · event details changed · 1 result row changed · 2 removed');
    expect(phaseFraction({ step: 'done', file: 'a.xml', summary })).toBeNull();
  });
});
