/**
 * A special rate printed as the rate of a line of another heading (issue 23): the special column of
 * 2106.90.52 and 2106.90.54 (fruit or vegetable juices fortified with vitamins or minerals) reads
 * `Free (AU,BH,CL,CO,E,IL,JO,KR,MA,OM,P,PA,PE,S,SG)` and `"The rate applicable to the natural juice
 * in heading 2009" (A*, D)` in every edition the build reads (2025 Basic Edition to 2026 Revision 10).
 * A claim names the natural juice's line, `D:2009.89.65`, and is priced at the rate that line gives
 * D on the date — its special rate for D, or, where its column lists no D, its general rate (the
 * rate the natural juice of that origin would pay: the plain reading; CBP applies the natural
 * juice's rate to 2106.90.52 in NY R04677, 14 Sep 2006, fortified lemon juice at lemon juice's
 * 7.9¢/liter, the rate of lemon juice, 2009.39.60).
 *
 * AGOA (D): in force to 2027-01-01 with a gap from 2025-10-01 to 2026-02-03 (data/src/programmes.json,
 * Public Law 119-75); South Africa (ZA) and Kenya (KE) members from 2021-01-01, Ethiopia (ET) out from
 * 2022-01-01 (Proclamation 10326). GSP (A*) lapsed after 2020-12-31.
 *
 * First on toy lines (pure core: a juice line with a D rate that is not free, one without D), then on
 * the bundled tariff, then the build step that reads the words.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { parseDec } from '../../../src/core/decimal.js';
import { claimedPreference, type LineAt, lineNumber, openPreferences, specialText } from '../../../src/core/preference.js';
import type { Importer, Programme, Rate, Schedule } from '../../../src/core/types.js';
import { compileLine } from '../../../src/schedule/compile.js';
import type { ScheduleIndex } from '../../../src/schedule/schedule-index.js';
import { schedule as scheduleSchema } from '../../../src/schedule/schema.js';
import { type EditionLine, resolveLineReferences } from '../../../scripts/data/lib/hts-edition.js';
import { bundledIndexFast, price, scenarioOf, ship } from '../../helpers.js';
import { claimEffects, lineClaimSummary } from '../../../src/core/claims.js';

// ---------------------------------------------------------------- toy lines, pure core

const src = ['https://example.org/gn16'];
const agoa: Programme = {
  codes: ['D'],
  names: ['agoa'],
  title: 'AGOA',
  importer: 'US',
  instrument: 'GN 16',
  from: null,
  to: '2027-01-01',
  gaps: [{ from: '2025-10-01', to: '2026-02-03', note: 'lapsed', sources: src }],
  members: [{ country: 'ZA', from: '2021-01-01', to: null }],
  note: null,
  sources: src,
};
const gsp: Programme = { ...agoa, codes: ['A', 'A*', 'A+'], names: ['gsp'], title: 'GSP', to: '2021-01-01', gaps: [], members: null };
const toy = { programmes: [agoa, gsp], importers: new Map() } as unknown as Schedule;
const importer = { code: 'US', currency: 'USD', minorDigits: 2, column2: [] } as unknown as Importer;
const WORDS = 'The rate applicable to the natural juice in heading 2009';

const fortified = compileLine(
  {
    importer: 'US',
    hts: '2106.90.52',
    description: 'fortified juice',
    mfnText: WORDS,
    special: [
      { codes: ['KR'], rate: { adValorem: '0%' } },
      {
        codes: ['A*', 'D'],
        text: WORDS,
        lineOf: { heading: '2009', goods: 'the natural juice', lines: ['2009.11.00', '2009.12.25', '2009.81.00', '2009.89.65'] },
      },
    ],
    sources: ['https://hts.usitc.gov/'],
  },
  2,
);
/** a toy juice line whose D rate is 0.3¢/liter (the bundled ones are all Free under D) */
const withD = compileLine(
  {
    importer: 'US',
    hts: '2009.81.00',
    description: 'cranberry juice (toy)',
    mfn: { specific: { amount: '0.005', per: 'liter' } },
    special: [{ codes: ['D'], rate: { specific: { amount: '0.003', per: 'liter' } } }],
    sources: ['https://hts.usitc.gov/'],
  },
  2,
);
/** a toy juice line whose special column lists no D: general 0.5¢/liter */
const withoutD = compileLine(
  {
    importer: 'US',
    hts: '2009.89.65',
    description: 'cherry juice (toy)',
    mfn: { specific: { amount: '0.005', per: 'liter' } },
    special: [{ codes: ['KR'], rate: { adValorem: '0%' } }],
    sources: ['https://hts.usitc.gov/'],
  },
  2,
);
/** a toy juice line whose D rate is printed as words the tool does not compute */
const wordsD = compileLine(
  {
    importer: 'US',
    hts: '2009.12.25',
    description: 'orange juice (toy)',
    mfn: { specific: { amount: '0.045', per: 'liter' } },
    special: [{ codes: ['D'], text: 'See 9822.99.99' }],
    sources: ['https://hts.usitc.gov/'],
  },
  2,
);
const lineAt: LineAt = (digits) => [withD, withoutD, wordsD].map((line) => ({ line, general: line.mfn })).find((n) => n.line.hts === digits);

