/**
 * The codes with a symbol (issue 23): E* (CBERA, HTSUS general note 7(c)-(d)) and P+ (CAFTA-DR,
 * general note 29(a)(ii)), as a programme's `limits`, and W (no code of general note 3(c)(i)).
 *
 * General note 7(c): "The symbol 'E*' indicates that some articles provided for in the designated
 * provision are not eligible …, as further described in subdivision (d)"; 7(d)(i) excludes beef and
 * veal (chapters 2, 16, heading 2301) and the sugars of heading 1701 and subheadings 1702.90.20 and
 * 2106.90.44 of Antigua and Barbuda, Montserrat, Saint Lucia and Saint Vincent and the Grenadines;
 * 7(d)(ii) limits those sugars to additional U.S. note 4 to chapter 17; 7(d)(iii) excludes textile and
 * apparel articles by fibre content. General note 29(a)(ii): a "P+" rate applies to goods that
 * qualify as originating with any U.S. operations or materials counted as a non-party's. (HTSUS 2025
 * Revision 7 text of the general notes.)
 *
 * First on a toy line and programme (pure core), then on the bundled tariff: the special columns
 * quoted are those of the HTSUS 2025 Basic Edition (the edition in force on 2025-01-15, before any
 * reciprocal duty, so the duty is the line's rate alone); $10,000 by air.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { claimedPreference, limitVerdict, openPreferences, openUnderLimits } from '../../../src/core/preference.js';
import type { Programme, Schedule, TariffLine } from '../../../src/core/types.js';
import { compileLine } from '../../../src/schedule/compile.js';
import type { ScheduleIndex } from '../../../src/schedule/schedule-index.js';
import { schedule as scheduleSchema } from '../../../src/schedule/schema.js';
import { semanticProblems } from '../../../src/schedule/load.js';
import { bundledIndexFast, price, ship } from '../../helpers.js';

// ---------------------------------------------------------------- toy programme, pure core

const src = ['https://example.org/gn7'];
const cbera: Programme = {
  codes: ['E', 'E*'],
  names: ['cbera'],
  title: 'CBERA',
  importer: 'US',
  instrument: 'GN 7',
  from: null,
  to: null,
  members: [
    { country: 'JM', from: '2025-01-01', to: null },
    { country: 'LC', from: '2025-01-01', to: null },
  ],
  limits: [
    { code: 'E*', rule: 'GN 7(d)(i)', provisions: ['0201'], origins: ['LC'], effect: 'refused', text: 'beef of Saint Lucia', sources: src },
    { code: 'E*', rule: 'GN 7(d)(iii)', provisions: ['50'], origins: null, effect: 'condition', text: 'not of cotton', sources: src },
  ],
  note: null,
  sources: src,
};
const toy = { programmes: [cbera], importers: new Map() } as unknown as Schedule;
const importer = { code: 'US', currency: 'USD', minorDigits: 2, column2: [] } as never;

/** a line printing "Free (E*)" (and "Free (E)" when `withE`) */
function starLine(hts: string, withE = false): TariffLine {
  return compileLine(
    {
      importer: 'US',
      hts,
      description: 'toy',
      mfn: { adValorem: '4%' },
      special: [{ codes: withE ? ['E', 'E*'] : ['E*'], rate: { adValorem: '0%' } }],
      sources: ['https://hts.usitc.gov/'],
    },
    2,
  );
}

function claim(line: TariffLine, origin: string, code = 'E*') {
  const notes: string[] = [];
  const r = claimedPreference(toy, importer, line, origin, '2025-06-01', code, null, () => false, notes);
  return { r, notes };
}

describe('limitVerdict: what the limits of a code say of a line and an origin', () => {
  it('no limits for the code: null (E is not limited)', () => {
    expect(limitVerdict(cbera, 'E', '02013050', 'LC')).toBeNull();
  });
  it('a refusing limit concerns only its origins; a condition every member when it names none', () => {
    const lc = limitVerdict(cbera, 'E*', '02013050', 'LC');
    expect(lc?.refusedBy?.rule).toBe('GN 7(d)(i)');
    const jm = limitVerdict(cbera, 'E*', '02013050', 'JM');
    expect(jm).toEqual({ refusedBy: null, uncovered: false, conditions: [] });
    expect(limitVerdict(cbera, 'E*', '50071060', 'JM')?.conditions.map((l) => l.rule)).toEqual(['GN 7(d)(iii)']);
  });
  it('a line that no limit covers is "uncovered" (what E* excludes there is not known)', () => {
    expect(limitVerdict(cbera, 'E*', '17029010', 'JM')?.uncovered).toBe(true);
    expect(openUnderLimits(cbera, 'E*', '17029010', 'JM')).toBe(false);
    expect(openUnderLimits(cbera, 'E', '17029010', 'JM')).toBe(true);
  });
});

