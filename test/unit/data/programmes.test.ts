/**
 * The programme table of the bundled schedule (data/src/programmes.json, issue 23 item 2), priced in
 * process on real lines: for each programme added in 2026.12.06-7, a member's claim on a line whose
 * special column prints the code pays the special rate in place of the general one, a non-member's
 * claim is refused, and a lapsed programme's claim is refused. The rates are read by hand from the
 * special column of the HTSUS 2025 Basic Edition (the edition in force on 2025-01-15) and 2026 Basic
 * Edition; 2025-01-15 is before any reciprocal duty, so the duty is the MFN line alone.
 * $10,000 by air: unclaimed duty = general rate × 10,000.00.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { openPreferences } from '../../../src/core/preference.js';
import { programme } from '../../../src/schedule/schema.js';
import type { ScheduleIndex } from '../../../src/schedule/schedule-index.js';
import { bundledIndexFast, price, ship } from '../../helpers.js';

let ix: ScheduleIndex;
beforeAll(() => {
  ix = bundledIndexFast();
});

const shipment = (hts: string, origin: string, claim: string | undefined, date = '2025-01-15', extra: { qty?: string; unit?: string } = {}) =>
  ship({ hts, origin, value: '10000', mode: 'air', date, ...extra, ...(claim ? { elections: { claim } } : {}) });

const dutyCents = (hts: string, origin: string, claim: string | undefined, date?: string, extra?: { qty?: string; unit?: string }) =>
  price(ix, 'as-entered', shipment(hts, origin, claim, date, extra)).duty;

const refusal = (hts: string, origin: string, claim: string, date?: string): string => {
  try {
    price(ix, 'as-entered', shipment(hts, origin, claim, date));
  } catch (e) {
    return (e as Error).message;
  }
  return 'priced';
};

// code (or name) claimed, member origin, line, unclaimed duty in cents, claimed duty in cents, a non-member
const rows: { claim: string; member: string; hts: string; general: number; claimed: number; nonMember: string; why: string }[] = [
  // 0101.30.00 general 6.8%: 680.00; special "Free (A+,AU,BH,CL,CO,D,E,IL,JO,KR,MA,OM,P,PA,PE,S,SG)"
  { claim: 'IL', member: 'IL', hts: '0101.30.00.00', general: 68000, claimed: 0, nonMember: 'JO', why: 'Israel FTA, GN 8' },
  { claim: 'JO', member: 'JO', hts: '0101.30.00.00', general: 68000, claimed: 0, nonMember: 'IL', why: 'Jordan FTA, GN 18' },
  { claim: 'SG', member: 'SG', hts: '0101.30.00.00', general: 68000, claimed: 0, nonMember: 'MY', why: 'Singapore FTA, GN 25' },
  { claim: 'MA', member: 'MA', hts: '0101.30.00.00', general: 68000, claimed: 0, nonMember: 'DZ', why: 'Morocco FTA, GN 27' },
  { claim: 'BH', member: 'BH', hts: '0101.30.00.00', general: 68000, claimed: 0, nonMember: 'SA', why: 'Bahrain FTA, GN 30' },
  { claim: 'OM', member: 'OM', hts: '0101.30.00.00', general: 68000, claimed: 0, nonMember: 'AE', why: 'Oman FTA, GN 31' },
  { claim: 'PE', member: 'PE', hts: '0101.30.00.00', general: 68000, claimed: 0, nonMember: 'EC', why: 'Peru TPA, GN 32' },
  { claim: 'P', member: 'GT', hts: '0101.30.00.00', general: 68000, claimed: 0, nonMember: 'MX', why: 'CAFTA-DR, GN 29' },
  { claim: 'cafta-dr', member: 'CR', hts: '0101.30.00.00', general: 68000, claimed: 0, nonMember: 'PA', why: 'CAFTA-DR by name' },
  { claim: 'E', member: 'JM', hts: '0101.30.00.00', general: 68000, claimed: 0, nonMember: 'CU', why: 'CBERA, GN 7' },
  // 0602.30.00 general 1.9%: 190.00; special "Free (A,AU,BH,CL,CO,D,E,IL,JO,JP,KR,…)"
  { claim: 'JP', member: 'JP', hts: '0602.30.00.00', general: 19000, claimed: 0, nonMember: 'KR', why: 'US-Japan TA, GN 36' },
  // 4202.11.00 general 8%: 800.00; special "Free (A,AU,BH,CL,CO,D,IL,JO,KR,MA,NP,OM,P,PA,PE,R,S,SG) 6.4% (E)"
  { claim: 'E', member: 'HT', hts: '4202.11.00', general: 80000, claimed: 64000, nonMember: 'DO', why: 'CBERA 6.4% × 10,000.00 = 640.00' },
  { claim: 'R', member: 'HT', hts: '4202.11.00', general: 80000, claimed: 0, nonMember: 'AG', why: 'CBTPA, GN 17 (Antigua is CBERA only)' },
  { claim: 'NP', member: 'NP', hts: '4202.11.00', general: 80000, claimed: 0, nonMember: 'BD', why: 'Nepal, GN 4(e)' },
  // 1604.14.10 general 35%: 3,500.00; special "Free (A+,…,R,S,SG)"
  { claim: 'cbtpa', member: 'TT', hts: '1604.14.10', general: 350000, claimed: 0, nonMember: 'AG', why: 'CBTPA by name' },
  // 3917.21.00 general 3.1%: 310.00; special "Free (A,AU,B,BH,C,CL,…)": B for Canada, C for any origin
  { claim: 'B', member: 'CA', hts: '3917.21.00.00', general: 31000, claimed: 0, nonMember: 'DE', why: 'APTA, GN 5: Canadian articles' },
  { claim: 'C', member: 'DE', hts: '3917.21.00.00', general: 31000, claimed: 0, nonMember: '', why: 'civil aircraft, GN 6: any origin' },
  // 2833.29.51 general 3.7%: 370.00; special "Free (…,K,…)"
  { claim: 'K', member: 'IN', hts: '2833.29.51', general: 37000, claimed: 0, nonMember: '', why: 'pharmaceuticals, GN 13: any origin' },
];

describe('a member claiming a programme the line prints pays its special rate', () => {
  for (const r of rows) {
    it(`${r.claim} from ${r.member} on ${r.hts} (${r.why})`, () => {
      expect(dutyCents(r.hts, r.member, undefined)).toBe(r.general);
      expect(dutyCents(r.hts, r.member, r.claim)).toBe(r.claimed);
    });
  }

  it('L (dye intermediates, GN 14) from any origin: 2707.99.40 general 0.9¢/kg + 3% → Free', () => {
    // 0.9¢/kg × 1,000 kg = 9.00 + 3% × 10,000.00 = 300.00 → 309.00 unclaimed
    expect(dutyCents('2707.99.40.00', 'DE', undefined, '2025-01-15', { qty: '1000', unit: 'kg' })).toBe(30900);
    expect(dutyCents('2707.99.40.00', 'DE', 'L', '2025-01-15', { qty: '1000', unit: 'kg' })).toBe(0);
  });
});

describe('a non-member is refused', () => {
  for (const r of rows.filter((x) => x.nonMember !== '')) {
    it(`${r.claim} from ${r.nonMember} (${r.why})`, () => {
      expect(refusal(r.hts, r.nonMember, r.claim)).toMatch(/^claim-refused: claim \S+ refused: \w\w is not a member of /);
    });
  }

  it('CAFTA-DR: Costa Rica only from 2009-01-01 (Proclamation 8331), the others before', () => {
    const p = ix.schedule.programmes.find((x) => x.codes.includes('P'));
    expect(p?.members?.find((m) => m.country === 'CR')?.from).toBe('2009-01-01');
    expect(p?.members?.find((m) => m.country === 'SV')?.from).toBe('2006-03-01');
  });

  it('a column 2 origin cannot claim an any-origin programme: Cuba claiming C pays column 2 (general note 3(b))', () => {
    expect(refusal('3917.21.00.00', 'CU', 'C')).toMatch(/^claim-refused: claim C refused: goods of CU pay the column 2 rates/);
  });

  it('lookup lists no preference open to a column 2 origin, while an any-origin programme is open to others', () => {
    // 2917.11.00 prints "Free (A,AU,…,L,…)": L (general note 14) admits any origin — Germany, not Cuba (column 2)
    const found = ix.findLine('US', '29171100', { origin: 'DE', date: '2025-01-15' });
    if (!found.ok) throw new Error(found.issue.message);
    const line = found.value;
    expect(openPreferences(ix.schedule, line, 'CU', '2025-01-15', '2025-01-15').open).toEqual([]);
    expect(openPreferences(ix.schedule, line, 'DE', '2025-01-15', '2025-01-15').open.map((o) => o.code)).toEqual(['L']);
  });
});

describe('a lapsed programme is refused', () => {
  it('J (ATPA) after 2013-07-31: 3903.30.00 prints J, a claim from Colombia on 2025-01-15 is refused', () => {
    expect(refusal('3903.30.00.00', 'CO', 'J')).toContain('claim J refused: J/J*/J+ (Andean Trade Preference Act (ATPA)');
    expect(refusal('3903.30.00.00', 'CO', 'J')).toContain('has lapsed — it applies to entries before 2013-08-01, not on 2025-01-15');
  });

  it('NP after 2025-12-31 (19 U.S.C. 4454): Free on 2025-12-31, refused on 2026-01-01', () => {
    // 2025-12-31: the reciprocal baseline 10% (9903.01.25; Nepal is not in Annex I of EO 14257) = 1,000.00 stays;
    // unclaimed MFN 8% = 800.00 → 1,800.00; claimed NP the MFN is Free → 1,000.00
    expect(dutyCents('4202.11.00', 'NP', undefined, '2025-12-31')).toBe(180000);
    expect(dutyCents('4202.11.00', 'NP', 'NP', '2025-12-31')).toBe(100000);
    expect(refusal('4202.11.00', 'NP', 'NP', '2026-01-01')).toContain(
      'claim NP refused: NP (Nepal Preference Program) has lapsed — it applies to entries before 2026-01-01',
    );
  });

  it('D (AGOA) lapsed from 2025-10-01 to 2026-02-02 (Public Law 119-75 restored it from 3 February 2026): refused as lapsed in the gap only', () => {
    const d = ix.schedule.programmes.find((x) => x.codes.includes('D'));
    expect(d?.gaps?.map((g) => [g.from, g.to])).toEqual([['2025-10-01', '2026-02-03']]);
    expect(d?.to).toBe('2027-01-01');
    // 0101.30.00 prints D: Kenya (a beneficiary throughout) pays Free before and after the gap, is refused in it.
    // 2025-09-30: MFN Free (D) + IEEPA reciprocal 10% (9903.01.25) = 1,000.00; unclaimed 6.8% = 680.00 + 1,000.00
    expect(dutyCents('0101.30.00.00', 'KE', undefined, '2025-09-30')).toBe(168000);
    expect(dutyCents('0101.30.00.00', 'KE', 'D', '2025-09-30')).toBe(100000);
    expect(refusal('0101.30.00.00', 'KE', 'D', '2025-10-01')).toContain(
      'had lapsed on 2025-10-01 — its authority lapsed for entries from 2025-10-01 to before 2026-02-03',
    );
    expect(refusal('0101.30.00.00', 'KE', 'agoa', '2026-02-02')).toContain(
      'claim agoa refused: D (African Growth and Opportunity Act (AGOA)) had lapsed on 2026-02-02',
    );
    // 2026-02-03, the day Public Law 119-75 is enacted: out of the gap, Free again (+ reciprocal 10% = 1,000.00)
    expect(dutyCents('0101.30.00.00', 'KE', 'D', '2026-02-03')).toBe(100000);
  });

  it('R (CBTPA) runs to 2030-09-30 (Public Law 116-164)', () => {
    const r = ix.schedule.programmes.find((x) => x.codes.includes('R'));
    expect(r?.to).toBe('2030-10-01');
  });
});