function claim(c: string, origin = 'ZA', date = '2026-06-01') {
  const notes: string[] = [];
  const r = claimedPreference(toy, importer, fortified, origin, date, c, null, () => false, notes, lineAt);
  return { r, notes };
}
const refusal = (c: string, origin?: string, date?: string): string => {
  const { r } = claim(c, origin, date);
  return r.ok ? 'applied' : `${r.issue.code}: ${r.issue.message} | ${r.issue.hint}`;
};

describe('a claim naming the natural juice line (toy lines)', () => {
  it("D:2009.81.00 takes that line's D rate, 0.3¢/liter, and says so", () => {
    const { r, notes } = claim('D:2009.81.00');
    expect(r.ok).toBe(true);
    expect(r.ok && r.value).toBeTruthy();
    if (!r.ok || !r.value) return;
    expect(r.value.code).toBe('D');
    expect(r.value.rateOfLine).toBe('2009.81.00');
    expect(r.value.rate).toEqual({ kind: 'specific', specific: { amount: parseDec('0.003'), per: 'liter' } });
    expect(notes).toEqual([
      `claim D:2009.81.00 on 2106.90.52: the special column prints "${WORDS}"; the D rate of 2009.81.00 on 2026-06-01 ($0.003/liter) applies, the line named taken as the importer's assertion that the natural juice of the goods is classified there (the tool cannot check this)`,
    ]);
  });
  it('a juice line that lists no D: its general rate, 0.5¢/liter, what the natural juice of ZA would pay', () => {
    const { r, notes } = claim('D:2009.89.65');
    expect(r.ok && r.value?.rate).toEqual({ kind: 'specific', specific: { amount: parseDec('0.005'), per: 'liter' } });
    expect(notes[0]).toContain(
      '2009.89.65 lists no D rate on 2026-06-01, so the natural juice of goods of ZA would pay its general rate ($0.005/liter), which applies',
    );
  });
  it('the number written without dots, and the programme by its name, are the same claim', () => {
    expect(claim('d:20098100').r).toEqual(claim('D:2009.81.00').r);
    expect(claim('agoa:2009.81.00').r.ok && claim('agoa:2009.81.00').r).toMatchObject({ value: { code: 'D', rateOfLine: '2009.81.00' } });
  });
  it('D alone: refused with the line to name', () => {
    expect(refusal('D')).toBe(
      `claim-refused: claim D refused: the D rate of 2106.90.52 on 2026-06-01 is "${WORDS}", the rate of a line the claim must name — name the natural juice's line of heading 2009, e.g. D:2009.11.00 | name the natural juice's line of heading 2009, e.g. D:2009.11.00 (tariff lookup 2009 lists its 4 lines); the line named is the importer's assertion, which the tool cannot check; the special column of 2106.90.52 on 2026-06-01 offers: Free (KR) · "${WORDS}" (A*, D; by the line claimed: D:2009.NN.NN)`,
    );
  });
  it('a number outside heading 2009, or a line of it the column does not list: refused with the same hint', () => {
    expect(refusal('D:0406.10.18')).toMatch(
      /^claim-refused: claim D:0406\.10\.18 refused: 0406\.10\.18 is not a line of heading 2009 in force on 2026-06-01, and the D rate of 2106\.90\.52 is "The rate applicable.*\| name the natural juice's line of heading 2009, e\.g\. D:2009\.11\.00/,
    );
    expect(refusal('D:2009.89.60')).toContain('2009.89.60 is not a line of heading 2009 in force on 2026-06-01');
    // listed by the column but not in the schedule the index holds
    expect(refusal('D:2009.11.00')).toContain('2009.11.00 is not a line of heading 2009 in force on 2026-06-01');
    // a Chapter 99 number is not a line of heading 2009 either
    expect(refusal('D:9919.04.51')).toContain('9919.04.51 is not a line of heading 2009');
  });
  it('a juice line whose own D rate is not computed: refused, never its general rate instead', () => {
    expect(refusal('D:2009.12.25')).toMatch(
      /^claim-refused: claim D:2009\.12\.25 refused: the D rate of 2009\.12\.25 on 2026-06-01 is "See 9822\.99\.99", which this tool does not carry over to 2106\.90\.52 \| give the rate that applies with --mfn and no claim/,
    );
  });
  it('digits that are not a subheading of 8: refused as such, with the hint', () => {
    expect(refusal('D:2009')).toMatch(
      /^claim-refused: claim D:2009 refused: "2009" after the colon is not a line of the tariff \(expected the 8 digits of a line of heading 2009, or its 10-digit statistical number, such as 2009\.11\.00\) \| name the natural juice's line of heading 2009/,
    );
  });
  it('A* stays refused for the lapse of GSP, with or without a line; D in its gap is refused as lapsed', () => {
    expect(refusal('A*:2009.81.00')).toMatch(/^claim-refused: claim A\* refused: A\/A\*\/A\+ \(GSP\) has lapsed — it applies to entries before 2021-01-01/);
    expect(refusal('A*')).toMatch(/has lapsed/);
    expect(refusal('D:2009.81.00', 'ZA', '2025-11-01')).toMatch(/^claim-refused: claim D refused: D \(AGOA\) had lapsed on 2025-11-01/);
  });
  it('an origin that is not a member is refused before the line is looked at', () => {
    expect(refusal('D:2009.81.00', 'BR')).toMatch(/^claim-refused: claim D refused: BR is not a member of D \(AGOA\) on 2026-06-01/);
  });
  it('without a way to find lines (a caller that gives none), a named line is refused, never priced at a guess', () => {
    const notes: string[] = [];
    const r = claimedPreference(toy, importer, fortified, 'ZA', '2026-06-01', 'D:2009.81.00', null, () => false, notes);
    expect(r.ok).toBe(false);
  });
  it('lookup: the open preference is the claim form naming the line; the column says how it is claimed', () => {
    const open = openPreferences(toy, fortified, 'ZA', '2026-06-01', '2026-06-01').open;
    expect(open.map((o) => [o.code, o.claim, o.rate, o.lineOf?.heading])).toEqual([['D', 'D:2009.NN.NN', null, '2009']]);
    expect(specialText(fortified.special, importer)).toBe(`Free (KR) · "${WORDS}" (A*, D; by the line claimed: D:2009.NN.NN)`);
  });
});

