/**
 * The watched XML export and the stored source choice (issue 12, items 2 and 5): a station in this
 * process with short watch settings, the real export written to a temp folder the way Canoe123
 * rewrites it. A save is imported once after a burst of writes; an identical save is skipped by
 * its hash; a copy caught mid-write is retried and never half-applied; a missing file is reported
 * and picked up when it appears. The event's source (kind, address, XML path) and the file's last
 * import survive a restart, and an unchanged file is not imported again.
 */
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, operator } from '../helpers/station.ts';
import { startStation, type Station } from '../../src-main/station.ts';
import { FakeCanoe123 } from '../../src-main/sources/canoe123/fake-canoe123.ts';
import { realXmlPath } from '../fixtures/real-data.ts';

const EVENT = 'watched';
const SETTINGS = {
  xmlWatchDebounceMs: 150,
  xmlWatchPollMs: 100,
  xmlWatchRetryMs: 200,
  xmlWatchRetries: 5,
  canoe123ReconnectMs: 50,
  canoe123ReconnectMaxMs: 200,
};
const realXml = readFileSync(realXmlPath, 'utf8');

async function waitFor<T>(what: string, probe: () => T | Promise<T>, timeoutMs = 8000): Promise<NonNullable<T>> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v as NonNullable<T>;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('watched XML export, stored source', () => {
  let dir: string;
  let dataDir: string;
  let xmlPath: string;
  let station: Station;
  const start = () => startStation({ host: '127.0.0.1', port: 0, dataDir, adminSecret: 'test-admin-secret', settings: SETTINGS, pagesRoot: null });
  const status = async () => (await api(station, 'GET', `/api/v1/admin/events/${EVENT}/source`, { headers: operator(station as never) })).body;
  const imports = () => station.core.activity.recent(500).filter((e) => e.message.startsWith('XML imported')).length;
  const bib1Total = async () => {
    const res = await api(station, 'GET', `/api/v1/events/${EVENT}/results/K1M_ST_BR1_6`);
    return (res.body.results as any[]).find((r) => r.bib === 1)?.prevTotal as number;
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'raceside-watch-'));
    dataDir = join(dir, 'data');
    xmlPath = join(dir, 'canoe123', 'event.xml');
    station = await start();
    station.core.createEvent({
      eventId: EVENT,
      mainTitle: 'Watched',
      subTitle: null,
      location: null,
      facility: null,
      startDate: null,
      endDate: null,
      discipline: null,
    });
    station.core.changeStatus(EVENT, 'startlist', 'operator');
  });
  afterAll(async () => {
    await station?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reports a missing file in a sentence, then imports it when it appears', async () => {
    const put = await api(station, 'PUT', `/api/v1/admin/events/${EVENT}/source`, { headers: operator(station as never), body: { kind: 'manual', xmlPath } });
    expect(put.status).toBe(200);
    const missing = await waitFor('the missing file', async () => (await status()).xml?.problem);
    expect(missing).toMatchObject({ code: 'xmlMissing', subject: xmlPath });
    expect(
      station.core.activity
        .recent(50)
        .some((e) => e.message === `The XML export ${xmlPath} does not exist (yet) — check the path, or Canoe123's export setting`),
    ).toBe(true);
    const { mkdirSync } = await import('node:fs');
    mkdirSync(join(dir, 'canoe123'));
    writeFileSync(xmlPath, realXml);
    const xml = await waitFor('the import', async () => {
      const s = (await status()).xml;
      return s?.lastImportAt ? s : null;
    });
    expect(xml.lastImport).toEqual({ races: 44, results: 1422, changedRows: 1422, structure: true });
    expect(xml.problem).toBeNull();
    expect(await bib1Total()).toBe(7899);
  });

  it('skips a save identical to the last import by its hash', async () => {
    const before = imports();
    writeFileSync(xmlPath, realXml);
    await waitFor('the skip', async () => (await status()).xml.identicalSkipped >= 1);
    expect(imports()).toBe(before);
  });

  it('imports a burst of writes once, after the last', async () => {
    const before = imports();
    const changed = realXml.replace('<Total>78990</Total>', '<Total>77770</Total>');
    expect(changed).not.toBe(realXml);
    // Canoe123 writes the file in pieces: the first pieces are cut off, the last is whole.
    const cut = changed.length / 3;
    writeFileSync(xmlPath, changed.slice(0, cut));
    appendFileSync(xmlPath, changed.slice(cut, 2 * cut));
    appendFileSync(xmlPath, changed.slice(2 * cut));
    await waitFor('the new total', async () => (await bib1Total()) === 7777);
    await new Promise((r) => setTimeout(r, 600));
    expect(imports()).toBe(before + 1);
  });

  it('retries a copy caught mid-write and applies nothing of it', async () => {
    const before = imports();
    const next = realXml.replace('<Total>78990</Total>', '<Total>76660</Total>');
    writeFileSync(xmlPath, next.slice(0, Math.floor(next.length * 0.6)));
    const cutOff = await waitFor('the cut-off seen', async () => ((await status()).xml.problem?.code === 'xmlCutOff' ? (await status()).xml.problem : null));
    expect(cutOff.detail).toMatch(/The XML is cut off/);
    expect(await bib1Total()).toBe(7777);
    expect(imports()).toBe(before);
    // Canoe123 finishes writing: the retry imports it whole.
    writeFileSync(xmlPath, next);
    await waitFor('the finished file', async () => (await bib1Total()) === 7666);
    expect((await status()).xml.problem).toBeNull();
  });

  it('gives up on a file that stays unreadable after the retries, with a sentence', async () => {
    writeFileSync(xmlPath, '<Canoe123Data><Events>');
    const problem = await waitFor(
      'the refusal',
      async () => ((await status()).xml.problem?.code === 'xmlUnreadable' ? (await status()).xml.problem : null),
      10_000,
    );
    expect(problem.detail).toMatch(/cut off/);
    expect(station.core.activity.recent(50).some((e) => e.message.startsWith(`The XML export ${xmlPath} could not be imported (The XML is cut off`))).toBe(
      true,
    );
    expect(await bib1Total()).toBe(7666);
    writeFileSync(xmlPath, realXml);
    await waitFor('the good file again', async () => (await bib1Total()) === 7899);
  });

  it("keeps the source and the file's last import across a restart, and does not import an unchanged file again", async () => {
    const fake = new FakeCanoe123();
    const { port } = await fake.listen();
    const put = await api(station, 'PUT', `/api/v1/admin/events/${EVENT}/source`, {
      headers: operator(station as never),
      body: { kind: 'canoe123', host: '127.0.0.1', port, xmlPath },
    });
    expect(put.body.config).toEqual({ kind: 'canoe123', host: '127.0.0.1', port, xmlPath });
    await fake.waitForClient();
    const before = await status();
    const importsBefore = imports();
    await station.close();
    await waitFor('the client gone', () => fake.connections === 0);
    station = await start();
    const after = await status();
    expect(after.config).toEqual(before.config);
    expect(after.xml.lastImportAt).toBe(before.xml.lastImportAt);
    // It reconnects by itself to the stored address…
    await fake.waitForClient();
    fake.send('<Canoe123 System="Main"><TimeOfDay>10:00:00</TimeOfDay></Canoe123>');
    await waitFor('connected', async () => (await status()).connection?.state === 'connected');
    // …and the unchanged file is recognised by its stored hash, not imported again.
    await waitFor('the skip', async () => (await status()).xml.identicalSkipped >= 1);
    // (The activity log comes back from disk: the lines of before the restart, and no new import.)
    expect(imports()).toBe(importsBefore);
    // A c123-server push to this event is now ignored (its source is Canoe123 itself), not refused.
    const apiKey = station.core.get(EVENT)!.apiKey;
    const push = await api(station, 'POST', '/api/v1/ingest/oncourse', { headers: { 'x-api-key': apiKey }, body: { oncourse: [] } });
    expect(push).toMatchObject({ status: 200, body: { active: 0, ignored: true } });
    expect(station.core.activity.recent(20).some((e) => /Ignored a c123-server oncourse push: this event reads Canoe123 directly/.test(e.message))).toBe(true);
    await fake.close();
  });

  it('stops the source with a deleted event, and brings it back with the event restored', async () => {
    const fake = new FakeCanoe123();
    const { port } = await fake.listen();
    await api(station, 'PUT', `/api/v1/admin/events/${EVENT}/source`, {
      headers: operator(station as never),
      body: { kind: 'canoe123', host: '127.0.0.1', port, xmlPath: null },
    });
    await fake.waitForClient();
    const del = await api(station, 'DELETE', `/api/v1/admin/events/${EVENT}`, { headers: operator(station as never) });
    expect(del.status).toBe(200);
    await waitFor('the client gone', () => fake.connections === 0);
    const restore = await api(station, 'POST', `/api/v1/admin/deleted-events/${del.body.deletedId}/restore`, { headers: operator(station as never), body: {} });
    expect(restore.status).toBeLessThan(300);
    await fake.waitForClient();
    expect((await status()).config).toEqual({ kind: 'canoe123', host: '127.0.0.1', port, xmlPath: null });
    await fake.close();
  });
});
