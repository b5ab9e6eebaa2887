/**
 * Claims of a special programme, on a toy line and programme table: the special column in force
 * on a date, membership and the programme's own dates, and the preferences open to an origin.
 */
import { describe, expect, it } from 'vitest';
import { claimsOf, elects, memberOn, openPreferences, programmeInForce, programmeOf, specialOn } from '../../../src/core/preference.js';
import { compileLine } from '../../../src/schedule/compile.js';
import type { Programme, Schedule } from '../../../src/core/types.js';

const line = compileLine(
  {
    importer: 'US',
    hts: '0402.21.50',
    description: 'milk powder',
    mfn: { specific: { amount: '1.092', per: 'kg' } },
    special: [
      { codes: ['BH', 'CL'], rate: { adValorem: '0%' } },
      { codes: ['CO', 'KR'], rate: { specific: { amount: '0.072', per: 'kg' } } },
      { codes: ['AU'], text: 'See 9822.04.20' },
    ],
    specialChanges: [{ from: '2026-01-01', special: [{ codes: ['BH', 'CL', 'CO', 'KR'], rate: { adValorem: '0%' } }] }],
    sources: ['https://hts.usitc.gov/search?query=0402.21.50'],
    coverageFrom: '2025-01-01',
  },
  2,
);

const kr: Programme = {
  codes: ['KR'],
  names: ['korus'],
  title: 'KORUS',
  importer: 'US',
  instrument: 'P.L. 112-41',
  from: '2012-03-15',
  to: null,
  members: [{ country: 'KR', from: '2012-03-15', to: null }],
  note: null,
  sources: ['https://example.org/korus'],
};
const gsp: Programme = { ...kr, codes: ['A', 'A*', 'A+'], names: ['gsp'], title: 'GSP', from: null, to: '2021-01-01', members: null };
const schedule = { programmes: [kr, gsp], importers: new Map() } as unknown as Schedule;

describe('claims', () => {
  it('several claims in one election, "," or ";"', () => {
    expect(claimsOf('kr;patented')).toEqual(['kr', 'patented']);
    expect(claimsOf(' kr , usmca ')).toEqual(['kr', 'usmca']);
    expect(elects({ claim: 'kr;patented' }, 'claim', 'patented', false)).toBe(true);
    expect(elects({ claim: 'kr' }, 'claim', 'patented', false)).toBe(false);
    expect(elects(undefined, 'postal-method', 'ad-valorem', true)).toBe(true);
  });

  it('a programme by code or name, in any case', () => {
    expect(programmeOf(schedule, 'US', 'kr')).toBe(kr);
    expect(programmeOf(schedule, 'US', 'KORUS')).toBe(kr);
    expect(programmeOf(schedule, 'US', 'a+')).toBe(gsp);
    expect(programmeOf(schedule, 'US', 'patented')).toBeUndefined();
  });

  it("a programme's dates and members", () => {
    expect(programmeInForce(gsp, '2020-12-31')).toBe(true);
    expect(programmeInForce(gsp, '2021-01-01')).toBe(false);
    expect(memberOn(kr, 'KR', '2012-03-15')).toBe(true);
    expect(memberOn(kr, 'KR', '2012-03-14')).toBe(false);
    expect(memberOn(kr, 'JP', '2025-01-01')).toBe(false);
    expect(memberOn(gsp, 'TH', '2020-01-01')).toBeNull();
  });

  it('a programme open to any origin ("members": "any", e.g. C civil aircraft): every origin is a member', () => {
    const c: Programme = { ...kr, codes: ['C'], names: ['aircraft-agreement'], from: null, members: [], anyOrigin: true };
    expect(memberOn(c, 'DE', '2025-01-01')).toBe(true);
    expect(memberOn(c, 'KR', '1990-01-01')).toBe(true);
    // without the flag an empty list admits no one
    expect(memberOn({ ...c, anyOrigin: false }, 'DE', '2025-01-01')).toBe(false);
    const { open } = openPreferences(
      { programmes: [c], importers: new Map() } as unknown as Schedule,
      { ...line, special: [{ codes: ['C'], rate: line.special[0]?.rate ?? null, text: null }], specialChanges: [] },
      'DE',
      '2025-06-01',
      '2025-06-01',
    );
    expect(open.map((p) => p.code)).toEqual(['C']);
  });
});

describe('the special column over time', () => {
  it('the groups of the edition in force on the date (a staged KR rate: 7.2¢/kg, then Free)', () => {
    expect(specialOn(line, '2025-06-01').find((g) => g.codes.includes('KR'))?.rate).toMatchObject({ kind: 'specific' });
    expect(specialOn(line, '2026-01-01').find((g) => g.codes.includes('KR'))?.rate).toMatchObject({ kind: 'ad-valorem' });
  });

  it('the preferences open to Korea, each edition apart; the codes of programmes without members are not checked', () => {
    const { open, unchecked } = openPreferences(schedule, line, 'KR', '0000-01-01', '9999-12-31');
    expect(open.map((p) => [p.code, p.from, p.to, p.rate?.kind])).toEqual([
      ['KR', '2025-01-01', '2026-01-01', 'specific'],
      ['KR', '2026-01-01', null, 'ad-valorem'],
    ]);
    expect(unchecked).toEqual(['AU', 'BH', 'CL', 'CO']);
    expect(openPreferences(schedule, line, 'JP', '2025-06-01', '2025-06-01').open).toEqual([]);
  });
});
