/**
 * The special rate column of the HTSUS (general note 3(c)(i) programme codes with their rates),
 * read into "RATE (CODES)" groups. The texts are copied from the USITC exports named in each case
 * (data/sources/usitc); the expected groups are read off them by hand.
 */
import { describe, expect, it } from 'vitest';
import { parseSpecialColumn } from '../../../src/core/rate-text.js';
import { readEdition, type EditionRow } from '../../../scripts/data/lib/hts-edition.js';
import { specialChecks } from '../../../scripts/data/lib/special-check.js';
import { crossCheck } from '../../../scripts/data/lib/cross-check.js';

describe('the special column → programme groups', () => {
  it('one Free group (0101.30.00.00, 2026 Rev 10)', () => {
    expect(parseSpecialColumn('Free (A+,AU,BH,CL,CO,D,E,IL,JO,KR,MA,OM,P,PA,PE,S,SG)')).toEqual({
      groups: [{ codes: ['A+', 'AU', 'BH', 'CL', 'CO', 'D', 'E', 'IL', 'JO', 'KR', 'MA', 'OM', 'P', 'PA', 'PE', 'S', 'SG'], rate: { adValorem: '0%' } }],
      problems: [],
    });
  });

  it('several groups: ad valorem, a reference kept as text (0201.10.50, 2025 Basic Edition)', () => {
    const p = parseSpecialColumn('Free (BH,CL,CO,JO,MA,OM,P,PE,S,SG) 1.7% (KR) See 9822.04.01-9822.04.03 (AU) See 9919.02.01-9919.02.02 (PA)');
    expect(p.problems).toEqual([]);
    expect(p.groups).toEqual([
      { codes: ['BH', 'CL', 'CO', 'JO', 'MA', 'OM', 'P', 'PE', 'S', 'SG'], rate: { adValorem: '0%' } },
      { codes: ['KR'], rate: { adValorem: '1.7%' } },
      { codes: ['AU'], text: 'See 9822.04.01-9822.04.03' },
      { codes: ['PA'], text: 'See 9919.02.01-9919.02.02' },
    ]);
  });

  it('specific and compound special rates (0402.21.50; 0402.29.50 PA, 2025 Basic Edition)', () => {
    expect(parseSpecialColumn('7.2¢/kg (CO,KR,PA)').groups).toEqual([{ codes: ['CO', 'KR', 'PA'], rate: { specific: { amount: '0.072', per: 'kg' } } }]);
    expect(parseSpecialColumn('Free (BH,CL) 7.3¢/kg + 0.9% (PA)').groups[1]).toEqual({
      codes: ['PA'],
      rate: { specific: { amount: '0.073', per: 'kg' }, adValorem: '0.9%' },
    });
  });

  it('no space before the parenthesis, a missing comma, a stray period (2205.10.30; 4011.90.20; 6204.63.11, 2025)', () => {
    expect(parseSpecialColumn('Free (A,AU)1.5¢/liter(JO)').groups).toEqual([
      { codes: ['A', 'AU'], rate: { adValorem: '0%' } },
      { codes: ['JO'], rate: { specific: { amount: '0.015', per: 'liter' } } },
    ]);
    expect(parseSpecialColumn('Free (A*,D,E IL,JO)').groups[0]?.codes).toEqual(['A*', 'D', 'E', 'IL', 'JO']);
    expect(parseSpecialColumn('Free (MA,.OM,P)').groups[0]?.codes).toEqual(['MA', 'OM', 'P']);
  });

  it('a garbled group is reported and left out, never guessed (0406.90.94, every edition: "(PA (PA)")', () => {
    const p = parseSpecialColumn('Free (BH,CL) 7.5¢/kg (KR) See 9919.04.50, 9919.04.57, 9919.04.67 (PA (PA)');
    expect(p.groups.map((g) => g.codes)).toEqual([['BH', 'CL'], ['KR']]);
    expect(p.problems).toEqual(['"See 9919.04.50, 9919.04.57, 9919.04.67 ( PA (PA)" is not a "RATE (CODES)" group']);
  });

  it('an empty column has no groups', () => {
    expect(parseSpecialColumn('  ')).toEqual({ groups: [], problems: [] });
  });
});

describe('the special column against the USITC tariff database', () => {
  const row = (hts: string, general: string, special: string): EditionRow => ({
    row: 1,
    hts,
    indent: 0,
    description: 'x',
    units: [],
    general,
    special,
    column2: '',
    footnotes: [],
  });
  const edition = readEdition([row('0201.10.50', '26.4%', 'Free (BH,CL) 1.7% (KR) See 9822.04.01-9822.04.03 (AU)')]).lines;
  const db = [
    {
      hts8: '02011050',
      korea_indicator: 'KR',
      korea_rate_type_code: '7',
      korea_ad_val_rate: '0.017',
      korea_specific_rate: '0',
      australia_indicator: 'AU',
      australia_rate_type_code: '9',
      australia_ad_val_rate: '9999.99',
      bahrain_indicator: 'BH',
      bahrain_rate_type_code: '0',
      chile_indicator: 'CL',
      chile_rate_type_code: '7',
      chile_ad_val_rate: '0.01',
    },
  ];
  const checks = new Map(specialChecks(edition, db).map((c) => [c.id, c]));

  it('agrees where the rates agree (KR 1.7% = 0.017; AU a reference on both sides; BH Free)', () => {
    for (const id of ['special-KR', 'special-AU', 'special-BH']) {
      const r = crossCheck(checks.get(id) as never, []);
      expect([id, r.peerOnly, r.lawOnly]).toEqual([id, [], []]);
    }
  });

  it('a rate that differs is a disagreement on both sides, unlisted until reviewed', () => {
    const r = crossCheck(checks.get('special-CL') as never, []);
    expect(r.peerOnly).toEqual(['02011050 0.01']);
    expect(r.lawOnly).toEqual(['02011050 Free']);
    expect(r.unlisted).toHaveLength(2);
  });
});
