/**
 * core/decimal.ts `centsGrouped`: minor units as the words write money ("10,000.00"), grouped in
 * threes without a regular expression (refund's reason cells write one or two a row). By hand, and
 * against the regular expression it replaced for any amount up to the exact-integer limit.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { centsGrouped, centsToPlain } from '../../../src/core/decimal.js';
import { moneyText } from '../../../src/core/words.js';

describe('centsGrouped', () => {
  it.each([
    [0, 2, '0.00'],
    [7, 2, '0.07'],
    [99_999, 2, '999.99'],
    [100_000, 2, '1,000.00'],
    [80_000, 2, '800.00'],
    [1_234_567_89, 2, '1,234,567.89'],
    [12_345_678_901, 2, '123,456,789.01'],
    [-250_001, 2, '-2,500.01'],
    [1_000, 0, '1,000'],
    [999, 0, '999'],
    [1_234_567, 3, '1,234.567'],
    [-5, 0, '-5'],
  ])('%i minor units, %i decimals: %s', (cents, digits, text) => {
    expect(centsGrouped(cents, digits)).toBe(text);
  });

  it('is the regular expression it replaced, for any amount', () => {
    const old = (cents: number, minorDigits: number): string => {
      const plain = centsToPlain(Math.abs(cents), minorDigits);
      const [int = '0', frac] = plain.split('.');
      const g = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
      const out = frac === undefined ? g : `${g}.${frac}`;
      return cents < 0 ? `-${out}` : out;
    };
    fc.assert(
      fc.property(fc.maxSafeInteger(), fc.constantFrom(0, 2, 3), (n, d) => {
        expect(centsGrouped(n, d)).toBe(old(n, d));
      }),
      { numRuns: 2000 },
    );
  });

  it('in words: $2,500.00, ¥7,000.00', () => {
    expect(moneyText(250_000, 'USD')).toBe('$2,500.00');
    expect(moneyText(700_000, 'CNY')).toBe('¥7,000.00');
  });
});
