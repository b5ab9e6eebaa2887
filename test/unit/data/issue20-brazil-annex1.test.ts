/**
 * Issue 20: Annex I of EO 14323 (30 Jul 2025, 90 FR 37739), the products exempt from Brazil's 40%
 * (9903.01.77) from its first day, 6 Aug 2025 (CBP CSMS 65807735), checked on the bundled schedule by
 * the heading each shipment is charged under.
 *
 * - 9903.01.81 (U.S. note 2(x)(iii)(a)): the 129 subheadings of the July annex, products other than
 *   civil aircraft; no claim. Rev 6 lists 367 = these 129 + the 238 rows the updated Annex I of
 *   20 Nov 2025 marks Addition (exempt from 13 Nov 2025 only: us-ieepa-brazil-40-ag-2025-11).
 * - 9903.01.82 (note 2(x)(iv)): 565 provisions of civil aircraft, their engines, parts and simulators
 *   "that otherwise meet the criteria of general note 6": a condition the code cannot show, so a
 *   claim (civil-aircraft); 559 are lines this tool prices (the chapter 98 provisions are not).
 * - The 40% ends for entries from 24 Feb 2026 (CSMS 67834313), and the exemptions with it.
 *
 * The expected lists are hts-hero's transcription of 9 Aug 2025 (brazil-annex1-lists.ts, with its
 * checks); the build reads the HTSUS text. Every shipment: $10,000.00, ocean, MFN given as 0%
 * (some of these lines have specific rates: per liter, per barrel), so the 40% is 4,000.00.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseDec } from '../../../src/core/decimal.js';
import { type ListReaders, resolveLists } from '../../../scripts/data/lib/lists.js';
import { landedCost } from '../../../src/core/landed-cost.js';
import { resolveScenario } from '../../../src/core/scenario.js';
import type { Breakdown, Shipment } from '../../../src/core/types.js';
import type { RawMeasure } from '../../../src/schedule/schema.js';
import type { ScheduleIndex } from '../../../src/schedule/schedule-index.js';
import { bundledIndexFast, price, ROOT, ship } from '../../helpers.js';
import { ANNEX1_JULY_9903_01_81, ANNEX1_JULY_9903_01_82 } from './brazil-annex1-lists.js';

let ix: ScheduleIndex;
beforeAll(() => {
  ix = bundledIndexFast();
});

const zero = parseDec('0');
if (!zero) throw new Error('0');
const shipment = (hts: string, date: string, claim?: string): Shipment =>
  ship({
    hts,
    origin: 'BR',
    value: '10000',
    mode: 'ocean',
    date,
    mfnRate: { kind: 'ad-valorem', adValorem: zero },
    ...(claim ? { elections: { claim } } : {}),
  });
/**
 * The breakdown of a shipment; where the 8-digit code is too short on the date (another measure
 * splits the line: Section 232 steel, note 16(n)(3) …), the first statistical number under it, which the
 * annex covers as well (it lists 8-digit subheadings).
 */
const br = (hts: string, date: string, claim?: string): Breakdown => {
  const sc = resolveScenario(ix.schedule.scenarios, 'as-entered');
  if (!sc.ok) throw new Error(sc.issue.message);
  const r = landedCost(shipment(hts, date, claim), sc.value, ix);
  if (r.ok) return r.value;
  const first = r.issue.code === 'hts-ambiguous' ? r.issue.choices?.[0] : undefined;
  if (!first) throw new Error(`${r.issue.code}: ${r.issue.message}`);
  return price(ix, 'as-entered', shipment(first, date, claim));
};
/** the Brazil lines of a breakdown: heading → amount in cents */
const brazil = (b: Breakdown): Record<string, number> =>
  Object.fromEntries(b.lines.filter((l) => l.authority === 'ieepa-brazil').map((l) => [l.ref, l.amount]));
const s232 = (b: Breakdown): boolean => b.lines.some((l) => l.authority === 's232' && l.amount > 0);

