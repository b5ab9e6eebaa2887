/**
 * Scopes of issue 20 taken from the law's own texts, checked on the bundled schedule by the heading
 * each shipment is charged under (the golden cases check the money; these check the legal reference,
 * which a change of heading at the same rate would not move).
 *
 * - 8507.60.0010 (lithium-ion EV batteries) of China: heading 9903.91.01 (+25%) from 27 Sep 2024
 *   (USTR notice 89 FR 76581, Annex A pp. 76590-76591: 25% in 2024); from 1 Jan 2026 the HTSUS text
 *   (2026 Rev 6) no longer lists it in note 31(b) and note 31(g)(5) puts all of 8507.60.00 under
 *   9903.91.06 (+25%).
 * - U.S. note 16(n)(2), 9903.81.91: the eleven household-appliance provisions of the BIS notice of
 *   16 Jun 2025 (FR Doc 2025-11067, 90 FR 25208), from 23 Jun 2025.
 * - U.S. note 16(n)(1), 9903.81.91: the same 12 subheadings at 25% of the steel content from 12 Mar 2025
 *   (Commerce certified collection, CSMS 64384423; 90 FR 11249), the whole article exempt from the
 *   reciprocal tariff until 3 Jun 2025 (9903.01.33; CBP Section 232 FAQ).
 * - Potash of Canada (9903.01.15) and Mexico (9903.01.05), 10% in place of 25%/35%: the nine
 *   statistical numbers CBP names in CSMS 64336037 and 64335789 (6 Mar 2025), from 7 Mar 2025.
 * - Copper, U.S. note 36(b) (9903.78.01, from 1 Aug 2025 to 5 Apr 2026): the 80 subheadings of the
 *   HTSUS 2026 Rev 4 text (data/sources/usitc/ch99_notes_rev4/note36b_copper.csv).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseDec } from '../../../src/core/decimal.js';
import type { Breakdown, ContentShare } from '../../../src/core/types.js';
import type { ScheduleIndex } from '../../../src/schedule/schedule-index.js';
import { bundledIndexFast, price, ROOT, ship } from '../../helpers.js';
import { NOTE_16N1, NOTE_16N2 } from './steel-derivative-lists.js';

let ix: ScheduleIndex;
beforeAll(() => {
  ix = bundledIndexFast();
});

/**
 * 8-digit lines the aluminum lists of note 19(k)/(s) split by statistical number from 12 Mar 2025 (an 8-digit code is
 * then ambiguous): the steel scopes here are priced on a statistical number of the same line outside those lists.
 */
const OUTSIDE_19K: Record<string, string> = {
  '8415.90.80': '8415.90.8065',
  '8479.90.95': '8479.90.9530',
  '8483.90.50': '8483.90.5010',
  '8503.00.95': '8503.00.9550',
  '8547.90.00': '8547.90.0010',
  '8708.10.30': '8708.10.3020',
  '8716.39.00': '8716.39.0010',
  '8716.80.50': '8716.80.5020',
  '9403.99.10': '9403.99.1050',
  '9405.99.40': '9405.99.4010',
};
const outside19k = (hts: string): string => OUTSIDE_19K[hts] ?? hts;
const on = (hts: string, date: string, origin = 'CN', content?: Record<string, ContentShare>): Breakdown =>
  price(ix, 'as-entered', ship({ hts: outside19k(hts), origin, value: '10000', mode: 'ocean', date, ...(content ? { content } : {}) }));
const refsOf = (b: Breakdown, authority: string): string[] => b.lines.filter((l) => l.authority === authority && l.amount > 0).map((l) => l.ref);
/** the Section 232 refs less the aluminum ones (9903.85): lines of note 19(k) are also aluminum derivatives from 12 Mar 2025 */
const steelRefs = (b: Breakdown): string[] => refsOf(b, 's232').filter((r) => !r.startsWith('9903.85'));

