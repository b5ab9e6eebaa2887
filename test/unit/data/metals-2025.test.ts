/**
 * Issue 20 item 2: the 2025 aluminum lists read from the law's texts (data/CHANGELOG.md 2026.12.06-36).
 *
 * - U.S. note 19(k), 9903.85.08, before 18 Aug 2025: the note of the HTSUS 2026 Rev 6 text less the 118
 *   provisions the BIS notice of 19 Aug 2025 inserts (90 FR 40328, Annex I para. f), with 9401.99.9081,
 *   which the same notice replaced by 9401.99.9030/.9070 from 1 Jul 2025 (Annex II, B(a)); beer
 *   (2203.00.00) from 4 Apr 2025 (FR Doc 2025-05884). 25% of the aluminum content from 12 Mar 2025
 *   (Proclamation 10895, cl. 5: outside chapter 76 the duty is on the aluminum content), the whole article
 *   excepted from the reciprocal tariff (9903.01.33, CBP FAQ); 50% from 4 Jun 2025 (Proclamation 10947),
 *   the rest paying the reciprocal.
 * - The United Kingdom, note 19(s), 9903.85.15: 25% of the aluminum content from 4 Jun 2025, the 19(k)
 *   list (the Rev 6 text prints the same 224 provisions in both; the BIS notice adds the same 118 to both,
 *   Annex I paras. f and h).
 * - Russia, 9903.85.68: 200% of the full value (note 19(a)(vii)(B), 19(m)(B)) on the derivatives of note
 *   19(a)(iii) from 10 Mar 2023 (Proclamation 10522) and of notes 19(i)-(k) from 12 Mar 2025
 *   (Proclamation 10895), in place of the 25%/50% of other origins.
 *
 * Every shipment: value 10,000.00, ocean, aluminum content 40% (4,000.00) unless said.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseDec } from '../../../src/core/decimal.js';
import type { Breakdown, ContentShare } from '../../../src/core/types.js';
import type { ScheduleIndex } from '../../../src/schedule/schedule-index.js';
import { bundledIndexFast, price, ROOT, ship } from '../../helpers.js';

let ix: ScheduleIndex;
beforeAll(() => {
  ix = bundledIndexFast();
});

const al = (s: string): Record<string, ContentShare> => {
  const d = parseDec(s);
  if (!d) throw new Error(s);
  return { aluminum: { share: d } };
};
/** `content` null: none declared */
const on = (hts: string, date: string, origin: string, content: Record<string, ContentShare> | null = al('0.4')): Breakdown =>
  price(ix, 'as-entered', ship({ hts, origin, value: '10000', mode: 'ocean', date, ...(content ? { content } : {}) }));
/** the aluminum lines (9903.85.xx) with an amount: [measure, ref, base, amount] */
const alu = (b: Breakdown) =>
  b.lines.filter((l) => l.authority === 's232' && l.ref.startsWith('9903.85') && l.amount > 0).map((l) => [l.measure, l.ref, l.base, l.amount]);
const total = (b: Breakdown, authority: string): number => b.lines.filter((l) => l.authority === authority).reduce((t, l) => t + l.amount, 0);

const csvRows = (rel: string): Record<string, string>[] => {
  const [head, ...rows] = readFileSync(join(ROOT, rel), 'utf8').trim().split('\n');
  const cols = (head ?? '').split(',');
  return rows.map((r) => Object.fromEntries(r.split(',').map((v, i) => [cols[i] ?? '', v])));
};
const LIST = csvRows('data/sources/instruments/s232_note19k_2025-03-12.csv');
const AUG_19K = csvRows('data/sources/instruments/s232_derivative_inclusions_2025-08-18.csv')
  .filter((r) => r.subdivision === '19(k)')
  .map((r) => r.hts);

/** the codes a subdivision of note 19 lists in the Rev 6 text, from its opening words to `end` */
const noteCodes = (start: string, end: string): string[] => {
  const text = gunzipSync(readFileSync(join(ROOT, 'data/sources/usitc/chapter99_2026_revision_6.txt.gz'))).toString('latin1');
  const i = text.indexOf(start);
  const j = text.indexOf(end, i);
  if (i < 0 || j < 0) throw new Error(`not found: ${start}`);
  return [...text.slice(i, j).matchAll(/\b\d{4}\.\d{2}(?:\.\d{2,4})?\b/g)].map((m) => m[0]).filter((c) => !c.startsWith('9903'));
};

