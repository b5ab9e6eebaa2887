/**
 * Issue 20: the Section 232 aluminum derivatives of chapter 76 (U.S. note 19(i), 9903.85.04, and note
 * 19(j), 9903.85.07) and the UK's copy of the June 2025 steel appliance list (note 16(u), 9903.81.98).
 *
 * - 12 Mar to 3 Jun 2025: 25% of the FULL value (Proclamation 10895, 90 FR 9807; BIS 90 FR 11251;
 *   CSMS 64384496; CBP 7 Mar 2025: chapter 76 derivatives on the entire value), so the whole article
 *   is excepted from the reciprocal tariff (9903.01.33). 7612.90.10 (empty cans) from 4 Apr 2025
 *   (CSMS 64639013); 7612.10.0000, 7612.90.5000, 7613.00.0000 and 7614.10.10 from 18 Aug 2025 only
 *   (90 FR 40328).
 * - From 4 Jun 2025: 50% of the aluminum content (Proclamation 10947; U.S. note 19(h) of the HTSUS 2026
 *   Rev 6 text: for chapter 76 goods 9903.85.04/.07 apply only to the declared aluminum content); the UK
 *   25% (note 19(p)-(r), 9903.85.13/.14). Ends 2026-04-06 like the other aluminum measures.
 * - Steel appliances of note 16(n)(2) from 23 Jun 2025: products of the UK pay 25% under 9903.81.98
 *   (CSMS 65405824), not 50% under 9903.81.91.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseDec } from '../../../src/core/decimal.js';
import type { Breakdown, ContentShare } from '../../../src/core/types.js';
import type { ScheduleIndex } from '../../../src/schedule/schedule-index.js';
import { bundledIndexFast, price, ROOT, ship } from '../../helpers.js';
import { NOTE_16N2 } from './steel-derivative-lists.js';

let ix: ScheduleIndex;
beforeAll(() => {
  ix = bundledIndexFast();
});

const share = (s: string): Record<string, ContentShare> => {
  const d = parseDec(s);
  if (!d) throw new Error(s);
  return { aluminum: { share: d } };
};
const steelShare = (s: string): Record<string, ContentShare> => {
  const d = parseDec(s);
  if (!d) throw new Error(s);
  return { steel: { share: d } };
};
const on = (hts: string, date: string, origin: string, content?: Record<string, ContentShare>): Breakdown =>
  price(ix, 'as-entered', ship({ hts, origin, value: '10000', mode: 'ocean', date, ...(content ? { content } : {}) }));
const s232 = (b: Breakdown) => b.lines.filter((l) => l.authority === 's232' && l.amount > 0);
const total = (b: Breakdown, authority: string): number => b.lines.filter((l) => l.authority === authority).reduce((t, l) => t + l.amount, 0);

/** note 19(i) chapter 76 items and note 19(j), as the HTSUS 2026 Rev 6 text lists them */
const I19 = ['7614.10.50', '7614.90.20', '7614.90.40', '7614.90.50'];
const LATE = ['7612.10.0000', '7612.90.5000', '7613.00.0000', '7614.10.10'];
const J19_MARCH = [
  '7610.10.00',
  '7610.90.00',
  '7615.10.2015',
  '7615.10.2025',
  '7615.10.3015',
  '7615.10.3025',
  '7615.10.5020',
  '7615.10.5040',
  '7615.10.7125',
  '7615.10.7130',
  '7615.10.7155',
  '7615.10.7180',
  '7615.10.9100',
  '7615.20.0000',
  '7616.10.9090',
  '7616.99.1000',
  '7616.99.5130',
  '7616.99.5140',
  '7616.99.5190',
];

