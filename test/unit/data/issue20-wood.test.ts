/**
 * Issue 20: Section 232 wood products (Proclamation 10976 of 29 Sep 2025, 90 FR 48127), from the law's
 * own text, U.S. note 37 to subchapter III of chapter 99 (HTSUS 2026 Rev 6,
 * data/sources/usitc/chapter99_2026_revision_6.txt.gz), goods entered from 14 Oct 2025:
 *
 * - 9903.76.01: softwood timber and lumber of note 37(b), all origins, +10%.
 * - 9903.76.02: upholstered wooden furniture of note 37(d) (9401.61.4011/.4031/.6011/.6031), +25%;
 *   9903.76.03: kitchen cabinets and vanities and their parts of note 37(f) (9403.40.9060,
 *   9403.60.8093, 9403.91.0080), +25% — both for all countries but the UK, the EU, Japan (note 37(c),
 *   (e)) and, from their own headings, South Korea (2025-11-14, 90 FR 55964) and Taiwan (2026-05-01,
 *   HTSUS 2026 Rev 9). 9403.60.8093 and 9403.91.0080 hold other wooden furniture too (9903.76.04,
 *   note 37(g)): charged only when claimed (cabinet-or-vanity).
 * - 9903.76.20 UK "+10%"; 9903.76.21 Japan, .22 EU, .23 Korea, .24 Taiwan "15%" in place of the
 *   column 1 rate: every line of 37(d) and (f) is Free, so 15% of the value.
 * - Not stacked: the reciprocal tariff (note 2(v)(xiii)), IEEPA Mexico and Canada (notes 2(a) and 2(j):
 *   "other than products described in headings 9903.76.01, 9903.76.02 or 9903.76.03"), Section 122
 *   (note 2(aa)(v)(4)). Section 301 and the IEEPA fentanyl duty on China stay.
 *
 * Every case: value 10,000.00, ocean; the amounts are the duty only (fees aside).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { noteSubdivisionList } from '../../../scripts/data/lib/chapter99-notes.js';
import { CHAPTER99_TEXT } from '../../../scripts/data/lib/lists.js';
import { readSource } from '../../../scripts/data/lib/read.js';
import type { Breakdown } from '../../../src/core/types.js';
import type { ScheduleIndex } from '../../../src/schedule/schedule-index.js';
import { bundledIndexFast, price, ROOT, ship } from '../../helpers.js';

let ix: ScheduleIndex;
beforeAll(() => {
  ix = bundledIndexFast();
});

const on = (hts: string, origin: string, date: string, claim?: string): Breakdown =>
  price(ix, 'as-entered', ship({ hts, origin, value: '10000', mode: 'ocean', date, ...(claim ? { elections: { claim } } : {}) }));
/** the duty lines charged, "ref amount" in cents */
const charged = (b: Breakdown): string[] => b.lines.filter((l) => l.kind === 'duty' && l.amount > 0).map((l) => `${l.ref} ${l.amount}`);

type Case = [hts: string, origin: string, date: string, claim: string, duty: number, lines: string[], arithmetic: string];

const LUMBER: Case[] = [
  [
    '4407.11.00',
    'CN',
    '2025-10-13',
    '',
    450_000,
    ['9903.88.03 250000', '9903.01.24 200000'],
    '301 List 3 25% + fentanyl 20% = 4,500.00; reciprocal: Annex II (chapter 44) to 2025-10-13',
  ],
  [
    '4407.11.00',
    'CN',
    '2025-10-14',
    '',
    550_000,
    ['9903.88.03 250000', '9903.76.01 100000', '9903.01.24 200000'],
    '301 25% 2,500.00 + 232 10% 1,000.00 + fentanyl 20% 2,000.00 = 5,500.00; no reciprocal',
  ],
  ['4407.11.00', 'CA', '2025-10-13', '', 350_000, ['9903.01.10 350000'], 'IEEPA Canada 35% (no USMCA claim) = 3,500.00'],
  ['4407.11.00', 'CA', '2025-10-14', '', 100_000, ['9903.76.01 100000'], '232 10% = 1,000.00; 9903.01.10 not on 9903.76.01 (note 2)'],
  ['4407.11.00', 'DE', '2025-10-13', '', 0, [], 'Free; reciprocal: Annex II'],
  ['4407.11.00', 'DE', '2025-10-14', '', 100_000, ['9903.76.01 100000'], '232 10% = 1,000.00 (the EU heading covers only (d), (f)); no reciprocal floor'],
  ['4407.11.00', 'JP', '2025-10-14', '', 100_000, ['9903.76.01 100000'], '232 10% = 1,000.00'],
  ['4407.11.00', 'GB', '2025-10-14', '', 100_000, ['9903.76.01 100000'], '232 10% = 1,000.00; no reciprocal 10%'],
  ['4407.11.00', 'VN', '2025-10-14', '', 100_000, ['9903.76.01 100000'], '232 10% = 1,000.00; no reciprocal 20%'],
  ['4407.11.00', 'VN', '2026-03-10', '', 100_000, ['9903.76.01 100000'], '232 10% = 1,000.00; no Section 122 (note 2(aa)(v)(4))'],
];

