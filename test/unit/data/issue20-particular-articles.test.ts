/**
 * Issue 20: the eleven "particular articles" that the orders of 14 and 20 Nov 2025 exempt, for goods
 * entered from 13 Nov 2025, from the reciprocal tariff (U.S. note 2(v)(iii)(b), 9903.02.78: the duties
 * of 9903.01.25, .35, .39 and 9903.02.02–.73, any origin; CBP's CSMS 66814923) and from Brazil's 40%
 * (note 2(x)(iii)(b), 9903.01.90). Each article is a part of its subheading (acai of 2008.99.21,
 * articles "for religious purposes only" …), so the exemption is claimed: --claim particular-article.
 * The subheadings below are typed from the 2026 Rev 6 text of both notes (the same list twice).
 *
 * Every shipment: $10,000.00 by ocean with MFN given as 0%, so a reciprocal 10% is 1,000.00, the EU's
 * 15% floor less a 0% MFN is 1,500.00 and Brazil's 40% is 4,000.00.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { parseDec } from '../../../src/core/decimal.js';
import type { Breakdown } from '../../../src/core/types.js';
import type { ScheduleIndex } from '../../../src/schedule/schedule-index.js';
import { bundledIndexFast, price, ship } from '../../helpers.js';

let ix: ScheduleIndex;
beforeAll(() => {
  ix = bundledIndexFast();
});

const ARTICLES = [
  '0805.90.01', // (1) etrogs
  '0811.90.80', // (2) tropical fruit, frozen
  '1404.90.90', // (3) palm and myrtus branches, for religious purposes
  '1905.90.10', // (4) bread, pastry … for religious purposes
  '1905.90.90', // (5) communion wafers … for religious purposes
  '2008.99.21', // (6) acai
  '2009.31.60', // (7) citrus juice of a single fruit, Brix ≤ 20
  '2009.89.70', // (8) coconut water or acai juice
  '2009.90.40', // (9) coconut water juice blends
  // (10) acai preparations for beverages, 2106.90.99, is left out of this table: its one statistical
  // number the tool prices on these dates, 2106.90.9998, is also on the Section 232 derivative
  // inclusions of 18 Aug 2025, whose charge on the whole value (no metal content declared) leaves no
  // IEEPA duty to lift (the 232 carve-outs of both notes)
  '3301.29.51', // (11) essential oils for religious purposes
];

const zero = parseDec('0');
if (!zero) throw new Error('0');
const cents = (b: Breakdown, authority: string): number => b.dutyByAuthority[authority] ?? 0;
const priced = (hts: string, origin: string, date: string, claim?: string): Breakdown => {
  const s = ship({ hts, origin, value: '10000', mode: 'ocean', date, mfnRate: { kind: 'ad-valorem', adValorem: zero } });
  return price(ix, 'as-entered', claim ? { ...s, elections: { claim } } : s);
};

describe('the eleven articles, claimed, from 13 Nov 2025', () => {
  for (const hts of ARTICLES) {
    it(`${hts}: Brazil's 40% and reciprocal 10% lifted on 2025-12-01 when claimed (4,000.00 + 1,000.00 → 0.00)`, () => {
      const unclaimed = priced(hts, 'BR', '2025-12-01');
      expect([cents(unclaimed, 'ieepa-brazil'), cents(unclaimed, 'ieepa-reciprocal')]).toEqual([400000, 100000]);
      const b = priced(hts, 'BR', '2025-12-01', 'particular-article');
      expect([cents(b, 'ieepa-brazil'), cents(b, 'ieepa-reciprocal')]).toEqual([0, 0]);
      expect(
        b.lines
          .filter((l) => l.amount === 0 && l.ref.startsWith('9903.0'))
          .map((l) => l.ref)
          .sort(),
      ).toEqual(['9903.01.90', '9903.02.78']);
    });
    it(`${hts}: nothing lifted on 2025-11-12, the day before (1,000.00 + 4,000.00 stay)`, () => {
      const b = priced(hts, 'BR', '2025-11-12', 'particular-article');
      expect([cents(b, 'ieepa-brazil'), cents(b, 'ieepa-reciprocal')]).toEqual([400000, 100000]);
    });
  }
});

describe('which duties the claim lifts', () => {
  it('any origin: Colombia, 10% (9903.02.09 band) → 0.00', () => {
    expect(cents(priced('2008.99.21', 'CO', '2025-12-01'), 'ieepa-reciprocal')).toBe(100000);
    expect(cents(priced('2008.99.21', 'CO', '2025-12-01', 'particular-article'), 'ieepa-reciprocal')).toBe(0);
  });
  it("the EU's floor (9903.02.19/.20) is within 9903.02.02–.73: 15% − 0% = 1,500.00 → 0.00", () => {
    expect(cents(priced('2008.99.21', 'DE', '2025-12-01'), 'ieepa-reciprocal')).toBe(150000);
    expect(cents(priced('2008.99.21', 'DE', '2025-12-01', 'particular-article'), 'ieepa-reciprocal')).toBe(0);
  });
  it("Korea's floor (9903.02.79/.80, from 14 Nov 2025) is not named by note 2(v)(iii)(b): 15% − 0% = 1,500.00 stays", () => {
    expect(cents(priced('2008.99.21', 'KR', '2025-12-01', 'particular-article'), 'ieepa-reciprocal')).toBe(150000);
  });
  it('a code that is not one of the eleven: the claim changes nothing (2008.99.29, 10% stays) and says so', () => {
    const b = priced('2008.99.29', 'CO', '2025-12-01', 'particular-article');
    expect(cents(b, 'ieepa-reciprocal')).toBe(100000);
    expect(b.notes.join(' ')).toMatch(/claim particular-article changes nothing/);
  });
  it('the IEEPA duties end for entries from 2026-02-24: nothing left to lift', () => {
    const b = priced('2008.99.21', 'BR', '2026-02-24', 'particular-article');
    expect([cents(b, 'ieepa-brazil'), cents(b, 'ieepa-reciprocal')]).toEqual([0, 0]);
    expect(b.lines.some((l) => l.ref === '9903.02.78' || l.ref === '9903.01.90')).toBe(false);
  });
});