const NOV_ADDITIONS = readFileSync(join(ROOT, 'data/sources/instruments/brazil_annex1_additions_2025-11-13.csv'), 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((r) => r.split(','))
  .filter((r) => r[1] === 'no')
  .map((r) => r[0] ?? '');
const AIRCRAFT_PRICED = ANNEX1_JULY_9903_01_82.filter((c) => !c.startsWith('98'));

describe('the lists', () => {
  it('has 129 + 565 = 694 rows in the July annex, 238 November additions, none in two lists', () => {
    expect(ANNEX1_JULY_9903_01_81).toHaveLength(129);
    expect(ANNEX1_JULY_9903_01_82).toHaveLength(565);
    expect(new Set([...ANNEX1_JULY_9903_01_81, ...ANNEX1_JULY_9903_01_82]).size).toBe(694);
    expect(NOV_ADDITIONS).toHaveLength(238);
    expect(NOV_ADDITIONS.filter((c) => ANNEX1_JULY_9903_01_81.includes(c) || ANNEX1_JULY_9903_01_82.includes(c))).toEqual([]);
    // the chapter 98 provisions of (iv): 9802.00.40/.50/.60/.80, 9818.00.05/.07
    expect(ANNEX1_JULY_9903_01_82.length - AIRCRAFT_PRICED.length).toBe(6);
  });
});

describe('9903.01.81: the 129 products of the July Annex I, exempt from 2025-08-06 to 2026-02-23', () => {
  it.each(ANNEX1_JULY_9903_01_81)('%s of Brazil: no Brazil duty on 2025-08-05; 9903.01.81 at 0.00 on 2025-08-06 and 2026-02-23', (hts) => {
    // before the order: neither 9903.01.77 nor its exemption
    expect(brazil(br(hts, '2025-08-05'))).toEqual({});
    expect(brazil(br(hts, '2025-08-06'))).toEqual({ '9903.01.81': 0 });
    expect(brazil(br(hts, '2026-02-23'))).toEqual({ '9903.01.81': 0 });
    // ended with the 40% (CSMS 67834313)
    expect(brazil(br(hts, '2026-02-24'))).toEqual({});
  });
});

describe('9903.01.82: civil aircraft of the July Annex I, exempt when claimed (general note 6)', () => {
  it.each(AIRCRAFT_PRICED)('%s of Brazil on 2025-09-01: 40% × 10,000.00 = 4,000.00 unclaimed; 0.00 under 9903.01.82 claimed', (hts) => {
    const unclaimed = br(hts, '2025-09-01');
    const claimed = br(hts, '2025-09-01', 'civil-aircraft');
    if (s232(unclaimed)) {
      // a Section 232 article (steel tubes of 7304/7306 …) pays no 40% either way (note 2(x)(v)-(xv), 9903.01.83);
      // claimed, the exemption's 0% line still shows
      expect(brazil(unclaimed)).toEqual({});
      expect(Object.entries(brazil(claimed)).filter(([ref, amount]) => ref !== '9903.01.82' || amount !== 0)).toEqual([]);
    } else {
      expect(brazil(unclaimed)).toEqual({ '9903.01.77': 400_000 });
      expect(brazil(claimed)).toEqual({ '9903.01.82': 0 });
    }
  });

  it('is not in force before the order: 8802.40.01 claimed on 2025-08-05 has no Brazil line', () => {
    expect(brazil(br('8802.40.01', '2025-08-05', 'civil-aircraft'))).toEqual({});
  });
});

describe('neighbours outside the July annex still pay the 40% from 2025-08-06', () => {
  it.each([
    // November additions: exempt from 2025-11-13 only
    ['0801.22.00', 'Brazil nuts, shelled (in shell, 0801.21.00, is in the July annex)'],
    ['2009.19.00', 'orange juice, other (2009.11.00, .12.25, .12.45 are in the July annex)'],
    ['0901.21.00', 'coffee, roasted'],
    // not in any annex
    ['2009.21.20', 'grapefruit juice'],
    ['4707.10.00', 'recovered paper (wood pulp of 4702-4706 is in the July annex)'],
    ['8805.10.00', 'aircraft launching gear (8805.29.00, ground flight simulators, is in the July annex)'],
  ])('%s (%s) on 2025-08-10: 40% × 10,000.00 = 4,000.00 under 9903.01.77', (hts) => {
    expect(brazil(br(hts, '2025-08-10'))).toEqual({ '9903.01.77': 400_000 });
    expect(brazil(br(hts, '2025-08-10', 'civil-aircraft'))).toEqual({ '9903.01.77': 400_000 });
  });

  it('exempts the November additions from 2025-11-13 under 9903.01.81 (us-ieepa-brazil-40-ag-2025-11)', () => {
    expect(brazil(br('0801.22.00', '2025-11-12'))).toEqual({ '9903.01.77': 400_000 });
    expect(brazil(br('0801.22.00', '2025-11-13'))).toEqual({ '9903.01.81': 0 });
  });
});

describe('the build: a chapter99-text list less the rows of a file that match `where`, without chapter 98', () => {
  const text = [
    '(a) As provided in heading 9903.01.81, the additional duties imposed by heading 9903.01.77 shall not apply to',
    '                   0201.10.05  0801.21.00  2009.11.00  9802.00.40',
    '(b) As provided in heading 9903.01.90, the additional duty imposed by heading 9903.01.77 shall not apply to the',
  ].join('\n');
  const csv = [
    { hts: '0201.10.05', partial: 'no' },
    { hts: '0805.90.01', partial: 'Ex' },
  ];
  const read: ListReaders = { text: () => text, csv: () => csv, suffixesOf: () => [], lineCodes: [] };
  const measure = (htsList: object): RawMeasure => ({ id: 'm', hts: [], htsList }) as unknown as RawMeasure;
  const list = {
    source: 'chapter99-text',
    from: '^\\(a\\) As provided in heading 9903\\.01\\.81',
    to: '^\\(b\\) As provided in heading 9903\\.01\\.90',
  };

  it('leaves out the partial = no rows (0201.10.05) and the chapter 98 provision', () => {
    const [m] = resolveLists([measure({ ...list, withoutFile: { file: 'f.csv', column: 'hts', where: { partial: 'no' } }, exceptPrefixes: ['98'] })], read);
    expect(m?.hts).toEqual(['08012100', '20091100']);
  });

  it('refuses a file whose rows name codes the text does not list (the Ex row 0805.90.01, without `where`)', () => {
    expect(() => resolveLists([measure({ ...list, withoutFile: { file: 'f.csv', column: 'hts' } })], read)).toThrow(/0805\.90\.01|08059001/);
  });
});

/**
 * The other exceptions of the 40%, each a fact the code cannot show (headings 9903.01.78–.80 of the
 * 2026 Rev 6 text): in transit (loaded before 12:01 a.m. EDT 6 Aug 2025 and entered before 12:01 a.m.
 * EDT 5 Oct 2025), donations (note 2(x)(ii)) and informational materials. Toys 9503.00.00, MFN
 * given as 0%, $10,000.00: the 40% is 4,000.00.
 */
describe('9903.01.78–.80: in transit, donations, informational materials (claims)', () => {
  it.each([
    ['in-transit', '2025-08-06', { '9903.01.78': 0 }],
    ['in-transit', '2025-10-04', { '9903.01.78': 0 }],
    // entered from 5 Oct 2025: the heading no longer applies, 40% × 10,000.00 = 4,000.00
    ['in-transit', '2025-10-05', { '9903.01.77': 400000 }],
    ['donation', '2025-08-06', { '9903.01.79': 0 }],
    ['donation', '2026-02-23', { '9903.01.79': 0 }],
    ['informational', '2025-12-01', { '9903.01.80': 0 }],
    // unclaimed: the 40%
    [undefined, '2025-08-06', { '9903.01.77': 400000 }],
  ] as const)('claim %s on %s: %j', (claim, date, want) => {
    expect(brazil(br('9503.00.00', date, claim))).toEqual(want);
  });

  it('before the order (2025-08-05) a claim finds nothing to lift, and says so', () => {
    const b = br('9503.00.00', '2025-08-05', 'in-transit');
    expect(brazil(b)).toEqual({});
    expect(b.notes.join(' ')).toMatch(/claim in-transit changes nothing/);
  });
});