describe('8507.60.0010, lithium-ion EV batteries of China (Section 301 Four-Year Review)', () => {
  it('is charged under 9903.91.01 from 2024-09-27 to 2025-12-31', () => {
    expect(refsOf(on('8507.60.0010', '2024-09-27'), 's301')).toEqual(['9903.91.01']);
    expect(refsOf(on('8507.60.0010', '2025-12-31'), 's301')).toEqual(['9903.91.01']);
  });

  it('is charged under 9903.91.06 (note 31(g)(5), all of 8507.60.00) from 2026-01-01, 25% of 10,000.00 = 2,500.00', () => {
    const b = on('8507.60.0010', '2026-01-01');
    expect(refsOf(b, 's301')).toEqual(['9903.91.06']);
    expect(b.lines.find((l) => l.ref === '9903.91.06')?.amount).toBe(250_000);
  });

  it('shares 9903.91.06 with the other lithium-ion batteries, 8507.60.0020, from 2026-01-01 only', () => {
    expect(refsOf(on('8507.60.0020', '2026-01-01'), 's301')).toEqual(['9903.91.06']);
    // before: List 4A (9903.88.15)
    expect(refsOf(on('8507.60.0020', '2025-12-31'), 's301')).toEqual(['9903.88.15']);
  });
});

describe('U.S. note 16(n)(2), 9903.81.91: the steel derivatives of 23 Jun 2025 (90 FR 25208)', () => {
  it.each(NOTE_16N2)('%s of any origin pays 50% on its steel content under 9903.81.91 from 2025-06-23', (hts) => {
    // 50% × steel content 40% × 10,000.00 = 50% × 4,000.00 = 2,000.00
    const share = parseDec('0.4');
    if (!share) throw new Error('0.4');
    const b = on(hts, '2025-06-23', 'KR', { steel: { share } });
    const line = b.lines.find((l) => l.ref === '9903.81.91');
    expect(line?.base).toBe(400_000);
    expect(line?.amount).toBe(200_000);
  });

  it.each(NOTE_16N2)('%s is not a steel derivative on 2025-06-22, the day before', (hts) => {
    expect(steelRefs(on(hts, '2025-06-22', 'KR'))).toEqual([]);
  });

  it('does not reach the 8-digit neighbours of the welded wire rack (9403.99.9010 is in 16(n)(3) from 2025-08-18 only)', () => {
    expect(steelRefs(on('9403.99.9010', '2025-07-15', 'KR'))).toEqual([]);
  });
});

describe('U.S. note 16(n)(1), 9903.81.91: the 12 steel derivatives of the HTSUS 2026 Rev 4 text, from 2025-06-04', () => {
  it.each(NOTE_16N1)('%s pays 50% on its steel content (40% of 10,000.00 → 2,000.00) on 2025-06-04, 25% for the UK', (hts) => {
    const share = parseDec('0.4');
    if (!share) throw new Error('0.4');
    const kr = on(hts, '2025-06-04', 'KR', { steel: { share } }).lines.find((l) => l.measure === 'us-s232-steel-50');
    expect(kr?.amount).toBe(200_000);
    const gb = on(hts, '2025-06-04', 'GB', { steel: { share } }).lines.find((l) => l.measure === 'us-s232-steel-uk-25');
    expect(gb?.amount).toBe(100_000);
  });
});

