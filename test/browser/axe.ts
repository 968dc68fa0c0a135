/**
 * axe-core for the browser tests: injects node_modules/axe-core/axe.min.js into the page and
 * runs it over the whole page or over the elements `include` selects; returns the violations,
 * briefly (rule, impact, the first nodes with axe's summary).
 *
 * The station's CSP (`script-src 'self'`) refuses an injected script, so the pages checked with
 * axe are opened in a browser context with Playwright's `bypassCSP: true`. That exception is for
 * the check only; the app itself runs under the CSP in every other test.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { projectRoot } from '../helpers/station.ts';

export interface AxeViolation {
  id: string;
  impact: string;
  nodes: string[];
}

export async function runAxe(page: Page, options: object = {}, include?: string[]): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) {
    await page.addScriptTag({ path: join(projectRoot, 'node_modules/axe-core/axe.min.js') });
  }
  return page.evaluate(
    async ([opts, inc]) => {
      type Result = { violations: { id: string; impact: string; nodes: { target: string[]; failureSummary?: string }[] }[] };
      const axe = (window as unknown as { axe: { run(ctx: unknown, o: object): Promise<Result> } }).axe;
      const r = await axe.run(inc ? { include: inc } : document, opts);
      return r.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        nodes: v.nodes.slice(0, 3).map((n) => `${n.target.join(' ')}: ${n.failureSummary ?? ''}`),
      }));
    },
    [options, include] as const,
  );
}

/** The serious and critical ones (what the tests forbid); logs every violation found. */
export function seriousOf(found: AxeViolation[], label: string): AxeViolation[] {
  if (found.length) console.log(`axe (${label}):`, JSON.stringify(found, null, 1));
  return found.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}
