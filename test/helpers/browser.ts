/**
 * Headless Chromium for the browser tests: Debian's `/usr/bin/chromium` driven by playwright-core
 * (no browser download). `launchBrowser()` fails with the install command when it is missing.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
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

/** Builds the pages when they are missing or stale (scripts/ensure-build.ts, always a production build). */
export function ensurePagesBuilt(): void {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  execFileSync(process.execPath, [join(root, 'scripts/ensure-build.ts')], { cwd: root, stdio: 'inherit' });
}
