/**
 * A rate of two specific parts, each per its own unit (`multi-specific`): 2204.30.00 other grape
 * must, general "4.4¢/liter + 31.4¢/pf. liter", JO "1.9¢/liter + 13.9¢/pf. liter" (HTSUS 2026
 * Revision 10, heading 2204). Its amount (the two products summed exactly, rounded once, then the
 * floor or cap), its words, formula and JSON, the parts a schedule file writes, the text the rate
 * reader takes, and the schema. Every expected figure is worked by hand in the comment beside it.
 */
import { describe, expect, it } from 'vitest';
import type { Dec } from '../../../src/core/decimal.js';
import {
  amountOf,
  formulaText,
  rateJson,
  rateKernel,
  rateOf,
  rateText,
  unitNeeded,
  unitsNeeded,
  type AmountInput,
  type Rate,
} from '../../../src/core/rate-kinds.js';
import { parseGeneralRate, rateFromText } from '../../../src/core/rate-text.js';
import { rate as rateSchema } from '../../../src/schedule/schema.js';

const d = (n: number, s: number): Dec => ({ n, s });
const TWO = (a: Dec, b: Dec, bounds: { min?: number; max?: number } = {}): Rate => ({
  kind: 'multi-specific',
  specifics: [
    { amount: a, per: 'liter' },
    { amount: b, per: 'pf.liter' },
  ],
  ...bounds,
});
/** the general rate of 2204.30.00: $0.044/liter + $0.314/pf.liter */
const GENERAL = TWO(d(44, 3), d(314, 3));
/** its JO special rate: $0.019/liter + $0.139/pf.liter */
const JO = TWO(d(19, 3), d(139, 3));
const input = (qty: Dec, qty2: Dec, base = 500_000): AmountInput => ({ base, qty, qty2, mfnDuty: 0, mfnOn: base });

describe('the amount: the two products summed exactly, rounded once', () => {
  it.each<[string, Rate, AmountInput, number, string]>([
    // 4.4¢ × 1,000 liters + 31.4¢ × 120 pf. liters = $44.00 + $37.68 = $81.68
    ['general, 1,000 liters and 120 proof liters', GENERAL, input(d(1000, 0), d(120, 0)), 8_168, 'half-up'],
    // 1.9¢ × 1,000 + 13.9¢ × 120 = $19.00 + $16.68 = $35.68
    ['JO, 1,000 liters and 120 proof liters', JO, input(d(1000, 0), d(120, 0)), 3_568, 'half-up'],
    // the base does not count: 4.4¢ × 1,000 + 31.4¢ × 120 on a $1.00 value is still $81.68
    ['the value does not count', GENERAL, input(d(1000, 0), d(120, 0), 100), 8_168, 'half-up'],
    // 4.4¢ × 0.1 = 0.44¢ and 31.4¢ × 0.01 = 0.314¢: summed 0.754¢ → 1¢ half-up
    // (each rounded alone: 0 + 0 = 0¢; the one rounding of the sum is what makes 1¢)
    ['one rounding of the sum', GENERAL, input(d(1, 1), d(1, 2)), 1, 'half-up'],
    // the same 0.754¢ rounded down → 0¢
    ['one rounding, down', GENERAL, input(d(1, 1), d(1, 2)), 0, 'down'],
    // 1.9¢ × 0.25 = 0.475¢ and 13.9¢ × 0 = 0: 0.475¢ → 0¢ half-up (below the half)
    ['below half a cent', JO, input(d(25, 2), d(0, 0)), 0, 'half-up'],
    // 1.9¢ × 0.5 = 0.95¢, 13.9¢ × 0.05 = 0.695¢: 1.645¢ → 2¢ half-up
    ['decimal quantities', JO, input(d(5, 1), d(5, 2)), 2, 'half-up'],
    // 4.4¢ × 123,456.789 liters = 543,209.8716¢; 31.4¢ × 9,876.54321 = 310,123.456794¢;
    // sum 853,333.328394¢ → 853,333¢ = $8,533.33
    ['large quantities with decimals', GENERAL, input(d(123_456_789, 3), d(987_654_321, 5)), 853_333, 'half-up'],
    // nothing in either unit: $0.00
    ['zero quantities', GENERAL, input(d(0, 0), d(0, 0)), 0, 'half-up'],
  ])('%s', (_, rate, x, cents, rounding) => {
    expect(amountOf(rateKernel(rate, rounding as 'half-up', 2), x)).toBe(cents);
  });

  it.each<[string, Rate, number]>([
    // $81.68 under a $100.00 floor → $100.00
    ['raised to the minimum', TWO(d(44, 3), d(314, 3), { min: 10_000 }), 10_000],
    // $81.68 over a $50.00 cap → $50.00
    ['capped at the maximum', TWO(d(44, 3), d(314, 3), { max: 5_000 }), 5_000],
    // $81.68 between $1.00 and $100.00 → $81.68
    ['between the two', TWO(d(44, 3), d(314, 3), { min: 100, max: 10_000 }), 8_168],
  ])('bounds: %s', (_, rate, cents) => {
    expect(amountOf(rateKernel(rate, 'half-up', 2), input(d(1000, 0), d(120, 0)))).toBe(cents);
  });

  it('a currency of no minor digits: 4.4 × 1,000 + 31.4 × 120 = 4,400 + 3,768 = 8,168 units (4.4/liter + 31.4/pf.liter)', () => {
    expect(amountOf(rateKernel(TWO(d(44, 1), d(314, 1)), 'half-up', 0), input(d(1000, 0), d(120, 0)))).toBe(8_168);
  });
});

