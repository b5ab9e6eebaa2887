/**
 * Each kind of rate: its amount (one rounding step, then the floor or cap), its formula, its words
 * and its JSON. Every expected figure is worked by hand in the comment beside it.
 */
import { describe, expect, it } from 'vitest';
import type { Dec } from '../../../src/core/decimal.js';
import { amountOf, formulaText, rateJson, rateKernel, rateOf, rateText, unitNeeded, type AmountInput, type Rate } from '../../../src/core/rate-kinds.js';

const d = (n: number, s: number): Dec => ({ n, s });
const AV = (pct: Dec, bounds: { min?: number; max?: number } = {}): Rate => ({ kind: 'ad-valorem', adValorem: pct, ...bounds });
const MPF = AV(d(3464, 6), { min: 3271, max: 63462 }); // 0.3464%, min $32.71, max $634.62 (FY2026)
const KG = (amount: Dec): Rate => ({ kind: 'specific', specific: { amount, per: 'kg' } });
const input = (base: number, more: Partial<AmountInput> = {}): AmountInput => ({ base, qty: undefined, mfnDuty: 0, mfnOn: base, ...more });

describe('the amount of each kind, in cents, rounded half-up once', () => {
  it.each<[string, Rate, AmountInput, number]>([
    // 7.5% × $10,000.00 = $750.00
    ['ad valorem', AV(d(75, 3)), input(1_000_000), 75_000],
    // 0.3464% × $1,234.57 = 123,457 × 0.003464 = 427.655048 cents → 428 (half-up)
    ['ad valorem, a fraction of a cent', AV(d(3464, 6)), input(123_457), 428],
    // 0.3464% × $5,000.00 = 1,732 cents, under the minimum 3,271
    ['raised to the minimum', MPF, input(500_000), 3_271],
    // 0.3464% × $1,000,000.00 = 346,400 cents, over the maximum 63,462
    ['capped at the maximum', MPF, input(100_000_000), 63_462],
    // 0.3464% × $10,000.00 = 3,464 cents, between the two
    ['between the floor and the cap', MPF, input(1_000_000), 3_464],
    // $0.68/kg × 12.5 kg = $8.50
    ['specific', KG(d(68, 2)), input(1_000_000, { qty: d(125, 1) }), 850],
    // $2.77 per shipment whatever the quantity (the informal-entry MPF)
    ['specific per shipment', { kind: 'specific', specific: { amount: d(277, 2), per: 'shipment' } }, input(999, { qty: d(40, 0) }), 277],
    // 6.8% × $1,000.00 + $0.50/kg × 10 kg = 6,800 + 500 cents
    ['compound', { kind: 'compound', adValorem: d(68, 3), specific: { amount: d(5, 1), per: 'kg' } }, input(100_000, { qty: d(10, 0) }), 7_300],
    // 2.5% × 18¢ = 0.45¢ and $0.003/kg × 1 kg = 0.3¢: summed 0.75¢ → 1¢ (two roundings would give 0 + 0)
    ['compound, one rounding of the sum', { kind: 'compound', adValorem: d(25, 3), specific: { amount: d(3, 3), per: 'kg' } }, input(18, { qty: d(1, 0) }), 1],
    // 15% × $10,000.00 − MFN $300.00 = $1,200.00
    ['top-up to a floor', { kind: 'top-up', topUpTo: d(15, 2) }, input(1_000_000, { mfnDuty: 30_000 }), 120_000],
    // 15% × $10,000.00 = $1,500.00 < MFN $1,600.00: nothing
    ['top-up, MFN above the floor', { kind: 'top-up', topUpTo: d(15, 2) }, input(1_000_000, { mfnDuty: 160_000 }), 0],
    // on $6,000 of a $10,000 value with MFN $500 on the whole: MFN counted 500 × 6,000 ÷ 10,000 = $300; 15% × 6,000 = 900 − 300 = $600
    ['top-up on part of the value', { kind: 'top-up', topUpTo: d(15, 2) }, input(600_000, { mfnDuty: 50_000, mfnOn: 1_000_000 }), 60_000],
  ])('%s', (_, rate, x, cents) => {
    expect(amountOf(rateKernel(rate, 'half-up', 2), x)).toBe(cents);
  });

  it.each<[string, number]>([
    // 0.5 cent exactly: half-up 1, half-even 0, down 0, up 1 (10% × 5¢)
    ['half-up', 1],
    ['half-even', 0],
    ['down', 0],
    ['up', 1],
  ])('the importer rounding %s on 10% × 5¢ = 0.5¢ → %i', (rounding, cents) => {
    expect(amountOf(rateKernel(AV(d(1, 1)), rounding as 'half-up', 2), input(5))).toBe(cents);
  });
});

