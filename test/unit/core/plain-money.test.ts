/**
 * The one reader of plainly written money (src/core/decimal.ts `plainMoney`), which the batch
 * fast path (in place, on a range of the record) and `fastMoney` (a whole cell) share. Expected
 * cents worked by hand: "12.5" with 2 minor digits is 12 × 100 + 50 = 1250.
 */
import { describe, expect, it } from 'vitest';
import { plainMoney } from '../../../src/core/decimal.js';
import { fastMoney, MAX_CENTS } from '../../../src/io/shipment-input.js';

describe('plainMoney', () => {
  it.each([
    ['0', 2, 0],
    ['12.5', 2, 1250], // 12 × 100 + 5 × 10
    ['12.50', 2, 1250],
    ['007.01', 2, 701],
    ['1234', 0, 1234], // no minor digits: the amount itself
    ['1.234', 3, 1234], // 1 × 1000 + 234
  ] as const)('%j with %i minor digits → %i', (text, digits, want) => {
    expect(plainMoney(text, 0, text.length, digits, MAX_CENTS)).toBe(want);
  });

  it.each([[''], ['12.'], ['.5'], ['1.234'], ['-1'], [' 1'], ['1 '], ['1,000'], ['1e3'], ['12345678901234567']])('%j is not plain money (-1)', (text) => {
    expect(plainMoney(text, 0, text.length, 2, MAX_CENTS)).toBe(-1);
  });

  it('reads a range of a record in place', () => {
    const rec = 'x,15007.08,438.65';
    // "15007.08" is rec[2, 10): 15007 × 100 + 8 = 1,500,708
    expect(plainMoney(rec, 2, 10, 2, MAX_CENTS)).toBe(1_500_708);
    expect(plainMoney(rec, 11, 17, 2, MAX_CENTS)).toBe(43_865);
  });

  it('refuses an amount over the limit', () => {
    expect(plainMoney('10.01', 0, 5, 2, 1000)).toBe(-1); // 1001 > 1000
    expect(plainMoney('10.00', 0, 5, 2, 1000)).toBe(1000);
  });

  it('fastMoney is the same reader on a whole cell', () => {
    expect(fastMoney('12.5', 2)).toBe(1250);
    expect(fastMoney('12.', 2)).toBeUndefined();
  });
});
