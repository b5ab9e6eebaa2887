/**
 * Issue #23: special rates printed as a reference to Chapter 98/99 ("See 9822.04.01-9822.04.03 (AU)",
 * "See 9919.02.01-9919.02.02 (PA)"), the in-quota provisions of the FTA tariff-rate quotas, resolved at
 * build time from the same USITC export (scripts/data/lib/trq-special.ts) and priced by a claim at the
 * in-quota rate with the quota as a condition. The provision texts are the USITC's (2026 Revision 4 CSV
 * and Revision 10 JSON in data/sources/usitc); the expected results are read off them by hand.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { openPreferences } from '../../../src/core/preference.js';
import type { ScheduleIndex } from '../../../src/schedule/schedule-index.js';
import { readEdition, editionRows, type EditionRow, type TrqOutcome } from '../../../scripts/data/lib/hts-edition.js';
import { csvObjects, readSource } from '../../../scripts/data/lib/read.js';
import { referencedProvisions, resolveTrq, subchapterOf, type Provision } from '../../../scripts/data/lib/trq-special.js';
import { bundledIndexFast, price, ROOT, run, ship } from '../../helpers.js';
import { editionRow } from './edition-row.js';

const row = (hts: string, indent: number, description: string, general: string, special: string): EditionRow =>
  editionRow(hts, indent, description, special, general);

// 2026 Revision 4 (CSV), the Australian beef provisions and a line that refers to them, as printed
const AU_BEEF: EditionRow[] = [
  row('0201.10.50', 2, 'Other', '26.4%', 'Free (BH,CL,CO,JO,KR,MA,OM,P,PE,S,SG) See 9822.04.01-9822.04.03 (AU) See 9919.02.01-9919.02.02 (PA)'),
  row('', 0, 'Goods of Australia, under the terms of general note 28 to the tariff schedule:', '', ''),
  row('', 1, 'Goods provided for in subheading 0201.10.50, 0201.20.80, 0201.30.80, 0202.10.50, 0202.20.80 or 0202.30.80:', '', ''),
  row('9822.04.01', 2, 'Subject to the quantitative limits specified in U.S. note 8(b) to this subchapter', '', 'Free (AU)'),
  row('', 2, 'Other:', '', ''),
  row('9822.04.02', 3, 'Subject to the provisions of U.S. note 8(c) to this subchapter', '', '17.1% (AU)'),
  row('9822.04.03', 3, 'Other', '', 'Free (AU)'),
];

describe('resolving a reference from the export (synthetic rows copied from 2026 Rev 4)', () => {
  it('AU beef 0201.10.50: of 9822.04.01–.03 only .01 is subject to a quantitative limit (note 8(b)): Free in quota', () => {
    // .02 (17.1%, "subject to the provisions of U.S. note 8(c)", a safeguard) and .03 ("Other") are not in-quota
    const r = readEdition(AU_BEEF);
    const au = r.lines.get('02011050')?.special.find((g) => g.codes.includes('AU'));
    expect(au).toEqual({
      codes: ['AU'],
      rate: { adValorem: '0%' },
      inQuota: { printed: 'See 9822.04.01-9822.04.03', provisions: ['9822.04.01'], notes: ['U.S. note 8(b) to subchapter XXII of chapter 98'] },
    });
    // the PA reference names provisions the rows do not hold: left as printed, with the reason
    const pa = r.lines.get('02011050')?.special.find((g) => g.codes.includes('PA'));
    expect(pa?.text).toBe('See 9919.02.01-9919.02.02');
    expect(pa?.uncomputed).toBe('9919.02.01, 9919.02.02 not in the edition');
    expect(r.trq.map((o: TrqOutcome) => [o.programme, o.reason])).toEqual([
      ['AU', null],
      ['PA', 'provision-missing'],
    ]);
  });

  it('PA ethanol 2207.10.60: provisions that print their rate in words are refused quoting those words (2026 Rev 10)', () => {
    // 9822.09.22/.24 name the line and give PA "the rate provided for beneficiary countries in heading 9901.00.50"
    // (a cumulative duty whose period ended before 2012): not a rate the tool computes, and the refusal says so
    const words = 'The rate provided for beneficiary countries in heading 9901.00.50 (PA)';
    const r = readEdition([
      row('2207.10.60', 2, 'For nonbeverage purposes', '2.5%', 'Free (A+,AU) See 9822.09.22-9822.09.24 (PA)'),
      row('9822.09.22', 1, 'Undenatured ethyl alcohol of subheading 2207.10.60, if such ethyl alcohol is to be used as a fuel', '', words),
      row('9822.09.24', 1, 'Ethyl alcohol of subheading 2207.20.00 or 2207.10.60 to be used as a fuel', '', words),
    ]);
    const pa = r.lines.get('22071060')?.special.find((g) => g.codes.includes('PA'));
    expect(pa?.rate ?? null).toBeNull();
    expect(pa?.uncomputed).toBe(
      'none of 9822.09.22, 9822.09.24 is subject to a quantitative limit, and 9822.09.22 prints its rate as "The rate provided for beneficiary countries in heading 9901.00.50", which this tool does not compute',
    );
  });

  it('a provision whose texts do not name the line: taken only as the one provision the line refers to (test/unit/data/trq-quotas.test.ts)', () => {
    const rows = [
      row('0201.10.50', 2, 'Other', '26.4%', 'See 9822.04.05 (AU)'),
      row(
        '9822.04.05',
        1,
        'Goods provided for in subheading 0401.40.25 subject to the quantitative limits specified in U.S. note 9 to this subchapter',
        '',
        'Free (AU)',
      ),
    ];
    // the line's special column refers to 9822.04.05 alone, Free (AU), within U.S. note 9: the reference is the link
    const g = readEdition(rows).lines.get('02011050')?.special[0];
    expect(g).toEqual({
      codes: ['AU'],
      rate: { adValorem: '0%' },
      inQuota: { printed: 'See 9822.04.05', provisions: ['9822.04.05'], notes: ['U.S. note 9 to subchapter XXII of chapter 98'] },
    });
    // with a second provision printed, neither naming the line, it stays uncomputed
    const two = [
      ...rows.slice(0, 1).map((r) => ({ ...r, special: r.special.replace('See 9822.04.05', 'See 9822.04.05, 9822.04.06') })),
      rows[1],
      row('9822.04.06', 1, 'Other', '', 'Free (AU)'),
    ];
    expect(readEdition(two as typeof rows).lines.get('02011050')?.special[0]).toMatchObject({ uncomputed: 'none of 9822.04.05, 9822.04.06 names 0201.10.50' });
  });

  it('the numbers of a reference: lists, ranges in the export order, and the misprint "99.19.04.14"', () => {
    const order = ['9919.04.10', '9919.04.11', '9919.04.12', '9919.04.13', '9919.04.14'];
    expect(referencedProvisions('See 9919.04.10, 9919.04.12, 99.19.04.14', order)).toEqual({ ok: true, numbers: ['9919.04.10', '9919.04.12', '9919.04.14'] });
    expect(referencedProvisions('See 9919.04.11-9919.04.13', order)).toEqual({ ok: true, numbers: ['9919.04.11', '9919.04.12', '9919.04.13'] });
    expect(referencedProvisions('See 9919.04.10 and heading 0406', order).ok).toBe(false);
  });

  it('the subchapter is the heading number: 9822 → XXII of chapter 98, 9919 → XIX of 99, 9823 → XXIII, 9908 → VIII', () => {
    expect(['9822.04.01', '9919.02.01', '9823.01.01', '9908.04.05', '9918.04.50'].map(subchapterOf)).toEqual([
      'subchapter XXII of chapter 98',
      'subchapter XIX of chapter 99',
      'subchapter XXIII of chapter 98',
      'subchapter VIII of chapter 99',
      'subchapter XVIII of chapter 99',
    ]);
  });

  it('a provision for the goods of one party of a several-party programme gives that party its rate only (P+ 9822.05.15, "Of Costa Rica")', () => {
    const p: Provision = {
      number: '9822.05.15',
      texts: [
        'Goods described in U.S. note 23 to this subchapter:',
        'Of Costa Rica:',
        'Goods provided for in subheading 1701.12.10, 1701.13.10, 1701.14.10,1701.91.10, 1701.99.10, 1702.90.10 or 2106.90.44 subject to the quantitative limits specified in U.S. note 24 to this subchapter',
      ],
      special: 'Free (P+)',
    };
    const r = resolveTrq('17029010', 'P+', 'See 9822.05.15', new Map([[p.number, p]]), [p.number]);
    // "Of Costa Rica:" → CR; "subject to the quantitative limits specified in U.S. note 24" → in quota
    expect(r).toEqual({
      ok: false,
      reason: 'party-specific',
      detail: 'the provisions of P+ on 1702.90.10 name the goods of CR (9822.05.15) only: goods of another origin have no P+ rate here',
      parties: [{ origins: ['CR'], rate: { adValorem: '0%' }, provisions: ['9822.05.15'], notes: ['U.S. note 24 to subchapter XXII of chapter 98'] }],
      complete: true,
    });
  });
});

describe('the references of the real exports', () => {
  const outcomes = (file: string): TrqOutcome[] => readEdition(editionRows(file, readSource(ROOT, file), csvObjects)).trq;
  let rev4: TrqOutcome[];
  let rev10: TrqOutcome[];
  beforeAll(() => {
    rev4 = outcomes('usitc/hts_2026_revision_4.csv.gz');
    rev10 = outcomes('usitc/hts_2026_revision_10.json.gz');
  });
  const find = (list: TrqOutcome[], code: string, programme: string) => list.find((o) => o.code === code && o.programme === programme);

  it('2026 Rev 4: 766 line × programme pairs on 199 lines; 536 computed, 177 by party, 50 by provision, 3 not, by reason', () => {
    const byReason: Record<string, number> = {};
    for (const o of rev4) {
      const k = o.byParty ? `by party (${o.byParty})` : (o.reason ?? 'computed');
      byReason[k] = (byReason[k] ?? 0) + 1;
    }
    expect([rev4.length, new Set(rev4.map((o) => o.code)).size]).toEqual([766, 199]);
    expect(byReason).toEqual({
      // AU 113 of 122, CO 137/139, IL 63/63, MA 49/50, P+ 49/57, PA 61/115, PE 49/50, and 15 references to one
      // provision that names the subheadings before a renumbering (1901.10.16 …) or not at all (3006.93.20): the
      // line's special column refers to it alone (AU 9, CO 2, MA, P+, PE, PA 1 each)
      computed: 536,
      // every provision of the line names its party: S+ 101 (9823.01, .02, .04, .05, .06, .08: "Goods of Mexico or
      // goods of the United States" / "Goods of Canada"), P+ 7 (9822.05.15 "Of Costa Rica"), S+ 50 whose
      // provisions name it through U.S. notes 9 and 10 to subchapter XXIII (sugar 9823.09: 6, sugar-containing
      // products 9823.10: 44; "Goods provided for in note 9(a)" → MX, US; "note 9(b)" → CA), and S+ 19 through
      // notes 1, 3, 4 and 7 (NOTE_PARTIES 3(a)/3(b): Canada's quota 9823.03.02 under "note 3(b)"; NOTE_LINES: the
      // lines a note lists are named by its provisions whose own text names none — 9823.07.02, whose group text the
      // export indents beside it, and the lines the group texts misprint: "0401.50.70", "2106.9026", "2209.99.28",
      // "0406.10,18", "0406.30,38", "… or 0406.90.36")
      'by party (all)': 177,
      // PA: cheese (notes 6(a)/6(b)) 46, milk (notes 4(a)/4(b)) 4: priced by the provision claimed (byProvision)
      'several-in-quota-rates': 50,
      // JP 8415.90.80; PA ethanol 2207.10.60, 2207.20.00 (9822.09.22/.24 by use, no quota)
      'no-quota-provision': 3,
    });
    // Rev 10 prints the same references
    expect(rev10.map((o) => [o.code, o.programme, o.reason, o.byParty])).toEqual(rev4.map((o) => [o.code, o.programme, o.reason, o.byParty]));
  });

  it('Panama cheese 0406.10.18: 9919.04.50 Free (note 6(a)) and 9919.04.51 56.7¢/kg (note 6(b)) are both in-quota: priced by the provision claimed (test/unit/data/trq-quotas.test.ts)', () => {
    expect(find(rev10, '04061018', 'PA')).toEqual({
      code: '04061018',
      programme: 'PA',
      printed: 'See 9919.04.50, 9919.04.51, 9919.04.61',
      reason: 'several-in-quota-rates',
      detail:
        '9919.04.50 Free (PA) (U.S. note 6(a)); 9919.04.51 56.7¢/kg (PA) (U.S. note 6(b)): which quota the goods enter under is not shown by the code: a claim names the provision (PA:9919.04.50)',
      quotas:
        '9919.04.50 Free (PA) (U.S. note 6(a) to subchapter XIX of chapter 99); 9919.04.51 56.7¢/kg (PA) (U.S. note 6(b) to subchapter XIX of chapter 99)',
    });
  });

  it('Japan 8415.90.80: 9921.01.01 1.4% / .02 Free differ by use (automotive air conditioners), no quota: uncomputed', () => {
    expect(find(rev10, '84159080', 'JP')?.reason).toBe('no-quota-provision');
  });

  it('AU 1901.10.16: 9822.04.25 names the subheadings of 1901.10 before their renumbering (1901.10.30 …), not 1901.10.16; the line refers to it alone: its in-quota rate, the link said', () => {
    expect(find(rev10, '19011016', 'AU')).toMatchObject({
      reason: null,
      detail:
        "9822.04.25: U.S. note 13 to subchapter XXII of chapter 98 (9822.04.25 names 0402.29.50, 0402.99.90, 0403.20.50 … 2202.90.28 (42 provisions), not 1901.10.16: the line's special column refers to it alone)",
    });
  });

  it('USMCA S+: priced by party where the words name it (0402.21.50: 9823.05.01 MX/US, 9823.05.02 CA in quota); sugar by the party U.S. note 9 names (9823.09.01 "note 9(a)")', () => {
    expect(find(rev10, '04022150', 'S+')).toMatchObject({
      reason: 'party-specific',
      byParty: 'all',
      parties: 'MX, US: 9823.05.01; CA: 9823.05.02 in quota (U.S. note 5(b)(1) to subchapter XXIII of chapter 98)',
    });
    // note 9(a): goods of Mexico and of the United States only under 9823.09.01; 9(b): goods of Canada under
    // 9823.09.02-.09, 9823.09.02 within the limits of 9(b)(1) (data/sources/usitc/ch98_subchapter23_notes_9_10.md)
    expect(find(rev10, '17011250', 'S+')).toMatchObject({
      printed: 'See 9823.09.01-9823.09.09',
      reason: 'party-specific',
      byParty: 'all',
      parties: 'MX, US: 9823.09.01; CA: 9823.09.02 in quota (U.S. note 9(b)(1) to subchapter XXIII of chapter 98)',
    });
    // note 10(b)(1) is printed in 9823.10.02 without "U.S." ("the quantitative limits specified in note 10(b)(1)")
    expect(find(rev10, '18061015', 'S+')).toMatchObject({
      byParty: 'all',
      parties: 'MX, US: 9823.10.01; CA: 9823.10.02 in quota (U.S. note 10(b)(1) to subchapter XXIII of chapter 98)',
    });
  });

  it('computed: AU dairy 0402.21.50 (9822.04.20, note 12), Israel cheese 0406.10.18 (9908.04.05, note 5), Colombia 0406.10.18 (9918.04.50, note 6), Morocco sugar 1701.12.50 (9822.03.01, note 6(b))', () => {
    expect(find(rev10, '04022150', 'AU')).toMatchObject({ reason: null, detail: '9822.04.20: U.S. note 12 to subchapter XXII of chapter 98' });
    expect(find(rev10, '04061018', 'IL')).toMatchObject({ reason: null, detail: '9908.04.05: U.S. note 5 to subchapter VIII of chapter 99' });
    expect(find(rev10, '04061018', 'CO')).toMatchObject({ reason: null, detail: '9918.04.50: U.S. note 6 to subchapter XVIII of chapter 99' });
    expect(find(rev10, '17011250', 'MA')).toMatchObject({ reason: null, detail: '9822.03.01: U.S. note 6(b) to subchapter XXII of chapter 98' });
  });
});

describe('a claim at the in-quota rate (bundled schedule)', () => {
  let ix: ScheduleIndex;
  beforeAll(() => {
    ix = bundledIndexFast();
  });
  const priced = (hts: string, origin: string, date: string, claim: string | undefined, extra: { qty?: string; unit?: string } = {}) =>
    price(
      ix,
      'as-entered',
      ship({ hts, origin, value: extra.qty ? '5000' : '10000', mode: 'air', date, ...extra, ...(claim ? { elections: { claim } } : {}) }),
    );

  it('Australian milk 0402.21.50, 1,000 kg, $5,000, 2026-03-10, claim AU: in-quota Free; Section 122 stays', () => {
    // unclaimed: $1.092/kg × 1,000 kg = 1,092.00 + Section 122 10% × 5,000.00 = 500.00 → 1,592.00
    // claimed AU (9822.04.20, Free within U.S. note 12): 0.00 + 500.00 = 500.00
    const milk = { qty: '1000', unit: 'kg' };
    expect(priced('0402.21.50', 'AU', '2026-03-10', undefined, milk).duty).toBe(159200);
    const b = priced('0402.21.50', 'AU', '2026-03-10', 'AU', milk);
    expect(b.duty).toBe(50000);
    expect(b.lines.map((l) => [l.measure, l.amount])).toContainEqual(['us-s122', 50000]);
    expect(b.lines[0]?.ref).toBe('United States tariff 0402.21.50, special (AU), in quota 9822.04.20');
    expect(b.notes).toContain(
      'claim AU on 0402.21.50: the special column prints "See 9822.04.20"; the in-quota rate of 9822.04.20 applies within the quantitative limits of U.S. note 12 to subchapter XXII of chapter 98 (tariff-rate quota fill is the importer\'s to check; entered under 9822.04.20); the tool cannot check this, so the claim is taken to say the goods qualify',
    );
  });

  it('Panama beef 0201.10.50, $10,000, 2025-06-01, claim PA: in-quota 2.6% of 9919.02.01 (2025 edition); the reciprocal 10% stays', () => {
    // unclaimed: 26.4% × 10,000.00 = 2,640.00 + IEEPA reciprocal 10% = 1,000.00 → 3,640.00
    // claimed PA: 2.6% × 10,000.00 = 260.00 + 1,000.00 = 1,260.00 (2026 editions print 9919.02.01 Free)
    expect(priced('0201.10.50', 'PA', '2025-06-01', undefined).duty).toBe(364000);
    const b = priced('0201.10.50', 'PA', '2025-06-01', 'PA');
    expect(b.duty).toBe(126000);
    expect(b.lines.map((l) => [l.ref, l.amount])).toEqual(
      expect.arrayContaining([
        ['United States tariff 0201.10.50, special (PA), in quota 9919.02.01', 26000],
        ['9903.01.25', 100000],
      ]),
    );
    expect(b.notes.join('\n')).toContain('within the quantitative limits of U.S. note 3 to subchapter XIX of chapter 99');
  });

  it('a reference of several quotas refuses a claim that does not name one (Panama cheese 0406.10.18, 2026-06-10)', () => {
    expect(() => priced('0406.10.18', 'PA', '2026-06-10', 'PA', { qty: '1000', unit: 'kg' })).toThrow(
      '("See 9919.04.50, 9919.04.51, 9919.04.61") depends on the quota the goods are entered under — name it: PA:9919.04.50 Free in quota (U.S. note 6(a) to subchapter XIX of chapter 99), PA:9919.04.51 $0.567/kg in quota (U.S. note 6(b) to subchapter XIX of chapter 99)',
    );
  });

  it('the preferences open to AU on 0201.10.50 give the in-quota rate, not the reference', () => {
    const line = ix.findLine('US', '02011050');
    if (!line.ok) throw new Error('no line');
    const au = openPreferences(ix.schedule, line.value, 'AU', '2026-06-10', '2026-06-10').open.find((p) => p.code === 'AU');
    expect(au?.rate).toMatchObject({ kind: 'ad-valorem', adValorem: { n: 0 } });
    expect(au?.inQuota?.provisions).toEqual(['9822.04.01']);
  });

  it('lookup --origin AU --format json: the in-quota rate with its condition and the flag that claims it', () => {
    const r = run(['lookup', '0201.10.50', '--origin', 'AU', '--date', '2026-06-10', '--format', 'json', '-q']);
    expect(r.exitCode).toBe(0);
    const au = JSON.parse(r.stdout).preferences.find((p: { code: string }) => p.code === 'AU');
    expect(au).toMatchObject({
      rate: 'Free',
      claim: '--claim AU',
      inQuota: {
        printed: 'See 9822.04.01-9822.04.03',
        provisions: ['9822.04.01'],
        condition:
          "within the quantitative limits of U.S. note 8(b) to subchapter XXII of chapter 98 (tariff-rate quota fill is the importer's to check; entered under 9822.04.01)",
      },
    });
  });
});