describe('U.S. note 16(n)(1), 9903.81.91: the same 12 steel derivatives at 25% of the steel content from 2025-03-12 (CSMS 64384423)', () => {
  const steel = (s: string): Record<string, ContentShare> => {
    const share = parseDec(s);
    if (!share) throw new Error(s);
    return { steel: { share } };
  };
  const total = (b: Breakdown, authority: string): number => b.lines.filter((l) => l.authority === authority).reduce((t, l) => t + l.amount, 0);

  it.each(NOTE_16N1)('%s of Korea pays 25% of its steel content under 9903.81.91 on 2025-03-12 and 2025-06-03 (25% × 4,000.00 = 1,000.00)', (hts) => {
    for (const date of ['2025-03-12', '2025-06-03']) {
      const b = on(hts, date, 'KR', steel('0.4'));
      expect(steelRefs(b)).toEqual(['9903.81.91']);
      const line = b.lines.find((l) => l.measure === 'us-s232-steel-derivatives-2025-03');
      expect(line?.base).toBe(400_000);
      expect(line?.amount).toBe(100_000);
    }
  });

  it.each(NOTE_16N1)('%s is not charged on 2025-03-11, before Commerce certified collection', (hts) => {
    expect(refsOf(on(hts, '2025-03-11', 'KR', steel('0.4')), 's232')).toEqual([]);
  });

  it.each(NOTE_16N1)('%s of Korea pays no reciprocal duty on any part of its value on 2025-05-20 (9903.01.33, whole article)', (hts) => {
    // the 10% baseline would be 10% × 6,000.00 = 600.00 on the non-steel content if the exception covered the steel only
    const b = on(hts, '2025-05-20', 'KR', steel('0.4'));
    expect(total(b, 'ieepa-reciprocal')).toBe(0);
    expect(b.lines.some((l) => l.ref === '9903.01.33')).toBe(true);
  });

  it('charges the full value when no content is declared: 25% × 10,000.00 = 2,500.00', () => {
    expect(total(on('9406.90.01', '2025-05-01', 'CN'), 's232')).toBe(250_000);
  });

  it('pays the reciprocal duty on the non-steel content again from 2025-06-04: 10% × 6,000.00 = 600.00', () => {
    expect(total(on('9406.90.01', '2025-06-04', 'KR', steel('0.4')), 'ieepa-reciprocal')).toBe(60_000);
  });

  it('is not charged on goods of Canada under the fentanyl duty (EO 14289 sec. 3), which pay 25% of 10,000.00 = 2,500.00', () => {
    const b = on('9406.90.01', '2025-05-01', 'CA', steel('0.4'));
    expect(refsOf(b, 's232')).toEqual([]);
    expect(total(b, 'ieepa-fentanyl')).toBe(250_000);
    expect(b.lines.some((l) => l.ref === '9903.01.33')).toBe(false);
  });

  it('does not reach a neighbour the note does not list (9403.10.00, metal office furniture)', () => {
    expect(steelRefs(on('9403.10.00', '2025-05-01', 'KR', steel('0.4')))).toEqual([]);
  });
});

describe('potash of Canada (9903.01.15) and Mexico (9903.01.05): the statistical numbers of CSMS 64336037 / 64335789', () => {
  const POTASH = [
    '2815.20.0050',
    '2815.20.0090',
    '3104.20.0010',
    '3104.20.0050',
    '3104.30.0000',
    '3104.90.0100',
    '3105.10.0000',
    '3105.20.0000',
    '3105.60.0000',
  ];

  it.each(POTASH)('%s pays 10% of 10,000.00 = 1,000.00 under 9903.01.05 (MX) and 9903.01.15 (CA) on 2025-06-02', (hts) => {
    const mx = on(hts, '2025-06-02', 'MX');
    expect(refsOf(mx, 'ieepa-fentanyl')).toEqual(['9903.01.05']);
    expect(mx.lines.find((l) => l.ref === '9903.01.05')?.amount).toBe(100_000);
    expect(refsOf(on(hts, '2025-06-02', 'CA'), 'ieepa-fentanyl')).toEqual(['9903.01.15']);
  });

  it('a fertilizer CBP does not name (3105.90.00) pays the general 25% of Mexico', () => {
    expect(refsOf(on('3105.90.0010', '2025-06-02', 'MX'), 'ieepa-fentanyl')).toEqual(['9903.01.01']);
  });

  it('potash of Mexico pays the general 25% before 2025-03-07 (CSMS 64335789: from 12:01 a.m. 7 Mar 2025)', () => {
    expect(refsOf(on('3104.20.0010', '2025-03-06', 'MX'), 'ieepa-fentanyl')).toEqual(['9903.01.01']);
  });
});