const UPHOLSTERED: Case[] = [
  ['9401.61.4011', 'VN', '2025-10-13', '', 200_000, ['9903.02.69 200000'], 'reciprocal Vietnam 20% = 2,000.00'],
  ['9401.61.4011', 'VN', '2025-10-14', '', 250_000, ['9903.76.02 250000'], '232 25% = 2,500.00; no reciprocal'],
  [
    '9401.61.6011',
    'CN',
    '2025-10-14',
    '',
    700_000,
    ['9903.88.03 250000', '9903.76.02 250000', '9903.01.24 200000'],
    '301 List 3 25% 2,500.00 + 232 25% 2,500.00 + fentanyl 20% 2,000.00 = 7,000.00',
  ],
  ['9401.61.4011', 'DE', '2025-10-14', '', 150_000, ['9903.76.22 150000'], 'EU 15% less column 1 Free = 15% × 10,000.00 = 1,500.00'],
  ['9401.61.4011', 'JP', '2025-10-14', '', 150_000, ['9903.76.21 150000'], 'Japan 15% = 1,500.00'],
  ['9401.61.4011', 'GB', '2025-10-14', '', 100_000, ['9903.76.20 100000'], 'UK +10% = 1,000.00'],
  ['9401.61.6011', 'CA', '2025-10-14', '', 250_000, ['9903.76.02 250000'], '232 25% = 2,500.00; no IEEPA Canada'],
  ['9401.61.6011', 'KR', '2025-11-13', '', 250_000, ['9903.76.02 250000'], 'Korea before its heading: 25% = 2,500.00'],
  ['9401.61.6011', 'KR', '2025-11-14', '', 150_000, ['9903.76.23 150000'], 'Korea 15% (90 FR 55964, from 2025-11-14) = 1,500.00'],
  ['9401.61.6011', 'TW', '2026-04-30', '', 250_000, ['9903.76.02 250000'], 'Taiwan before its heading: 25% = 2,500.00'],
  ['9401.61.6011', 'TW', '2026-05-01', '', 150_000, ['9903.76.24 150000'], 'Taiwan 15% (Rev 9, from 2026-05-01) = 1,500.00'],
  ['9401.61.6001', 'VN', '2025-10-14', '', 200_000, ['9903.02.69 200000'], 'stationary activity centres for children: not in 37(d); reciprocal 20%'],
];

