/**
 * Annex II of the reciprocal tariff (U.S. note 2(v)(iii)(a), heading 9903.01.32) as it stood before
 * and after its 2025 changes, each dated by its instrument — data/sources/instruments/annex2_changes_2025.csv:
 *
 * - EO 14346 of 5 Sep 2025 (FR Doc 2025-17507), sec. 2(a): its updated Annex II applies to goods
 *   entered from 12:01 a.m. EDT on 8 Sep 2025 (CBP CSMS 66151866). 39 provisions added (gold and
 *   bullion articles, graphite, nickel, certain critical minerals and pharmaceutical chemicals), 8
 *   removed (aluminum hydroxide, certain resins, silicones) — the counts of the trade summaries of
 *   the order (Thompson Coburn, 5 Sep 2025: "adding 39 HTS classifications and removing 8").
 * - Proclamation 10976 of 29 Sep 2025 (90 FR 48127): its annex deletes the chapter 44 provisions from
 *   Annex II for goods entered from 12:01 a.m. EDT on 14 Oct 2025 (CSMS 66492057): 158 of the 170
 *   chapter 44 provisions of the list; the 12 the HTSUS 2026 Rev 6 text still lists stay exempt.
 *
 * The list before, during and after is a transcription (brendanxmac/hts-hero, commits 4ac9f32 of
 * 26 Aug 2025, cda624c of 6 Sep 2025, 9da1843 of 13 Oct 2025), checked against the 2026 Rev 6 text of
 * the note: every addition is in it, no removed provision is, and the Rev 6 list less the 39 and the
 * 237 of EO 14360 is what stood over the whole window.
 *
 * Amounts: value 10,000.00 of Colombia, whose reciprocal rate is the baseline 10% (9903.01.25)
 * over the whole period: 10% × 10,000.00 = 1,000.00 (100,000 cents) when not exempt, 0 when exempt.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseDec } from '../../../src/core/decimal.js';
import type { Breakdown } from '../../../src/core/types.js';
import type { ScheduleIndex } from '../../../src/schedule/schedule-index.js';
import { bundledIndexFast, price, ROOT, ship } from '../../helpers.js';

let ix: ScheduleIndex;
beforeAll(() => {
  ix = bundledIndexFast();
});

const ROWS = readFileSync(join(ROOT, 'data/sources/instruments/annex2_changes_2025.csv'), 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((r) => r.split(','))
  .map(([hts, change, from, instrument]) => ({ hts: hts ?? '', change: change ?? '', from: from ?? '', instrument: instrument ?? '' }));
const codes = (change: string, from: string): string[] => ROWS.filter((r) => r.change === change && r.from === from).map((r) => r.hts);
const ADDED = codes('added', '2025-09-08');
const REMOVED = codes('removed', '2025-09-08');
const WOOD = codes('removed', '2025-10-14');
// the softwood timber and lumber of U.S. note 37(b) (HTSUS 2026 Rev 6): from 2025-10-14 under the
// Section 232 duty of 9903.76.01, which the reciprocal tariff does not reach (note 2(v)(xiii))
const NOTE_37B = new Set([
  '4403.11.00',
  '4403.21.01',
  '4403.22.01',
  '4403.23.01',
  '4403.24.01',
  '4403.25.01',
  '4403.26.01',
  '4403.99.01',
  '4406.11.00',
  '4406.91.00',
  '4407.11.00',
  '4407.12.00',
  '4407.13.00',
  '4407.14.00',
  '4407.19.00',
]);

// a code the schedule splits below the 8 digits is priced at a statistical number outside the split
// (3824.99.9397 is a Section 232 derivative from 2025-08-18; 3824.99.9310, alcohol mixtures, is not)
const FULL: Record<string, string> = { '3824.99.93': '3824.99.9310' };
// a line whose general rate the tool cannot compute (2613.90.00: 17.8¢/kg on molybdenum content) takes
// an --mfn of 0%: the reciprocal line does not depend on it
const ZERO = parseDec('0');
// a specific rate needs a quantity: 1,000 of the line's unit
const at = (code: string, date: string, origin = 'CO'): Breakdown => {
  const hts = FULL[code] ?? code;
  const on = (unit: string, mfn = false): Breakdown =>
    price(
      ix,
      'as-entered',
      ship({
        hts,
        origin,
        value: '10000',
        mode: 'ocean',
        date,
        qty: '1000',
        unit,
        ...(mfn && ZERO ? { mfnRate: { kind: 'ad-valorem', adValorem: ZERO } } : {}),
      }),
    );
  try {
    return on('kg');
  } catch (e) {
    if (String(e).includes('mfn-not-modelled')) return on('kg', true);
    if (!String(e).includes('unit-mismatch')) throw e;
    return on('m3');
  }
};
// 2903.51.10 is also an aluminum derivative of U.S. note 19(k) from 2025-08-18 (BIS notice, 90 FR 40328):
// without a declared aluminum content the Section 232 duty is on the full value, which excepts the
// whole article from the reciprocal tariff (9903.01.33) before it joins Annex II
const S232_BEFORE = new Set(['2903.51.10']);
const recip = (b: Breakdown): { measure: string; amount: number }[] =>
  b.lines.filter((l) => l.authority === 'ieepa-reciprocal').map((l) => ({ measure: l.measure, amount: l.amount }));
const CHARGED = [{ measure: 'us-ieepa-recip-baseline', amount: 100_000 }];
const exempt = (measure: string): { measure: string; amount: number }[] => [{ measure, amount: 0 }];

describe('the 2025 changes to Annex II, as data/sources/instruments/annex2_changes_2025.csv lists them', () => {
  it('has 39 additions and 8 removals of 8 Sep 2025 (EO 14346) and 158 removals of 14 Oct 2025 (Proclamation 10976), no code twice', () => {
    expect([ADDED.length, REMOVED.length, WOOD.length]).toEqual([39, 8, 158]);
    expect(new Set(ROWS.map((r) => r.hts)).size).toBe(ROWS.length);
    expect(ROWS.length).toBe(39 + 8 + 158);
  });

  it('names each row by its instrument, and the removals of 14 Oct 2025 are all of chapter 44', () => {
    for (const r of ROWS) expect(r.instrument).toBe(r.from === '2025-10-14' ? 'Proclamation 10976' : 'EO 14346');
    expect(WOOD.every((c) => c.startsWith('44'))).toBe(true);
  });

  it('removes aluminum hydroxide, resins and silicones; adds the gold lines other than 7108.12.10 (already in the April list)', () => {
    expect(REMOVED).toEqual(['2818.30.00', '3824.99.93', '3907.29.00', '3907.30.00', '3907.61.00', '3907.69.00', '3907.99.50', '3910.00.00']);
    expect(ADDED.filter((c) => c.startsWith('7108'))).toEqual(['7108.11.00', '7108.12.50', '7108.13.10', '7108.13.55', '7108.13.70', '7108.20.00']);
    expect(ROWS.some((r) => r.hts === '7108.12.10')).toBe(false);
  });
});

describe('EO 14346: the 39 additions are exempt from 2025-09-08 only', () => {
  it.each(ADDED)('%s of Colombia: 10% on 2025-09-07 (1,000.00), exempt under 9903.01.32 from 2025-09-08', (hts) => {
    expect(recip(at(hts, '2025-09-07'))).toEqual(S232_BEFORE.has(hts) ? [] : CHARGED);
    expect(recip(at(hts, '2025-09-08'))).toEqual(exempt('us-ieepa-recip-annex2-2025-09'));
    expect(recip(at(hts, '2026-02-23'))).toEqual(exempt('us-ieepa-recip-annex2-2025-09'));
  });

  it('charges an addition on 2025-04-05 too: 7108.13.55 (gold bars) of Colombia, 10% × 10,000.00 = 1,000.00', () => {
    expect(recip(at('7108.13.55', '2025-04-05'))).toEqual(CHARGED);
  });
});

describe('EO 14346: the 8 removals are exempt until 2025-09-07 only', () => {
  it.each(REMOVED)('%s of Colombia: exempt from 2025-04-05 to 2025-09-07, 10% (1,000.00) from 2025-09-08', (hts) => {
    expect(recip(at(hts, '2025-04-05'))).toEqual(exempt('us-ieepa-recip-annex2-until-2025-09'));
    expect(recip(at(hts, '2025-09-07'))).toEqual(exempt('us-ieepa-recip-annex2-until-2025-09'));
    expect(recip(at(hts, '2025-09-08'))).toEqual(CHARGED);
  });

  it('silicones 3910.00.00 of Vietnam: 20% × 10,000.00 = 2,000.00 under 9903.02.69 from 2025-09-08, 0.00 the day before', () => {
    expect(recip(at('3910.00.00', '2025-09-07', 'VN'))).toEqual(exempt('us-ieepa-recip-annex2-until-2025-09'));
    expect(recip(at('3910.00.00', '2025-09-08', 'VN'))).toEqual([{ measure: 'us-ieepa-recip-02-69', amount: 200_000 }]);
  });
});

describe('Proclamation 10976: the 158 chapter 44 provisions leave Annex II on 2025-10-14', () => {
  it.each(WOOD)('%s of Colombia: exempt on 2025-04-05 and 2025-10-13, 10% (1,000.00) from 2025-10-14 (none on lumber of note 37(b))', (hts) => {
    expect(recip(at(hts, '2025-04-05'))).toEqual(exempt('us-ieepa-recip-annex2-wood-until-2025-10'));
    expect(recip(at(hts, '2025-10-13'))).toEqual(exempt('us-ieepa-recip-annex2-wood-until-2025-10'));
    expect(recip(at(hts, '2025-10-14'))).toEqual(NOTE_37B.has(hts) ? [] : CHARGED);
  });

  it('counts 15 of the 158 as the softwood lumber of note 37(b), every one of them', () => {
    expect(WOOD.filter((c) => NOTE_37B.has(c))).toEqual([...NOTE_37B]);
  });

  it('keeps the tropical woods the 2026 text still lists: 4407.21.00 exempt on 2025-10-14 and 2026-02-23', () => {
    expect(recip(at('4407.21.00', '2025-10-14'))).toEqual(exempt('us-ieepa-recip-annex2'));
    expect(recip(at('4407.21.00', '2026-02-23'))).toEqual(exempt('us-ieepa-recip-annex2'));
  });
});

describe('the rest of Annex II over the whole window', () => {
  it.each([
    ['2504.10.50', 'natural graphite, other than crystalline flake'],
    ['7108.12.10', 'gold bullion and doré, in the April list'],
    ['8471.30.01', 'portable computers (heading 8471, memorandum of 11 Apr 2025, from 2025-04-05)'],
  ])('%s (%s) of Colombia is exempt on 2025-04-05, 2025-09-07, 2025-09-08 and 2026-02-23', (hts) => {
    for (const d of ['2025-04-05', '2025-09-07', '2025-09-08', '2026-02-23']) expect(recip(at(hts, d))).toEqual(exempt('us-ieepa-recip-annex2'));
  });

  it('ends with the reciprocal tariff: 7108.13.55 of Colombia has no reciprocal line on 2026-02-24', () => {
    expect(recip(at('7108.13.55', '2026-02-24'))).toEqual([]);
  });
});