describe('the lists agree with the sources', () => {
  it('the four 18 Aug 2025 additions are the 19(j) rows of the inclusions file', () => {
    const rows = readFileSync(join(ROOT, 'data/sources/instruments/s232_derivative_inclusions_2025-08-18.csv'), 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .filter((r) => r.startsWith('19(j),'))
      .map((r) => r.split(',')[2]);
    expect(rows).toEqual(LATE);
  });
});

describe('U.S. note 19(i)/(j) from 12 Mar 2025: 25% of the full value, no reciprocal', () => {
  it.each([...I19, ...J19_MARCH])('%s of China on 2025-05-01: 25% × 10,000.00 = 2,500.00 under 9903.85.04/.07, reciprocal 0', (hts) => {
    const b = on(hts, '2025-05-01', 'CN', share('0.4'));
    // the full value, even with a declared aluminum content (chapter 76 before 4 Jun 2025)
    expect(s232(b).map((l) => [l.ref, l.base, l.amount])).toEqual([['9903.85.04, 9903.85.07', 1_000_000, 250_000]]);
    expect(total(b, 'ieepa-reciprocal')).toBe(0);
  });

  it.each([...I19, ...J19_MARCH])('%s is not charged on 2025-03-11, the day before', (hts) => {
    expect(s232(on(hts, '2025-03-11', 'KR'))).toEqual([]);
  });

  it.each(LATE)('%s (added 18 Aug 2025) is not charged on 2025-05-01 and pays the reciprocal', (hts) => {
    const b = on(hts, '2025-05-01', 'KR');
    expect(s232(b)).toEqual([]);
    expect(total(b, 'ieepa-reciprocal')).toBe(100_000); // 10% × 10,000.00
  });

  it('7612.90.10 (empty cans) from 2025-04-04 only: 25% × 10,000.00 = 2,500.00 under 9903.85.07', () => {
    expect(s232(on('7612.90.10', '2025-04-03', 'KR'))).toEqual([]);
    expect(s232(on('7612.90.10', '2025-04-04', 'KR')).map((l) => [l.ref, l.amount])).toEqual([['9903.85.07', 250_000]]);
  });

  it('not for goods of Mexico under the fentanyl duty (EO 14289 sec. 3)', () => {
    expect(s232(on('7610.10.00', '2025-05-01', 'MX'))).toEqual([]);
  });
});

describe('from 4 Jun 2025: 50% of the aluminum content, the UK 25%', () => {
  const ALL = [...I19, ...J19_MARCH, '7612.90.10'];
  it.each(ALL)('%s of Korea on 2025-06-04, 40% aluminum: 50% × 4,000.00 = 2,000.00; reciprocal 10% × 6,000.00 = 600.00', (hts) => {
    const b = on(hts, '2025-06-04', 'KR', share('0.4'));
    expect(s232(b).map((l) => [l.measure, l.base, l.amount])).toEqual([['us-s232-aluminum-derivatives-50', 400_000, 200_000]]);
    expect(total(b, 'ieepa-reciprocal')).toBe(60_000);
  });

  it.each(ALL)('%s of the UK on 2026-04-05, 40% aluminum: 25% × 4,000.00 = 1,000.00', (hts) => {
    const b = on(hts, '2026-04-05', 'GB', share('0.4'));
    expect(s232(b).map((l) => [l.measure, l.amount])).toEqual([['us-s232-aluminum-uk-derivatives-25', 100_000]]);
  });

  it.each(LATE)('%s from 2025-08-18: 50% of the content (KR), 25% (GB); nothing on 2025-08-17', (hts) => {
    expect(s232(on(hts, '2025-08-17', 'KR'))).toEqual([]);
    // 7614.10.10 (steel core) is also a steel derivative of 16(n)(3): note 19(h) charges both, so only the aluminum line is asserted
    const alu = (b: Breakdown) => s232(b).filter((l) => l.ref.startsWith('9903.85'));
    expect(alu(on(hts, '2025-08-18', 'KR', share('0.4'))).map((l) => [l.ref, l.amount])).toEqual([['9903.85.07', 200_000]]);
    expect(alu(on(hts, '2025-08-18', 'GB', share('0.4'))).map((l) => [l.ref, l.amount])).toEqual([['9903.85.14', 100_000]]);
  });

  it('no double charge: the aluminum articles of 19(g) keep their one measure (7616.99.5160, 7604.29.10)', () => {
    for (const hts of ['7616.99.5160', '7604.29.10']) {
      expect(s232(on(hts, '2025-08-01', 'KR', share('0.4'))).map((l) => l.measure)).toEqual(['us-s232-aluminum-50']);
    }
  });
});

describe('U.S. note 16(n)(2) appliances of the United Kingdom: 25% under 9903.81.98 (CSMS 65405824)', () => {
  it.each(NOTE_16N2)('%s of the UK on 2025-06-23, 40% steel: 25% × 4,000.00 = 1,000.00 (not 50%)', (hts) => {
    // the steel line only: 9403.99.9020 is also an aluminum derivative of note 19(s) (9903.85.15)
    const lines = s232(on(hts, '2025-06-23', 'GB', steelShare('0.4'))).filter((l) => l.ref.startsWith('9903.81'));
    expect(lines.map((l) => [l.ref, l.amount])).toEqual([['9903.81.98', 100_000]]);
  });
  it('nothing for the UK on 2025-06-22', () => {
    expect(s232(on('8418.30.00', '2025-06-22', 'GB'))).toEqual([]);
  });
});
