/**
 * Issue #23: special rates printed as a Chapter 98 reference whose provisions differ by party — USMCA S+
 * (subchapter XXIII of chapter 98) and CAFTA-DR P+ 9822.05.15 ("Of Costa Rica") — priced for the parties the
 * provisions' own words name ("Goods of Mexico or goods of the United States", "Goods of Canada", "Of Costa
 * Rica"), and refused to the others with the reason (scripts/data/lib/trq-special.ts, `byOrigin` on the
 * special group). Provision texts: HTSUS 2026 Revision 10 JSON export (data/sources/usitc), copied below as
 * printed; the expected rates are read off them by hand.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readEdition, type EditionRow } from '../../../scripts/data/lib/hts-edition.js';
import { NOTE_PARTIES, partiesOf } from '../../../scripts/data/lib/trq-special.js';
import type { ScheduleIndex } from '../../../src/schedule/schedule-index.js';
import { bundledIndexFast, price, ROOT, run, ship } from '../../helpers.js';
import { editionRow } from './edition-row.js';

const row = (hts: string, indent: number, description: string, special: string): EditionRow =>
  editionRow(hts, indent, description, special, hts.startsWith('98') || hts === '' ? '' : '77.2¢/liter');

// 2026 Revision 10: 0401.40.25 and the provisions of 9823.01 (texts and indents as the export prints them; rows
// 9823.01.05-.07 left out, so the line's reference is cut to the rows held: "See 9823.01.01-9823.01.04")
const MILK: EditionRow[] = [
  row('0401.40.25', 2, 'Other', 'Free (BH,CL,CO,JO,KR,MA,OM,P,P+,PA,PE,SG) See 9822.04.05 (AU) See 9823.01.01-9823.01.04 (S+)'),
  row('', 0, 'Goods entered under the provisions of the US-Mexico-Canada Agreement under general note 11 to the tariff schedule:', ''),
  row('', 1, 'Goods provided for in subheading 0401.40.25, 0401.50.25, 0403.90.16, 2105.00.20 or 2202.99.28:', ''),
  row('9823.01.01', 2, 'Goods of Mexico or goods of the United States provided for in note 1(a) to this subchapter', 'Free (S+)'),
  row('', 2, 'Goods of Canada provided for in note 1(b)to this subchapter:', ''),
  row('9823.01.02', 3, 'Subject to the quantitative limits specified in U.S. note 1(b)(1) to this subchapter', 'Free (S+)'),
  row('', 3, 'Goods provided for in note 1(b)(2) to this subchapter:', ''),
  row('9823.01.03', 4, 'Goods provided for in subheading 0401.40.25', '77.2¢/liter (S+)'),
  row('9823.01.04', 4, 'Goods provided for in subheading 0401.50.25', '77.2¢/liter (S+)'),
];

describe('resolving a reference by party (synthetic rows copied from 2026 Rev 10)', () => {
  it('0401.40.25 S+: MX and US Free under 9823.01.01 (no limit in its text); CA Free in quota under 9823.01.02 (note 1(b)(1)); not the over-quota 77.2¢/liter of 9823.01.03', () => {
    const r = readEdition(MILK);
    const s = r.lines.get('04014025')?.special.find((g) => g.codes.includes('S+'));
    expect(s).toEqual({
      codes: ['S+'],
      text: 'See 9823.01.01-9823.01.04',
      uncomputed:
        'the provisions of S+ on 0401.40.25 name the goods of MX, US (9823.01.01); CA (9823.01.02) only: goods of another origin have no S+ rate here',
      byOrigin: [
        { origins: ['MX', 'US'], rate: { adValorem: '0%' }, provisions: ['9823.01.01'] },
        {
          origins: ['CA'],
          rate: { adValorem: '0%' },
          provisions: ['9823.01.02'],
          inQuota: {
            printed: 'See 9823.01.01-9823.01.04',
            provisions: ['9823.01.02'],
            notes: ['U.S. note 1(b)(1) to subchapter XXIII of chapter 98'],
          },
        },
      ],
    });
    expect(r.trq.find((o) => o.programme === 'S+')).toMatchObject({ reason: 'party-specific', byParty: 'all' });
  });

  it('a party named only by a parent that is itself a provision (no ":") is not read: 9823.03.02 is CA by its group "note 3(b)", not MX/US by 9823.03.01', () => {
    // Rev 10 indents "Goods provided for in note 3(b) to this subchapter:" under 9823.03.01 (Mexico's row); the group
    // names Canada through U.S. note 3(b) (NOTE_PARTIES); without it, 9823.03.01's words are not read
    const texts = [
      'Goods provided for in subheading 0401.50.70, 0402.21.90, …:',
      'Goods of Mexico or goods of the United States provided for in note 3(a) to this subchapter',
      'Goods provided for in note 3(b) to this subchapter:',
      'Subject to the quantitative limits specified in U.S. note 3(b)(1) to this subchapter',
    ];
    expect(partiesOf({ number: '9823.03.02', texts, special: 'Free (S+)' })).toEqual({ parties: ['CA'], own: false });
    expect(partiesOf({ number: '9823.03.02', texts: [texts[0] ?? '', texts[1] ?? '', texts[3] ?? ''], special: 'Free (S+)' })).toEqual({
      parties: [],
      own: false,
    });
    expect(partiesOf({ number: '9823.03.01', texts: texts.slice(0, 2), special: 'Free (S+)' })).toEqual({ parties: ['MX', 'US'], own: true });
    expect(partiesOf({ number: '9822.05.15', texts: ['Goods described in U.S. note 23 …:', 'Of Costa Rica:', 'Goods provided for …'], special: '' })).toEqual({
      parties: ['CR'],
      own: false,
    });
  });

  it('a party whose only rows naming the line are over-quota (no limit, party named by a parent) gets no rate — unless the note lists the line', () => {
    // the group text no longer lists 0401.40.25: U.S. note 1 does ("subheadings 0401.40.25, 0401.50.25, …",
    // NOTE_LINES), so 9823.01.01 and 9823.01.02, whose own texts name no subheading, still name it
    const rows = MILK.map((r) =>
      r.description.startsWith('Goods provided for in subheading 0401.40.25,') ? { ...r, description: 'Goods provided for in subheading 0401.50.25:' } : r,
    );
    const viaNote = readEdition(rows)
      .lines.get('04014025')
      ?.special.find((g) => g.codes.includes('S+'));
    expect(viaNote?.byOrigin?.map((b) => [b.origins, b.provisions])).toEqual([
      [['MX', 'US'], ['9823.01.01']],
      [['CA'], ['9823.01.02']],
    ]);
    // a provision whose own text names a subheading is not named by the note: with 9823.01.01/.02 naming
    // 0401.50.25 only, CA is left 9823.01.03 (over-quota) alone, and no party has a rate
    const own = rows.map((r) =>
      r.hts === '9823.01.01' || r.hts === '9823.01.02' ? { ...r, description: `${r.description} (goods provided for in subheading 0401.50.25)` } : r,
    );
    const s = readEdition(own)
      .lines.get('04014025')
      ?.special.find((g) => g.codes.includes('S+'));
    expect(s?.byOrigin).toBeUndefined();
    expect(s?.uncomputed).toContain('S+ marks goods the tariff treats differently for each USMCA country');
  });
});

// 2026 Revision 10: raw sugar 1701.12.50 and the provisions of 9823.09 (texts and indents as the export prints them;
// rows 9823.09.04-.09 left out, so the line's reference is cut to "See 9823.09.01-9823.09.03"). The provisions name
// the party only through U.S. note 9 to subchapter XXIII, whose (a) is "Goods of Mexico … and goods of the United
// States … only under subheading 9823.09.01" and (b) "Goods of Canada … only under subheadings 9823.09.02 through
// 9823.09.09" (data/sources/usitc/ch98_subchapter23_notes_9_10.md).
const SUGAR: EditionRow[] = [
  row('1701.12.50', 3, 'Other', 'Free (BH,CL,JO,KR,OM,SG) See 9823.09.01-9823.09.03 (S+)'),
  row('', 0, 'Goods entered under the provisions of the US-Mexico-Canada Agreement under general note 11 to the tariff schedule:', ''),
  row('', 1, 'Goods provided for in subheading 1701.12.50, 1701.13.50, 1701.14.50, 1701.91.30, 1701.99.50 or 1702.90.20:', ''),
  row('9823.09.01', 2, 'Goods provided for in note 9(a) to this subchapter', 'Free (S+)'),
  row('', 2, 'Goods provided for in note 9(b) to this subchapter:', ''),
  row('9823.09.02', 3, 'Subject to the quantitative limits specified in U.S. note 9(b)(1) to this subchapter', 'Free (S+)'),
  row('', 3, 'Goods provided for in note 9(b)(2) to this subchapter:', ''),
  row('9823.09.03', 4, 'Goods provided for in subheading 1701.12.50', '35.74¢/kg (S+)'),
];

describe('USMCA sugar: the party named by U.S. notes 9 and 10 to subchapter XXIII of chapter 98', () => {
  it('1701.12.50 S+: MX and US Free under 9823.09.01 (note 9(a)); CA Free in quota under 9823.09.02 (note 9(b)(1)); not the over-quota 35.74¢/kg of 9823.09.03', () => {
    const s = readEdition(SUGAR)
      .lines.get('17011250')
      ?.special.find((g) => g.codes.includes('S+'));
    expect(s).toEqual({
      codes: ['S+'],
      text: 'See 9823.09.01-9823.09.03',
      uncomputed:
        'the provisions of S+ on 1701.12.50 name the goods of MX, US (9823.09.01); CA (9823.09.02) only: goods of another origin have no S+ rate here',
      byOrigin: [
        { origins: ['MX', 'US'], rate: { adValorem: '0%' }, provisions: ['9823.09.01'] },
        {
          origins: ['CA'],
          rate: { adValorem: '0%' },
          provisions: ['9823.09.02'],
          inQuota: {
            printed: 'See 9823.09.01-9823.09.03',
            provisions: ['9823.09.02'],
            notes: ['U.S. note 9(b)(1) to subchapter XXIII of chapter 98'],
          },
        },
      ],
    });
  });

  it('partiesOf reads the note a text names: 9(a) → MX, US; 9(b)(…) and 10(b)(…) → CA; 10(b)(1) is a quota though printed without "U.S."', () => {
    const head = 'Goods provided for in subheading 1701.91.48, 1701.91.58, …:';
    expect(partiesOf({ number: '9823.09.01', texts: [head, 'Goods provided for in note 9(a) to this subchapter'], special: '' })).toEqual({
      parties: ['MX', 'US'],
      own: true,
    });
    // 9823.09.09's own text names note 9(b)(3)
    expect(
      partiesOf({
        number: '9823.09.09',
        texts: [head, 'Goods provided for in note 9(b) to this subchapter:', 'Goods provided for in note 9(b)(3) and subject to …'],
        special: '',
      }),
    ).toEqual({ parties: ['CA'], own: true });
    // 9823.10.02: no party in its own text, the group "note 10(b)" above names Canada
    expect(
      partiesOf({
        number: '9823.10.02',
        texts: [
          head,
          'Goods provided for in note 10(b) to this subchapter:',
          'Subject to the quantitative limits specified in note 10(b)(1) to this subchapter',
        ],
        special: '',
      }),
    ).toEqual({ parties: ['CA'], own: false });
    expect(partiesOf({ number: '9823.10.01', texts: [head, 'Goods provided for in note 10(a) to this subchapter'], special: '' })).toEqual({
      parties: ['MX', 'US'],
      own: true,
    });
    // only the notes of subchapter XXIII copied are read: the same words under another heading name no party
    expect(partiesOf({ number: '9822.09.01', texts: ['Goods provided for in note 9(a) to this subchapter'], special: '' })).toEqual({
      parties: [],
      own: false,
    });
  });

  it('the table NOTE_PARTIES says what the copied note text says (U.S. notes 3, 7, 9 and 10, subdivisions (a) and (b))', () => {
    const text = ['ch98_subchapter23_notes_1_3_4_7.md', 'ch98_subchapter23_notes_9_10.md']
      .map((f) => readFileSync(join(ROOT, 'data/sources/usitc', f), 'utf8'))
      .join('\n');
    const sub = (note: string, letter: string): string => {
      const n = text.split(/\n(?=\d+\. )/).find((x) => x.startsWith(`${note}. `)) ?? '';
      return n.split('\n').find((l) => l.trim().startsWith(`(${letter}) `)) ?? '';
    };
    for (const [key, parties] of Object.entries(NOTE_PARTIES)) {
      const [heading, ref] = key.split(' ');
      expect(heading).toBe('9823');
      const m = /^(\d+)\(([a-z])\)$/.exec(ref ?? '');
      const line = sub(m?.[1] ?? '', m?.[2] ?? '');
      const named = [
        ...(/Goods of Mexico/.test(line) ? ['MX'] : []),
        ...(/goods of the United States/.test(line) ? ['US'] : []),
        ...(/Goods of Canada/.test(line) ? ['CA'] : []),
      ];
      expect([key, named]).toEqual([key, [...parties]]);
      // and the provisions it assigns them are those of the note's heading
      expect(line).toContain(`only under subheading${parties.includes('CA') ? 's' : ''} 9823.${m?.[1]?.padStart(2, '0')}.`);
    }
  });
});

describe('claims priced by party (bundled schedule, 2026-06-10)', () => {
  let ix: ScheduleIndex;
  beforeAll(() => {
    ix = bundledIndexFast();
  });
  const priced = (hts: string, origin: string, claim: string | undefined, mode: 'truck' | 'ocean', qty: string, unit: string) =>
    price(ix, 'as-entered', ship({ hts, origin, value: '10000', mode, date: '2026-06-10', qty, unit, ...(claim ? { elections: { claim } } : {}) }));
  const refusal = (hts: string, origin: string, claim: string): string => {
    try {
      priced(hts, origin, claim, 'truck', '1000', 'kg');
    } catch (e) {
      return (e as Error).message;
    }
    return 'priced';
  };

  it('milk 0401.40.25 of Mexico, 1,000 liters, $10,000, truck, claim S+: Free under 9823.01.01; S+ is a USMCA claim, so Section 122 and MPF are lifted too', () => {
    // unclaimed: 77.2¢/liter × 1,000 = 772.00 + Section 122 10% × 10,000.00 = 1,000.00 → duty 1,772.00;
    //   MPF 0.3464% × 10,000.00 = 34.64 (above the 33.58 minimum)
    const u = priced('0401.40.25', 'MX', undefined, 'truck', '1000', 'liter');
    expect([u.duty, u.fees]).toEqual([177200, 3464]);
    // claimed S+ (MX: 9823.01.01 Free, no limit): 0.00; S+ elects `usmca` (withProgrammeNames), which exempts
    //   Section 122 (9903.03.07/.08, USMCA goods of Canada and Mexico) and MPF (19 U.S.C. 58c(b)(10)(B)) → 0.00 and 0.00
    const b = priced('0401.40.25', 'MX', 'S+', 'truck', '1000', 'liter');
    expect([b.duty, b.fees]).toEqual([0, 0]);
    expect(b.lines[0]?.ref).toBe('United States tariff 0401.40.25, special (S+), 9823.01.01');
    expect(b.notes).toContain(
      'claim S+ on 0401.40.25: the special column prints "See 9823.01.01-9823.01.07"; goods of MX are entered under 9823.01.01 (no quantitative limit in its text)',
    );
    expect(b.notes.join('\n')).not.toContain('quantitative limits');
    // the programme's name claims the same code
    expect(priced('0401.40.25', 'MX', 'usmca', 'truck', '1000', 'liter').duty).toBe(0);
  });

  it('milk 0401.40.25 of Canada, claim S+: the in-quota Free of 9823.01.02 with the quota of U.S. note 1(b)(1) as a condition', () => {
    const b = priced('0401.40.25', 'CA', 'S+', 'truck', '1000', 'liter');
    expect(b.duty).toBe(0);
    expect(b.lines[0]?.ref).toBe('United States tariff 0401.40.25, special (S+), in quota 9823.01.02');
    expect(b.notes).toContain(
      'claim S+ on 0401.40.25: the special column prints "See 9823.01.01-9823.01.07"; for goods of CA the in-quota rate of 9823.01.02 applies within the quantitative limits of U.S. note 1(b)(1) to subchapter XXIII of chapter 98 (tariff-rate quota fill is the importer\'s to check; entered under 9823.01.02); the tool cannot check this, so the claim is taken to say the goods qualify',
    );
  });

  it('refused with the reason: NI on sugar 1701.12.10 (9822.05.15 is "Of Costa Rica"), GT under S+ (not a member); butter 0405.10.20 priced for CA and MX', () => {
    // Canada through U.S. note 3(b) (9823.03.02, test/unit/data/trq-quotas.test.ts), Mexico by its words (9823.03.01)
    expect(refusal('0405.10.20', 'CA', 'S+')).toBe('priced');
    expect(refusal('0405.10.20', 'MX', 'S+')).toBe('priced');
    expect(refusal('1701.12.10', 'NI', 'P+')).toContain(
      'is "See 9822.05.15", priced by party for goods of CR, not for goods of NI (the provisions of P+ on 1701.12.10 name the goods of CR (9822.05.15) only: goods of another origin have no P+ rate here)',
    );
    expect(refusal('0401.40.25', 'GT', 'S+')).toContain('claim S+ refused: GT is not a member of S/S+');
  });

  it('sugar 1701.12.10 of Costa Rica, 1,000 kg, $10,000, ocean, claim P+: Free in quota (9822.05.15, U.S. note 24); Section 122 stays', () => {
    // P+ is no USMCA claim: Section 122 10% × 10,000.00 = 1,000.00 stays; HMF 0.125% × 10,000.00 = 12.50;
    // MPF 0 (19 U.S.C. 58c(b)(15), CAFTA-DR originating goods)
    const b = priced('1701.12.10', 'CR', 'P+', 'ocean', '1000', 'kg');
    expect([b.duty, b.fees]).toEqual([100000, 1250]);
    expect(b.lines[0]?.ref).toBe('United States tariff 1701.12.10, special (P+), in quota 9822.05.15');
    expect(b.notes.join('\n')).toContain(
      'for goods of CR the in-quota rate of 9822.05.15 applies within the quantitative limits of U.S. note 24 to subchapter XXII of chapter 98',
    );
  });

  it('raw sugar 1701.12.50 of Mexico, 1,000 kg, $10,000, truck, claim S+: Free under 9823.09.01 (U.S. note 9(a) to subchapter XXIII)', () => {
    // claimed S+ (MX: 9823.09.01 Free, no limit in its text): 0.00; S+ elects usmca, so Section 122 and MPF are lifted → 0.00, 0.00
    const b = priced('1701.12.50', 'MX', 'S+', 'truck', '1000', 'kg');
    expect([b.duty, b.fees]).toEqual([0, 0]);
    expect(b.lines[0]?.ref).toBe('United States tariff 1701.12.50, special (S+), 9823.09.01');
    expect(b.notes).toContain(
      'claim S+ on 1701.12.50: the special column prints "See 9823.09.01-9823.09.09"; goods of MX are entered under 9823.09.01 (no quantitative limit in its text)',
    );
    // unclaimed: 35.74¢/kg × 1,000 kg = 357.40 + Section 122 (9903.03.01) 10% × 10,000.00 = 1,000.00 → 1,357.40;
    //   MPF 0.3464% × 10,000.00 = 34.64
    const u = priced('1701.12.50', 'MX', undefined, 'truck', '1000', 'kg');
    expect([u.duty, u.fees]).toEqual([135740, 3464]);
  });

  it('sugar of Canada, claim S+: 1701.12.50 Free in quota of 9823.09.02 (note 9(b)(1)); cocoa powder 1806.10.15 Free in quota of 9823.10.02 (note 10(b)(1))', () => {
    const sugar = priced('1701.12.50', 'CA', 'S+', 'truck', '1000', 'kg');
    expect(sugar.duty).toBe(0);
    expect(sugar.lines[0]?.ref).toBe('United States tariff 1701.12.50, special (S+), in quota 9823.09.02');
    expect(sugar.notes.join('\n')).toContain(
      'for goods of CA the in-quota rate of 9823.09.02 applies within the quantitative limits of U.S. note 9(b)(1) to subchapter XXIII of chapter 98',
    );
    const cocoa = priced('1806.10.15', 'CA', 'S+', 'truck', '1000', 'kg');
    expect(cocoa.duty).toBe(0);
    expect(cocoa.lines[0]?.ref).toBe('United States tariff 1806.10.15, special (S+), in quota 9823.10.02');
    expect(cocoa.notes.join('\n')).toContain('the quantitative limits of U.S. note 10(b)(1) to subchapter XXIII of chapter 98');
    // a Mexican cocoa powder: 9823.10.01 (note 10(a)), Free
    expect(priced('1806.10.15', 'MX', 'S+', 'truck', '1000', 'kg').lines[0]?.ref).toBe('United States tariff 1806.10.15, special (S+), 9823.10.01');
  });

  it('lookup --origin MX --format json: the group lists the parties; the preference gives the origin its rate and provisions', () => {
    const r = run(['lookup', '0401.40.25', '--origin', 'MX', '--date', '2026-06-10', '--format', 'json', '-q']);
    expect(r.exitCode).toBe(0);
    const doc = JSON.parse(r.stdout);
    const group = doc.special.at(-1).groups.find((g: { codes: string[] }) => g.codes.includes('S+'));
    expect(group.byOrigin).toEqual([
      { origins: ['MX', 'US'], rate: 'Free', rateSpec: { adValorem: '0%' }, provisions: ['9823.01.01'], inQuota: null },
      expect.objectContaining({
        origins: ['CA'],
        rate: 'Free',
        provisions: ['9823.01.02'],
        inQuota: expect.objectContaining({ notes: ['U.S. note 1(b)(1) to subchapter XXIII of chapter 98'] }),
      }),
    ]);
    const s = doc.preferences.find((p: { code: string }) => p.code === 'S+');
    expect(s).toMatchObject({
      rate: 'Free',
      claim: '--claim S+',
      inQuota: null,
      uncomputed: null,
      party: { origins: ['MX', 'US'], provisions: ['9823.01.01'] },
    });
  });
});
