/**
 * A StationCore on a real store in a temp folder, with a clock the test moves by hand. For tests
 * of the core's flow (validate → decide → commit → publish) without HTTP.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../src-main/store/database.ts';
import { EventStore } from '../../src-main/store/event-store.ts';
import { StationCore, type Clock } from '../../src-main/station-core.ts';
import { resolveSettings, type Settings } from '../../src-main/settings.ts';
import type { Change } from '../../src-main/domain/decision.ts';
import type { EventState } from '../../src-main/domain/model.ts';

export class ManualClock implements Clock {
  ms: number;
  constructor(start: number) {
    this.ms = start;
  }
  now(): number {
    return this.ms;
  }
  advance(ms: number): void {
    this.ms += ms;
  }
}

export interface TestCore {
  core: StationCore;
  clock: ManualClock;
  dataDir: string;
  /** Every publish the live sink received. */
  published: { after: EventState | null; changes: readonly Change[] }[];
  /** A new core on the same data folder (a station restart: memory-only state is gone). */
  restart(): Promise<TestCore>;
  cleanup(): Promise<void>;
}

export function startTestCore(opts: { start?: number; settings?: Partial<Settings>; dataDir?: string } = {}): TestCore {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'raceside-core-'));
  const store = new EventStore(openDatabase(dataDir));
  const clock = new ManualClock(opts.start ?? Date.UTC(2026, 10, 27, 9, 0, 0));
  const core = new StationCore(store, resolveSettings(opts.settings), clock);
  const published: TestCore['published'] = [];
  core.setLiveSink({ publish: (_before, after, changes) => published.push({ after, changes }) });
  const shutdown = async () => {
    await core.close();
    store.close();
  };
  return {
    core,
    clock,
    dataDir,
    published,
    async restart() {
      await shutdown();
      const next = startTestCore({ start: clock.ms, settings: opts.settings, dataDir });
      return {
        ...next,
        cleanup: async () => {
          await next.cleanup();
          rmSync(dataDir, { recursive: true, force: true });
        },
      };
    },
    async cleanup() {
      await shutdown();
      if (!opts.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
