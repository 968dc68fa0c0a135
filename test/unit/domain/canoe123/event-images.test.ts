import { describe, expect, it } from 'vitest';
import { headerImage, readEventImage, sameImages, taggedImages } from '../../../../src-main/domain/canoe123/event-images.ts';

const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1]).toString('base64');
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]).toString('base64');
const GIF = Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00', 'latin1').toString('base64');
const WEBP = Buffer.from('RIFF\x24\x00\x00\x00WEBPVP8 ', 'latin1').toString('base64');

describe('readEventImage', () => {
  it('labels JPEG, PNG, GIF and WebP by their first bytes', () => {
    expect(readEventImage('left', JPEG)?.contentType).toBe('image/jpeg');
    expect(readEventImage('left', PNG)?.contentType).toBe('image/png');
    expect(readEventImage('left', GIF)?.contentType).toBe('image/gif');
    expect(readEventImage('left', WEBP)?.contentType).toBe('image/webp');
  });

  it('drops whitespace a writer wrapped the base64 with', () => {
    const wrapped = `${JPEG.slice(0, 8)}\r\n  ${JPEG.slice(8)}\n`;
    expect(readEventImage('right', wrapped)).toEqual({ slot: 'right', contentType: 'image/jpeg', data: JPEG });
  });

  it('keeps nothing that is empty, not base64 or not a picture a browser shows', () => {
    expect(readEventImage('left', undefined)).toBeNull();
    expect(readEventImage('left', '')).toBeNull();
    expect(readEventImage('left', `${JPEG.slice(0, -1)}!`)).toBeNull();
    expect(readEventImage('left', JPEG.slice(0, -1))).toBeNull(); // cut off
    expect(readEventImage('left', `${JPEG.slice(0, 8)}=${JPEG.slice(9)}`)).toBeNull(); // padding inside
    expect(readEventImage('left', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"></svg>').toString('base64'))).toBeNull();
    expect(readEventImage('left', Buffer.from('MZ executable, not an image').toString('base64'))).toBeNull();
  });
});

describe('headerImage', () => {
  const left = readEventImage('left', JPEG)!;
  const right = readEventImage('right', PNG)!;
  const footer = readEventImage('footer', GIF)!;
  it('is the left report image (the organiser), else the right one, never the footer', () => {
    expect(headerImage([left, right, footer])).toBe(left);
    expect(headerImage([right, footer])).toBe(right);
    expect(headerImage([footer])).toBeNull();
    expect(headerImage([])).toBeNull();
  });

  it('tells image sets apart by slot and content', () => {
    expect(sameImages([left, right], [{ ...left }, { ...right }])).toBe(true);
    expect(sameImages([left], [left, right])).toBe(false);
    expect(sameImages([left], [{ ...left, slot: 'right' }])).toBe(false);
    expect(sameImages([left], [readEventImage('left', PNG)!])).toBe(false);
  });

  it('names a new or changed image by when it arrived, and keeps the name of one that stayed', () => {
    const first = taggedImages([left, right], [], '2024-04-06T08:00:00.000Z');
    expect(first.map((i) => i.tag)).toEqual([
      `${Date.parse('2024-04-06T08:00:00.000Z').toString(36)}l`,
      `${Date.parse('2024-04-06T08:00:00.000Z').toString(36)}r`,
    ]);
    const again = taggedImages([left, readEventImage('right', GIF)!], first, '2024-04-06T09:00:00.000Z');
    expect(again[0].tag).toBe(first[0].tag);
    expect(again[1].tag).not.toBe(first[1].tag);
  });
});
