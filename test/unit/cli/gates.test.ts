/**
 * The gates' one reader and one wording (src/cli/gates.ts), shared by calc and compare: a bad
 * percentage is refused in the same words whichever flag or command; a rate judged above its limit
 * is printed with enough decimals to read above it (ratioAboveText). Expected texts worked by hand.
 */
import { describe, expect, it } from 'vitest';
import { gateFailures, parseGates, percentGate, ratioAboveText } from '../../../src/cli/gates.js';
import type { Dec } from '../../../src/core/decimal.js';
import { UsageError } from '../../../src/errors.js';

const pct = (n: number, s: number): Dec => ({ n, s });

describe('percentGate / parseGates: one reader, one wording', () => {
  it.each([
    ['--max-effective-rate', 'calc'],
    ['--max-effective-rate', 'compare'],
    ['--fail-above', 'compare'],
  ])('%s of %s: "ten" is refused as a percentage, pointing to the command\'s help', (flag, command) => {
    let e: unknown;
    try {
      percentGate('ten', flag, command);
    } catch (x) {
      e = x;
    }
    expect(e).toBeInstanceOf(UsageError);
    expect((e as UsageError).message).toBe(`${flag} "ten": expected a percentage such as 50 or 50%`);
    expect((e as UsageError).details).toEqual([`see tariff ${command} --help`]);
  });

  it('reads "20", "20%" and " 7.5 " as fractions; nothing when the flag is absent', () => {
    expect(percentGate('20', '--fail-above', 'compare')).toEqual(pct(2, 1));
    expect(percentGate('20%', '--fail-above', 'compare')).toEqual(pct(2, 1));
    expect(percentGate(' 7.5 ', '--fail-above', 'compare')).toEqual(pct(75, 3));
    expect(percentGate(undefined, '--fail-above', 'compare')).toBeUndefined();
    expect(parseGates({ maxEffectiveRate: '30' }, 'compare')).toEqual({ maxRate: pct(3, 1), maxRateText: '30' });
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
