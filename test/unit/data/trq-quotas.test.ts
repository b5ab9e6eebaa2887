/**
 * Issue #23: a special rate printed as a Chapter 99 reference whose in-quota provisions give several rates —
 * Panama's two quotas (U.S. notes 4(a)/4(b) and 6(a)/6(b) to subchapter XIX of chapter 99, copied in
 * data/sources/usitc/chapter99_2026_revision_6.txt.gz, the text of the 2026 Revision 6 PDF). The build keeps each in-quota provision with its rate
 * (`byProvision`); a claim names the provision the goods are entered under (`PA:9919.04.51`); a claim of PA
 * alone is refused with the provisions to name (the tool does not choose the quota). Provision texts: HTSUS
 * 2026 Revision 10 JSON export (data/sources/usitc/hts_2026_revision_10.json.gz), copied below as printed.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { type EditionRow, readEdition } from '../../../scripts/data/lib/hts-edition.js';
import { NOTE_LINES, namedByNote, quotaNotes } from '../../../scripts/data/lib/trq-special.js';
import { splitClaim } from '../../../src/core/preference.js';
import type { ScheduleIndex } from '../../../src/schedule/schedule-index.js';
import { editionRow } from './edition-row.js';
import { bundledIndexFast, price, ROOT, ship } from '../../helpers.js';

const row = editionRow;

const PANAMA = 'Goods of Panama, under the terms of general note 35 to the tariff schedule:';

// 2026 Revision 10: 0406.10.18 and the provisions it names in heading 9919.04 (rows 9919.04.52-.58 and .62-.68 left out)
const CHEESE: EditionRow[] = [
  row('0406.10.18', 4, 'Other', 'Free (BH,CL,JO,KR,MA,OM,P,PE,SG) See 9919.04.50, 9919.04.51, 9919.04.61 (PA)', '$2.269/kg'),
  row('', 0, PANAMA, ''),
  row('', 1, 'Goods provided for in subheading 0406.10.18, 0406.10.28, 0406.10.38 or 1901.90.36:', ''),
  row('9919.04.50', 2, 'Subject to the quantitative limits specified in U.S. note 6(a) to this subchapter', 'Free (PA)'),
  row('', 2, 'Subject to the quantitative limits specified in U.S. note 6(b) to this subchapter:', ''),
  row(
    '9919.04.51',
    3,
    'Goods provided for in subheading 0406.10.18, 0406.20.28, 0406.20.63, 0406.30.18, 0406.30.63, 0406.40.70 or 0406.90.74',
    '56.7¢/kg (PA)',
  ),
  row('', 2, 'Other:', ''),
  row(
    '9919.04.61',
    3,
    'Goods provided for in subheading 0406.10.18, 0406.20.28, 0406.20.63, 0406.30.18, 0406.30.63, 0406.40.70 or 0406.90.74',
    '$1.41/kg (PA)',
  ),
];

// 2026 Revision 10: 0402.91.70 and heading 9919.04's milk rows. The export indents "Other:" (level 2) under
// "Subject to … U.S. note 4(b) to this subchapter:" (level 1); note 4(b) counts only "subheading 9919.04.11 through
// 9919.04.12", and the chapter 99 text prints "Other:" beside it: 9919.04.13 is over-quota.
const MILK: EditionRow[] = [
  row('0402.91.70', 3, 'In airtight containers', 'Free (BH,CL,CO,JO,KR,MA,OM,P,PE,SG) See 9919.04.10, 9919.04.11, 9919.04.13 (PA)', '31.3¢/kg'),
  row('', 0, PANAMA, ''),
  row('', 1, 'Goods provided for in subheading 0402.91.70, 0402.91.90, 0402.99.45 or 0402.99.55:', ''),
  row('9919.04.10', 2, 'Subject to the quantitative limits specified in U.S. note 4(a) to this subchapter', 'Free (PA)'),
  row('', 1, 'Subject to the quantitative limits specified in U.S. note 4(b) to this subchapter:', ''),
  row('', 2, 'Goods provided for in subheading:', ''),
  row('9919.04.11', 3, '0402.91.70 or 0402.91.90 .', '7.8¢/kg (PA)'),
  row('', 2, 'Other:', ''),
  row('9919.04.13', 3, 'Goods provided for in subheading 0402.91.70 or 0402.91.90 .', '19.5¢/kg (PA)'),
];

const quota = (printed: string, provision: string, note: string) => ({
  printed,
  provisions: [provision],
  notes: [`U.S. note ${note} to subchapter XIX of chapter 99`],
});

describe('a reference of several quotas, resolved by provision (synthetic rows copied from 2026 Rev 10)', () => {
  it('0406.10.18 PA: 9919.04.50 Free within note 6(a), 9919.04.51 56.7¢/kg within note 6(b); not the over-quota $1.41/kg of 9919.04.61', () => {
    const r = readEdition(CHEESE);
    const g = r.lines.get('04061018')?.special.find((x) => x.codes.includes('PA'));
    const printed = 'See 9919.04.50, 9919.04.51, 9919.04.61';
    expect(g).toMatchObject({
      codes: ['PA'],
      text: printed,
      byProvision: [
        { provision: '9919.04.50', rate: { adValorem: '0%' }, inQuota: quota(printed, '9919.04.50', '6(a)') },
        { provision: '9919.04.51', rate: { specific: { amount: '0.567', per: 'kg' } }, inQuota: quota(printed, '9919.04.51', '6(b)') },
      ],
    });
    expect(g && 'rate' in g).toBe(false);
    expect(r.trq.find((o) => o.programme === 'PA')).toMatchObject({ reason: 'several-in-quota-rates' });
    expect(r.trq.find((o) => o.programme === 'PA')?.quotas).toBe(
      '9919.04.50 Free (PA) (U.S. note 6(a) to subchapter XIX of chapter 99); 9919.04.51 56.7¢/kg (PA) (U.S. note 6(b) to subchapter XIX of chapter 99)',
    );
  });

  it('0402.91.70 PA: 9919.04.10 Free (note 4(a)) and 9919.04.11 7.8¢/kg (note 4(b)); 9919.04.13 under "Other:" is over-quota despite the export indent', () => {
    const g = readEdition(MILK)
      .lines.get('04029170')
      ?.special.find((x) => x.codes.includes('PA'));
    const printed = 'See 9919.04.10, 9919.04.11, 9919.04.13';
    expect(g?.byProvision).toEqual([
      { provision: '9919.04.10', rate: { adValorem: '0%' }, inQuota: quota(printed, '9919.04.10', '4(a)') },
      { provision: '9919.04.11', rate: { specific: { amount: '0.078', per: 'kg' } }, inQuota: quota(printed, '9919.04.11', '4(b)') },
    ]);
  });

  it('quotaNotes: a provision under "Other" below the quota note is not within it; one under the note is', () => {
    const note4b = 'Subject to the quantitative limits specified in U.S. note 4(b) to this subchapter:';
    expect(quotaNotes({ number: '9919.04.13', texts: [PANAMA, note4b, 'Other:', 'Goods provided for in subheading 0402.91.70'], special: '' })).toEqual([]);
    expect(quotaNotes({ number: '9919.04.11', texts: [PANAMA, note4b, 'Goods provided for in subheading:', '0402.91.70'], special: '' })).toEqual(['4(b)']);
  });

  it('splitClaim: the programme and the provision after the colon', () => {
    expect(splitClaim('pa:9919.04.51')).toEqual({ word: 'pa', provision: '9919.04.51' });
    expect(splitClaim('korus')).toEqual({ word: 'korus', provision: null });
  });
});

describe('Panama cheese 0406.10.18 claimed by provision (bundled schedule, 2026-12-06)', () => {
  let ix: ScheduleIndex;
  beforeAll(() => {
    ix = bundledIndexFast();
  });
  // 1,000 kg, $10,000, no mode (no HMF). On 2026-12-06 no additional duty applies to goods of Panama in today's
  // schedule: the IEEPA reciprocal baseline (9903.01.25) ended 2026-02-24 and the Section 122 surcharge
  // (9903.03.01) 2026-07-24; the note 52 Section 301 duties name no rate for PA. A PA claim also lifts the MPF
  // (originating goods of Panama, 19 U.S.C. 58c(b)(21)). So the duty is the special rate alone.
  const priced = (claim: string | undefined) =>
    price(
      ix,
      'as-entered',
      ship({ hts: '0406.10.18', origin: 'PA', value: '10000', date: '2026-12-06', qty: '1000', unit: 'kg', ...(claim ? { elections: { claim } } : {}) }),
    );
  const refusal = (claim: string): string => {
    try {
      priced(claim);
    } catch (e) {
      return (e as Error).message;
    }
    return 'priced';
  };

  it('unclaimed: the general rate $2.269/kg × 1,000 kg = $2,269.00; MPF 0.3464% × 10,000.00 = 34.64 (FY2027, above the $34.58 minimum)', () => {
    const b = priced(undefined);
    expect([b.duty, b.fees]).toEqual([226900, 3464]);
  });

  it('PA:9919.04.50: Free within note 6(a) → duty 0.00, no MPF', () => {
    const b = priced('pa:9919.04.50');
    expect([b.duty, b.fees]).toEqual([0, 0]);
    expect(b.lines[0]?.ref).toBe('United States tariff 0406.10.18, special (PA), in quota 9919.04.50');
    expect(b.notes).toContain(
      'claim PA:9919.04.50 on 0406.10.18: the special column prints "See 9919.04.50, 9919.04.51, 9919.04.61"; the in-quota rate of 9919.04.50 applies within the quantitative limits of U.S. note 6(a) to subchapter XIX of chapter 99 (tariff-rate quota fill is the importer\'s to check; entered under 9919.04.50); the tool cannot check this, so the claim is taken to say the goods qualify',
    );
  });

  it('PA:9919.04.51: 56.7¢/kg × 1,000 kg = $567.00 within note 6(b), no MPF; the number may be written without dots', () => {
    const b = priced('pa:9919.04.51');
    expect([b.duty, b.fees]).toEqual([56700, 0]);
    expect(b.notes.join('\n')).toContain('U.S. note 6(b) to subchapter XIX of chapter 99');
    expect(priced('pa:99190451').duty).toBe(56700);
  });

  it('PA alone is refused: the quota decides the rate, so the claim must name it (both listed with rate and note)', () => {
    const m = refusal('pa');
    expect(m).toContain(
      'claim-refused: claim PA refused: the PA rate of 0406.10.18 on 2026-12-06 ("See 9919.04.50, 9919.04.51, 9919.04.61") depends on the quota',
    );
    expect(m).toContain(
      'name it: PA:9919.04.50 Free in quota (U.S. note 6(a) to subchapter XIX of chapter 99), PA:9919.04.51 $0.567/kg in quota (U.S. note 6(b) to subchapter XIX of chapter 99)',
    );
  });

  it("a number not among the in-quota provisions is refused with the valid ones: the over-quota 9919.04.61, another cheese's 9919.04.52, a short number", () => {
    expect(refusal('pa:9919.04.61')).toContain('claim PA:9919.04.61 refused: 9919.04.61 is not an in-quota provision of the PA rate of 0406.10.18');
    expect(refusal('pa:9919.04.52')).toContain('name one of: PA:9919.04.50 Free in quota');
    expect(refusal('pa:9919')).toContain('claim PA:9919 refused: "9919" after the colon is not a Chapter 98/99 subheading');
    // the same programme twice, once with a provision: one entry, one provision
    expect(refusal('pa;pa:9919.04.51')).toContain('name the programme more than once');
  });

  it("a provision named on a rate printed directly, or one not of the reference, is refused; the reference's own number is accepted", () => {
    // KR on 0406.10.18 is "Free (… KR …)", printed directly
    const kr = (() => {
      try {
        price(
          ix,
          'as-entered',
          ship({ hts: '0406.10.18', origin: 'KR', value: '10000', date: '2026-12-06', qty: '1000', unit: 'kg', elections: { claim: 'kr:9822.04.40' } }),
        );
      } catch (e) {
        return (e as Error).message;
      }
      return 'priced';
    })();
    expect(kr).toContain('not as a reference to a Chapter 98/99 provision, so there is no provision to name');
    const au = (claim: string) =>
      price(ix, 'as-entered', ship({ hts: '0406.10.18', origin: 'AU', value: '10000', date: '2026-12-06', qty: '1000', unit: 'kg', elections: { claim } }));
    // AU: "See 9822.04.40", Free in quota (U.S. note 16 to subchapter XXII of chapter 98): the line's layer 0.00;
    // the note 52 Section 301 duty for Australia (9903.05.23, 12.5% × 10,000.00 = 1,250.00) stays whatever is claimed
    const b = au('au:9822.04.40');
    expect(b.lines[0]).toMatchObject({ ref: 'United States tariff 0406.10.18, special (AU), in quota 9822.04.40', amount: 0 });
    expect(b.duty).toBe(125000);
    expect(() => au('au:9822.04.41')).toThrow('9822.04.41 is not a provision of the AU rate of 0406.10.18');
  });
});

describe("Canada's rows of USMCA S+ through U.S. notes 1, 3, 4 and 7 to subchapter XXIII of chapter 98", () => {
  let ix: ScheduleIndex;
  beforeAll(() => {
    ix = bundledIndexFast();
  });

  it('NOTE_LINES is what the copied notes say: "This note and subheadings 9823.0N.01 through … are effective as to … the permanent subheadings of …"', () => {
    const text = readFileSync(join(ROOT, 'data/sources/usitc/ch98_subchapter23_notes_1_3_4_7.md'), 'utf8');
    for (const [key, { provisions, lines }] of Object.entries(NOTE_LINES)) {
      const note = key.split(' ')[1] ?? '';
      const first = text.split('\n').find((l) => l.startsWith(`${note}. `)) ?? '';
      expect([key, first]).toEqual([key, expect.stringContaining(`subheadings ${provisions[0]} through ${provisions[1]}`)]);
      const listed = /(?:permanent subheadings(?: of)?|provided for in subheadings)\s+(.*?)\.\s+From/.exec(first)?.[1] ?? '';
      expect([key, listed.match(/\d{4}\.\d\d\.\d\d/g)]).toEqual([key, [...lines]]);
    }
  });

  it("namedByNote: only a provision of the note's range whose own text names no subheading", () => {
    const q = 'Subject to the quantitative limits specified in U.S. note 7(b) to this subchapter';
    expect(namedByNote({ number: '9823.07.02', texts: ['Goods of Canada provided for in note 7(b) to this subchapter:', q], special: '' }, '04029170')).toBe(
      true,
    );
    expect(namedByNote({ number: '9823.07.02', texts: [q], special: '' }, '04061018')).toBe(false);
    expect(namedByNote({ number: '9823.07.04', texts: ['Goods provided for in subheading 0402.91.90'], special: '' }, '04029170')).toBe(false);
    expect(namedByNote({ number: '9823.08.02', texts: [q], special: '' }, '04029170')).toBe(false);
  });

  it('evaporated milk 0402.91.70 of Canada, 1,000 kg, $10,000, truck, 2026-12-06, claim S+: Free in quota of 9823.07.02 (note 7(b)(1))', () => {
    const priced = (claim?: string) =>
      price(
        ix,
        'as-entered',
        ship({
          hts: '0402.91.70',
          origin: 'CA',
          value: '10000',
          date: '2026-12-06',
          mode: 'truck',
          qty: '1000',
          unit: 'kg',
          ...(claim ? { elections: { claim } } : {}),
        }),
      );
    // unclaimed: 31.3¢/kg × 1,000 = 313.00 + note 52 Section 301 for Canada (9903.05.29) 10% × 10,000.00 = 1,000.00
    //   → 1,313.00; MPF 0.3464% × 10,000.00 = 34.64
    const u = priced();
    expect([u.duty, u.fees]).toEqual([131300, 3464]);
    // S+ is a USMCA claim: 9823.07.02 Free in quota; the note 52 duty is excepted for USMCA goods (9903.05.93), MPF
    //   lifted (19 U.S.C. 58c(b)(10)(B)) → 0.00, 0.00
    const b = priced('S+');
    expect([b.duty, b.fees]).toEqual([0, 0]);
    expect(b.lines[0]?.ref).toBe('United States tariff 0402.91.70, special (S+), in quota 9823.07.02');
    expect(b.notes.join('\n')).toContain('within the quantitative limits of U.S. note 7(b) to subchapter XXIII of chapter 98');
    // the provision may be named; the over-quota 9823.07.03 is not Canada's priced provision
    expect(priced('s+:9823.07.02').duty).toBe(0);
    expect(() => priced('s+:9823.07.03')).toThrow('9823.07.03 is not a provision of the S+ rate of 0402.91.70 on 2026-12-06 for goods of CA');
  });

  it('butter 0405.10.20 of Canada claim S+: Free in quota of 9823.03.02 (note 3(b)(1)); cheese 0406.10.18 (group text "0406.10,18"): 9823.04.02 (note 4(b)(1))', () => {
    const ca = (hts: string) =>
      price(
        ix,
        'as-entered',
        ship({ hts, origin: 'CA', value: '10000', date: '2026-12-06', mode: 'truck', qty: '1000', unit: 'kg', elections: { claim: 'S+' } }),
      );
    expect(ca('0405.10.20').lines[0]?.ref).toBe('United States tariff 0405.10.20, special (S+), in quota 9823.03.02');
    expect(ca('0406.10.18').lines[0]?.ref).toBe('United States tariff 0406.10.18, special (S+), in quota 9823.04.02');
    expect(ca('0406.10.18').lines[0]?.amount).toBe(0);
  });
});

describe('a reference to one provision that does not name the line: the reference is the link', () => {
  // 2026 Revision 10 (cut): 1901.10.16 "See 9822.04.25 (AU)"; 9822.04.25 names the subheadings of 1901.10 as they
  // were before their renumbering (1901.10.30 …), not 1901.10.16
  const AU = 'Goods of Australia, under the terms of general note 28 to the tariff schedule:';
  const rows = (special: string, quota: boolean): EditionRow[] => [
    row('1901.10.16', 3, 'Other', `Free (BH,CL,JO,KR,MA,OM,PE,SG) ${special} (AU)`, '13.6%'),
    row('', 0, AU, ''),
    row('', 1, 'Goods provided for in subheading 0402.29.50, 1901.10.30, 1901.10.40 or 1901.10.75:', ''),
    row('9822.04.25', 2, quota ? 'Subject to the quantitative limits specified in U.S. note 13 to this subchapter' : 'Other', 'Free (AU)'),
    row('9822.04.26', 2, 'Other', 'Free (AU)'),
  ];

  it('one provision, one rate under the code, subject to a quota: its in-quota rate, the report saying why', () => {
    const r = readEdition(rows('See 9822.04.25', true));
    expect(r.lines.get('19011016')?.special.find((g) => g.codes.includes('AU'))).toEqual({
      codes: ['AU'],
      rate: { adValorem: '0%' },
      inQuota: { printed: 'See 9822.04.25', provisions: ['9822.04.25'], notes: ['U.S. note 13 to subchapter XXII of chapter 98'] },
    });
    expect(r.trq.find((o) => o.programme === 'AU')?.detail).toBe(
      "9822.04.25: U.S. note 13 to subchapter XXII of chapter 98 (9822.04.25 names 0402.29.50, 1901.10.30, 1901.10.40, 1901.10.75, not 1901.10.16: the line's special column refers to it alone)",
    );
  });

  it('not when the provision has no quota, nor when the reference names two provisions', () => {
    expect(readEdition(rows('See 9822.04.25', false)).trq.find((o) => o.programme === 'AU')?.reason).toBe('no-provision-names-line');
    expect(readEdition(rows('See 9822.04.25-9822.04.26', true)).trq.find((o) => o.programme === 'AU')?.reason).toBe('no-provision-names-line');
  });

  it('priced: 1901.10.16 of Australia, $10,000, 1,000 kg, ocean, 2026-12-06, claim AU', () => {
    const ix = bundledIndexFast();
    const b = price(
      ix,
      'as-entered',
      ship({ hts: '1901.10.16', origin: 'AU', value: '10000', date: '2026-12-06', mode: 'ocean', qty: '1000', unit: 'kg', elections: { claim: 'AU' } }),
    );
    // unclaimed: 14.9% × 10,000.00 + $1.035/kg × 1,000 = 1,490.00 + 1,035.00 = 2,525.00, plus note 52 for Australia
    // (9903.05.23) 12.5% × 10,000.00 = 1,250.00; claimed AU: 0.00 in quota of 9822.04.25, the note 52 duty stays →
    // 1,250.00; fees: HMF 0.125% × 10,000.00 = 12.50, MPF lifted (19 U.S.C. 58c(b)(14))
    expect([b.duty, b.fees]).toEqual([125000, 1250]);
    expect(b.lines[0]?.ref).toBe('United States tariff 1901.10.16, special (AU), in quota 9822.04.25');
  });
});

describe('rates by a condition of the goods, no quota: JP 8415.90.80 "See 9921.01.01, 9921.01.02"', () => {
  // 2026 Revision 10: 9921.01.01 "Of automotive air conditioners" 1.4% (JP); 9921.01.02 "Other" Free (JP); neither
  // subject to a quantitative limit. Parts of air conditioners 8415.90.8045 of Japan, $10,000, air, 2026-12-06:
  // the Section 232 duty (9903.82.09) 25% × 10,000.00 = 2,500.00 stays whatever is claimed.
  const priced = (claim?: string) =>
    price(
      bundledIndexFast(),
      'as-entered',
      ship({ hts: '8415.90.8045', origin: 'JP', value: '10000', date: '2026-12-06', mode: 'air', ...(claim ? { elections: { claim } } : {}) }),
    );

  it('JP:9921.01.01 → 1.4% × 10,000.00 = 140.00 (+ 2,500.00); JP:9921.01.02 → Free (2,500.00); unclaimed 1.4% (2,640.00)', () => {
    expect(priced().duty).toBe(264000);
    const auto = priced('jp:9921.01.01');
    expect(auto.duty).toBe(264000);
    expect(auto.lines[0]?.ref).toBe('United States tariff 8415.90.80, special (JP), 9921.01.01');
    expect(auto.notes.join('\n')).toContain(
      'the rate of 9921.01.01 applies to the goods it describes ("Of automotive air conditioners", no quantitative limit)',
    );
    expect(priced('jp:9921.01.02').duty).toBe(250000);
  });

  it('JP alone is refused with the provisions and the goods each describes', () => {
    expect(() => priced('jp')).toThrow(
      'depends on the provision the goods are entered under — name it: JP:9921.01.01 1.4% (goods: "Of automotive air conditioners"), JP:9921.01.02 Free (goods: "Other")',
    );
  });
});
