import { crc32, deflateSync } from 'node:zlib';

const chunk = (type: string, data: Buffer): Buffer => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
};

/**
 * A real PNG (8-bit RGB) drawn from `pixel(x, y)`, for tests that send a photo a browser must be
 * able to show. Built by hand (zlib + CRC) so tests need no image library.
 */
export const makePng = (
  width: number,
  height: number,
  pixel: (x: number, y: number) => readonly [number, number, number],
): Buffer => {
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * 3);
    for (let x = 0; x < width; x++) row.set(pixel(x, y), 1 + x * 3);
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from('89504e470d0a1a0a', 'hex'),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
};

/** A "photo" of a water stain on a ceiling: grey tiles with a spreading dark patch. */
export const leakPhoto = (): Buffer =>
  makePng(240, 180, (x, y) => {
    const tile = (Math.floor(x / 40) + Math.floor(y / 40)) % 2 === 0 ? 226 : 214;
    const d = Math.hypot(x - 130, y - 80) / 60;
    const stain = Math.max(0, 1 - d * d);
    const seam = x % 40 === 0 || y % 40 === 0 ? 30 : 0;
    const v = tile - seam - stain * 120;
    return [Math.round(v * 0.95), Math.round(v * 0.9), Math.round(v * 0.8)];
  });