describe('copper, U.S. note 36(b) (9903.78.01): the 80 subheadings of the HTSUS 2026 Rev 4 text', () => {
  const rows = readFileSync(join(ROOT, 'data/sources/usitc/ch99_notes_rev4/note36b_copper.csv'), 'utf8').trim().split('\n').slice(1);
  const listed = rows.map((r) => (r.split(',')[2] ?? '').replace(/\./g, ''));

  it('has 80 rows', () => {
    expect(listed).toHaveLength(80);
  });

  it.each(listed)('%s of any origin, copper 50% declared, is charged under 9903.78.01 on 2025-09-02', (hts) => {
    // declared, because an undeclared content is charged once (as aluminum where note 19(k) also lists the line)
    const share = parseDec('0.5');
    if (!share) throw new Error('0.5');
    expect(refsOf(on(hts, '2025-09-02', 'KR', { copper: { share } }), 's232')).toContain('9903.78.01');
  });

  it('charges 50% of the copper content of seamless copper tube (7411.10.10) on 2025-09-02: 50% × 9,000.00 = 4,500.00', () => {
    const share = parseDec('0.9');
    if (!share) throw new Error('0.9');
    const b = on('7411.10.10', '2025-09-02', 'KR', { copper: { share } });
    const line = b.lines.find((l) => l.ref === '9903.78.01');
    expect(line?.base).toBe(900_000);
    expect(line?.amount).toBe(450_000);
  });

  it('does not reach a neighbour the note does not list (8544.49.20) nor a date before 2025-08-01', () => {
    // 8544.49.2000 is an aluminum derivative (note 19(k), 9903.85.08) but not copper
    expect(refsOf(on('8544.49.2000', '2025-09-02', 'KR'), 's232')).not.toContain('9903.78.01');
    expect(refsOf(on('7411.10.10', '2025-07-31', 'KR'), 's232')).not.toContain('9903.78.01');
  });
});

