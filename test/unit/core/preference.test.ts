/**
 * Claims of a special programme, on a toy line and programme table: the special column in force
 * on a date, membership and the programme's own dates, and the preferences open to an origin.
 */
import { describe, expect, it } from 'vitest';
import {
  claimedPreference,
  claimsOf,
  elects,
  gapOn,
  memberOn,
  openPreferences,
  programmeInForce,
  programmeOf,
  specialOn,
} from '../../../src/core/preference.js';
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

describe("a lapse inside the programme's dates (gaps: AGOA from 2025-10-01 to before 2026-02-03)", () => {
  // a toy AGOA with one member, so that the gap is the only reason to refuse; the line prints "Free (BH,CL)" → add D
  const lapse = { from: '2025-10-01', to: '2026-02-03', note: 'Refund on request (Public Law 119-75).', sources: ['https://example.org/pl119-75'] };
  const d: Programme = {
    ...kr,
    codes: ['D'],
    names: ['agoa'],
    title: 'AGOA',
    from: null,
    to: '2027-01-01',
    members: [{ country: 'KE', from: '2025-01-01', to: null }],
    gaps: [lapse],
  };
  const agoa = { programmes: [d], importers: new Map() } as unknown as Schedule;
  const dLine = {
    ...line,
    special: [{ codes: ['D'], rate: { kind: 'ad-valorem', adValorem: { n: 0, s: 0 } }, text: null }],
    specialChanges: [],
  } as typeof line;
  const importer = { code: 'US', currency: 'USD', minorDigits: 2, column2: [] } as never;
  const claim = (date: string) => claimedPreference(agoa, importer, dLine, 'KE', date, 'D', null, () => false, []);

  it('in force the day before and the day the gap ends, not on its first or last day', () => {
    expect(programmeInForce(d, '2025-09-30')).toBe(true);
    expect(programmeInForce(d, '2025-10-01')).toBe(false);
    expect(programmeInForce(d, '2026-02-02')).toBe(false);
    expect(programmeInForce(d, '2026-02-03')).toBe(true);
    expect(gapOn(d, '2025-12-01')).toBe(lapse);
    expect(gapOn(d, '2026-02-03')).toBeUndefined();
    // a programme without gaps (older compiled forms have no field): only its dates count
    expect(gapOn(kr, '2025-12-01')).toBeUndefined();
  });

  it("a member claiming in the gap is refused as lapsed, with the gap's note; before and after it, the special rate", () => {
    const inGap = claim('2026-02-02');
    expect(inGap.ok).toBe(false);
    if (inGap.ok) return;
    expect(inGap.issue.code).toBe('claim-refused');
    expect(inGap.issue.message).toBe(
      'claim D refused: D (AGOA) had lapsed on 2026-02-02 — its authority lapsed for entries from 2025-10-01 to before 2026-02-03',
    );
    expect(inGap.issue.hint).toContain('Refund on request (Public Law 119-75).');
    for (const date of ['2025-09-30', '2026-02-03']) {
      const r = claim(date);
      expect(r.ok && r.value?.code).toBe('D');
    }
    // after its end the usual lapse message
    const after = claim('2027-01-01');
    expect(!after.ok && after.issue.message).toContain('has lapsed — it applies to entries before 2027-01-01');
  });

  it('lookup lists the preference before and after the gap, not in it', () => {
    expect(openPreferences(agoa, dLine, 'KE', '2025-11-01', '2025-11-01').open).toEqual([]);
    expect(openPreferences(agoa, dLine, 'KE', '2026-03-01', '2026-03-01').open.map((o) => o.code)).toEqual(['D']);
  });
});
