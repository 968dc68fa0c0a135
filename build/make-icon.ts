/**
 * Writes build/icon.png (512×512 RGBA), the one icon electron-builder needs: it derives the
 * Windows .ico, the macOS .icns and the Linux sizes from it; and the spectator page's icons in
 * src-renderer/public/icons/ (favicon, home-screen icons for the web manifest, and the square
 * apple-touch-icon that iOS rounds itself). A slalom gate (a wire with two red-and-white poles)
 * over water on a rounded square; drawn pixel by pixel on a 512-unit canvas scaled to each size,
 * with 4×4 supersampling, and encoded as PNG with node:zlib, so it needs no image tools.
 * Run: `node build/make-icon.ts`.
 */
import { writeFileSync } from 'node:fs';
import { crc32, deflateSync } from 'node:zlib';

const size = 512;
type Rgba = [number, number, number, number];
interface Shape {
  /** Margin and corner radius of the background square, on the 512-unit canvas. */
  margin: number;
  radius: number;
}
const ROUNDED: Shape = { margin: 24, radius: 96 };
/** Full bleed: iOS and "maskable" launchers cut their own shape out of the square. */
const SQUARE: Shape = { margin: 0, radius: 0 };

const sky: Rgba = [18, 84, 150, 255];
const water: Rgba = [12, 58, 110, 255];
const white: Rgba = [255, 255, 255, 255];
const red: Rgba = [214, 40, 40, 255];
const clear: Rgba = [0, 0, 0, 0];

/** The colour at a point of the 512×512 canvas (fractional coordinates). */
function colourAt(x: number, y: number, shape: Shape): Rgba {
  if (!insideRoundedSquare(x, y, shape.margin, shape.radius)) return clear;
  const wire = 150;
  if (Math.abs(y - wire) < 5 && x > 60 && x < 452) return white;
  for (const poleX of [176, 336]) {
    if (Math.abs(x - poleX) < 13 && y > wire && y < 372) {
      return Math.floor((y - wire) / 37) % 2 === 0 ? red : white;
    }
  }
  const surface = 390 + 10 * Math.sin((x / size) * Math.PI * 4);
  if (y > surface && y < surface + 12) return white;
  return y > surface ? water : sky;
}

function insideRoundedSquare(x: number, y: number, margin: number, radius: number): boolean {
  const lo = margin + radius;
  const hi = size - margin - radius;
  const dx = Math.max(lo - x, 0, x - hi);
  const dy = Math.max(lo - y, 0, y - hi);
  return dx * dx + dy * dy <= radius * radius;
}

function render(px: number, shape: Shape): Buffer {
  const samples = 4;
  const scale = size / px;
  const rows: Buffer[] = [];
  for (let y = 0; y < px; y += 1) {
    const row = Buffer.alloc(1 + px * 4); // leading 0 = PNG filter "none"
    for (let x = 0; x < px; x += 1) {
      const sum = [0, 0, 0, 0];
      for (let sy = 0; sy < samples; sy += 1) {
        for (let sx = 0; sx < samples; sx += 1) {
          const c = colourAt((x + (sx + 0.5) / samples) * scale, (y + (sy + 0.5) / samples) * scale, shape);
          for (let i = 0; i < 3; i += 1) sum[i] += c[i] * c[3];
          sum[3] += c[3];
        }
      }
      const alpha = sum[3] / (samples * samples);
      for (let i = 0; i < 3; i += 1) row[1 + x * 4 + i] = sum[3] === 0 ? 0 : Math.round(sum[i] / sum[3]);
      row[1 + x * 4 + 3] = Math.round(alpha);
    }
    rows.push(row);
  }
  return Buffer.concat(rows);
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function png(px: number, shape: Shape): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(px, 0);
  header.writeUInt32BE(px, 4);
  header.writeUInt8(8, 8); // bit depth
  header.writeUInt8(6, 9); // colour type RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(render(px, shape), { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const outputs: [file: string, px: number, shape: Shape][] = [
  ['./icon.png', 512, ROUNDED],
  ['../src-renderer/public/icons/favicon-32.png', 32, ROUNDED],
  ['../src-renderer/public/icons/icon-192.png', 192, ROUNDED],
  ['../src-renderer/public/icons/icon-512.png', 512, ROUNDED],
  ['../src-renderer/public/icons/icon-maskable-512.png', 512, SQUARE],
  ['../src-renderer/public/icons/apple-touch-icon.png', 180, SQUARE],
];
for (const [file, px, shape] of outputs) {
  const data = png(px, shape);
  writeFileSync(new URL(file, import.meta.url), data);
  process.stdout.write(`${file.replace(/^\.\.\//, '').replace(/^\.\//, 'build/')}: ${px}x${px}, ${data.length} bytes\n`);
}