describe('claimedPreference under limits', () => {
  it('Jamaica claiming E* on the beef line: the E* rate, no note', () => {
    const { r, notes } = claim(starLine('0201.30.50'), 'JM');
    expect(r.ok && r.value?.code).toBe('E*');
    expect(notes).toEqual([]);
  });
  it('Saint Lucia claiming E* on the beef line: refused with the rule and its words', () => {
    const { r } = claim(starLine('0201.30.50'), 'LC');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issue.code).toBe('claim-refused');
    expect(r.issue.message).toBe('claim E* refused: goods of LC cannot claim E* on 0201.30.50 — GN 7(d)(i): beef of Saint Lucia');
    expect(r.issue.hint).toContain('without the claim the general rate applies');
  });
  it('a textile line: applied, with the condition the claim asserts as a note', () => {
    const { r, notes } = claim(starLine('5007.10.60'), 'LC');
    expect(r.ok && r.value?.code).toBe('E*');
    expect(notes).toEqual(['claim E* on 5007.10.60: GN 7(d)(iii): not of cotton; the tool cannot check this, so the claim is taken to say the goods qualify']);
  });
  it('an E* line no limit covers: refused, naming the rules the table holds', () => {
    const { r } = claim(starLine('1702.90.10'), 'JM');
    expect(!r.ok && r.issue.message).toBe(
      'claim E* refused: 1702.90.10 prints E*, which means some goods or members are excluded there, and the programme table has no rule of what E* excludes on 1702.90.10 (it holds GN 7(d)(i), GN 7(d)(iii))',
    );
  });
  it('the name claims E* where only E* is printed, so its limits hold; the code E is not limited', () => {
    expect(claim(starLine('0201.30.50'), 'LC', 'cbera').r.ok).toBe(false);
    // a line printing both: the name takes E (the first code of the programme the line prints), unlimited
    const both = claim(starLine('0201.30.50', true), 'LC', 'cbera');
    expect(both.r.ok && both.r.value?.code).toBe('E');
  });
  it('openPreferences leaves out a refused origin and an uncovered line', () => {
    const codes = (hts: string, origin: string) => openPreferences(toy, starLine(hts), origin, '2025-06-01', '2025-06-01').open.map((o) => o.code);
    expect(codes('0201.30.50', 'JM')).toEqual(['E*']);
    expect(codes('0201.30.50', 'LC')).toEqual([]);
    expect(codes('1702.90.10', 'JM')).toEqual([]);
    expect(codes('5007.10.60', 'LC')).toEqual(['E*']);
  });
});

describe('a code claimed where the column prints its starred form', () => {
  it('E on a line of E* only claims E* (general note 7(c): E* marks the provision, the programme and the indicator are E), its limits apply', () => {
    const jm = claim(starLine('0201.30.50'), 'JM', 'E');
    expect(jm.r.ok && jm.r.value?.code).toBe('E*');
    // Saint Lucia's beef: refused by 7(d)(i) whether claimed as E, E* or cbera
    for (const c of ['E', 'E*', 'cbera']) {
      const lc = claim(starLine('0201.30.50'), 'LC', c).r;
      expect(lc.ok, c).toBe(false);
      if (!lc.ok) expect(lc.issue.message).toContain('goods of LC cannot claim E* on 0201.30.50');
    }
  });
  it('E on a line that prints both E and E*: E is claimed as printed', () => {
    const { r } = claim(starLine('0201.30.50', true), 'JM', 'E');
    expect(r.ok && r.value?.code).toBe('E');
  });
});

