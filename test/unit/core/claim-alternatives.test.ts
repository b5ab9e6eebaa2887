/**
 * Issue 23 items 4 and 5 in process, on the bundled schedule: the programmes an unclaimed shipment
 * could claim (priced by the same engine, listed only when the duty changes), a claim of S or S+
 * electing what `usmca` elects, and what a programme claim leaves in place. Figures by hand from
 * the special column the USITC edition prints and the notes cited.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { claimEffects } from '../../../src/core/claims.js';
import { withProgrammeNames } from '../../../src/core/preference.js';
import { resolveScenario } from '../../../src/core/scenario.js';
import type { ResolvedScenario, Shipment } from '../../../src/core/types.js';
import type { ScheduleIndex } from '../../../src/schedule/schedule-index.js';
import { bundledIndexFast, price, priceIssue, ship } from '../../helpers.js';

let ix: ScheduleIndex;
let asEntered: ResolvedScenario;
beforeAll(() => {
  ix = bundledIndexFast();
  const s = resolveScenario(ix.schedule.scenarios, 'as-entered');
  if (!s.ok) throw new Error(s.issue.message);
  asEntered = s.value;
});

const effects = (s: Shipment) => claimEffects(s, asEntered, ix, price(ix, 'as-entered', s));
const programmes = (s: Shipment) => effects(s).filter((e) => e.programme !== null);

describe('the programmes an unclaimed shipment could claim', () => {
  it('auto part 8708.99.81 of Korea, 2026-09-01: KR (Free) takes off the 2.5% general rate, Section 232 stays', () => {
    // 2.5% × 10,000.00 = 250.00 + 9903.82.09 25% = 2,500.00 → 2,750.00; claimed: 0 + 2,500.00; MPF 34.64 unclaimed, lifted by the claim
    // (19 U.S.C. 58c(b)(19)): landed claimed = 10,000.00 + 2,500.00 = 12,500.00
    const s = ship({ hts: '8708.99.81', origin: 'KR', value: '10000', mode: 'air', date: '2026-09-01' });
    expect(price(ix, 'as-entered', s).duty).toBe(275000);
    expect(programmes(s)).toEqual([
      {
        claim: 'KR',
        refs: [],
        programme: 'United States-Korea Free Trade Agreement (KORUS)',
        specialRate: 'Free',
        duty: 250000,
        landedCost: 1250000,
        issue: null,
      },
    ]);
    // the MPF exemption (us-mpf-exempt-korus) is the programme's: not offered as a claim of its own
    expect(effects(s).map((e) => e.claim)).not.toContain('korus');
  });

  it('asses of Korea on 2025-12-01: the claim saves no duty under the 15% floor, but lifts the MPF, so it is listed', () => {
    // unclaimed 6.8% + 8.2% (9903.02.80) = 1,500.00; claimed Free + 15% = 1,500.00 (U.S. note 2(v)(xxiv)(a))
    // fees: MPF 0.3464% × 10,000.00 = 34.64 unclaimed, none claimed (19 U.S.C. 58c(b)(19)): landed 11,534.64 → 11,500.00
    const s = ship({ hts: '0101.30.00.00', origin: 'KR', value: '10000', mode: 'air', date: '2025-12-01' });
    expect(price(ix, 'as-entered', s).duty).toBe(150000);
    expect(price(ix, 'as-entered', s).landedCost).toBe(1153464);
    expect(price(ix, 'as-entered', { ...s, elections: { claim: 'kr' } }).duty).toBe(150000);
    expect(programmes(s).map((p) => [p.claim, p.duty, p.landedCost])).toEqual([['KR', 150000, 1150000]]);
  });

  it('asses of Chile on 2026-09-01: CL lifts the 6.8% and leaves note 52 (1,930.00 → 1,250.00)', () => {
    // claimed: Free + note 52 Chile 12.5% = 1,250.00; the MPF (34.64 unclaimed) lifted, 19 U.S.C. 58c(b)(12):
    // landed = 10,000.00 + 1,250.00 = 11,250.00
    const s = ship({ hts: '0101.30.00.00', origin: 'CL', value: '10000', mode: 'air', date: '2026-09-01' });
    const [cl, ...rest] = programmes(s);
    expect(rest).toEqual([]);
    expect(cl).toMatchObject({ claim: 'CL', specialRate: 'Free', duty: 125000, landedCost: 1125000 });
  });

  it('none when a programme is claimed already, none for an origin no programme admits', () => {
    const kr = ship({ hts: '8708.99.81', origin: 'KR', value: '10000', mode: 'air', date: '2026-09-01', elections: { claim: 'kr' } });
    expect(programmes(kr)).toEqual([]);
    const jp = ship({ hts: '0101.30.00.00', origin: 'JP', value: '10000', mode: 'air', date: '2026-09-01' });
    expect(programmes(jp)).toEqual([]);
  });

  it("a measure's claim made (donation) does not stop the programme being offered: it is added to it", () => {
    const s = ship({ hts: '8708.99.81', origin: 'KR', value: '10000', mode: 'air', date: '2026-09-01', elections: { claim: 'donation' } });
    expect(programmes(s).map((e) => e.claim)).toEqual(['KR']);
  });

  it("Mexico: usmca is offered once, as the measures' claim (it prices the S rate too), never again as S", () => {
    // 6.8% = 680.00 + fentanyl 25% = 2,500.00; --claim usmca: Free (S) and 9903.01.04 → 0.00
    const s = ship({ hts: '0101.30.00.00', origin: 'MX', value: '10000', mode: 'air', date: '2025-06-01' });
    const all = effects(s);
    expect(all.map((e) => e.claim)).toEqual(['usmca']);
    expect(all[0]).toMatchObject({ programme: null, duty: 0 });
  });
});

describe('a claim of S or S+ is a claim of USMCA (the table names S/S+ usmca)', () => {
  it('the elections gain the names of the programmes claimed', () => {
    expect(withProgrammeNames(ix.schedule, 'US', { claim: 's' })).toEqual({ claim: 's;usmca' });
    expect(withProgrammeNames(ix.schedule, 'US', { claim: 's+;patented' })).toEqual({ claim: 's+;patented;usmca' });
    const plain = { claim: 'patented' };
    expect(withProgrammeNames(ix.schedule, 'US', plain)).toBe(plain);
    expect(withProgrammeNames(ix.schedule, 'US', undefined)).toBeUndefined();
  });

  it('asses of Mexico on 2025-06-01, claim S: Free (S) and 9903.01.04 lifts the 25% fentanyl duty', () => {
    const s = ship({ hts: '0101.30.00.00', origin: 'MX', value: '10000', mode: 'air', date: '2025-06-01' });
    const b = price(ix, 'as-entered', { ...s, elections: { claim: 's' } });
    expect(b.duty).toBe(0);
    expect(b.lines.map((l) => l.ref)).toContain('9903.01.04');
    // S+ is not printed on the line: refused, as any code the line does not list
    expect(priceIssue(ix, 'as-entered', { ...s, elections: { claim: 's+' } })).toBe('claim-refused');
  });

  it('Section 122 (2026-03-10): a claim of S lifts 9903.03.01 as usmca does (9903.03.07/.08)', () => {
    const s = ship({ hts: '0101.30.00.00', origin: 'MX', value: '10000', mode: 'air', date: '2026-03-10' });
    // unclaimed: 6.8% = 680.00 + Section 122 10% = 1,000.00
    expect(price(ix, 'as-entered', s).duty).toBe(168000);
    expect(price(ix, 'as-entered', { ...s, elections: { claim: 's' } }).duty).toBe(0);
    expect(price(ix, 'as-entered', { ...s, elections: { claim: 'usmca' } }).duty).toBe(0);
  });
});

describe('what a programme claim leaves in place', () => {
  it("the IEEPA floors of the EU, Switzerland and Liechtenstein count column 1-General even under a claim; Japan's the rate applied", () => {
    // headings 9903.02.19/.20, .82/.83, .87/.88 measure the floor against "column 1-General": the data says so (topUpCounts)
    for (const id of ['us-ieepa-recip-floor-eu', 'us-ieepa-recip-floor-ch', 'us-ieepa-recip-floor-li']) {
      const r = ix.measure(id)?.rate;
      expect(r?.kind === 'top-up' && r.countsGeneral, id).toBe(true);
    }
    // Japan's headings (9903.02.72/.73) say "column 1": read as the rate applied
    const jp = ix.measure('us-ieepa-recip-floor-jp')?.rate;
    expect(jp?.kind === 'top-up' && jp.countsGeneral === undefined).toBe(true);
  });

  it('oxalic acid 2917.11.00 of Germany, 2025-10-01, claimed L: Free + (15% − the general 3.1%), not 15%', () => {
    // general 3.1% × 10,000.00 = 310.00; floor 15% × 10,000.00 = 1,500.00; 9903.02.20 adds 1,500.00 − 310.00 = 1,190.00
    // unclaimed: 310.00 + 1,190.00 = 1,500.00; claimed L (Free): 0.00 + 1,190.00 = 1,190.00 (the floor counts the general rate)
    const s = ship({ hts: '2917.11.00', origin: 'DE', value: '10000', mode: 'air', date: '2025-10-01' });
    expect(price(ix, 'as-entered', s).duty).toBe(150000);
    const claimed = price(ix, 'as-entered', { ...s, elections: { claim: 'L' } });
    expect(claimed.duty).toBe(119000);
    expect(claimed.lines.map((l) => [l.authority, l.amount])).toEqual([
      ['mfn', 0],
      ['ieepa-reciprocal', 119000],
      ['mpf', 3464], // 0.3464% × 10,000.00 = 34.64 (FY2026 rate), unchanged by the claim
    ]);
  });

  it('note 52 Korea (12.5% inclusive) and Section 232 under --claim KR', () => {
    // asses KR 2026-09-01: Free (KR); 9903.05.71 tops 0% up to 12.5% = 1,250.00 (unclaimed: 6.8% + 5.7% = 1,250.00)
    const s = ship({ hts: '0101.30.00.00', origin: 'KR', value: '10000', mode: 'air', date: '2026-09-01', elections: { claim: 'kr' } });
    const b = price(ix, 'as-entered', s);
    expect(b.dutyByAuthority).toEqual({ mfn: 0, 's301-forced-labor': 125000 });
    // 8708.99.81: Section 232 25% stays (note 16(b)), note 52 not on 232 goods (note 52(f))
    const part = price(
      ix,
      'as-entered',
      ship({ hts: '8708.99.81', origin: 'KR', value: '10000', mode: 'air', date: '2026-09-01', elections: { claim: 'kr' } }),
    );
    expect(part.dutyByAuthority).toEqual({ mfn: 0, s232: 250000 });
  });
});
