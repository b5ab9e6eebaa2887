/**
 * The merchandise processing fee exemptions of programme claims (issue 23; data/src/measures-fees.json,
 * ids us-mpf-exempt-*), priced in process on the bundled tariff. 19 U.S.C. 58c(b)(10)(B) and
 * (12)–(21): "No fee may be charged under subsection (a)(9) or (10)" — the formal MPF and the
 * informal-entry fee alike — on goods that qualify as originating goods under the USMCA, Chile,
 * Singapore, Australia, CAFTA-DR, Bahrain, Oman, Peru, Korea, Colombia and Panama implementation
 * Acts. The claim of the programme (code or name) is the importer's assertion that they originate.
 * 58c(b)(7) and 19 CFR 24.23(c)(1)(iii): nor on products of beneficiary countries under CBERA
 * (claims E, E*, and CBTPA's R, section 213(b) of CBERA).
 *
 * 0101.30.00 (2025 Basic Edition): general 6.8%, special
 * "Free (A+,AU,BH,CL,CO,D,E,IL,JO,KR,MA,OM,P,PA,PE,S,SG)"; 2025-01-15 is before any additional duty
 * on these origins. $10,000 by air, formal entry: MPF FY2025 0.3464% × 10,000.00 = 34.64 (inside
 * the 32.71–634.62 limits); air: no HMF.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { ScheduleIndex } from '../../../src/schedule/schedule-index.js';
import { bundledIndexFast, price, ship } from '../../helpers.js';

let ix: ScheduleIndex;
beforeAll(() => {
  ix = bundledIndexFast();
});

const priced = (hts: string, origin: string, claim: string | undefined, value = '10000', date = '2025-01-15') =>
  price(ix, 'as-entered', ship({ hts, origin, value, mode: 'air', date, ...(claim ? { elections: { claim } } : {}) }));

const refusal = (hts: string, origin: string, claim: string): string => {
  try {
    priced(hts, origin, claim);
  } catch (e) {
    return (e as Error).message;
  }
  return 'priced';
};

// claim, member origin, the statute's paragraph
const exempt: { claim: string; origin: string; para: string }[] = [
  { claim: 'S', origin: 'MX', para: '58c(b)(10)(B)' },
  { claim: 'usmca', origin: 'CA', para: '58c(b)(10)(B)' },
  { claim: 'CL', origin: 'CL', para: '58c(b)(12)' },
  { claim: 'SG', origin: 'SG', para: '58c(b)(13)' },
  { claim: 'AU', origin: 'AU', para: '58c(b)(14)' },
  { claim: 'P', origin: 'GT', para: '58c(b)(15)' },
  { claim: 'BH', origin: 'BH', para: '58c(b)(16)' },
  { claim: 'OM', origin: 'OM', para: '58c(b)(17)' },
  { claim: 'PE', origin: 'PE', para: '58c(b)(18)' },
  { claim: 'KR', origin: 'KR', para: '58c(b)(19)' },
  { claim: 'korus', origin: 'KR', para: '58c(b)(19)' },
  { claim: 'CO', origin: 'CO', para: '58c(b)(20)' },
  { claim: 'PA', origin: 'PA', para: '58c(b)(21)' },
  // 58c(b)(7), 19 CFR 24.23(c)(1)(iii): products of CBERA beneficiaries, claimed under CBERA
  { claim: 'E', origin: 'JM', para: '58c(b)(7)' },
  { claim: 'cbera', origin: 'TT', para: '58c(b)(7)' },
];

describe('a programme claim of 19 U.S.C. 58c(b) lifts the MPF', () => {
  for (const r of exempt) {
    it(`${r.claim} from ${r.origin}: MPF 34.64 unclaimed, 0.00 claimed (${r.para})`, () => {
      expect(priced('0101.30.00.00', r.origin, undefined).fees).toBe(3464);
      const b = priced('0101.30.00.00', r.origin, r.claim);
      expect(b.fees).toBe(0);
      expect(b.duty).toBe(0);
      // the MPF row is shown as replaced by the exemption, with the statute's paragraph
      const mpf = b.notApplied.find((n) => n.authority === 'mpf' && n.code === 'replaced' && n.title.includes('(formal entry)'));
      expect(mpf?.reason ?? '').toContain(r.para);
    });
  }

  it('the informal-entry fee too: KR, $2,000 (informal, 19 CFR 143.21): FY2025 $2.62 unclaimed, 0.00 claimed', () => {
    expect(priced('0101.30.00.00', 'KR', undefined, '2000').fees).toBe(262);
    expect(priced('0101.30.00.00', 'KR', 'KR', '2000').fees).toBe(0);
  });

  it('CBTPA (R), a part of CBERA (19 U.S.C. 2703(b)): handbags 4202.11.00 of Haiti, 8% → Free (R), MPF 34.64 → 0.00 (58c(b)(7))', () => {
    // 4202.11.00: general 8%, special "Free (A,AU,BH,CL,CO,D,IL,JO,KR,MA,NP,OM,P,PA,PE,R,S,SG) 6.4% (E)";
    // unclaimed 8% × 10,000.00 = 800.00 and MPF 0.3464% × 10,000.00 = 34.64
    const unclaimed = priced('4202.11.00.30', 'HT', undefined);
    expect([unclaimed.duty, unclaimed.fees]).toEqual([80000, 3464]);
    const b = priced('4202.11.00.30', 'HT', 'R');
    expect([b.duty, b.fees]).toEqual([0, 0]);
    // a CBERA claim of Haiti on the same line: 6.4% × 10,000.00 = 640.00, and no MPF either
    expect([priced('4202.11.00.30', 'HT', 'E').duty, priced('4202.11.00.30', 'HT', 'E').fees]).toEqual([64000, 0]);
  });

  it('from the fiscal year 2026 table as well: KR on 2025-12-01, MPF 0.3464% × 10,000.00 = 34.64 unclaimed, 0.00 claimed', () => {
    expect(priced('0101.30.00.00', 'KR', undefined, '10000', '2025-12-01').fees).toBe(3464);
    expect(priced('0101.30.00.00', 'KR', 'KR', '10000', '2025-12-01').fees).toBe(0);
  });
});

describe('what does not lift the MPF', () => {
  it('programmes without a 58c(b) exemption: Morocco and Jordan pay it when claimed (58c(b) names neither)', () => {
    expect(priced('0101.30.00.00', 'MA', 'MA').fees).toBe(3464);
    expect(priced('0101.30.00.00', 'JO', 'JO').fees).toBe(3464);
  });

  it('a name of one programme from a non-member origin elects nothing: korus from JP is refused', () => {
    expect(refusal('0101.30.00.00', 'JP', 'korus')).toMatch(/not a member/);
  });

  it('a code claimed on a line without that programme (1701.91.44 6%, "Free (OM,PE,S)") is refused, MPF and all', () => {
    expect(refusal('1701.91.44.00', 'KR', 'KR')).toMatch(/claim KR refused: 1701\.91\.44 has no preference under KR/);
  });

  it('the programme by name on that line keeps the general 6% but lifts the MPF (originating goods, 58c(b)(19))', () => {
    // 6% × 10,000.00 = 600.00; the claim says the goods originate, and 58c(b)(19) turns on origin, not on a special rate
    const b = priced('1701.91.44.00', 'KR', 'korus');
    expect(b.duty).toBe(60000);
    expect(b.fees).toBe(0);
    expect(b.notes.some((n) => n.includes('has no special rate under KR'))).toBe(true);
    // the renderers add "note: " themselves: a note carrying it would print "note: note: …"
    expect(b.notes.filter((n) => n.startsWith('note:'))).toEqual([]);
  });
});

describe('the data', () => {
  it('each exemption replaces every MPF row (formal and informal tables): a new fiscal-year row must be listed', () => {
    const measures = ix.schedule.measures;
    const rows = measures.filter((m) => m.authority === 'mpf' && m.recurring).map((m) => m.id);
    const exemptions = measures.filter((m) => m.id.startsWith('us-mpf-exempt-'));
    expect(rows.length).toBeGreaterThanOrEqual(18);
    expect(exemptions.map((m) => m.election?.option).sort()).toEqual(
      // israel-fta: 58c(b)(11), test/unit/data/programme-gaps.test.ts
      [
        'ausfta',
        'bahrain-fta',
        'cafta-dr',
        'cbera',
        'cbtpa',
        'ctpa',
        'israel-fta',
        'korus',
        'oman-fta',
        'panama-tpa',
        'ptpa',
        'uscfta',
        'ussfta',
        'usmca',
      ].sort(),
    );
    for (const e of exemptions) expect([...e.replaces].sort()).toEqual([...rows].sort());
  });
});