describe('lineNumber: the line a claim names', () => {
  it.each([
    ['2009.89.65', '2009.89.65'],
    ['20098965', '2009.89.65'],
    // a statistical number names its line (review finding: refused before)
    ['2009.89.6500', '2009.89.65'],
    ['2009896500', '2009.89.65'],
    ['2009.89.6', null],
    ['2009.89.650', null],
    ['2009.89.65001', null],
    ['D', null],
  ])('%s → %s', (text, expected) => {
    expect(lineNumber(text)).toBe(expected);
  });
});

describe('lineClaimSummary: a claim priced once per line it may name', () => {
  const unclaimed = { duty: 100500, landedCost: 1_103_964 };
  const f = (duty: number, landedCost = duty + 1_003_464): { duty: number; landedCost: number } => ({ duty, landedCost });
  it.each([
    // every line the same, and not the unclaimed figures: offered with them
    [[f(100000), f(100000)], { same: true, duty: 100000, landedCost: 1_103_464, priced: 2 }],
    // lines that differ: the range of the duty (a refused line left out of it)
    [[f(100000), null, f(100300)], { same: false, low: 100000, high: 100300, priced: 2 }],
    // one line refused makes the outcome not "the same for each line" even if the others agree
    [[f(100000), null], { same: false, low: 100000, high: 100000, priced: 1 }],
    // nothing priced, or the same as unclaimed: nothing to offer
    [[null, null], null],
    [[unclaimed, unclaimed], null],
  ])('%j', (results, expected) => {
    expect(lineClaimSummary(results, unclaimed)).toEqual(expected);
  });
});

