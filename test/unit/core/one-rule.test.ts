/**
 * Rules each decided in one place of core and called by every path that needs them (issue #21):
 * the customs value by the valuation basis (core/valuation.ts), the exemption by value and its
 * words (core/program.ts, also the batch refund's reason cells), the program over a duty-in-lieu
 * threshold (core/program.ts, also `price`'s valuation). Figures in cents, worked by hand.
 */
import { describe, expect, it } from 'vitest';
import type { PlannedMeasure } from '../../../src/core/plan.js';
import { exemptionCovering, exemptReason, programFor, type Program } from '../../../src/core/program.js';
import type { Measure } from '../../../src/core/types.js';
import { customsValueOf } from '../../../src/core/valuation.js';

describe('customsValueOf: the valuation basis', () => {
  it.each([
    // goods 10,000.00, freight 500.00, insurance 25.00
    ['cif', 1_052_500, 'CIF: 1,000,000 + 50,000 + 2,500'],
    ['transaction-value', 1_000_000, 'transaction value: the goods alone'],
  ] as ['cif' | 'transaction-value', number, string][])('%s: %i (%s)', (valuation, cv) => {
    expect(customsValueOf({ valuation }, 1_000_000, 50_000, 2_500)).toBe(cv);
  });
});

describe('exemptionCovering and exemptReason: the exemption by value and its words', () => {
  const measure = (id: string, threshold: number | null): PlannedMeasure =>
    ({ measure: { id, title: `${id} title`, ref: `${id} ref`, threshold } as Measure }) as PlannedMeasure;
  const small = measure('small', 20_000);
  const large = measure('large', 80_000);
  const none = measure('none', null);

  it.each([
    // [goods (cents), the exemption that applies]
    [19_999, 'small', 'the first in order whose threshold covers the goods'],
    [20_000, 'small', 'at the threshold: covered (goods ≤ threshold)'],
    [20_001, 'large', '200.01 > 200.00: the next one'],
    [80_000, 'large', '800.00 ≤ 800.00'],
    [80_001, null, 'above every threshold'],
  ] as [number, string | null, string][])('goods %i: %s (%s)', (goods, id) => {
    expect(exemptionCovering([none, small, large], goods)?.measure.id ?? null).toBe(id);
  });

  it('the words of the trail and of the batch: value, threshold, title and reference', () => {
    expect(exemptReason(large.measure, 6_612, 'USD')).toBe('exempt: value $66.12 ≤ $800.00 (large title, large ref)');
  });
});

describe('programFor: the program over a duty-in-lieu threshold', () => {
  const over = { over: null } as unknown as Program;
  const top = { over: { threshold: 250_000, program: over } } as unknown as Program;
  it.each([
    [250_000, 'top', 'at the threshold: the program itself'],
    [250_001, 'over', 'one cent more: the program over it'],
  ])('goods %i: %s (%s)', (goods, which) => {
    expect(programFor(top, goods)).toBe(which === 'top' ? top : over);
  });

  it('a program with no threshold is its own at any value', () => {
    expect(programFor(over, Number.MAX_SAFE_INTEGER)).toBe(over);
  });
});
