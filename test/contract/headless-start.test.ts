/**
 * `npm run station -- --port P --data DIR` answers /health within 2 s of start (README), prints
 * its one listening line, and shuts down on SIGTERM.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { projectRoot } from '../helpers/station.ts';

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

describe('npm run station', () => {
  it('answers /health within 2 s, then stops cleanly on Ctrl-C', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'raceside-npm-'));
    const port = await freePort();
    const started = performance.now();
    const child = spawn('npm', ['run', '--silent', 'station', '--', '--port', String(port), '--data', dataDir, '--host', '127.0.0.1'], {
      cwd: projectRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const exit = new Promise<void>((r) => child.once('exit', () => r()));
    // Whatever fails below, the station (npm, its shell and node: one process group) goes.
    onTestFinished(async () => {
      if (child.exitCode === null && child.signalCode === null) {
        try {
          process.kill(-child.pid!, 'SIGKILL');
        } catch {
          /* already gone */
        }
        await exit;
      }
      rmSync(dataDir, { recursive: true, force: true });
    });
    let healthyAfter = -1;
    while (performance.now() - started < 10_000) {
      try {
        const res = await fetch(`http://127.0.0.1:${port}/health`);
        if (res.ok && (await res.json()).status === 'ok') {
          healthyAfter = performance.now() - started;
          break;
        }
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 25));
    }
    console.log(`/health answered ${healthyAfter.toFixed(0)} ms after \`npm run station\``);
    expect(healthyAfter).toBeGreaterThan(0);
    expect(healthyAfter).toBeLessThan(2000);
    expect(output).toMatch(new RegExp(`^Raceside listening on http://127\\.0\\.0\\.1:${port}$`, 'm'));
    // As Ctrl-C in a terminal does: the signal goes to the whole process group (npm, its shell and
    // the station). The station closes its sockets and database; its own exit code 0 is checked
    // where it runs without npm (test/contract/ingest-replay.test.ts).
    process.kill(-child.pid!, 'SIGINT');
    await exit;
    expect(output).toMatch(/Received SIGINT; closing sockets and the database/);
  });
});
