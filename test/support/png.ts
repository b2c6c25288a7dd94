import { inflateSync } from 'node:zlib';
import { expect } from 'vitest';

/** Decodes a PNG far enough to prove it whole: signature, IHDR, and inflated IDAT of the right length. */
export function decodePng(png: Uint8Array): { width: number; height: number } {
  const buf = Buffer.from(png);
  expect(buf.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  let offset = 8;
  let width = 0;
  let height = 0;
  let channels = 0;
  const data: Buffer[] = [];
  while (offset < buf.length) {
    const length = buf.readUInt32BE(offset);
    const type = buf.toString('latin1', offset + 4, offset + 8);
    const body = buf.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      expect(body[8]).toBe(8);
      channels = { 2: 3, 6: 4, 0: 1, 4: 2 }[body[9]!] ?? 0;
    }
    if (type === 'IDAT') data.push(body);
    offset += 12 + length;
  }
  expect(inflateSync(Buffer.concat(data)).length).toBe(height * (1 + width * channels));
  return { width, height };
}
