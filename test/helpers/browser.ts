/**
 * Headless Chromium for the browser tests: Debian's `/usr/bin/chromium` driven by playwright-core
 * (no browser download). `launchBrowser()` fails with the install command when it is missing.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { describe } from 'vitest';

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run', '--disable-quic',
];

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} missing: apt-get update && apt-get install -y chromium`);
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/**
 * Browser tests need Debian's chromium (`.ci/run` installs it). On a machine without it they are
 * skipped with a warning, except in CI (CI=true), where a missing browser must fail the run.
 */
export const hasChromium = existsSync(CHROMIUM);
export const browserSuite: typeof describe = hasChromium || process.env.CI ? describe : (describe.skip as typeof describe);
if (!hasChromium && !process.env.CI) {
  console.warn(`[browser tests skipped] ${CHROMIUM} is missing: apt-get update && apt-get install -y chromium`);
}