describe('the schema of limits', () => {
  const base = {
    schemaVersion: 1,
    meta: { title: 't', version: '1', verifiedThrough: '2025-01-01' },
    importers: {},
    lines: [],
    measures: [],
  };
  const withLimit = (limit: Record<string, unknown>) => ({
    ...base,
    programmes: [{ codes: ['E', 'E*'], names: [], title: 'CBERA', importer: 'US', instrument: 'GN 7', limits: [limit], sources: src }],
  });
  const limit = { code: 'E*', rule: 'GN 7(d)(i)', provisions: ['0201', '1702.90.20'], origins: ['LC'], effect: 'refused', text: 'beef', sources: src };

  it('a limit parses; provisions are compiled to digits', () => {
    expect(scheduleSchema.safeParse(withLimit(limit)).success).toBe(true);
  });
  it('rejects an unknown effect, a bad provision and a limit without a source', () => {
    expect(scheduleSchema.safeParse(withLimit({ ...limit, effect: 'maybe' })).success).toBe(false);
    expect(scheduleSchema.safeParse(withLimit({ ...limit, provisions: ['201'] })).success).toBe(false);
    expect(scheduleSchema.safeParse(withLimit({ ...limit, sources: [] })).success).toBe(false);
  });
  it("a limit for a code the programme does not hold is a problem at the limit's path", () => {
    const r = scheduleSchema.safeParse(withLimit({ ...limit, code: 'P+' }));
    expect(r.success).toBe(true);
    if (!r.success) return;
    expect(semanticProblems(r.data).map((p) => [p.code, p.path])).toContainEqual(['unknown-programme-code', '$.programmes[0].limits[0].code']);
  });
});

// ---------------------------------------------------------------- the bundled tariff

let ix: ScheduleIndex;
beforeAll(() => {
  ix = bundledIndexFast();
});

const shipment = (hts: string, origin: string, claim: string | undefined, extra: { qty?: string; unit?: string } = {}) =>
  ship({ hts, origin, value: '10000', mode: 'air', date: '2025-01-15', ...extra, ...(claim ? { elections: { claim } } : {}) });
const priced = (hts: string, origin: string, c: string | undefined, extra?: { qty?: string; unit?: string }) =>
  price(ix, 'as-entered', shipment(hts, origin, c, extra));
const refusal = (hts: string, origin: string, c: string): string => {
  try {
    priced(hts, origin, c);
  } catch (e) {
    return (e as Error).message;
  }
  return 'priced';
};

/** every line of the bundled tariff (the schedule's own and its shards') */
function allLines(): TariffLine[] {
  const s = ix.schedule;
  const out = [...s.lines];
  for (const part of s.lineShards?.parts ?? []) out.push(...(s.lineShards?.load(part).lines ?? []));
  return out;
}
const prints = (l: TariffLine, code: string) => [l.special, ...l.specialChanges.map((c) => c.special)].some((gs) => gs.some((g) => g.codes.includes(code)));

describe('the bundled programme table', () => {
  it('E and E* are CBERA, P and P+ CAFTA-DR; W is in no programme', () => {
    const codes = ix.schedule.programmes.map((p) => p.codes.join('/'));
    expect(codes).toContain('E/E*');
    expect(codes).toContain('P/P+');
    expect(ix.schedule.programmes.some((p) => p.codes.includes('W'))).toBe(false);
  });

  it('every line printing E* is covered by a limit of general note 7(d)', () => {
    // 1702.90.05/.10 and 2106.90.42 print E* (sugars) though 7(d)(i)-(ii) name heading 1701 and subheadings
    // 1702.90.20 and 2106.90.44: covered by limits of their own (refused for the four of 7(d)(i), a condition else)
    const e = ix.schedule.programmes.find((p) => p.codes.includes('E*')) as Programme;
    const star = allLines().filter((l) => prints(l, 'E*'));
    expect(star.length).toBeGreaterThan(100);
    expect(star.filter((l) => limitVerdict(e, 'E*', l.hts, 'JM')?.uncovered).map((l) => l.hts)).toEqual([]);
    expect(limitVerdict(e, 'E*', '17029010', 'LC')?.refusedBy?.rule).toBe('general note 7(c)-(d)(i), on a line 7(d) does not name');
  });

  it('every line printing P+ is covered by general note 29(a)(ii), as a condition for every party', () => {
    const p = ix.schedule.programmes.find((x) => x.codes.includes('P+')) as Programme;
    const plus = allLines().filter((l) => prints(l, 'P+'));
    expect(plus.length).toBeGreaterThan(10);
    for (const l of plus) {
      const v = limitVerdict(p, 'P+', l.hts, 'NI');
      expect(v?.uncovered, l.hts).toBe(false);
      expect(v?.refusedBy, l.hts).toBeNull();
      expect(v?.conditions.map((c) => c.rule)).toEqual(['general note 29(a)(ii)']);
    }
  });
});

