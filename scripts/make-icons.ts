/**
 * Writes the app icons (public/icons/icon-192.png, icon-512.png, icon-maskable-512.png): the
 * logsift mark – three lines of decreasing length on a dark rounded square – rasterised here with
 * a minimal PNG encoder, so no image tool is needed. Deterministic; run `npm run icons` after a
 * change.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const BG = [0x17, 0x20, 0x36];
const FG = [0xff, 0xff, 0xff];

function crc32(buf: Buffer): number {
  let c = ~0;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** RGBA pixels of the mark at `size`; `maskable` keeps it inside the 80 % safe zone on a full square. */
function draw(size: number, maskable: boolean): Buffer {
  const px = Buffer.alloc(size * size * 4);
  const s = size / 32;
  const radius = maskable ? 0 : 6 * s;
  const scale = maskable ? 0.7 : 1;
  const c = size / 2;
  const lines: [number, number, number][] = [
    [8, 24, 10],
    [8, 19, 16],
    [8, 15, 22],
  ];
  const inRounded = (x: number, y: number) => {
    const dx = Math.max(radius - x, 0, x - (size - radius));
    const dy = Math.max(radius - y, 0, y - (size - radius));
    return dx * dx + dy * dy <= radius * radius;
  };
  const onLine = (x: number, y: number) => {
    // Into the 32-unit design space (scaled around the centre for the maskable icon).
    const u = (x - c) / (s * scale) + 16;
    const v = (y - c) / (s * scale) + 16;
    return lines.some(([x0, x1, yy]) => {
      const cx = Math.min(Math.max(u, x0), x1);
      return (u - cx) ** 2 + (v - yy) ** 2 <= 1.5 ** 2;
    });
  };
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const i = (y * size + x) * 4;
      const inside = inRounded(x + 0.5, y + 0.5);
      const color = onLine(x + 0.5, y + 0.5) ? FG : BG;
      px[i] = color[0];
      px[i + 1] = color[1];
      px[i + 2] = color[2];
      px[i + 3] = inside ? 255 : 0;
    }
  }
  return px;
}

function png(size: number, maskable = false): Buffer {
  const rgba = draw(size, maskable);
  const raw = Buffer.alloc((size * 4 + 1) * size);
  for (let y = 0; y < size; y++) rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8;
  ihdr[9] = 6;
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

const dir = new URL('../public/icons/', import.meta.url);
mkdirSync(dir, { recursive: true });
writeFileSync(new URL('icon-192.png', dir), png(192));
writeFileSync(new URL('icon-512.png', dir), png(512));
writeFileSync(new URL('icon-maskable-512.png', dir), png(512, true));
console.log('wrote public/icons/icon-192.png, icon-512.png, icon-maskable-512.png');