/** four provisions of the March list, from four chapters */
const MARCH = ['6603.90.8100', '8302.41.6045', '8473.30.2000', '9506.51.4000'];
/** four of the 118 provisions added on 18 Aug 2025 */
const AUGUST = ['3208.10.00', '8418.10.00', '8544.42.90', '9401.79.00'];

describe('the list of note 19(k) from 12 Mar to 17 Aug 2025 (instruments/s232_note19k_2025-03-12.csv)', () => {
  it('is the Rev 6 text of 19(k) less the 118 provisions of 18 Aug 2025, with 9401.99.9081 for 9401.99.9030/.9070', () => {
    const rev6 = noteCodes('(k) The rates of duty in heading 9903.85.08 apply', 'For any derivative aluminum product that is classified in one of');
    expect(rev6.length).toBe(224);
    expect(AUG_19K.length).toBe(118);
    const expected = [...rev6.filter((c) => !AUG_19K.includes(c) && c !== '9401.99.9030' && c !== '9401.99.9070'), '9401.99.9081'].sort();
    // 224 − 118 − 2 + 1 = 105
    expect(expected.length).toBe(105);
    expect(LIST.map((r) => r.hts).sort()).toEqual(expected);
  });

  it('dates beer (2203.00.00) from 4 Apr 2025 and the other 104 from 12 Mar 2025', () => {
    expect(LIST.filter((r) => r.from === '2025-04-04').map((r) => r.hts)).toEqual(['2203.00.00']);
    expect(LIST.filter((r) => r.from === '2025-03-12').length).toBe(104);
  });

  it('note 19(s) (the United Kingdom) lists the same 224 provisions as 19(k) in the Rev 6 text', () => {
    const k = noteCodes('(k) The rates of duty in heading 9903.85.08 apply', 'For any derivative aluminum product that is classified in one of');
    const s = noteCodes('(s) The rates of duty set forth in heading 9903.85.15 apply', 'ad valorem duty imposed by heading 9903.85.15 shall only');
    expect(s).toEqual(k);
  });

  it('every provision is in the HTSUS 2025 Basic Edition (the lines the tool prices for 2025)', () => {
    const edition = gunzipSync(readFileSync(join(ROOT, 'data/sources/usitc/hts_2025_basic_edition.csv.gz'))).toString('utf8');
    const codes = new Set(
      edition.split('\n').map((l) =>
        l
          .replace(/^\uFEFF/, '')
          .split(',')[0]
          ?.replace(/"/g, ''),
      ),
    );
    expect(LIST.filter((r) => !codes.has((r.hts ?? '').replace(/^(\d{4}\.\d{2}\.\d{2})(\d{2})$/, '$1.$2')))).toEqual([]);
  });
});

describe('U.S. note 19(k), 9903.85.08, from 12 Mar 2025: 25% of the aluminum content, no reciprocal', () => {
  it.each(MARCH)('%s is not charged on 2025-03-11 (KR, CN)', (hts) => {
    expect(alu(on(hts, '2025-03-11', 'KR'))).toEqual([]);
    expect(alu(on(hts, '2025-03-11', 'CN'))).toEqual([]);
  });

  it.each(MARCH)('%s on 2025-03-12 (KR, CN): 25% × 4,000.00 = 1,000.00 under 9903.85.08', (hts) => {
    for (const origin of ['KR', 'CN']) {
      expect(alu(on(hts, '2025-03-12', origin))).toEqual([['us-s232-aluminum-derivatives-19k-25', '9903.85.08', 400_000, 100_000]]);
    }
  });

  it.each(MARCH)('%s on 2025-05-01: the whole article is excepted from the reciprocal (KR, CN: 0)', (hts) => {
    expect(total(on(hts, '2025-05-01', 'KR'), 'ieepa-reciprocal')).toBe(0);
    expect(total(on(hts, '2025-05-01', 'CN'), 'ieepa-reciprocal')).toBe(0);
  });

  it('without a declared content the full value: 25% × 10,000.00 = 2,500.00 (8302.41.6045, KR, 2025-05-01)', () => {
    expect(alu(on('8302.41.6045', '2025-05-01', 'KR', null))).toEqual([['us-s232-aluminum-derivatives-19k-25', '9903.85.08', 1_000_000, 250_000]]);
  });

  it('beer (2203.00.00) from 2025-04-04 only: 25% × 4,000.00 = 1,000.00', () => {
    expect(alu(on('2203.00.00', '2025-04-03', 'KR'))).toEqual([]);
    expect(alu(on('2203.00.00', '2025-04-04', 'KR'))).toEqual([['us-s232-aluminum-beer-25', '9903.85.08', 400_000, 100_000]]);
    expect(alu(on('2203.00.00', '2025-04-04', 'GB'))).toEqual([['us-s232-aluminum-beer-25', '9903.85.08', 400_000, 100_000]]);
  });

  it.each(AUGUST)('%s (added 18 Aug 2025) is not charged on 2025-05-01 or 2025-08-17 (KR)', (hts) => {
    expect(alu(on(hts, '2025-05-01', 'KR'))).toEqual([]);
    expect(alu(on(hts, '2025-08-17', 'KR'))).toEqual([]);
  });

  it('not for goods of Canada under the fentanyl duty (EO 14289 sec. 3): 8302.41.6045 on 2025-05-01', () => {
    expect(alu(on('8302.41.6045', '2025-05-01', 'CA'))).toEqual([]);
  });
});

describe('from 4 Jun 2025: 50% of the aluminum content, the UK 25% under 9903.85.15', () => {
  it.each(MARCH)('%s of the UK: 25% under 9903.85.08 on 2025-06-03, under 9903.85.15 on 2025-06-04 (1,000.00)', (hts) => {
    expect(alu(on(hts, '2025-06-03', 'GB'))).toEqual([['us-s232-aluminum-derivatives-19k-25', '9903.85.08', 400_000, 100_000]]);
    expect(alu(on(hts, '2025-06-04', 'GB'))).toEqual([['us-s232-aluminum-uk-derivatives-19s-25', '9903.85.15', 400_000, 100_000]]);
  });

  // 8473.30.2000 is left out here: computer parts are in Annex II of the reciprocal tariff (no reciprocal at all)
  it.each(MARCH.filter((h) => h !== '8473.30.2000'))('%s of Korea on 2025-06-04: 50% × 4,000.00 = 2,000.00; reciprocal 10% × 6,000.00 = 600.00', (hts) => {
    const b = on(hts, '2025-06-04', 'KR');
    expect(alu(b)).toEqual([['us-s232-aluminum-derivatives-19k-50', '9903.85.08 (as amended 4 Jun 2025)', 400_000, 200_000]]);
    expect(total(b, 'ieepa-reciprocal')).toBe(60_000);
  });

  it.each(MARCH)('%s on 2025-08-17 and 2025-08-18: 2,000.00 (KR) and 1,000.00 (GB), the list of Rev 6 from 18 Aug', (hts) => {
    expect(alu(on(hts, '2025-08-17', 'KR'))).toEqual([['us-s232-aluminum-derivatives-19k-50', '9903.85.08 (as amended 4 Jun 2025)', 400_000, 200_000]]);
    expect(alu(on(hts, '2025-08-18', 'KR'))).toEqual([['us-s232-aluminum-derivatives-2025-08', '9903.85.08', 400_000, 200_000]]);
    expect(alu(on(hts, '2025-08-17', 'GB'))).toEqual([['us-s232-aluminum-uk-derivatives-19s-25', '9903.85.15', 400_000, 100_000]]);
    expect(alu(on(hts, '2025-08-18', 'GB'))).toEqual([['us-s232-aluminum-uk-derivatives-2025-08-19s', '9903.85.15', 400_000, 100_000]]);
  });

  it('9401.99.9081 on 2025-07-15 (KR): 50% × 4,000.00 = 2,000.00', () => {
    expect(alu(on('9401.99.9081', '2025-07-15', 'KR'))).toEqual([
      ['us-s232-aluminum-derivatives-19k-50', '9903.85.08 (as amended 4 Jun 2025)', 400_000, 200_000],
    ]);
  });

  it('goods of Mexico on 2025-06-10: 232 on the content (2,000.00), the fentanyl 25% on the rest (25% × 6,000.00 = 1,500.00)', () => {
    const b = on('8302.41.6045', '2025-06-10', 'MX');
    expect(alu(b)).toEqual([['us-s232-aluminum-derivatives-19k-50', '9903.85.08 (as amended 4 Jun 2025)', 400_000, 200_000]]);
    expect(total(b, 'ieepa-fentanyl')).toBe(150_000);
  });
});

describe('U.S. note 19(s): the UK additions of 18 Aug 2025 outside chapter 76 (9903.85.15)', () => {
  it.each(AUGUST)('%s of the UK: nothing on 2025-08-17; 25% × 4,000.00 = 1,000.00 on 2025-08-18 and 2026-04-05', (hts) => {
    expect(alu(on(hts, '2025-08-17', 'GB'))).toEqual([]);
    expect(alu(on(hts, '2025-08-18', 'GB'))).toEqual([['us-s232-aluminum-uk-derivatives-2025-08-19s', '9903.85.15', 400_000, 100_000]]);
    expect(alu(on(hts, '2026-04-05', 'GB'))).toEqual([['us-s232-aluminum-uk-derivatives-2025-08-19s', '9903.85.15', 400_000, 100_000]]);
  });

  it.each(AUGUST)('%s of Korea on 2025-08-18: 50% × 4,000.00 = 2,000.00 under 9903.85.08', (hts) => {
    expect(alu(on(hts, '2025-08-18', 'KR'))).toEqual([['us-s232-aluminum-derivatives-2025-08', '9903.85.08', 400_000, 200_000]]);
  });
});

describe('Russia, 9903.85.68: 200% of the full value on the derivatives', () => {
  it('7614.10.50 (note 19(a)(iii)): nothing on 2023-03-09; 200% × 10,000.00 = 20,000.00 from 2023-03-10; not for Korea', () => {
    expect(alu(on('7614.10.50', '2023-03-09', 'RU'))).toEqual([]);
    expect(alu(on('7614.10.50', '2023-03-10', 'RU'))).toEqual([['us-s232-aluminum-derivatives-russia-200-2023', '9903.85.68', 1_000_000, 2_000_000]]);
    expect(alu(on('7614.10.50', '2023-03-10', 'KR'))).toEqual([]);
  });

  it.each(MARCH)('%s of Russia: 20,000.00 on the full value in place of the 25% (2025-03-12) and the 50% (2025-06-04)', (hts) => {
    expect(alu(on(hts, '2025-03-11', 'RU'))).toEqual([]);
    expect(alu(on(hts, '2025-03-12', 'RU'))).toEqual([['us-s232-aluminum-derivatives-russia-200-2025-03', '9903.85.68', 1_000_000, 2_000_000]]);
    expect(alu(on(hts, '2025-06-04', 'RU'))).toEqual([['us-s232-aluminum-derivatives-russia-200-2025-04', '9903.85.68', 1_000_000, 2_000_000]]);
    expect(alu(on(hts, '2025-08-18', 'RU'))).toEqual([['us-s232-aluminum-derivatives-russia-200-2025-08', '9903.85.68', 1_000_000, 2_000_000]]);
  });

  it('chapter 76 and the additions: 7610.10.00 from 2025-03-12, cans from 2025-04-04, 8418.10.00 and 7612.10.0000 from 2025-08-18', () => {
    const ru = (hts: string, date: string) => alu(on(hts, date, 'RU')).map(([m, , , amount]) => [m, amount]);
    expect(ru('7610.10.00', '2025-03-12')).toEqual([['us-s232-aluminum-derivatives-russia-200-2025-03', 2_000_000]]);
    // beer is left out: its column 2 rate ($0.132/liter) needs a quantity
    expect(ru('7612.90.10', '2025-04-03')).toEqual([]);
    expect(ru('7612.90.10', '2025-04-04')).toEqual([['us-s232-aluminum-derivatives-russia-200-2025-04', 2_000_000]]);
    expect(ru('8418.10.00', '2025-08-17')).toEqual([]);
    expect(ru('8418.10.00', '2025-08-18')).toEqual([['us-s232-aluminum-derivatives-russia-200-2025-08', 2_000_000]]);
    expect(ru('7612.10.0000', '2025-08-18')).toEqual([['us-s232-aluminum-derivatives-russia-200-2025-08', 2_000_000]]);
  });

  it('ends with the other aluminum measures: no 9903.85.68 on 2026-04-06', () => {
    expect(on('8302.41.6045', '2026-04-06', 'RU').lines.filter((l) => l.ref === '9903.85.68')).toEqual([]);
  });
});
