/**
 * `--smoke <export.xml>`: proves that a build can run the station where it was started — the
 * packaged Electron app, or the compiled main under plain Node against the unpacked app.asar layout
 * (test/packaging/asar.test.ts). It opens a database (`node:sqlite`) in a fresh temporary folder,
 * imports the given Canoe123 export through the XML parse worker, asks `/health` and the spectator
 * page over real HTTP, then closes the station and removes the folder. One line says what passed
 * or what failed; the answer is the exit code (0 passed, 1 failed).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export async function runSmoke(xmlFile: string | undefined, out: (line: string) => void = (l) => process.stdout.write(`${l}\n`)): Promise<number> {
  const runtime = process.versions.electron ? `Electron ${process.versions.electron} (Node ${process.versions.node})` : `Node ${process.versions.node}`;
  if (!xmlFile) {
    out('Smoke test failed: give it a Canoe123 XML export to import: --smoke <export.xml>');
    return 1;
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'raceside-smoke-'));
  let station: Awaited<ReturnType<typeof import('./station.ts').startStation>> | null = null;
  try {
    const xml = readFileSync(xmlFile, 'utf8');
    // Imported here, so that a runtime without node:sqlite fails in this one line, not at load.
    const { DatabaseSync } = await import('node:sqlite');
    const sqlite = (new DatabaseSync(':memory:').prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
    const { startStation } = await import('./station.ts');
    station = await startStation({ host: '127.0.0.1', port: 0, dataDir });
    station.core.createEvent({
      eventId: 'smoke',
      mainTitle: 'Smoke test',
      subTitle: null,
      location: null,
      facility: null,
      startDate: null,
      endDate: null,
      discipline: null,
    });
    const t0 = performance.now();
    const summary = await station.core.ingestXml('smoke', xml, 'operator');
    const parseMs = performance.now() - t0;
    const { participants, races, results } = summary.imported;
    if (participants === 0 || races === 0) throw new Error(`the XML gave ${participants} participants and ${races} races`);
    const health = await fetch(`${station.url}/health`);
    if (health.status !== 200 || ((await health.json()) as { status?: string }).status !== 'ok') throw new Error(`/health answered ${health.status}`);
    const page = await fetch(`${station.url}/`, { headers: { accept: 'text/html' } });
    const html = await page.text();
    if (page.status !== 200 || !html.includes('<div id="root">'))
      throw new Error(`the spectator page answered ${page.status}${page.status === 200 ? ' without the app' : ''}`);
    out(
      `Smoke test passed on ${runtime}: node:sqlite (SQLite ${sqlite}) in ${dataDir}, the XML export read in the parse worker ` +
        `(${participants} participants, ${races} races, ${results} results in ${parseMs.toFixed(0)} ms), /health ok, spectator page ok.`,
    );
    return 0;
  } catch (err) {
    out(`Smoke test failed on ${runtime}: ${(err as Error).message}`);
    return 1;
  } finally {
    await station?.close().catch(() => {});
    rmSync(dataDir, { recursive: true, force: true });
  }
}
