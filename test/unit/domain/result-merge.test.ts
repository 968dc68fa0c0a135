import { describe, expect, it } from 'vitest';
import { effectiveRun, overlayAfterLive, overlayAfterXml } from '../../../src-main/domain/result-merge.ts';
import type { ResultRow, RunFields } from '../../../src-main/domain/model.ts';

const xmlRun: RunFields = { status: null, dtStart: '10:00:00.000', dtFinish: '10:01:30.000', time: 9000, pen: 200, total: 9200, gates: [0, 2] };
const row = (live: Partial<RunFields> | null): ResultRow => ({
  raceId: 'R',
  participantId: 'P',
  bib: 1,
  startOrder: 1,
  startTime: null,
  heatNr: null,
  roundNr: null,
  qualified: null,
  xml: xmlRun,
  live,
  c123: null,
});

describe('result merge', () => {
  it('a partial live row never nulls fields it did not carry', () => {
    const live = overlayAfterLive(null, { time: 8900, total: 9100 });
    expect(effectiveRun(row(live))).toEqual({ ...xmlRun, time: 8900, total: 9100 });
  });

  it('an explicit null from live is applied (a DNS clears the time)', () => {
    expect(effectiveRun(row({ status: 'DNS', time: null, total: null })).time).toBeNull();
  });

  it('default strategy: an older XML never reverts a live value; an agreeing XML absorbs it', () => {
    const live = { time: 8900, total: 9100 };
    expect(overlayAfterXml(live, xmlRun, 'xml-structure-live-results')).toEqual(live);
    expect(overlayAfterXml(live, { ...xmlRun, time: 8900 }, 'xml-structure-live-results')).toEqual({ total: 9100 });
    expect(overlayAfterXml(live, { ...xmlRun, time: 8900, total: 9100 }, 'xml-structure-live-results')).toBeNull();
  });

  it('xml-authoritative drops the live overlay; live-authoritative keeps it for good', () => {
    const live = { time: 8900 };
    expect(overlayAfterXml(live, xmlRun, 'xml-authoritative')).toBeNull();
    expect(overlayAfterXml(live, { ...xmlRun, time: 8900 }, 'live-authoritative')).toEqual(live);
  });
});
