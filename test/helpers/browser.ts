/**
 * Headless Chromium for the browser tests, driven by playwright-core (which downloads no browser).
 * The browser is found, in this order: the `CHROMIUM` environment variable (a path); a Chromium,
 * Chrome or Edge on PATH (`chromium`, `chromium-browser`, `google-chrome`, … with `.exe` on
 * Windows); then Playwright's own registry, which knows where Chrome and Edge install on Windows,
 * macOS and Linux and where `npx playwright-core install chromium` puts its Chromium.
 * `launchBrowser()` fails with what to do when there is none.
 */
import { execFileSync } from 'node:child_process';
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { describe } from 'vitest';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

const ON_PATH = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'chrome', 'microsoft-edge', 'msedge'];
const HOW_TO_GET_ONE =
  'set CHROMIUM=<path to chromium or chrome>, or install one (Debian: apt-get install -y chromium; anywhere: npx playwright-core install chromium)';

function runnable(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    if (process.platform !== 'win32') accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(): string | null {
  const suffix = process.platform === 'win32' ? '.exe' : '';
  for (const dir of (process.env.PATH ?? '').split(delimiter).filter(Boolean)) {
    for (const name of ON_PATH) {
      const candidate = join(dir, name + suffix);
      if (runnable(candidate)) return candidate;
    }
  }
  return null;
}

/** Playwright's registry: its own Chromium if installed, else the system's Chrome or Edge where they install. */
function fromPlaywrightRegistry(): string | null {
  const candidates: (string | undefined)[] = [];
  try {
    // The registry behind `chromium.launch({ channel })`, reached through playwright-core's exported bundle.
    const { registry } = createRequire(import.meta.url)('playwright-core/lib/coreBundle').registry as {
      registry: { findExecutable(name: string): { executablePath(sdk: string): string | undefined } | undefined };
    };
    for (const name of ['chromium', 'chromium-headless-shell', 'chrome', 'msedge'])
      candidates.push(registry.findExecutable(name)?.executablePath('javascript'));
  } catch {
    candidates.push(chromium.executablePath());
  }
  return candidates.find((p): p is string => typeof p === 'string' && existsSync(p)) ?? null;
}

function findBrowser(): { path: string | null; problem?: string } {
  const given = process.env.CHROMIUM;
  if (given) return runnable(given) ? { path: given } : { path: null, problem: `CHROMIUM=${given} is not a browser that can be run` };
  const path = onPath() ?? fromPlaywrightRegistry();
  return path ? { path } : { path: null, problem: `no Chromium, Chrome or Edge found: ${HOW_TO_GET_ONE}` };
}

const found = findBrowser();
/** The browser the tests drive, or null. */
export const browserPath = found.path;

export async function launchBrowser(): Promise<Browser> {
  if (!browserPath) throw new Error(`Browser tests: ${found.problem}`);
  return chromium.launch({ executablePath: browserPath, args: CHROMIUM_ARGS });
}

/**
 * Browser tests need a browser (`.ci/run` installs Debian's chromium). On a machine without one they
 * are skipped with a warning, except in CI (CI=true), where a missing browser must fail the run.
 */
export const hasChromium = browserPath !== null;
export const browserSuite: typeof describe = hasChromium || process.env.CI ? describe : (describe.skip as typeof describe);
if (!hasChromium && !process.env.CI) console.warn(`[browser tests skipped] ${found.problem}`);

/** Builds the pages when they are missing or stale (scripts/ensure-build.ts, always a production build). */
export function ensurePagesBuilt(): void {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  execFileSync(process.execPath, [join(root, 'scripts/ensure-build.ts')], { cwd: root, stdio: 'inherit' });
}