// ---------------------------------------------------------------- the bundled tariff

let ix: ScheduleIndex;
beforeAll(() => {
  ix = bundledIndexFast();
});

// 2026-03-02: D in force again (from 2026-02-03), Section 122's 10% in force (2026-02-24 to 2026-07-24); by air (no HMF)
const shipment = (hts: string, origin: string, extra: { claim?: string; mfn?: string } = {}) =>
  ship({
    hts,
    origin,
    value: '10000',
    qty: '1000',
    unit: 'liter',
    mode: 'air',
    date: '2026-03-02',
    ...(extra.claim ? { elections: { claim: extra.claim } } : {}),
  });

describe('the bundled tariff: 2106.90.52 and 2106.90.54 claimed under D', () => {
  it('ZA, D:2009.89.65 (0.5¢/liter general, Free (…D…)): the D rate Free; Section 122 kept as the D claim keeps it', () => {
    const b = price(ix, 'as-entered', shipment('2106.90.52', 'ZA', { claim: 'D:2009.89.65' }));
    const mfn = b.lines.find((l) => l.authority === 'mfn');
    expect(mfn?.ref).toBe('United States tariff 2106.90.52, special (D), at the rate of 2009.89.65');
    expect(mfn?.amount).toBe(0);
    // Section 122 (9903.03.01): 10% × $10,000.00 = $1,000.00 = 100000 cents; the duty is that alone
    expect(b.lines.find((l) => l.ref === '9903.03.01')?.amount).toBe(100000);
    expect(b.duty).toBe(100000);
    expect(
      b.notes.some((n) =>
        n.startsWith(
          'claim D:2009.89.65 on 2106.90.52: the special column prints "The rate applicable to the natural juice in heading 2009"; the D rate of 2009.89.65 on 2026-03-02 (Free) applies',
        ),
      ),
    ).toBe(true);
  });
  it('the same shipment unclaimed, at the natural juice general rate given with --mfn: 0.5¢/liter × 1,000 liters = $5.00 more', () => {
    const plain = shipment('2106.90.52', 'ZA');
    const b = price(ix, 'as-entered', { ...plain, mfnRate: { kind: 'specific', specific: { amount: parseDec('0.005'), per: 'liter' } } as Rate });
    // $5.00 (500 cents) + Section 122 $1,000.00 (100000 cents) = 100500 cents
    expect(b.duty).toBe(100500);
  });
  it('--explain offers the D claim unclaimed: every line of heading 2009 gives D Free on the date, so its figures are known', () => {
    const plain = { ...shipment('2106.90.52', 'ZA'), mfnRate: { kind: 'specific', specific: { amount: parseDec('0.005'), per: 'liter' } } as Rate };
    const b = price(ix, 'as-entered', plain);
    const d = claimEffects(plain, scenarioOf(ix, 'as-entered'), ix, b).find((e) => e.programme?.startsWith('African Growth'));
    // unclaimed $1,005.00 (above); claimed, any line: the $5.00 general rate goes, Section 122's $1,000.00 stays
    expect(d).toEqual({
      claim: 'D:2009.NN.NN',
      refs: [],
      programme: 'African Growth and Opportunity Act (AGOA)',
      specialRate: 'the rate of the line of heading 2009 named (the same duty for each of its 31 lines)',
      duty: 100000,
      landedCost: b.landedCost - 500,
      issue: null,
    });
  });
  it('2106.90.54 (mixtures) from KE, D:2009.90.40 (mixtures, 7.4¢/liter general, Free (…D…)): Free', () => {
    const b = price(ix, 'as-entered', shipment('2106.90.54', 'KE', { claim: 'D:2009.90.40' }));
    expect(b.lines.find((l) => l.authority === 'mfn')?.amount).toBe(0);
  });
  it('bare D, a number outside heading 2009, and Ethiopia (out of AGOA from 2022): refused', () => {
    const issue = (s: ReturnType<typeof shipment>): string => {
      try {
        price(ix, 'as-entered', s);
      } catch (e) {
        return (e as Error).message;
      }
      return 'priced';
    };
    expect(issue(shipment('2106.90.52', 'ZA', { claim: 'D' }))).toContain("name the natural juice's line of heading 2009, e.g. D:2009.11.00");
    expect(issue(shipment('2106.90.52', 'ZA', { claim: 'D:2202.99.36' }))).toContain('2202.99.36 is not a line of heading 2009 in force on 2026-03-02');
    expect(issue(shipment('2106.90.52', 'ET', { claim: 'D:2009.89.65' }))).toMatch(/^claim-refused: claim D refused: ET is not a member/);
    expect(issue(shipment('2202.99.36', 'ZA', { claim: 'A*:2009.89.65' }))).toMatch(/^claim-refused: claim A\* refused: .*has lapsed/);
  });
});

