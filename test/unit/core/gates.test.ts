/**
 * The gates (src/core/gates.ts): exact comparisons on integers, so a duty one minor unit over the
 * limit fails and one exactly on it passes; a rate judged above its limit is printed with enough
 * decimals to read above it (ratioAboveText). Rates are fractions: {n: 20, s: 2} is 0.20 = 20%.
 */
import { describe, expect, it } from 'vitest';
import type { Dec } from '../../../src/core/decimal.js';
import { dutyExceeds, dutyRateExceeds, gateFailures, ratioAboveText } from '../../../src/core/gates.js';

const pct = (n: number, s: number): Dec => ({ n, s });

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

describe('ratioAboveText: a ratio above its limit reads above it', () => {
  it.each([
    // [a, b, limit, text, arithmetic]
    [3000, 10000, pct(29, 2), '30%', '0.3 at 6 decimals already reads above 0.29'],
    [240000, 1303464, pct(184124, 6), '18.4125%', '0.18412478… → 0.184125 (6 decimals, half-up) > 0.184124'],
    // the case: 20.00004% against 20%, which 6 decimals print "20%"
    [2_000_004, 10_000_000, pct(2, 1), '20.00004%', '0.2000004: 0.200000 at 6 decimals; 0.2000004 at 7 > 0.2'],
    // 300032 / 1000105 = 0.30000049997…: 0.300000 at 6, 0.3000005 at 7 (half-up) > 0.3
    [300_032, 1_000_105, pct(3, 1), '30.00005%', 'the batch totals of test/cli/compare.test.ts'],
    // 1 / 999999 = 0.000001000001…: 0.000001 at 6 … 11 decimals, 0.000001000001 at 12 > 0.000001
    [1, 999_999, pct(1, 6), '0.0001000001%', '12 decimals of the fraction'],
    // 200000000000001 / 10^15 = 0.200000000000001: 15 decimals are exact and above 0.2
    [200_000_000_000_001, 1_000_000_000_000_000, pct(2, 1), '20.0000000000001%', '15 decimals'],
    // (10^15 + 1) / (5 · 10^15) = 0.2000000000000002: at 15 decimals still 0.2 → the exact fraction
    // (gcd 1: 10^15 + 1 = 5 · 2·10^14 + 1 leaves 1 by 5, and 5 · 10^15 has no other prime than 2 and 5; 10^15 + 1 is odd)
    [1_000_000_000_000_001, 5_000_000_000_000_000, pct(2, 1), '1000000000000001/5000000000000000', 'beyond 15 decimals'],
    // a rate far above 100%: 10^15 cents of duty on 1 cent, exact in BigInt (10^17 %)
    [1_000_000_000_000_000, 1, pct(5, 1), '100000000000000000%', '10^15 · 100%'],
  ])('%i / %i against %j: %s (%s)', (a, b, limit, text) => {
    expect(ratioAboveText(a, b, limit)).toBe(text);
  });

  it('a fraction in lowest terms: 3 / 9 against 1/3 rounded up (0.3333334) is 1/3 exactly, never above', () => {
    // not a gate's case (1/3 is not above 0.3333334); the text falls to the exact fraction, reduced
    expect(ratioAboveText(3, 9, pct(3333334, 7))).toBe('1/3');
  });
});

describe('gateFailures: the words of a failed --max-effective-rate', () => {
  it('20.00004% against 20%: the rate printed reads above the limit, with the duty and customs value', () => {
    const out = gateFailures([{ label: 'the shipment', currency: 'USD', minorDigits: 2, duty: 2_000_004, customsValue: 10_000_000 }], {
      maxRate: pct(2, 1),
    });
    expect(out).toEqual(['the shipment: effective rate 20.00004% (duty $20,000.04 on $100,000.00) exceeds --max-effective-rate 20%']);
  });

  it('exactly on the limit is no failure', () => {
    expect(gateFailures([{ label: 'x', currency: 'USD', minorDigits: 2, duty: 2_000_000, customsValue: 10_000_000 }], { maxRate: pct(2, 1) })).toEqual([]);
  });
});