describe('the formula and the words of each kind', () => {
  it.each<[Rate, AmountInput, string, string]>([
    [AV(d(75, 3)), input(1_000_000), '7.5% × $10,000.00', '7.5%'],
    [MPF, input(500_000), '0.3464% × $5,000.00 = $17.32, raised to the minimum $32.71', '0.3464%, min $32.71, max $634.62'],
    [MPF, input(100_000_000), '0.3464% × $1,000,000.00 = $3,464.00, capped at the maximum $634.62', '0.3464%, min $32.71, max $634.62'],
    [KG(d(68, 2)), input(0, { qty: d(125, 1) }), '$0.68/kg × 12.5 kg', '$0.68/kg'],
    [
      { kind: 'compound', adValorem: d(68, 3), specific: { amount: d(5, 1), per: 'kg' } },
      input(100_000, { qty: d(10, 0) }),
      '6.8% × $1,000.00 + $0.5/kg × 10 kg',
      '6.8% + $0.5/kg',
    ],
    [{ kind: 'top-up', topUpTo: d(15, 2) }, input(1_000_000, { mfnDuty: 30_000 }), '15% × $10,000.00 − MFN $300.00', '15% less MFN'],
    [
      { kind: 'top-up', topUpTo: d(15, 2) },
      input(1_000_000, { mfnDuty: 160_000 }),
      '15% × $10,000.00 − MFN $1,600.00 (MFN is above the floor)',
      '15% less MFN',
    ],
    [
      { kind: 'top-up', topUpTo: d(15, 2) },
      input(600_000, { mfnDuty: 50_000, mfnOn: 1_000_000 }),
      '15% × $6,000.00 − MFN on this value ($500.00 × $6,000.00 ÷ $10,000.00) $300.00',
      '15% less MFN',
    ],
  ])('%j', (rate, x, formula, words) => {
    expect(formulaText(rateKernel(rate, 'half-up', 2), x, 'USD')).toBe(formula);
    expect(rateText(rate, 'USD')).toBe(words);
  });
});

describe('the JSON of each kind', () => {
  it.each<[Rate, object]>([
    [MPF, { adValorem: '0.3464%', min: 32.71, max: 634.62 }],
    [KG(d(68, 2)), { specific: { amount: '0.68', per: 'kg' } }],
    [
      { kind: 'compound', adValorem: d(68, 3), specific: { amount: d(5, 1), per: 'kg' } },
      { adValorem: '6.8%', specific: { amount: '0.5', per: 'kg' } },
    ],
    // the EU floor printed "rateSpec": {} before the kinds had one switch
    [{ kind: 'top-up', topUpTo: d(15, 2) }, { topUpTo: '15%' }],
  ])('%j', (rate, json) => {
    expect(rateJson(rate, 2)).toEqual(json);
  });
});

describe('a schedule rate as its kind', () => {
  it.each<[string, Parameters<typeof rateOf>[0], Rate['kind'] | null]>([
    ['ad valorem', { adValorem: d(5, 2) }, 'ad-valorem'],
    ['specific', { specific: { amount: d(1, 0), per: 'kg' } }, 'specific'],
    ['both: compound', { adValorem: d(5, 2), specific: { amount: d(1, 0), per: 'kg' } }, 'compound'],
    ['a floor alone', { topUpTo: d(15, 2) }, 'top-up'],
    ['a floor beside an ad valorem part: none', { topUpTo: d(15, 2), adValorem: d(5, 2) }, null],
    ['bounds alone: none', { min: 100 }, null],
  ])('%s', (_, parts, kind) => {
    expect(rateOf(parts)?.kind ?? null).toBe(kind);
  });

  it('only a specific part per unit of quantity asks the shipment for a quantity', () => {
    expect([AV(d(5, 2)), KG(d(1, 0)), { kind: 'specific', specific: { amount: d(1, 0), per: 'shipment' } } as Rate].map(unitNeeded)).toEqual([
      null,
      'kg',
      null,
    ]);
  });
});
