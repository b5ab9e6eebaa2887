/**
 * Scenario comparison (src/core/compare.ts): the change against the baseline, the effective rate
 * and the gates of `compare`. Ratios are exact fractions rounded half-up to 6 places; written here
 * as decimal strings so that the expected figure is the one a user reads.
 */
import { describe, expect, it } from 'vitest';
import { aboveBaseline, delta, effectiveRate, rateAbove, type Column } from '../../../src/core/compare.js';
import { decToString, type Dec } from '../../../src/core/decimal.js';

const col = (id: string, landedCost: number, duty = 0, customsValue = 0): Column => ({
  id,
  asOf: null,
  whatIf: false,
  currency: 'USD',
  minorDigits: 2,
  customsValue,
  dutyByAuthority: {},
  duty,
  fees: 0,
  taxes: 0,
  landedCost,
});
const text = (d: Dec | null): string | null => (d === null ? null : decToString(d));

describe('delta: landed cost against the baseline', () => {
  it.each([
    // [baseline landed, column landed, delta (cents), delta fraction, arithmetic]
    [10000, 12000, 2000, '0.2', '2000 / 10000'],
    [10000, 8000, -2000, '-0.2', '−2000 / 10000'],
    [10000, 10000, 0, '0', 'no change'],
    [30000, 40000, 10000, '0.333333', '10000 / 30000 = 0.3333333… → 0.333333'],
    [30000, 50000, 20000, '0.666667', '20000 / 30000 = 0.6666666… → half-up 0.666667'],
    // the magnitude is rounded and then signed: a fall of 2/3 reads −0.666667, as a rise does +
    [30000, 10000, -20000, '-0.666667', '−(20000 / 30000)'],
    [2_000_000, 2_000_001, 1, '0.000001', '1 / 2000000 = 0.0000005 → half-up 0.000001'],
    [0, 5000, 5000, null, 'a baseline of 0 has no percentage change'],
  ] as [number, number, number, string | null, string][])('baseline %i, column %i: %i, %s (%s)', (base, landed, d, pct) => {
    const r = delta(col('c', landed), col('base', base));
    expect(r.delta).toBe(d);
    expect(text(r.deltaPct)).toBe(pct);
  });
});

describe('effectiveRate: duty ÷ customs value', () => {
  it.each([
    [3000, 10000, '0.3'],
    [1, 3, '0.333333'], // 0.3333333… → 0.333333
    [2, 3, '0.666667'], // 0.6666666… → 0.666667
    [500, 0, '0'], // no customs value: 0, not a division by zero
  ])('%i on %i: %s', (duty, cv, rate) => {
    expect(decToString(effectiveRate({ duty, customsValue: cv }))).toBe(rate);
  });
});

describe('aboveBaseline: --fail-above on the exact change, not the printed 6-decimal one', () => {
  const base = col('base', 10000);
  const limit = { n: 2, s: 1 }; // --fail-above 20
  it.each([
    [12000, false, '2000 / 10000 = 0.2: on the limit is not above it'],
    [12001, true, '2001 / 10000 = 0.2001 > 0.2'],
    [8000, false, 'a fall is never above a positive limit'],
  ])('landed %i: %s (%s)', (landed, above) => {
    expect(aboveBaseline(col('c', landed), base, limit)).toBe(above);
  });

  it.each([
    // 600001 / 3000000 = 0.20000033…: prints 0.2 (6 decimals) yet is above 0.2 — it fails
    [3_600_001, 3_000_000, true, '600001 · 10 = 6000010 > 2 · 3000000 = 6000000'],
    // exactly at the limit with a baseline that does not divide evenly into the printed figure: 600000 / 3000000 = 0.2
    [3_600_000, 3_000_000, false, '600000 · 10 = 6000000, not > 6000000'],
    // one cent above on ten million dollars: 200000001 / 1000000000 = 0.200000001 > 0.2 (prints 0.2)
    [1_200_000_001, 1_000_000_000, true, '200000001 · 10 = 2000000010 > 2000000000'],
    [1_200_000_000, 1_000_000_000, false, '200000000 · 10 = 2000000000, on the limit'],
  ])('landed %i on a baseline of %i: %s (%s)', (landed, b, above) => {
    expect(aboveBaseline(col('c', landed), col('base', b), limit)).toBe(above);
  });

  it('a limit with more decimals than the printed ratio: --fail-above 20.0000001 (0.200000001)', () => {
    const fine = { n: 200_000_001, s: 9 };
    // 600001 / 3000000 = 0.200000333… > 0.200000001: 600001 · 10^9 = 600001000000000 > 200000001 · 3000000 = 600000003000000
    expect(aboveBaseline(col('c', 3_600_001), col('base', 3_000_000), fine)).toBe(true);
    // 200000001 / 1000000000 = 0.200000001: on the limit, not above
    expect(aboveBaseline(col('c', 1_200_000_001), col('base', 1_000_000_000), fine)).toBe(false);
  });

  it('the baseline never fails against itself, even at a limit below zero', () => {
    expect(aboveBaseline(base, base, { n: -1, s: 0 })).toBe(false);
  });

  it('nothing fails against a baseline of 0 (no percentage)', () => {
    expect(aboveBaseline(col('c', 100), col('base', 0), { n: 0, s: 0 })).toBe(false);
  });
});

describe('rateAbove: --max-effective-rate of compare, exact as calc judges it', () => {
  it.each([
    [2000, 10000, { n: 2, s: 1 }, false, '0.2 is not above 0.2'],
    [2001, 10000, { n: 2, s: 1 }, true, '0.2001 > 0.2'],
    // 1 / 999999 = 0.000001000001… is above 0.000001, though it prints as 0.000001 (calc's gate says so too)
    [1, 999_999, { n: 1, s: 6 }, true, 'not rounded first'],
    // 20.00004%: duty 2,000,004 on 10,000,000 = 0.2000004 > 0.2 (the case: calc failed it, compare passed it)
    [2_000_004, 10_000_000, { n: 2, s: 1 }, true, 'a 0.00004 point above fails'],
    [0, 0, { n: 0, s: 0 }, false, 'no duty on no value is above nothing'],
    [1, 0, { n: 5, s: 1 }, true, 'a duty on no value is above every rate'],
  ])('%i on %i against %j: %s (%s)', (duty, cv, limit, above) => {
    expect(rateAbove({ duty, customsValue: cv }, limit)).toBe(above);
  });
});