const CABINETS: Case[] = [
  ['9403.40.9060', 'VN', '2025-10-13', '', 200_000, ['9903.02.69 200000'], 'reciprocal Vietnam 20% = 2,000.00'],
  ['9403.40.9060', 'VN', '2025-10-14', '', 250_000, ['9903.76.03 250000'], '232 25% = 2,500.00'],
  [
    '9403.40.9060',
    'CN',
    '2025-10-14',
    '',
    700_000,
    ['9903.88.03 250000', '9903.76.03 250000', '9903.01.24 200000'],
    '301 List 3 25% 2,500.00 + 232 25% 2,500.00 + fentanyl 20% 2,000.00 = 7,000.00',
  ],
  ['9403.40.9060', 'MX', '2025-10-14', '', 250_000, ['9903.76.03 250000'], '232 25% = 2,500.00; no IEEPA Mexico 25%'],
  ['9403.40.9060', 'DE', '2025-10-14', '', 150_000, ['9903.76.22 150000'], 'EU 15% = 1,500.00'],
  ['9403.40.9060', 'GB', '2025-10-14', '', 100_000, ['9903.76.20 100000'], 'UK 10% = 1,000.00'],
  ['9403.40.9060', 'JP', '2025-10-14', '', 150_000, ['9903.76.21 150000'], 'Japan 15% = 1,500.00'],
  ['9403.40.9060', 'VN', '2026-03-10', '', 250_000, ['9903.76.03 250000'], '232 25% = 2,500.00; no Section 122'],
  ['9403.60.8093', 'VN', '2025-10-14', '', 200_000, ['9903.02.69 200000'], 'other wooden furniture (9903.76.04): reciprocal 20% = 2,000.00'],
  ['9403.60.8093', 'VN', '2025-10-14', 'cabinet-or-vanity', 250_000, ['9903.76.03 250000'], 'a vanity, claimed: 232 25% = 2,500.00'],
  ['9403.91.0080', 'DE', '2025-10-14', 'cabinet-or-vanity', 150_000, ['9903.76.22 150000'], 'cabinet parts of the EU, claimed: 15% = 1,500.00'],
  ['9403.60.8093', 'VN', '2026-03-10', '', 100_000, ['9903.03.01 100000'], 'not claimed: Section 122 10% = 1,000.00'],
];

describe.each([
  ['softwood timber and lumber, 9903.76.01 (note 37(b))', LUMBER],
  ['upholstered wooden furniture, 9903.76.02/.20-.24 (note 37(d))', UPHOLSTERED],
  ['kitchen cabinets and vanities, 9903.76.03/.20-.24 (note 37(f))', CABINETS],
])('Section 232 wood products: %s', (_title, cases) => {
  it.each(cases)('%s of %s on %s %s: duty %i (%s)', (hts, origin, date, claim, duty, lines, _arithmetic) => {
    const b = on(hts, origin, date, claim || undefined);
    expect(charged(b)).toEqual(lines);
    expect(b.duty).toBe(duty);
  });
});

describe('note 37 lists as built', () => {
  it('9903.76.01 holds the 15 subheadings of note 37(b), none more', () => {
    const m = ix.schedule.measures.find((x) => x.id === 'us-s232-lumber');
    expect(m?.hts).toEqual([
      '44031100',
      '44032101',
      '44032201',
      '44032301',
      '44032401',
      '44032501',
      '44032601',
      '44039901',
      '44061100',
      '44069100',
      '44071100',
      '44071200',
      '44071300',
      '44071400',
      '44071900',
    ]);
  });

  it('asks for the statistical number of 9401.61.40, where 37(d) names two of its three', () => {
    expect(() => on('9401.61.40', 'VN', '2025-10-14')).toThrow(/9401\.61\.40 is too short/);
  });

  it("names the third as well (children's chairs, 9401.61.4001): the line's own rate prices it, no wood duty", () => {
    const r = ix.findLine('US', '94016140', { origin: 'VN', date: '2025-10-14' });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.issue.choices).toEqual(['9401.61.4011', '9401.61.4031']);
      expect(r.issue.hint).toContain('9401.61.4011 (Other household); 9401.61.4031 (Other)');
      expect(r.issue.hint).toContain('or another statistical number of 9401.61.40, priced as the line: 9401.61.4001 (Chairs for children');
    }
    // and that code prices: MFN Free, the reciprocal of Vietnam 20% (9903.02.69) × 10,000.00, no 9903.76.02
    const b = on('9401.61.4001', 'VN', '2025-10-14');
    expect(b.lines.some((l) => l.ref === '9903.76.02')).toBe(false);
  });
});

describe('note 37 read from the Chapter 99 text (its number alone on a line, a page header before its (a))', () => {
  const text = readSource(ROOT, CHAPTER99_TEXT, 'latin1');
  it.each([
    ['d', ['9401614011', '9401614031', '9401616011', '9401616031']],
    ['f', ['9403409060', '9403608093', '9403910080']],
  ])('note 37(%s): the statistical numbers as printed', (sub, codes) => {
    expect(noteSubdivisionList(text, 37, sub, /9903\.76\.01/).hts).toEqual(codes);
  });

  it('is not found under an anchor of another note', () => {
    expect(() => noteSubdivisionList(text, 37, 'b', /9903\.88\.01/)).toThrow(/US note 37/);
  });
});
