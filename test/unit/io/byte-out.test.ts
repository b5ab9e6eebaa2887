/**
 * ByteOut writes digits without number-to-string conversion (src/io/byte-out.ts): every integer
 * and every cents figure must read exactly as String() and centsToPlain() write them.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { centsToPlain } from '../../../src/core/decimal.js';
import { ByteOut } from '../../../src/io/byte-out.js';

const text = (write: (o: ByteOut) => void): string => {
  const o = new ByteOut(16);
  write(o);
  return Buffer.from(o.bytes()).toString('latin1');
};

describe('ByteOut', () => {
  // the edges of each branch: one digit, the pair table, 32-bit division, beyond it
  it.each([0, 9, 10, 99, 100, 101, 999, 1000, 65_535, 2_147_483_647, 2_147_483_648, 9_999_999_999, 999_999_999_999_999, Number.MAX_SAFE_INTEGER])(
    'int(%i) = String()',
    (n) => {
      expect(text((o) => o.int(n))).toBe(String(n));
    },
  );

  it('int = String() for any safe non-negative integer', () => {
    fc.assert(
      fc.property(fc.oneof(fc.nat(), fc.maxSafeNat()), (n) => text((o) => o.int(n)) === String(n)),
      { numRuns: 20_000, seed: 42 },
    );
  });

  it.each([
    [0, '0.00'],
    [5, '0.05'],
    [10, '0.10'],
    [100, '1.00'],
    [1_304_714, '13047.14'], // $13,047.14
    [999_999_999_999_999, '9999999999999.99'], // the largest exact amount
  ])('cents(%i) = %s', (c, want) => {
    expect(text((o) => o.cents(c))).toBe(want);
    expect(
      text((o) => {
        o.reserve(20);
        o.putCommaCents(c);
      }),
    ).toBe(`,${want}`);
  });

  it('cents and putCommaCents = centsToPlain for any amount in the exact range', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999_999_999_999_999 }), (c) => {
        const plain = centsToPlain(c, 2);
        const a = text((o) => o.cents(c));
        const b = text((o) => {
          o.reserve(20);
          o.putCommaCents(c);
        });
        return a === plain && b === `,${plain}`;
      }),
      { numRuns: 20_000, seed: 7 },
    );
  });

  it('padded, text and copy', () => {
    expect(text((o) => o.padded(7, 6))).toBe('000007');
    expect(text((o) => o.text('café'))).toBe(Buffer.from('café').toString('latin1'));
    expect(text((o) => o.copy(Buffer.from('a,b,c'), 2, 5))).toBe('b,c');
    // grows past its first buffer
    expect(
      text((o) => {
        for (let i = 0; i < 5000; i++) o.int(i % 10);
      }).length,
    ).toBe(5000);
  });
});
