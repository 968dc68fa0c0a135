/**
 * Phones on a venue Wi-Fi get compressed bytes: precompressed scripts and styles, gzipped JSON.
 */
import { gunzipSync } from 'node:zlib';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, createEvent, ingest, startTestStation, type TestStation } from '../helpers/station.ts';
import { realXml } from '../helpers/capture.ts';

function rawGet(url: string, headers: Record<string, string>): Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    request(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    })
      .on('error', reject)
      .end();
  });
}

describe('compression', () => {
  let station: TestStation;
  beforeAll(async () => {
    station = await startTestStation();
    const { apiKey } = await createEvent(station, 'zip');
    await ingest(station, apiKey, '/api/v1/ingest/xml', { xml: realXml() });
    await ingest(station, apiKey, '/api/v1/admin/events/zip/status', { status: 'running' });
  });
  afterAll(async () => station?.cleanup());

  it('gzips large JSON answers for clients that accept it, and only for them', async () => {
    const url = `${station.url}/api/v1/events/zip/results/K1M_ST_BR2_6`;
    const zipped = await rawGet(url, { 'accept-encoding': 'gzip, deflate' });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    const plain = await rawGet(url, {});
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(gunzipSync(zipped.body).toString())).toEqual(JSON.parse(plain.body.toString()));
    console.log(`results K1M_ST_BR2_6: ${plain.body.length} B plain, ${zipped.body.length} B gzipped`);
    expect(zipped.body.length).toBeLessThan(plain.body.length / 4);
    // Small answers are not worth it.
    expect((await rawGet(`${station.url}/health`, { 'accept-encoding': 'gzip' })).headers['content-encoding']).toBeUndefined();
  });

  it('serves the spectator page scripts precompressed', async () => {
    const html = await api(station, 'GET', '/', { headers: { accept: 'text/html' } });
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(html.body as string)?.[1];
    expect(script).toBeDefined();
    const br = await rawGet(station.url + script, { 'accept-encoding': 'br, gzip' });
    expect(br.status).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    const plain = await rawGet(station.url + script, {});
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(br.body.length).toBeLessThan(plain.body.length / 2);
  });
});
