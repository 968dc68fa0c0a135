/**
 * Deciding what an XML export changes. XML is authoritative for structure (classes, categories,
 * participants, races, courses) and for the event details it carries; result rows merge under the
 * event's strategy (result-merge.ts). Only what the XML positively dropped is pruned: a race or a
 * participant that left the export, or a row missing from a race whose XML lists other rows. A race
 * whose XML carries no rows at all keeps its results (Canoe123 exports empty sections mid-race).
 *
 * One import is one decision, however many races it touches.
 */
import type { Canoe123Export, XmlResultRow } from './canoe123/xml-export.ts';
import type { XmlImportSummary } from '../wire/admin.ts';
import type { Change, Decision } from './decision.ts';
import type { EventMeta, EventState, ResultRow, Structure } from './model.ts';
import { overlayAfterXml, sameRun } from './result-merge.ts';
import { sameImages, taggedImages } from './canoe123/event-images.ts';

export type ImportSummary = XmlImportSummary;

export function decideXmlImport(state: EventState, xml: Canoe123Export, now: string): Decision<ImportSummary> {
  const changes: Change[] = [];
  let next: EventState = { ...state, hasXml: true };
  if (!state.hasXml) changes.push({ type: 'xmlReceived' });

  const meta = mergeMeta(state.meta, xml.event);
  const detailsChanged = JSON.stringify(meta) !== JSON.stringify(state.meta);
  if (detailsChanged) {
    next.meta = meta;
    changes.push({ type: 'metaChanged', meta });
  }

  // The organiser's images come only from the export, so the export's set replaces ours (none
  // included: an export without images means the organiser took them out).
  const imagesChanged = !sameImages(state.images, xml.images);
  if (imagesChanged) {
    next.images = taggedImages(xml.images, state.images, now);
    changes.push({ type: 'imagesChanged', images: next.images });
  }

  const structureChanged = JSON.stringify(xml.structure) !== JSON.stringify(state.structure);
  if (structureChanged) {
    next = { ...next, structure: xml.structure, structureVersion: state.structureVersion + 1 };
    changes.push({ type: 'structureChanged', structure: xml.structure, version: next.structureVersion });
  }

  const { results, upserted, removed } = mergeRows(state, xml.structure, xml.results);
  next.results = results;
  if (upserted.length) changes.push({ type: 'rowsUpserted', rows: upserted });
  if (removed.length) changes.push({ type: 'rowsRemoved', keys: removed });

  return {
    ok: true,
    state: next,
    changes,
    result: {
      imported: { ...xml.counts },
      changed: { structure: structureChanged, details: detailsChanged || imagesChanged, results: upserted.length, removed: removed.length },
      timeUnit: xml.timeUnit,
    },
  };
}

/** Operator-set details are kept where the XML has no value; the operator's title always wins. */
function mergeMeta(meta: EventMeta, x: Canoe123Export['event']): EventMeta {
  return {
    ...meta,
    subTitle: x.subTitle ?? meta.subTitle,
    location: x.location ?? meta.location,
    facility: x.facility ?? meta.facility,
    startDate: x.startDate ?? meta.startDate,
    endDate: x.endDate ?? meta.endDate,
    discipline: x.discipline ?? meta.discipline,
  };
}

function mergeRows(state: EventState, structure: Structure, rows: readonly XmlResultRow[]) {
  const strategy = state.mergeStrategy;
  const races = new Set(structure.races.map((r) => r.raceId));
  const participants = new Set(structure.participants.map((p) => p.participantId));
  const incoming = new Map<string, Map<string, XmlResultRow>>();
  for (const row of rows) {
    let race = incoming.get(row.raceId);
    if (!race) incoming.set(row.raceId, (race = new Map()));
    race.set(row.participantId, row);
  }
  const results = new Map<string, Map<string, ResultRow>>();
  const upserted: ResultRow[] = [];
  const removed: { raceId: string; participantId: string }[] = [];

  for (const raceId of new Set([...state.results.keys(), ...incoming.keys()])) {
    const before = state.results.get(raceId);
    if (!races.has(raceId)) {
      for (const participantId of before?.keys() ?? []) removed.push({ raceId, participantId });
      continue;
    }
    const xmlRows = incoming.get(raceId);
    const after = new Map<string, ResultRow>();
    let touched = false;
    for (const [participantId, old] of before ?? []) {
      const x = xmlRows?.get(participantId);
      if (x) continue; // handled below
      const keepsLive = old.live !== null && strategy !== 'xml-authoritative';
      const dropped = !participants.has(participantId) || (xmlRows !== undefined && !keepsLive);
      if (dropped) {
        removed.push({ raceId, participantId });
        touched = true;
      } else after.set(participantId, old);
    }
    for (const [participantId, x] of xmlRows ?? []) {
      const old = before?.get(participantId);
      const row: ResultRow = {
        raceId,
        participantId,
        bib: x.bib,
        startOrder: x.startOrder,
        startTime: x.startTime,
        heatNr: x.heatNr,
        roundNr: x.roundNr,
        qualified: x.qualified,
        xml: x.run,
        live: overlayAfterXml(old?.live ?? null, x.run, strategy),
        c123: x.c123,
      };
      if (!old || !sameRow(old, row)) {
        upserted.push(row);
        touched = true;
        after.set(participantId, row);
      } else after.set(participantId, old);
    }
    results.set(raceId, touched || !before ? after : before);
  }
  return { results, upserted, removed };
}

function sameRow(a: ResultRow, b: ResultRow): boolean {
  return (
    a.bib === b.bib &&
    a.startOrder === b.startOrder &&
    a.startTime === b.startTime &&
    a.heatNr === b.heatNr &&
    a.roundNr === b.roundNr &&
    a.qualified === b.qualified &&
    (a.xml === b.xml || (!!a.xml && !!b.xml && sameRun(a.xml, b.xml))) &&
    JSON.stringify(a.live) === JSON.stringify(b.live) &&
    JSON.stringify(a.c123) === JSON.stringify(b.c123)
  );
}