describe('the words, formula and JSON', () => {
  it('words like the tool prints a specific rate, the parts in the order of the tariff', () => {
    expect(rateText(GENERAL, 'USD')).toBe('$0.044/liter + $0.314/pf.liter');
    expect(rateText(JO, 'USD')).toBe('$0.019/liter + $0.139/pf.liter');
    expect(rateText(TWO(d(44, 3), d(314, 3), { min: 10_000 }), 'USD')).toBe('$0.044/liter + $0.314/pf.liter, min $100.00');
  });

  it('the formula names each quantity charged', () => {
    const k = rateKernel(GENERAL, 'half-up', 2);
    expect(formulaText(k, input(d(1000, 0), d(120, 0)), 'USD')).toBe('$0.044/liter × 1,000 liter + $0.314/pf.liter × 120 pf.liter');
    // $81.68 raised to $100.00
    const floored = rateKernel(TWO(d(44, 3), d(314, 3), { min: 10_000 }), 'half-up', 2);
    expect(formulaText(floored, input(d(1000, 0), d(120, 0)), 'USD')).toBe(
      '$0.044/liter × 1,000 liter + $0.314/pf.liter × 120 pf.liter = $81.68, raised to the minimum $100.00',
    );
  });

  it('JSON: "specifics", two {amount, per} in order, amounts as exact decimal text', () => {
    expect(rateJson(GENERAL, 2)).toEqual({
      specifics: [
        { amount: '0.044', per: 'liter' },
        { amount: '0.314', per: 'pf.liter' },
      ],
    });
    expect(rateJson(TWO(d(19, 3), d(139, 3), { max: 5_000 }), 2)).toEqual({
      specifics: [
        { amount: '0.019', per: 'liter' },
        { amount: '0.139', per: 'pf.liter' },
      ],
      max: 50,
    });
  });

  it('the units it needs: both, in the order of its parts', () => {
    expect(unitsNeeded(GENERAL)).toEqual(['liter', 'pf.liter']);
    expect(unitNeeded(GENERAL)).toBe('liter');
    expect(unitsNeeded({ kind: 'specific', specific: { amount: d(1, 0), per: 'kg' } })).toEqual(['kg']);
    expect(unitsNeeded({ kind: 'ad-valorem', adValorem: d(5, 2) })).toBeNull();
  });
});

describe('the parts a schedule file writes', () => {
  const L = { amount: d(44, 3), per: 'liter' };
  const P = { amount: d(314, 3), per: 'pf.liter' };
  it.each<[string, Parameters<typeof rateOf>[0], Rate['kind'] | null]>([
    ['two parts in two units', { specifics: [L, P] }, 'multi-specific'],
    ['two parts in one unit: none', { specifics: [L, L] }, null],
    ['one part alone: none (that is "specific")', { specifics: [L] }, null],
    ['three parts: none', { specifics: [L, P, { amount: d(1, 0), per: 'kg' }] }, null],
    ['beside an ad valorem part: none', { specifics: [L, P], adValorem: d(5, 2) }, null],
    ['beside a specific part: none', { specifics: [L, P], specific: L }, null],
    ['a part per shipment: none', { specifics: [L, { amount: d(1, 0), per: 'shipment' }] }, null],
  ])('%s', (_, parts, kind) => {
    expect(rateOf(parts)?.kind ?? null).toBe(kind);
  });

  it('the rate text of the tariff → the schedule words → the kind, exactly', () => {
    // 4.4¢ = $0.044, 31.4¢ = $0.314
    const r = parseGeneralRate('4.4¢/liter + 31.4¢/pf. liter');
    expect(r).toEqual({
      ok: true,
      rate: {
        specifics: [
          { amount: '0.044', per: 'liter' },
          { amount: '0.314', per: 'pf.liter' },
        ],
      },
    });
    if (!r.ok || !r.rate) throw new Error('not parsed');
    expect(rateSchema.safeParse(r.rate).success).toBe(true);
    expect(rateFromText(r.rate)).toEqual(GENERAL);
  });

  it.each<[string, object]>([
    [
      'with an ad valorem part',
      {
        adValorem: '5%',
        specifics: [
          { amount: '0.044', per: 'liter' },
          { amount: '0.314', per: 'pf.liter' },
        ],
      },
    ],
    [
      'with a specific part',
      {
        specific: { amount: '1', per: 'kg' },
        specifics: [
          { amount: '0.044', per: 'liter' },
          { amount: '0.314', per: 'pf.liter' },
        ],
      },
    ],
    [
      'one unit twice',
      {
        specifics: [
          { amount: '0.044', per: 'liter' },
          { amount: '0.314', per: 'liter' },
        ],
      },
    ],
    [
      'a part per shipment',
      {
        specifics: [
          { amount: '0.044', per: 'liter' },
          { amount: '2', per: 'shipment' },
        ],
      },
    ],
    ['one part', { specifics: [{ amount: '0.044', per: 'liter' }] }],
    [
      'three parts',
      {
        specifics: [
          { amount: '0.044', per: 'liter' },
          { amount: '0.314', per: 'pf.liter' },
          { amount: '1', per: 'kg' },
        ],
      },
    ],
  ])('the schema refuses "specifics" %s', (_, rate) => {
    expect(rateSchema.safeParse(rate).success).toBe(false);
  });
});
