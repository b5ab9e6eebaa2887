/**
 * The batch CSV's effective rate has two writers: `CsvRows.row` prints `fraction6(b.effectiveRate)`
 * (the breakdown's `ratioDec(duty, customsValue, 6)`), the fast path's `rate6` writes the digits of
 * the same rounded integer (core/decimal.ts ratioUnits) into the output buffer. They must give the
 * same bytes for every duty and customs value; the figures below are worked by hand, then the two
 * writers are compared on the edges and on a seeded property.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_EXACT_MINOR, ratioDec } from '../../../src/core/decimal.js';
import { rate6 } from '../../../src/render/batch-output.js';
import { fraction6 } from '../../../src/render/rate-text.js';

function written(duty: number, value: number): string {
  const buf = Buffer.alloc(64);
  const end = rate6(buf, 0, duty, value);
  return buf.toString('latin1', 0, end);
}

describe('rate6: duty ÷ customs value, half-up to six decimals', () => {
  it.each([
    [3000, 10000, '0.300000', '0.3'],
    [1, 3, '0.333333', '0.3333333… → 0.333333'],
    [2, 3, '0.666667', '0.6666666… → half-up 0.666667'],
    [1, 2_000_000, '0.000001', '0.0000005, a tie → half-up 0.000001'],
    [1, 2_000_001, '0.000000', '0.00000049999… → 0'],
    [500, 0, '0.000000', 'no customs value: 0, as ratioDec gives'],
    [0, 10000, '0.000000', 'no duty'],
    [14500, 10000, '1.450000', '145%'],
    // 10^15 cents of duty on 1 cent: 10^21 units of 10^-6, beyond exact integers → the general writer
    [MAX_EXACT_MINOR, 1, fraction6(ratioDec(MAX_EXACT_MINOR, 1, 6)), 'the general writer beyond 2^53'],
    // 999,999,999,999,999 · 10^6 is beyond 2^53 but the quotient on 10^15 is not: BigInt division, then digits
    [MAX_EXACT_MINOR, 1_000_000_000_000_000 - 1, '1.000000', '(10^15 − 1) / (10^15 − 1) = 1'],
  ])('%i on %i: %s (%s)', (duty, value, text) => {
    expect(written(duty, value)).toBe(text);
    expect(written(duty, value)).toBe(fraction6(ratioDec(duty, value, 6)));
  });

  it('writes what fraction6(ratioDec(…)) writes for any duty and customs value in exact range (seeded)', () => {
    const amount = fc.oneof(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 0, max: MAX_EXACT_MINOR }));
    fc.assert(
      fc.property(amount, amount, (duty, value) => written(duty, value) === fraction6(ratioDec(duty, value, 6))),
      { seed: 21, numRuns: 5000 },
    );
  });
});