// ---------------------------------------------------------------- the build step

describe('resolveLineReferences: the words become a reference to the lines of the heading', () => {
  const edition = (special: EditionLine['special'], codes: string[]): Map<string, EditionLine> =>
    new Map(
      [['2106905200', special], ...codes.map((c) => [c, []] as const)].map(([code, sp]) => [code as string, { code, special: sp } as unknown as EditionLine]),
    );
  it('marks the group with the heading, the goods and the 8-digit lines of the heading in the edition', () => {
    const lines = edition([{ codes: ['A*', 'D'], text: WORDS }], ['2009110000', '20098965', '20098965xx'.slice(0, 10), '2010000000']);
    resolveLineReferences(lines);
    expect(lines.get('2106905200')?.special).toEqual([
      { codes: ['A*', 'D'], text: WORDS, lineOf: { heading: '2009', goods: 'the natural juice', lines: ['2009.11.00', '2009.89.65'] } },
    ]);
  });
  it('other words, and a heading with no line in the edition, stay as printed', () => {
    const lines = edition([{ codes: ['A*'], text: 'The rate applicable to the article of which it is an accessory' }], []);
    resolveLineReferences(lines);
    expect(lines.get('2106905200')?.special).toEqual([{ codes: ['A*'], text: 'The rate applicable to the article of which it is an accessory' }]);
    const none = edition([{ codes: ['D'], text: WORDS }], []);
    resolveLineReferences(none);
    expect(none.get('2106905200')?.special).toEqual([{ codes: ['D'], text: WORDS }]);
  });
  it('the schema takes lineOf only on a group printed as text, with lines of 8 digits', () => {
    const base = { schemaVersion: 1, meta: { title: 't', version: '1', verifiedThrough: '2025-01-01' }, importers: {}, measures: [] };
    const line = (group: Record<string, unknown>) => ({
      ...base,
      lines: [{ importer: 'US', hts: '2106.90.52', description: 'x', mfnText: WORDS, special: [group], sources: ['https://hts.usitc.gov/'] }],
    });
    const lineOf = { heading: '2009', goods: 'the natural juice', lines: ['2009.89.65'] };
    expect(scheduleSchema.safeParse(line({ codes: ['D'], text: WORDS, lineOf })).success).toBe(true);
    expect(scheduleSchema.safeParse(line({ codes: ['D'], rate: { adValorem: '0%' }, lineOf })).success).toBe(false);
    expect(scheduleSchema.safeParse(line({ codes: ['D'], text: WORDS, lineOf: { ...lineOf, lines: ['20098965'] } })).success).toBe(false);
  });
});
