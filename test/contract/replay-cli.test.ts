/**
 * `npm run station -- --replay … --xml … [--speed N]` refuses what it cannot play, with a sentence
 * and exit code 2, before or right after the station starts (issue 12, item 4). The working replay
 * is proven in canoe123-direct-proof.test.ts.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../helpers/station.ts';
import { realRecordingPath, realXmlPath } from '../fixtures/real-data.ts';

const dir = mkdtempSync(join(tmpdir(), 'raceside-replay-cli-'));
const run = (...args: string[]) =>
  spawnSync(process.execPath, [join(projectRoot, 'src-main/cli.ts'), '--host', '127.0.0.1', '--port', '0', '--data', join(dir, 'data'), ...args], {
    encoding: 'utf8',
    timeout: 30_000,
  });

describe('--replay on the command line', () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('needs --replay and --xml together, and a sensible speed', () => {
    for (const [args, why] of [
      [['--replay', realRecordingPath], /--replay and --xml go together/],
      [['--replay', realRecordingPath, '--xml', realXmlPath, '--speed', '0'], /--speed must be a number above 0 and at most 1000, got '0'/],
      [['--speed', '10'], /--speed needs --replay/],
    ] as const) {
      const res = run(...args);
      expect(res.status, args.join(' ')).toBe(2);
      expect(res.stderr, args.join(' ')).toMatch(why);
    }
  });

  it('says why a recording or an export cannot be played, and stops the station it started', () => {
    const notRecording = join(dir, 'notes.txt');
    writeFileSync(notRecording, 'shopping list\n');
    const missing = run('--replay', join(dir, 'missing.jsonl'), '--xml', realXmlPath);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/the replay could not start: Cannot read the recording .*missing\.jsonl/);
    const wrong = run('--replay', notRecording, '--xml', realXmlPath);
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toContain('the replay could not start: This is not a Canoe123 recording: line 1 is not JSON');
    const badXml = run('--replay', realRecordingPath, '--xml', notRecording);
    expect(badXml.status).toBe(2);
    expect(badXml.stderr).toMatch(/the replay could not start: This is not XML/);
  });
});
