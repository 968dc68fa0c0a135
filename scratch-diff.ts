import { captureFor } from './test/helpers/capture.ts';
import { api, createEvent, ingest, startTestStation } from './test/helpers/station.ts';
import { connect } from './test/helpers/ws-client.ts';
const EVENT = 'jarni-slalomy-2024';
const station = await startTestStation();
const { apiKey } = await createEvent(station, EVENT, 'J');
const capture = captureFor(EVENT);
try {
  for (const r of capture.filter((x) => x.t <= 5012)) await ingest(station, apiKey, r.url, r.body);
  const sock = await connect(station, EVENT);
  const get = async () => (await api(station, 'GET', `/api/v1/events/${EVENT}/results/K1M_ST_BR2_6`)).body.results as any[];
  let before = await get();
  for (const r of capture) {
    if (r.t <= 5012 || r.url.includes('/status') || r.t > 130000) continue;
    await ingest(station, apiKey, r.url, r.body);
    if (r.url.endsWith('/results')) {
      const after = await get();
      const old = new Map(before.map((x) => [x.participantId, x]));
      const ch = after.filter((x) => JSON.stringify(old.get(x.participantId)) !== JSON.stringify(x));
      console.log(r.t, 'changed', ch.length, ch.slice(0, 4).map((x) => { const o = old.get(x.participantId); const d: any = {}; for (const k of Object.keys(x)) if (JSON.stringify(o?.[k]) !== JSON.stringify(x[k])) d[k] = [o?.[k], x[k]]; return `${x.bib} ${x.name} ${JSON.stringify(d)}`; }));
      before = after;
    }
  }
  const diffs = sock.messages.filter((m: any) => m.type === 'diff' && m.data.results);
  console.log('diff msgs', diffs.length, diffs.map((m: any) => m.data.results.map((x: any) => x.bib).join(',')).slice(0, 10));
  sock.close();
} finally { await station.cleanup(); }