describe('D (AGOA): the beneficiaries of general note 16(a), dated by the proclamations since its 2021 edition', () => {
  const d = () => ix.schedule.programmes.find((x) => x.codes.includes('D'));
  const membersOn = (date: string) =>
    (d()?.members ?? [])
      .filter((m) => m.from <= date && (m.to === null || date < m.to))
      .map((m) => m.country)
      .sort();
  // the 2021 edition: 39 countries (the customsmobile copy of general note 16(a) prints the DRC, designated from
  // 2021-01-01 by Proclamation 10128, and Ethiopia, Guinea, Mali, terminated from 2022-01-01 by Proclamation 10326)
  const in2021 = 'AO BF BJ BW CD CF CG CI CV DJ ET GA GH GM GN GW KE KM LR LS MG ML MU MW MZ NA NE NG RW SL SN ST SZ TD TG TZ UG ZA ZM';

  it('39 in 2021; 36 from 2022 (ET, GN, ML out); 35 from 2023 (BF out); 32 from 2024 (MR in; CF, GA, NE, UG out); 33 from 2026 (GA in)', () => {
    expect(membersOn('2021-06-01').join(' ')).toBe(in2021);
    expect(membersOn('2021-06-01')).toHaveLength(39);
    expect(membersOn('2022-01-01')).toHaveLength(36);
    expect(membersOn('2022-01-01')).not.toContain('ET');
    expect(membersOn('2023-01-01')).toHaveLength(35);
    expect(membersOn('2022-12-31')).toContain('BF');
    expect(membersOn('2023-01-01')).not.toContain('BF');
    const y2024 = membersOn('2024-01-01');
    expect(y2024).toHaveLength(32);
    expect(y2024).toContain('MR');
    for (const out of ['CF', 'GA', 'NE', 'UG']) expect(y2024).not.toContain(out);
    // no change for 2025; Gabon back from 2026-01-01 (Proclamation 11030)
    expect(membersOn('2025-12-31')).toEqual(y2024);
    expect(membersOn('2026-01-01')).toEqual([...y2024, 'GA'].sort());
  });

  it("the 2024 list is hts-hero's 31 codes of general note 16 plus CD (the DRC, which its list omits)", () => {
    // brendanxmac/hts-hero public/trade-programs.ts @36fb71de, a secondary transcription: cross-check only
    const htsHero = 'AO BJ MR BW MU MZ NA CV NG TD RW KM ST CG SN CI SL DJ ZA SZ GM TZ GH TG GW KE ZM LS LR MG MW'.split(' ');
    expect(membersOn('2024-06-01')).toEqual([...htsHero, 'CD'].sort());
  });

  it('a member pays the D rate; a removed or not yet re-designated country is refused', () => {
    // 0101.30.00 (2026 Basic Edition): general 6.8%, "Free (…D…)"; 2026-03-01: Section 122 10% (9903.03.01) = 1,000.00
    expect(dutyCents('0101.30.00.00', 'KE', undefined, '2026-03-01')).toBe(168000); // 680.00 + 1,000.00
    expect(dutyCents('0101.30.00.00', 'KE', 'D', '2026-03-01')).toBe(100000);
    expect(dutyCents('0101.30.00.00', 'MR', 'agoa', '2026-03-01')).toBe(100000);
    expect(dutyCents('0101.30.00.00', 'GA', 'D', '2026-03-01')).toBe(100000);
    expect(refusal('0101.30.00.00', 'GA', 'D', '2025-06-15')).toContain('claim D refused: GA is not a member of D');
    expect(refusal('0101.30.00.00', 'CF', 'D', '2026-03-01')).toContain('claim D refused: CF is not a member of D');
    expect(refusal('0101.30.00.00', 'ET', 'D', '2025-06-15')).toContain('claim D refused: ET is not a member of D');
    expect(refusal('0101.30.00.00', 'BF', 'D', '2026-03-01')).toContain('claim D refused: BF is not a member of D');
  });
});

