/**
 * The gates of `calc` (src/core/gates.ts): exact comparisons on integers, so a duty one minor unit
 * over the limit fails and one exactly on it passes. Rates are fractions: {n: 20, s: 2} is 0.20 = 20%.
 */
import { describe, expect, it } from 'vitest';
import { dutyExceeds, dutyRateExceeds } from '../../../src/core/gates.js';

describe('dutyRateExceeds: duty ÷ customs value > limit', () => {
  it.each([
    // [duty, customs value (cents), limit, exceeds, arithmetic]
    [2000, 10000, { n: 20, s: 2 }, false, '2000·100 = 200000 = 20·10000: equal is not above'],
    [2001, 10000, { n: 20, s: 2 }, true, '2001·100 = 200100 > 200000'],
    [1999, 10000, { n: 20, s: 2 }, false, '199900 < 200000'],
    [1, 1_000_000, { n: 1, s: 6 }, false, '1·10^6 = 1·10^6'],
    // 1 / 999999 = 0.000001000001…: above 0.000001, though it reads 0.000001 at six places
    [1, 999_999, { n: 1, s: 6 }, true, '1·10^6 = 1000000 > 999999'],
    [0, 0, { n: 0, s: 0 }, false, 'no duty on no value'],
    [1, 0, { n: 5, s: 0 }, true, 'a duty on a customs value of 0 is above any rate, even 500%'],
    // USD 10 billion at exactly 145%: 1.45 · 10^12 cents of duty on 10^12 cents
    [1_450_000_000_000, 1_000_000_000_000, { n: 145, s: 2 }, false, '1.45e12·100 = 145·1e12'],
    [1_450_000_000_001, 1_000_000_000_000, { n: 145, s: 2 }, true, 'one cent more'],
  ])('%i on %i against %j: %s (%s)', (duty, cv, limit, exceeds) => {
    expect(dutyRateExceeds(duty, cv, limit)).toBe(exceeds);
  });
});

describe('dutyExceeds: duty > an amount in major units', () => {
  it.each([
    // [duty (minor units), minor digits, limit, exceeds, arithmetic]
    [1_000_000, 2, { n: 10000, s: 0 }, false, '$10,000.00 is not above 10000'],
    [1_000_001, 2, { n: 10000, s: 0 }, true, '$10,000.01 > 10000'],
    [500_050, 2, { n: 500050, s: 2 }, false, '$5,000.50 = 5000.50'],
    [500_051, 2, { n: 500050, s: 2 }, true, '$5,000.51 > 5000.50'],
    [10_000, 0, { n: 99995, s: 1 }, true, '¥10000 (no minor unit): 10000·10 = 100000 > 99995'],
    [1_000, 3, { n: 1, s: 0 }, false, '1.000 of a 3-digit currency = 1'],
    [1_001, 3, { n: 1, s: 0 }, true, '1.001 > 1'],
  ])('%i (%i digits) against %j: %s (%s)', (duty, digits, limit, exceeds) => {
    expect(dutyExceeds(duty, digits, limit)).toBe(exceeds);
  });
});
