/**
 * Worker-thread entry: parses Canoe123 XML exports with the one parser (domain/canoe123) off the
 * station's main thread, so a 3 MB import never stalls live pushes to spectators.
 */
import { parentPort } from 'node:worker_threads';
import { parseCanoe123Xml } from '../domain/canoe123/xml-export.ts';

parentPort!.on('message', ({ id, xml }: { id: number; xml: string }) => {
  let result;
  try {
    result = parseCanoe123Xml(xml);
  } catch (err) {
    result = { ok: false as const, message: `The XML could not be read: ${(err as Error).message}` };
  }
  parentPort!.postMessage({ id, result });
});