describe('U.S. notes 16(l) and 16(m) (9903.81.89, 9903.81.90): the chapter 73 steel derivatives of the HTSUS 2026 Rev 4 text', () => {
  const rows = readFileSync(join(ROOT, 'data/sources/usitc/ch99_notes_rev4/note16lm_steel_derivatives.csv'), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((r) => r.split(','));
  // "7317.00.55.03" as the note prints it → "7317.00.5503" as a shipment names it
  const hts = (c: string): string => {
    const p = c.split('.');
    return `${p.slice(0, 3).join('.')}${p.slice(3).join('')}`;
  };
  const of = (sub: string): string[] => rows.filter((r) => r[0] === sub).map((r) => hts(r[2] ?? ''));
  // added to 16(m) from 18 Aug 2025 (BIS notice, 90 FR 40327); 7302.90.9000 is also in 7302.90 of note 16(j)
  const AUG = ['7216.91.0010', '7302.90.9000', '7307.19.30', '7307.19.90'];
  // the vehicle stampings of 16(l) are automobile parts from 2025-05-03 (note 33(g)), which take precedence
  const STAMPINGS = ['8708.10.30', '8708.29.21'];
  const since0312 = [...of('16(l)'), ...of('16(m)')].filter((c) => !AUG.includes(c));
  const s232 = (b: Breakdown): number => b.lines.filter((l) => l.authority === 's232').reduce((t, l) => t + l.amount, 0);
  const steel = (s: string): Record<string, ContentShare> => {
    const share = parseDec(s);
    if (!share) throw new Error(s);
    return { steel: { share } };
  };

  it('has the 9 provisions of 16(l) and the 158 of 16(m)', () => {
    expect(of('16(l)')).toHaveLength(9);
    expect(of('16(m)')).toHaveLength(158);
  });

  it.each(since0312)('%s of Korea pays 25% of the full value once on 2025-03-12: 25% × 10,000.00 = 2,500.00', (c) => {
    expect(s232(on(c, '2025-03-12', 'KR'))).toBe(250_000);
  });

  it.each(since0312.filter((c) => !STAMPINGS.includes(c)))(
    '%s pays 50% on its steel content once on 2025-06-04 (50% × 4,000.00 = 2,000.00), the UK 25% (1,000.00)',
    (c) => {
      const kr = on(c, '2025-06-04', 'KR', steel('0.4'));
      expect(s232(kr)).toBe(200_000);
      expect(kr.lines.find((l) => l.measure === 'us-s232-steel-50')?.amount).toBe(200_000);
      const gb = on(c, '2025-06-04', 'GB', steel('0.4'));
      expect(s232(gb)).toBe(100_000);
      expect(gb.lines.find((l) => l.measure === 'us-s232-steel-uk-25')?.amount).toBe(100_000);
    },
  );

  it.each(['7216.91.0010', '7307.19.30', '7307.19.90'])('%s is a 16(m) derivative from 2025-08-18 only, under 9903.81.90', (c) => {
    expect(refsOf(on(c, '2025-08-17', 'KR', steel('0.4')), 's232')).toEqual([]);
    const b = on(c, '2025-08-18', 'KR', steel('0.4'));
    expect(refsOf(b, 's232')).toEqual(['9903.81.90']);
    expect(s232(b)).toBe(200_000);
  });

  it('charges 7302.90.9000 once, as a steel article of 16(j), before and after its listing in 16(m)', () => {
    expect(s232(on('7302.90.9000', '2025-03-12', 'KR'))).toBe(250_000);
    expect(s232(on('7302.90.9000', '2025-08-18', 'KR', steel('0.4')))).toBe(200_000);
  });

  it('does not reach a chapter 73 subheading neither note lists (7323.91.50, of cast iron, not enamelled), nor 2025-03-11', () => {
    expect(refsOf(on('7323.91.50', '2025-07-15', 'KR'), 's232')).toEqual([]);
    expect(refsOf(on('7318.15.80', '2025-03-11', 'KR'), 's232')).toEqual([]);
  });
});

/**
 * EO 14360 (14 Nov 2025; 90 FR 54091): the 237 agricultural subheadings added to Annex II of the
 * reciprocal tariff (U.S. note 2(v)(iii)(a), 9903.01.32) for goods entered from 12:01 a.m. EST on
 * 13 Nov 2025 — data/sources/instruments/eo14360_annex2_additions_2025-11-13.csv; 237 is the count of
 * CBP's CSMS 66814923. The EO of 20 Nov 2025 on Brazil adds 238 subheadings to Annex I of EO 14323
 * from the same date (9903.01.81; instruments/brazil_annex1_additions_2025-11-13.csv).
 */
describe('EO 14360: the agricultural additions to Annex II of the reciprocal tariff, from 2025-11-13', () => {
  const codes = (file: string, keep: (cells: string[]) => boolean = () => true): string[] =>
    readFileSync(join(ROOT, file), 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((r) => r.split(','))
      .filter(keep)
      .map((r) => r[0] ?? '');
  const AG = codes('data/sources/instruments/eo14360_annex2_additions_2025-11-13.csv');
  const BR = codes('data/sources/instruments/brazil_annex1_additions_2025-11-13.csv', (r) => r[1] === 'no');
  // a specific rate (beef 4.4¢/kg, juices per liter …) needs a quantity: 1,000 of the line's unit
  const at = (hts: string, date: string, origin: string): Breakdown => {
    const on = (unit: string): Breakdown => price(ix, 'as-entered', ship({ hts, origin, value: '10000', mode: 'ocean', date, qty: '1000', unit }));
    try {
      return on('kg');
    } catch (e) {
      if (!String(e).includes('unit-mismatch')) throw e;
      return on('liter');
    }
  };
  const recip = (b: Breakdown): { measure: string; amount: number }[] =>
    b.lines.filter((l) => l.authority === 'ieepa-reciprocal').map((l) => ({ measure: l.measure, amount: l.amount }));

  it('lists 237 subheadings (CSMS 66814923), and the Brazil annex 238 without the 11 Ex rows', () => {
    expect(new Set(AG).size).toBe(237);
    expect(new Set(BR).size).toBe(238);
    // the Brazil list is the reciprocal one less four subheadings already exempt from the 40% in July 2025
    // and plus five (International Trade Today, 21 Nov 2025, compares the two lists so)
    const only = (a: string[], b: string[]): string[] => a.filter((c) => !b.includes(c)).sort();
    expect(only(AG, BR)).toEqual(['0801.21.00', '2009.11.00', '2009.12.25', '2009.12.45']);
    expect(only(BR, AG)).toEqual(['3104.20.00', '3104.30.00', '3104.90.01', '3301.12.00', '3301.90.50']);
  });

  it.each(AG)('%s of Colombia: 10% reciprocal on 2025-11-12 (1,000.00), exempt under 9903.01.32 from 2025-11-13', (hts) => {
    expect(recip(at(hts, '2025-11-12', 'CO'))).toEqual([{ measure: 'us-ieepa-recip-baseline', amount: 100_000 }]);
    expect(recip(at(hts, '2025-11-13', 'CO'))).toEqual([{ measure: 'us-ieepa-recip-annex2-ag-2025-11', amount: 0 }]);
    expect(recip(at(hts, '2026-02-23', 'CO'))).toEqual([{ measure: 'us-ieepa-recip-annex2-ag-2025-11', amount: 0 }]);
  });

  it('bananas (0803.90.00) of Ecuador: 15% × 10,000.00 = 1,500.00 on 2025-11-12 (9903.02.17), 0.00 on 2025-11-13', () => {
    expect(recip(at('0803.90.00', '2025-11-12', 'EC'))).toEqual([{ measure: 'us-ieepa-recip-02-17', amount: 150_000 }]);
    expect(recip(at('0803.90.00', '2025-11-13', 'EC'))).toEqual([{ measure: 'us-ieepa-recip-annex2-ag-2025-11', amount: 0 }]);
  });

  it('leaves the rest of Annex II over the whole window, and charges a line on neither list', () => {
    // 2504.10.50 (natural graphite) is in note 2(v)(iii)(a) and not an addition of EO 14360
    expect(recip(at('2504.10.50', '2025-04-10', 'CO'))).toEqual([{ measure: 'us-ieepa-recip-annex2', amount: 0 }]);
    // a line on neither list pays the reciprocal rate after 13 Nov 2025: tomato ketchup 2103.20.20
    expect(recip(at('2103.20.20', '2025-11-20', 'CO'))).toEqual([{ measure: 'us-ieepa-recip-baseline', amount: 100_000 }]);
  });

  it.each(BR)('%s of Brazil: the 40% of EO 14323 until 2025-11-12 (4,000.00), 0.00 under 9903.01.81 from 2025-11-13', (hts) => {
    const brazil = (b: Breakdown): { measure: string; amount: number }[] =>
      b.lines.filter((l) => l.authority === 'ieepa-brazil').map((l) => ({ measure: l.measure, amount: l.amount }));
    expect(brazil(at(hts, '2025-11-12', 'BR'))).toEqual([{ measure: 'us-ieepa-brazil-40', amount: 400_000 }]);
    expect(brazil(at(hts, '2025-11-13', 'BR'))).toEqual([{ measure: 'us-ieepa-brazil-40-ag-2025-11', amount: 0 }]);
  });

  it('exempts Brazil nuts in shell (0801.21.00) under the July 2025 Annex I (us-ieepa-brazil-40-annex1), not the November additions', () => {
    // a row of EO 14323's first Annex I, not marked Addition in the annex of 20 Nov 2025 (issue20-brazil-annex1.test.ts)
    expect(at('0801.21.00', '2025-11-12', 'BR').lines.find((l) => l.authority === 'ieepa-brazil')?.measure).toBe('us-ieepa-brazil-40-annex1');
    expect(at('0801.21.00', '2025-11-13', 'BR').lines.find((l) => l.authority === 'ieepa-brazil')?.measure).toBe('us-ieepa-brazil-40-annex1');
  });
});

/**
 * The UK's copies of the 18 Aug 2025 inclusions (BIS notice, 90 FR 40327, Annex I paras. c, d): note
 * 16(t) takes the 16(m) additions, 16(u)(3) the 388 provisions of 16(n)(3); the UK stays at 25%
 * (Proclamation 10947), on the steel content as its other derivatives.
 */
describe('U.S. notes 16(t) and 16(u)(3): the UK derivatives of 18 Aug 2025, 25% of the steel content', () => {
  const rows = readFileSync(join(ROOT, 'data/sources/instruments/s232_derivative_inclusions_2025-08-18.csv'), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((r) => r.split(','));
  const U3 = rows.filter((r) => r[0] === '16(n)(3)').map((r) => r[2] ?? '');
  const T = ['7216.91.0010', '7307.19.30', '7307.19.90'];
  const share = parseDec('0.4');
  const zero = parseDec('0');
  if (!share || !zero) throw new Error('0.4');
  // the MFN rate is given (0%): some of these lines have a rate the tool asks for (knives of 8211.10.00, oils per bbl)
  const gb = (hts: string, date: string): Breakdown =>
    price(
      ix,
      'as-entered',
      ship({
        hts: outside19k(hts),
        origin: 'GB',
        value: '10000',
        mode: 'ocean',
        date,
        content: { steel: { share } },
        mfnRate: { kind: 'ad-valorem', adValorem: zero },
      }),
    );
  const s232 = (b: Breakdown): { measure: string; amount: number }[] =>
    b.lines.filter((l) => l.authority === 's232' && l.amount > 0).map((l) => ({ measure: l.measure, amount: l.amount }));

  it('has the 388 provisions of 16(n)(3)', () => {
    expect(U3).toHaveLength(388);
  });

  it.each([...T, ...U3])('%s of the UK: nothing on 2025-08-17; 25% × 4,000.00 = 1,000.00 on 2025-08-18', (hts) => {
    // the provisions of note 19(s) pay the UK's aluminum duty from 4 Jun 2025 (us-s232-aluminum-uk-derivatives-19s-25): only steel is asserted
    expect(s232(gb(hts, '2025-08-17')).filter((l) => l.measure.startsWith('us-s232-steel'))).toEqual([]);
    // 7614.10.10 (steel core) is also an aluminum derivative of 19(j)/(r) from the same day (us-s232-aluminum-uk-derivatives-2025-08-19j): only the steel line is asserted here
    expect(s232(gb(hts, '2025-08-18')).filter((l) => l.measure.startsWith('us-s232-steel'))).toEqual([
      { measure: 'us-s232-steel-uk-derivatives-2025-08', amount: 100_000 },
    ]);
  });

  it('charges 7302.90.9000 of the UK once, as a steel article of 16(j) (25%), before and after 16(t) lists it', () => {
    expect(s232(gb('7302.90.9000', '2025-08-17'))).toEqual([{ measure: 'us-s232-steel-uk-25', amount: 100_000 }]);
    expect(s232(gb('7302.90.9000', '2025-08-18'))).toEqual([{ measure: 'us-s232-steel-uk-25', amount: 100_000 }]);
  });
});