describe('E* on the bundled tariff (2025-01-15, $10,000 by air)', () => {
  it('woven silk 5007.10.60 of Jamaica: 3.9% → Free (E*), with the fibre test of 7(d)(iii) as a note', () => {
    // "Free (AU,BH,CL,CO,E*,IL,JO,KR,MA,OM,P,PA,PE,S,SG)"; general 3.9% × 10,000.00 = 390.00
    expect(priced('5007.10.60', 'JM', undefined).duty).toBe(39000);
    const b = priced('5007.10.60', 'JM', 'E*');
    expect(b.duty).toBe(0);
    expect(b.notes.some((n) => n.startsWith('claim E* on 5007.10.60: general note 7(d)(iii): textile and apparel articles are not eligible'))).toBe(true);
  });

  it('beef 0201.30.50: Jamaica pays Free; Saint Vincent and the Grenadines is refused (7(d)(i))', () => {
    // general 4.4¢/kg × 1,000 kg = 44.00
    const kg = { qty: '1000', unit: 'kg' };
    expect(priced('0201.30.50', 'JM', undefined, kg).duty).toBe(4400);
    expect(priced('0201.30.50', 'JM', 'E*', kg).duty).toBe(0);
    expect(refusal('0201.30.50', 'VC', 'E*')).toContain('claim E* refused: goods of VC cannot claim E* on 0201.30.50 — general note 7(d)(i)');
  });

  it('a sausage 1601.00.60 of Saint Lucia: applied (it need not be beef), with 7(d)(i) as a condition', () => {
    // "Free (A,AU,BH,CL,CO,D,E*,…)"; general 3.2% × 10,000.00 = 320.00
    const b = priced('1601.00.60', 'LC', 'E*');
    expect(b.duty).toBe(0);
    expect(b.notes.some((n) => n.includes('general note 7(d)(i): articles of beef or veal are not eligible'))).toBe(true);
  });

  it('sugar 1701.99.10: refused for Montserrat (7(d)(i)); for Jamaica applied with the quota of 7(d)(ii) as a note', () => {
    expect(refusal('1701.99.10', 'MS', 'E*')).toContain('claim E* refused: goods of MS cannot claim E* on 1701.99.10');
    const b = priced('1701.99.10', 'JM', 'cbera', { qty: '1000', unit: 'kg' });
    expect(b.duty).toBe(0);
    expect(b.notes.some((n) => n.includes('general note 7(d)(ii): sugars, sirups and molasses are eligible only to the extent'))).toBe(true);
  });

  it('1702.90.10 (E* printed, not named by 7(d)): applied for Jamaica with the condition, refused for Saint Lucia', () => {
    expect(refusal('1702.90.10', 'LC', 'E*')).toContain('claim E* refused: goods of LC cannot claim E* on 1702.90.10');
    const b = priced('1702.90.10', 'JM', 'E*', { qty: '1000', unit: 'kg' });
    expect(b.lines.find((l) => l.authority === 'mfn')?.amount).toBe(0);
  });
});

describe('P+ on the bundled tariff (2025-01-15, $10,000 by air)', () => {
  it('peanuts 1202.41.80 of Nicaragua: 163.8% → Free (P+), the origin test of 29(a)(ii) as a note, no MPF (58c(b)(15))', () => {
    // "Free (AU,BH,CL,JO,KR,MA,OM,P,P+,PE,S,SG)"; general 163.8% × 10,000.00 = 16,380.00
    expect(priced('1202.41.80', 'NI', undefined).duty).toBe(1638000);
    const b = priced('1202.41.80', 'NI', 'P+');
    expect(b.duty).toBe(0);
    expect(b.fees).toBe(0);
    expect(b.notes.some((n) => n.startsWith('claim P+ on 1202.41.80: general note 29(a)(ii)'))).toBe(true);
  });

  it('P+ of a non-party (Panama) is refused; P+ printed as a reference for goods of one party ("See 9822.05.15", Costa Rica) is refused to the other parties', () => {
    expect(refusal('1202.41.80', 'PA', 'P+')).toContain('claim P+ refused: PA is not a member of P/P+');
    // 9822.05.15 sits under "Of Costa Rica:" (test/unit/data/trq-special.test.ts, test/unit/data/trq-party.test.ts):
    // a rate for goods of CR only; "See 9822.05.20" (any party, U.S. note 25) is priced at its in-quota rate there
    expect(refusal('1701.12.10', 'NI', 'P+')).toContain(
      'claim P+ refused: the P+ rate of 1701.12.10 on 2025-01-15 is "See 9822.05.15", priced by party for goods of CR, not for goods of NI (the provisions of P+ on 1701.12.10 name the goods of CR (9822.05.15) only',
    );
  });
});

describe('W', () => {
  it('refused with why: no code of general note 3(c)(i), printed by no edition', () => {
    expect(refusal('5007.10.60', 'JM', 'W')).toContain('claim W refused: W is not a programme of general note 3(c)(i) (the note lists no W)');
    expect(allLines().some((l) => prints(l, 'W'))).toBe(false);
  });
});
