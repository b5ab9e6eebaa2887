/**
 * ByteOut writes digits without number-to-string conversion (src/io/byte-out.ts): every integer
 * and every cents figure must read exactly as String() and centsToPlain() write them.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { centsToPlain } from '../../../src/core/decimal.js';
import { ByteOut, copyBytes, putAscii, putBytes, putCommaCents, putSix, putUint, putZeroCells } from '../../../src/io/byte-out.js';

const text = (write: (o: ByteOut) => void): string => {
  const o = new ByteOut(16);
  write(o);
  return Buffer.from(o.bytes()).toString('latin1');
};

/** what a writer on the raw buffer writes (after a reserve of `room` bytes) */
const raw = (room: number, write: (buf: Buffer, o: number, view: DataView) => number): string =>
  text((out) => {
    out.text('>'); // an offset that is not 0
    out.reserve(room);
    out.done(write(out.buf, out.at(), out.view));
  }).slice(1);

describe('ByteOut', () => {
  // the edges of each branch: one digit, the pair table, 32-bit division, beyond it
  it.each([0, 9, 10, 99, 100, 101, 999, 1000, 65_535, 2_147_483_647, 2_147_483_648, 9_999_999_999, 999_999_999_999_999, Number.MAX_SAFE_INTEGER])(
    'putUint(%i) = String()',
    (n) => {
      expect(raw(16, (b, o) => putUint(b, o, n))).toBe(String(n));
    },
  );

  it('putUint = String() for any safe non-negative integer', () => {
    fc.assert(
      fc.property(fc.oneof(fc.nat(), fc.maxSafeNat()), (n) => raw(16, (b, o) => putUint(b, o, n)) === String(n)),
      { numRuns: 20_000, seed: 42 },
    );
  });

  it.each([
    [0, '0.00'],
    [5, '0.05'],
    [10, '0.10'],
    [100, '1.00'],
    [1_304_714, '13047.14'], // $13,047.14
    [99, '0.99'],
    [999_999_999_999_999, '9999999999999.99'], // the largest exact amount
  ])('putCommaCents(%i) = ,%s', (c, want) => {
    expect(raw(20, (b, o) => putCommaCents(b, o, c))).toBe(`,${want}`);
  });

  // n cells of ",0.00" (5 bytes each: 0 → nothing, 14 → 70 bytes), as putCommaCents(0) writes one
  it.each([0, 1, 2, 14])('putZeroCells(%i) = ",0.00" × %i', (n) => {
    expect(raw(5 * n, (_b, o, view) => putZeroCells(view, o, n))).toBe(',0.00'.repeat(n));
    expect(
      raw(5 * n, (b, o) => {
        for (let i = 0; i < n; i++) o = putCommaCents(b, o, 0);
        return o;
      }),
    ).toBe(',0.00'.repeat(n));
  });

  it('putZeroCells returns the offset after its cells and leaves the bytes after them alone', () => {
    const out = new ByteOut(64);
    out.buf.fill(120); // 'x'
    const end = putZeroCells(out.view, 3, 2); // 3 + 2 × 5 = 13
    expect(end).toBe(13);
    expect(out.buf.toString('latin1', 0, 15)).toBe('xxx,0.00,0.00xx');
  });

  it('putCommaCents = centsToPlain for any amount in the exact range', () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: 0, max: 999_999_999_999_999 }), fc.integer({ min: 0, max: 100_000 })), (c) => {
        return raw(20, (b, o) => putCommaCents(b, o, c)) === `,${centsToPlain(c, 2)}`;
      }),
      { numRuns: 20_000, seed: 7 },
    );
  });

  it.each([
    [0, '000000'],
    [7, '000007'],
    [99, '000099'],
    [10_000, '010000'],
    [475_000, '475000'],
    [999_999, '999999'],
  ])('putSix(%i) = %s', (n, want) => {
    expect(raw(6, (b, o) => putSix(b, o, n))).toBe(want);
  });

  it('copyBytes copies any range (four at a time, then the rest)', () => {
    const src = Buffer.from('id,hts,origin,value,freight');
    const view = new DataView(src.buffer, src.byteOffset, src.length);
    for (let a = 0; a <= src.length; a++) {
      for (let b = a; b <= src.length; b++) expect(raw(b - a, (_, o, dst) => copyBytes(dst, o, view, a, b))).toBe(src.toString('latin1', a, b));
    }
  });

  it('putBytes, putAscii and text', () => {
    const long = Buffer.from(`${'x'.repeat(40)}y`);
    expect(raw(2, (b, o) => putBytes(b, o, Uint8Array.of(44, 10)))).toBe(',\n');
    expect(raw(41, (b, o) => putBytes(b, o, long))).toBe(long.toString('latin1'));
    expect(raw(10, (b, o) => putAscii(b, o, '2025-05-14'))).toBe('2025-05-14');
    expect(text((o) => o.text('café'))).toBe(Buffer.from('café').toString('latin1'));

    // grows past its first buffer (1,024 bytes), keeping what was written
    const grown = text((o) => {
      for (let i = 0; i < 5000; i++) o.text(String(i % 10));
      o.reserve(3000);
      o.done(putAscii(o.buf, o.at(), 'end'));
    });
    expect(grown.length).toBe(5003);
    expect(grown.slice(0, 12)).toBe('012345678901');
    expect(grown.endsWith('9end')).toBe(true);
  });
});
