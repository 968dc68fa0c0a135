/**
 * The station log file: rotated before it passes its size, at most `keep` old files kept, the
 * newest lines in raceside.log; secrets redacted by path even if something ever logs a request's
 * headers or body.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStationLog } from '../../src-main/station-log.ts';

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('openStationLog', () => {
  it('rotates raceside.log near its size cap and keeps only the newest files', () => {
    dir = mkdtempSync(join(tmpdir(), 'raceside-log-'));
    const log = openStationLog({ dataDir: dir, maxBytes: 4000, keep: 2, stderr: false });
    for (let i = 1; i <= 500; i++) log.logger.info(`line ${String(i).padStart(4, '0')} ${'x'.repeat(60)}`);
    log.close();
    expect(readdirSync(dir).sort()).toEqual(['raceside.log', 'raceside.log.1', 'raceside.log.2']);
    for (const f of readdirSync(dir)) expect(statSync(join(dir, f)).size).toBeLessThanOrEqual(4000);
    const current = readFileSync(join(dir, 'raceside.log'), 'utf8').trim().split('\n');
    expect(JSON.parse(current[current.length - 1]).msg).toMatch(/^line 0500 /);
    const older = readFileSync(join(dir, 'raceside.log.2'), 'utf8').trim().split('\n');
    expect(JSON.parse(older[older.length - 1]).msg < JSON.parse(current[0]).msg).toBe(true);
  });

  it('redacts the headers and body fields that carry secrets', () => {
    dir = mkdtempSync(join(tmpdir(), 'raceside-log-'));
    const log = openStationLog({ dataDir: dir, maxBytes: 1 << 20, keep: 1, stderr: false });
    log.logger.info(
      {
        req: {
          headers: {
            authorization: 'Bearer admin-secret-1',
            'x-api-key': 'ingest-key-2',
            'x-master-key': 'master-3',
            'x-officials-pin': '444555',
            host: 'station',
          },
          body: { officialsPin: '666777', apiKey: 'ingest-key-8' },
        },
        adminSecret: 'admin-secret-9',
        event: { apiKey: 'ingest-key-10' },
      },
      'a request',
    );
    log.close();
    const text = readFileSync(join(dir, 'raceside.log'), 'utf8');
    for (const secret of ['admin-secret-1', 'ingest-key-2', 'master-3', '444555', '666777', 'ingest-key-8', 'admin-secret-9', 'ingest-key-10']) {
      expect(text).not.toContain(secret);
    }
    expect(text).toContain('"host":"station"');
    expect(text).toContain('[redacted]');
  });
});
