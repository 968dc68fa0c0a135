/**
 * Cutting Canoe123's TCP stream into messages (issue 12, item 1): `|`-delimited, a partial
 * message kept across reads, multi-byte characters split across reads decoded whole, the unfinished
 * part bounded.
 */
import { describe, expect, it } from 'vitest';
import { FrameSplitter } from '../../../src-main/sources/canoe123/frames.ts';

describe('FrameSplitter', () => {
  it('splits on "|", trims, skips empty messages, keeps the unfinished one', () => {
    const f = new FrameSplitter(1024);
    expect(f.push(Buffer.from('<a/>|\r\n<b/>| |<c'))).toEqual({ frames: ['<a/>', '<b/>'], problem: null });
    expect(f.buffered).toBe(2);
    expect(f.push(Buffer.from('/>|'))).toEqual({ frames: ['<c/>'], problem: null });
    expect(f.buffered).toBe(0);
  });

  it('decodes a Czech name split inside a character across two reads', () => {
    const f = new FrameSplitter(1024);
    const bytes = Buffer.from('<P Name="KOPEČEK Michal"/>|');
    const cut = bytes.indexOf(0x8c); // the second byte of "Č"
    expect(f.push(bytes.subarray(0, cut)).frames).toEqual([]);
    expect(f.push(bytes.subarray(cut)).frames).toEqual(['<P Name="KOPEČEK Michal"/>']);
  });

  it('keeps a message arriving one byte per read', () => {
    const f = new FrameSplitter(1024);
    const out: string[] = [];
    for (const b of Buffer.from('<TimeOfDay>10:34:11</TimeOfDay>|<x/>|')) out.push(...f.push(Buffer.from([b])).frames);
    expect(out).toEqual(['<TimeOfDay>10:34:11</TimeOfDay>', '<x/>']);
  });

  it('stops at a fragment past the limit without a "|", in one read or many, and forgets it', () => {
    const f = new FrameSplitter(100);
    expect(f.push(Buffer.from('<ok/>|' + 'x'.repeat(60))).frames).toEqual(['<ok/>']);
    const r = f.push(Buffer.alloc(60, 0x41));
    expect(r.problem).toEqual({ kind: 'tooLarge', bytes: 120 });
    expect(f.buffered).toBe(0);
    expect(new FrameSplitter(100).push(Buffer.from(`${'y'.repeat(150)}|`)).problem).toEqual({ kind: 'tooLarge', bytes: 150 });
  });

  it('hands on the messages before a bad one, and reports bytes that are not UTF-8', () => {
    const r = new FrameSplitter(100).push(Buffer.concat([Buffer.from('<a/>|'), Buffer.from([0xff, 0xfe]), Buffer.from('|<b/>|')]));
    expect(r).toEqual({ frames: ['<a/>'], problem: { kind: 'notUtf8', bytes: 2 } });
  });
});