describe('E* and W (issue 23): E* with the limits of general note 7(d), W not a code of general note 3(c)(i)', () => {
  // 0201.10.05 (2025 Basic Edition): general 4.4¢/kg, special "Free (A+,AU,BH,CL,CO,D,E*,IL,…)"; 1,000 kg: 44.00
  const kg = { qty: '1000', unit: 'kg' };
  it('E* on beef: a Jamaican claim pays Free; a claim of Saint Lucia is refused by general note 7(d)(i)', () => {
    expect(dutyCents('0201.10.05', 'JM', undefined, '2025-01-15', kg)).toBe(4400);
    expect(dutyCents('0201.10.05', 'JM', 'E*', '2025-01-15', kg)).toBe(0);
    expect(refusal('0201.10.05', 'LC', 'E*')).toContain('claim E* refused: goods of LC cannot claim E* on 0201.10.05 — general note 7(d)(i)');
  });
  it('claiming CBERA by name on an E*-only line claims E* there', () => {
    expect(dutyCents('0201.10.05', 'JM', 'cbera', '2025-01-15', kg)).toBe(0);
  });
  it('W: refused, with why', () => {
    expect(refusal('0201.10.05', 'JM', 'W')).toContain('claim W refused: W is not a programme of general note 3(c)(i)');
  });
});

describe('the schema: "members" is a list, "any", or absent', () => {
  const row = { codes: ['C'], names: ['aircraft-agreement'], title: 'civil aircraft', importer: 'US', instrument: 'GN 6', sources: ['https://hts.usitc.gov/'] };
  it('accepts "any" and compiles it to an any-origin programme', () => {
    expect(programme.safeParse({ ...row, members: 'any' }).success).toBe(true);
    const c = ix.schedule.programmes.find((p) => p.codes.includes('C'));
    expect(c?.anyOrigin).toBe(true);
    expect(c?.members).toEqual([]);
  });
  it('rejects any other word', () => {
    expect(programme.safeParse({ ...row, members: 'all' }).success).toBe(false);
  });
});
