/**
 * Issue #23, three gaps of the programme table (data/src/programmes.json, data/src/measures-fees.json), priced
 * in process on the bundled tariff:
 *
 * 1. Israel's MPF exemption. 19 U.S.C. 58c(b)(11): "No fee may be charged under subsection (a)(9) or (10) with
 *    respect to products of Israel if an exemption with respect to the fee is implemented under section 112 of the
 *    Customs and Trade Act of 1990." USTR implemented it (63 FR 46496, 1 Sep 1998, FR Doc 98-23387) for entries
 *    from the 15th day after publication; Customs T.D. 99-1 (63 FR 71371) amended 19 CFR 24.23 for products of
 *    Israel entered on or after 16 Sep 1998. Modelled as measure us-mpf-exempt-israel-fta, priced on a claim of IL.
 * 2. The three E* lines general note 7(d) does not name (1702.90.05, 1702.90.10, 2106.90.42): 7(d) (HTSUS 2025
 *    Rev 7 text) names "heading 1701 and subheadings 1702.90.20 and 2106.90.44" and "additional U.S. note 4 of
 *    chapter 17"; today 1702.90.20 is the over-quota line (no E, no E*) and the sugar quota is note 5. No source at
 *    hand ties the note's numbers to the three lines. Priced where every reading agrees: read by its numbers 7(d)
 *    excludes nothing there, read by its goods (sugars, sirups and molasses) 7(d)(i) excludes those of four
 *    beneficiaries (AG, MS, LC, VC) — so the 13 others claim E* (7(d)(ii) printed as a condition), the four are
 *    refused with the reason.
 * 3. AGOA's members (general note 16(a)): the 2025 Rev 7 edition's list (32 countries, read in brendanxmac/hts-hero
 *    c8cc7748, public/notes/general/General Note 16.pdf) is the set of members the table gives on a 2025 date.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { claimEffects } from '../../../src/core/claims.js';
import { memberOn } from '../../../src/core/preference.js';
import type { ScheduleIndex } from '../../../src/schedule/schedule-index.js';
import { bundledIndexFast, price, scenarioOf, ship } from '../../helpers.js';

let ix: ScheduleIndex;
beforeAll(() => {
  ix = bundledIndexFast();
});

const shipment = (hts: string, origin: string, claim: string | undefined, value: string, date: string, mode: 'air' | 'ocean') =>
  ship({ hts, origin, value, mode, date, ...(claim ? { elections: { claim } } : {}) });
const priced = (hts: string, origin: string, claim: string | undefined, value: string, date: string, mode: 'air' | 'ocean' = 'air') =>
  price(ix, 'as-entered', shipment(hts, origin, claim, value, date, mode));
const refusal = (hts: string, origin: string, claim: string, date = '2026-06-10'): string => {
  try {
    priced(hts, origin, claim, '10000', date, 'ocean');
  } catch (e) {
    return (e as Error).message;
  }
  return 'priced';
};

describe("Israel's MPF exemption, 19 U.S.C. 58c(b)(11)", () => {
  it('0101.30.00 (6.8%, "Free (…IL…)"), $10,000 by air on 2025-01-15: unclaimed duty 680.00 + MPF 34.64; claimed IL: 0.00 and 0.00', () => {
    // 6.8% × 10,000.00 = 680.00; MPF FY2025 0.3464% × 10,000.00 = 34.64, inside 32.71–634.62; by air: no HMF
    const unclaimed = priced('0101.30.00.00', 'IL', undefined, '10000', '2025-01-15');
    expect([unclaimed.duty, unclaimed.fees]).toEqual([68000, 3464]);
    const b = priced('0101.30.00.00', 'IL', 'IL', '10000', '2025-01-15');
    expect([b.duty, b.fees]).toEqual([0, 0]);
    const mpf = b.notApplied.find((n) => n.authority === 'mpf' && n.code === 'replaced' && n.title.includes('(formal entry)'));
    expect(mpf?.reason ?? '').toContain('58c(b)(11)');
  });

  it('by its names too: usifta and israel-fta lift it the same way', () => {
    expect(priced('0101.30.00.00', 'IL', 'usifta', '10000', '2025-01-15').fees).toBe(0);
    expect(priced('0101.30.00.00', 'IL', 'israel-fta', '10000', '2025-01-15').fees).toBe(0);
  });

  it('T-shirts 6109.10.00 (16.5%), $10,000 by sea on 2026-06-10: MPF 34.64 lifted, Section 122 and HMF stay', () => {
    // unclaimed: 16.5% × 10,000.00 = 1,650.00 + Section 122 10% = 1,000.00 → duty 2,650.00;
    //   MPF FY2026 0.3464% × 10,000.00 = 34.64 (inside 33.58–651.50) + HMF 0.125% × 10,000.00 = 12.50 → fees 47.14
    // claimed IL: MFN Free; Section 122 stays (a programme claim replaces only the general rate) → duty 1,000.00;
    //   MPF 0.00 (58c(b)(11)); HMF is not an MPF and stays → fees 12.50
    const unclaimed = priced('6109.10.00.12', 'IL', undefined, '10000', '2026-06-10', 'ocean');
    expect([unclaimed.duty, unclaimed.fees]).toEqual([265000, 4714]);
    const b = priced('6109.10.00.12', 'IL', 'IL', '10000', '2026-06-10', 'ocean');
    expect([b.duty, b.fees, b.landedCost]).toEqual([100000, 1250, 1101250]);
  });

  it('the MPF minimum and maximum go too: $5,000 → 33.58 (min) lifted; $500,000 → 651.50 (max) lifted', () => {
    // $5,000: 0.3464% × 5,000.00 = 17.32 < FY2026 minimum 33.58 → 33.58; HMF 0.125% × 5,000.00 = 6.25 → fees 39.83
    expect(priced('6109.10.00.12', 'IL', undefined, '5000', '2026-06-10', 'ocean').fees).toBe(3983);
    expect(priced('6109.10.00.12', 'IL', 'IL', '5000', '2026-06-10', 'ocean').fees).toBe(625);
    // $500,000: 0.3464% × 500,000.00 = 1,732.00 > FY2026 maximum 651.50 → 651.50; HMF 625.00 → fees 1,276.50
    expect(priced('6109.10.00.12', 'IL', undefined, '500000', '2026-06-10', 'ocean').fees).toBe(127650);
    expect(priced('6109.10.00.12', 'IL', 'IL', '500000', '2026-06-10', 'ocean').fees).toBe(62500);
  });

  it('in fiscal year 2027 as well: $250,000 by air on 2026-11-02, MPF 670.86 (the FY2027 maximum) → 0.00', () => {
    // 0.3464% × 250,000.00 = 866.00 > 670.86 → 670.86; by air: no HMF
    expect(priced('0101.30.00.00', 'IL', undefined, '250000', '2026-11-02').fees).toBe(67086);
    expect(priced('0101.30.00.00', 'IL', 'IL', '250000', '2026-11-02').fees).toBe(0);
  });

  it('the informal-entry fee too: $2,000 by air on 2025-01-15, FY2025 $2.62 unclaimed, 0.00 claimed', () => {
    expect(priced('0101.30.00.00', 'IL', undefined, '2000', '2025-01-15').fees).toBe(262);
    expect(priced('0101.30.00.00', 'IL', 'IL', '2000', '2025-01-15').fees).toBe(0);
  });

  it('only for a member claiming it: IL claimed for goods of Jordan is refused (not a member)', () => {
    expect(refusal('0101.30.00.00', 'JO', 'IL', '2025-01-15')).toMatch(/JO is not a member of IL/);
  });

  it('the claim offered to an unclaimed Israeli shipment counts the MPF it lifts: landed cost 12,697.14 → 11,012.50', () => {
    // unclaimed landed cost: 10,000.00 + duty 2,650.00 + fees 47.14 = 12,697.14;
    // claimed: 10,000.00 + 1,000.00 + 12.50 = 11,012.50 (the MFN 1,650.00 and the MPF 34.64 lifted)
    const s = shipment('6109.10.00.12', 'IL', undefined, '10000', '2026-06-10', 'ocean');
    const b = price(ix, 'as-entered', s);
    expect(b.landedCost).toBe(1269714);
    const il = claimEffects(s, scenarioOf(ix, 'as-entered'), ix, b).find((e) => e.claim === 'IL');
    expect(il).toMatchObject({ duty: 100000, landedCost: 1101250, specialRate: 'Free', issue: null });
  });

  it('the data: from 16 Sep 1998 (the 15th day after the USTR notice of 1 Sep 1998), elected by israel-fta, goods of IL only', () => {
    const m = ix.schedule.measures.find((x) => x.id === 'us-mpf-exempt-israel-fta');
    expect(m?.from).toBe('1998-09-16');
    expect(m?.election).toMatchObject({ group: 'claim', option: 'israel-fta' });
    expect([...(m?.origins ?? [])]).toEqual(['IL']);
  });
});

describe('E* on the sugar lines general note 7(d) does not name', () => {
  for (const hts of ['1702.90.05', '1702.90.10', '2106.90.42']) {
    it(`${hts} (prints "Free (…E*…)"): E* from Jamaica, $10,000 by sea on 2026-06-10, Free with 7(d)(ii) as a condition`, () => {
      // MFN Free (E*) in place of 3.6606¢/kg of total sugars; Section 122 10% × 10,000.00 = 1,000.00 stays;
      // MPF 0.00 (CBERA, 58c(b)(7)); HMF 0.125% × 10,000.00 = 12.50
      const b = priced(`${hts}.00`, 'JM', 'E*', '10000', '2026-06-10', 'ocean');
      expect([b.duty, b.fees]).toEqual([100000, 1250]);
      expect(b.notes.some((n) => n.includes('general note 7(c)-(d)(ii), on a line 7(d) does not name'))).toBe(true);
    });
    it(`${hts} from Saint Lucia or Montserrat: refused — 7(d)(i) names their sugars under other numbers`, () => {
      for (const origin of ['LC', 'MS']) {
        expect(refusal(`${hts}.00`, origin, 'E*')).toContain(
          `goods of ${origin} cannot claim E* on ${hts} — general note 7(c)-(d)(i), on a line 7(d) does not name`,
        );
      }
    });
  }

  it('2106.90.44, which 7(d) names: E* from Jamaica, $10,000 by sea on 2026-06-10, Free with the 7(d)(ii) quota condition', () => {
    // MFN Free (E*) in place of 3.6606¢/kg of total sugars; Section 122 10% × 10,000.00 = 1,000.00 stays;
    // MPF 0.00 (CBERA, 58c(b)(7)); HMF 0.125% × 10,000.00 = 12.50
    const b = priced('2106.90.44.00', 'JM', 'E*', '10000', '2026-06-10', 'ocean');
    expect([b.duty, b.fees]).toEqual([100000, 1250]);
    expect(b.notes.some((n) => n.includes('general note 7(d)(ii)'))).toBe(true);
  });

  it('2106.90.44 from Saint Lucia: refused by 7(d)(i) (section 213(c) of the CBERA)', () => {
    expect(refusal('2106.90.44.00', 'LC', 'E*')).toMatch(/7\(d\)\(i\)/);
  });
});

describe('AGOA members against general note 16(a), HTSUS 2025 Revision 7', () => {
  // the 32 countries of the note as printed (two columns, read row by row), with their ISO codes
  const GN16_2025: Record<string, string> = {
    'Republic of Malawi': 'MW',
    'Republic of Angola': 'AO',
    'Republic of Benin': 'BJ',
    'Islamic Republic of Mauritania': 'MR',
    'Republic of Botswana': 'BW',
    'Republic of Mauritius': 'MU',
    'Republic of Mozambique': 'MZ',
    'Republic of Namibia': 'NA',
    'Republic of Cape Verde': 'CV',
    'Federal Republic of Nigeria': 'NG',
    'Republic of Chad': 'TD',
    'Republic of Rwanda': 'RW',
    'Union of the Comoros': 'KM',
    'Democratic Republic of Sao Tome and Principe': 'ST',
    'Republic of Congo': 'CG',
    'Republic of Senegal': 'SN',
    'Democratic Republic of the Congo': 'CD',
    "Republic of Côte d'Ivoire": 'CI',
    'Republic of Sierra Leone': 'SL',
    'Republic of Djibouti': 'DJ',
    'Republic of South Africa': 'ZA',
    Eswatini: 'SZ',
    'The Gambia': 'GM',
    'United Republic of Tanzania': 'TZ',
    'Republic of Ghana': 'GH',
    'Republic of Togo': 'TG',
    'Republic of Guinea-Bissau': 'GW',
    'Republic of Kenya': 'KE',
    'Republic of Zambia': 'ZM',
    'Kingdom of Lesotho': 'LS',
    'Republic of Liberia': 'LR',
    'Republic of Madagascar': 'MG',
  };
  const agoa = () => {
    const p = ix.schedule.programmes.find((x) => x.importer === 'US' && x.codes.includes('D'));
    if (!p) throw new Error('no programme D');
    return p;
  };
  const membersOn = (date: string) => [...new Set((agoa().members ?? []).map((m) => m.country))].filter((c) => memberOn(agoa(), c, date) === true).sort();

  it('the note lists 32, and they are exactly the members on 2025-06-15', () => {
    const codes = Object.values(GN16_2025).sort();
    expect(codes).toHaveLength(32);
    expect(membersOn('2025-06-15')).toEqual(codes);
  });

  it('of the 15 rows the 2021 copy did not show, the 12 still beneficiaries are in the 2025 note; BF, CF, NE are not', () => {
    const listed = new Set(Object.values(GN16_2025));
    for (const c of ['AO', 'BJ', 'BW', 'CV', 'TD', 'KM', 'MW', 'MU', 'MZ', 'NA', 'NG', 'RW']) {
      expect(listed.has(c)).toBe(true);
      expect(memberOn(agoa(), c, '2021-06-15')).toBe(true);
    }
    // members in 2021 until the proclamations removing them (10509: BF from 2023; 10692: CF, NE from 2024)
    for (const c of ['BF', 'CF', 'NE']) {
      expect(listed.has(c)).toBe(false);
      expect(memberOn(agoa(), c, '2021-06-15')).toBe(true);
      expect(memberOn(agoa(), c, '2025-06-15')).toBe(false);
    }
  });
});
