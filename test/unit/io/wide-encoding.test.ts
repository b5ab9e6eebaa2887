/** wideEncoding (src/io/wide-encoding.ts): UTF-16 and UTF-32, with and without a byte-order mark, told from UTF-8. */
import { describe, expect, it } from 'vitest';
import { wideEncoding } from '../../../src/io/wide-encoding.js';

const text = 'hts,origin,value\n9503.00.00,CN,100\n';
const u16le = Buffer.from(text, 'utf16le');
const u16be = Buffer.from(u16le).swap16();
const u32le = Buffer.concat([...text].map((c) => Buffer.from([c.charCodeAt(0), 0, 0, 0])));
const u32be = Buffer.concat([...text].map((c) => Buffer.from([0, 0, 0, c.charCodeAt(0)])));
const marked = (bom: number[], b: Buffer): Buffer => Buffer.concat([Buffer.from(bom), b]);

describe('wideEncoding', () => {
  it.each([
    ['UTF-16 LE, no mark', u16le, 'UTF-16 (little-endian, no byte-order mark)'],
    ['UTF-16 BE, no mark', u16be, 'UTF-16 (big-endian, no byte-order mark)'],
    ['UTF-16 LE, mark', marked([0xff, 0xfe], u16le), 'UTF-16 (little-endian, with a byte-order mark)'],
    ['UTF-16 BE, mark', marked([0xfe, 0xff], u16be), 'UTF-16 (big-endian, with a byte-order mark)'],
    ['UTF-32 LE, mark (starts like the UTF-16 one)', marked([0xff, 0xfe, 0, 0], u32le), 'UTF-32 (little-endian, with a byte-order mark)'],
    ['UTF-32 BE, mark', marked([0, 0, 0xfe, 0xff], u32be), 'UTF-32 (big-endian, with a byte-order mark)'],
    ['UTF-32 LE, no mark', u32le, 'UTF-32 (little-endian, no byte-order mark)'],
    ['UTF-32 BE, no mark', u32be, 'UTF-32 (big-endian, no byte-order mark)'],
    ['UTF-8', Buffer.from(text), null],
    ['UTF-8 with its mark', marked([0xef, 0xbb, 0xbf], Buffer.from(text)), null],
    ['UTF-8 with accents', Buffer.from('hts,origine,valeur — é\n'), null],
    ['too short to tell', Buffer.from('h'), null],
  ])('%s', (_name, bytes, expected) => {
    expect(wideEncoding(bytes)).toBe(expected);
  });
});
