import { deflateSync } from 'node:zlib';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/**
 * A real photo-sized PNG drawn in code (a storage tank under a sky, with a red warning band), so
 * the upload's type check sees a PNG and a screenshot shows a recognisable picture.
 */
export function scenePng(width = 320, height = 240, hue: 'red' | 'green' = 'red'): Buffer {
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * 3);
    for (let x = 0; x < width; x++) {
      let rgb: [number, number, number];
      const inTank = (x - width / 2) ** 2 / (width * 0.3) ** 2 + (y - height * 0.55) ** 2 / (height * 0.35) ** 2 < 1;
      if (inTank) {
        const band = Math.abs(y - height * 0.5) < height * 0.06;
        rgb = band ? (hue === 'red' ? [200, 40, 40] : [40, 150, 60]) : [170 + Math.round((x / width) * 40), 175, 180];
      } else if (y > height * 0.8) rgb = [90, 90, 85];
      else rgb = [120 + Math.round((y / height) * 80), 170 + Math.round((y / height) * 50), 230];
      row[1 + x * 3] = rgb[0];
      row[2 + x * 3] = rgb[1];
      row[3 + x * 3] = rgb[2];
    }
    rows.push(row);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // truecolour
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
