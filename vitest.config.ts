/**
 * Test runner config. `electron` is aliased to a fake so the Electron shell is testable under
 * plain Node (the real binary cannot be downloaded on our build machines).
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  resolve: { alias: { '@wire': here('./src-main/wire') } },
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    alias: { electron: here('./test/fakes/electron.ts') },
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 2,
  },
});
