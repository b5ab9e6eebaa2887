/**
 * Annex II of the reciprocal tariff as the White House published it with EO 14257 on 2 Apr 2025
 * (data/sources/instruments/eo14257_annex2_2025-04-02.pdf, 37 pages: "ANNEX II ... All products that
 * are classified in the 8-digit subheadings ... listed in this Annex are covered"), read code for code
 * into eo14257_annex2_2025-04-02.csv (1,039 subheadings, column `left`: the first entry date on which
 * a provision is no longer in the list):
 *
 * - 76 copper provisions of chapter 74 (7406.10.00 to 7419.80.50) left on 2025-08-01: Proclamation
 *   10962 (copper, 90 FR 37727) modified U.S. note 2(v)(iii) from 1 Aug 2025 (USITC change record of
 *   HTSUS 2025 Revision 17: "U.S. note 2(v)(iii), subch III, ch 99 Modified August 1, 2025 PP 10962")
 *   and made them Section 232 copper articles of U.S. note 36(b) (9903.78.01);
 * - 8 left on 2025-09-08 (EO 14346; Rev 22 change record: "Modified September 8, 2025 Executive Order")
 *   and 158 of chapter 44 on 2025-10-14 (Proclamation 10976; Rev 25: "Modified October 14, 2025 PP
 *   10976"), the rows `removed` of annex2_changes_2025.csv;
 * - the other 797 are all in note 2(v)(iii)(a) of the HTSUS 2026 Rev 6 text.
 *
 * Amounts: value 10,000.00 of Colombia, whose reciprocal rate is the baseline 10% (9903.01.25) over the
 * whole period: 10% × 10,000.00 = 1,000.00 (100,000 cents) when not exempt, 0 when exempt.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Breakdown } from '../../../src/core/types.js';
import type { ScheduleIndex } from '../../../src/schedule/schedule-index.js';
import { bundledIndexFast, price, ROOT, ship } from '../../helpers.js';

let ix: ScheduleIndex;
beforeAll(() => {
  ix = bundledIndexFast();
});

const csv = (file: string): string[][] =>
  readFileSync(join(ROOT, 'data/sources', file), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((r) => r.split(','));
const APRIL = csv('instruments/eo14257_annex2_2025-04-02.csv').map(([hts, left]) => ({ hts: hts ?? '', left: left ?? '' }));
const left = (date: string): string[] => APRIL.filter((r) => r.left === date).map((r) => r.hts);
const COPPER = left('2025-08-01');
const CHANGES = csv('instruments/annex2_changes_2025.csv').map(([hts, change, from]) => ({ hts, change, from }));
const changed = (change: string, from: string): string[] => CHANGES.filter((r) => r.change === change && r.from === from).map((r) => r.hts ?? '');
const NOTE_36B = csv('usitc/ch99_notes_rev4/note36b_copper.csv').map(([, , hts]) => hts ?? '');
const EO14360 = csv('instruments/eo14360_annex2_additions_2025-11-13.csv').map(([hts]) => hts ?? '');

const at = (hts: string, date: string, origin = 'CO'): Breakdown =>
  price(ix, 'as-entered', ship({ hts, origin, value: '10000', mode: 'ocean', date, qty: '1000', unit: 'kg' }));
const recip = (b: Breakdown): { measure: string; amount: number }[] =>
  b.lines.filter((l) => l.authority === 'ieepa-reciprocal').map((l) => ({ measure: l.measure, amount: l.amount }));
const EXEMPT = [{ measure: 'us-ieepa-recip-annex2-copper-until-2025-07', amount: 0 }];

describe('the White House Annex II of 2 Apr 2025, as eo14257_annex2_2025-04-02.csv holds it', () => {
  it('has 1,039 subheadings of 8 digits, each once: 797 still in the list, 76 gone on 2025-08-01, 8 on 2025-09-08, 158 on 2025-10-14', () => {
    expect(APRIL.length).toBe(1039);
    expect(new Set(APRIL.map((r) => r.hts)).size).toBe(1039);
    expect(APRIL.every((r) => /^\d{4}\.\d{2}\.\d{2}$/.test(r.hts))).toBe(true);
    // 797 + 76 + 8 + 158 = 1,039
    expect([left('').length, COPPER.length, left('2025-09-08').length, left('2025-10-14').length]).toEqual([797, 76, 8, 158]);
  });

  it('its removals of 2025-09-08 and 2025-10-14 are those of annex2_changes_2025.csv, code for code', () => {
    expect(left('2025-09-08')).toEqual(changed('removed', '2025-09-08').sort());
    expect(left('2025-10-14')).toEqual(changed('removed', '2025-10-14').sort());
  });

  it('holds none of the 39 additions of EO 14346 nor the 237 of EO 14360 (the annexes mark them "Addition")', () => {
    const april = new Set(APRIL.map((r) => r.hts));
    expect(changed('added', '2025-09-08').filter((c) => april.has(c.slice(0, 10)))).toEqual([]);
    expect(EO14360.filter((c) => april.has(c))).toEqual([]);
    expect(april.has('7108.12.10')).toBe(true); // the one gold line already in the April list
  });

  it('the 76 copper provisions are U.S. note 36(b) less the four insulated conductors of 8544 (never in Annex II)', () => {
    expect(COPPER.every((c) => c.startsWith('74'))).toBe(true);
    expect(NOTE_36B.filter((c) => !COPPER.includes(c))).toEqual(['8544.42.10', '8544.42.20', '8544.42.90', '8544.49.10']);
    expect(COPPER.filter((c) => !NOTE_36B.includes(c))).toEqual([]);
    // copper cathodes, unwrought copper and waste (7401-7405) stay in the list
    expect(left('').filter((c) => c.startsWith('74')).length).toBe(13);
  });
});

describe('Proclamation 10962: the 76 copper provisions are exempt from the reciprocal tariff until 2025-07-31', () => {
  it.each(COPPER)('%s of Colombia: exempt under 9903.01.32 from 2025-04-05 to 2025-07-31, no reciprocal duty from 2025-08-01 (Section 232 copper)', (hts) => {
    expect(recip(at(hts, '2025-04-04'))).toEqual([]);
    expect(recip(at(hts, '2025-04-05'))).toEqual(EXEMPT);
    expect(recip(at(hts, '2025-07-31'))).toEqual(EXEMPT);
    const aug = at(hts, '2025-08-01');
    expect(recip(aug)).toEqual([]);
    expect(aug.lines.some((l) => l.measure === 'us-s232-copper-50')).toBe(true);
  });

  it('copper wire 7408.11.60 of Vietnam on 2025-07-31: 0.00 of reciprocal duty (Annex II), where the baseline would charge 10% × 10,000.00 = 1,000.00', () => {
    expect(recip(at('7408.11.60', '2025-07-31', 'VN'))).toEqual(EXEMPT);
  });

  it('refined copper cathodes 7403.11.00 of Colombia, still in Annex II, are exempt under the standing list on 2025-07-31 and 2025-08-01', () => {
    for (const d of ['2025-07-31', '2025-08-01']) expect(recip(at('7403.11.00', d)).map((l) => l.amount)).toEqual([0]);
  });
});
