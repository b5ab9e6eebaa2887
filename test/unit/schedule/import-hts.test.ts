/**
 * `import-hts`: the USITC HTS JSON export → a schedule. The fixture (test/fixtures/hts-export.json)
 * has the export's shape (string indents, unnumbered "superior" rows, `footnotes` null or an array of
 * {columns, value, type} endnotes with a trailing space, a Chapter 99 row); some of its rates are
 * made up to cover every rate shape (6.8¢/kg on tomatoes, 37.5¢/kg + 2.9% on confectionery,
 * $1.35/doz. + 12.3% on gloves, 21¢/bu. on wheat, the unparseable text on 9813.00.05).
 *
 * Fixture rows (1-based, as problems report them):
 *   1 0101 heading            2 "Horses:" (no code)      3 0101.21.00 Free [9903.88.15]
 *   4 0101.21.00.10 (inherits) 5 0101.21.00.20 (inherits) 6 0101.30.00 6.8%
 *   7 0303 heading            8 0303.33.00.00 1.1¢/kg [9903.88.03]
 *   9 0304 heading           10 0304.61.00 Free [9903.88.03]
 *  11 0702.00                12 0702.00.20 6.8¢/kg      13 0702.00.20.10 (inherits)
 *  14 1001 heading           15 1001.99.00 21¢/bu. (unknown unit)
 *  16 1704 heading           17 1704.90.35 37.5¢/kg + 2.9% [9903.88.69: no bundled measure]
 *  18 4203 heading           19 4203.29.08 $1.35/doz. + 12.3% [9903.88.15]
 *  20 6109 heading           21 6109.10.00 16.5% [9903.88.15, already in List 4A]
 *  22 6109.10.00.04 (inherits)
 *  23 9813.00.05 "The rate applicable to the article of which it is a part"
 *  24 9813.00.05.20 (inherits the unparseable rate)   25 9903.88.15 (Chapter 99: skipped)
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { landedCost } from '../../../src/core/landed-cost.js';
import { resolveScenario } from '../../../src/core/scenario.js';
import type { Scenario } from '../../../src/core/types.js';
import { compileSchedule } from '../../../src/schedule/compile.js';
import { chapter99Refs, importHts, parseGeneralRate, type ImportResult } from '../../../src/schedule/import-hts.js';
import { semanticProblems, zodProblems } from '../../../src/schedule/load.js';
import { ScheduleIndex } from '../../../src/schedule/schedule-index.js';
import { rate as rateSchema, schedule, type RawSchedule } from '../../../src/schedule/schema.js';
import { amounts, price, ship } from '../../helpers.js';

const EXPORT = fileURLToPath(new URL('../../fixtures/hts-export.json', import.meta.url));
const SOURCE = 'https://hts.usitc.gov/reststop/exportList?from=0101&to=9999&format=JSON&styles=false';
const OPTS = { version: 'hts-2026-r5', verifiedThrough: '2026-06-30', source: SOURCE };

const rows = (): any[] => JSON.parse(readFileSync(EXPORT, 'utf8'));
// the merge tests run against a fixed schedule (the bundled one of version 2026.11.28-2, with
// its 64 US lines), so that their hand-worked expectations do not move with the bundled data
const MERGE_BASE = fileURLToPath(new URL('../../fixtures/merge-base-schedule.json', import.meta.url));
const bundled = (): RawSchedule => {
  const r = schedule.safeParse(JSON.parse(readFileSync(MERGE_BASE, 'utf8')));
  if (!r.success) throw new Error('bundled schedule invalid');
  return r.data;
};

/** JSON round trip + zod + semantic checks: [] when the file would load. */
function validate(s: RawSchedule): string[] {
  const r = schedule.safeParse(JSON.parse(JSON.stringify(s)));
  if (!r.success) return zodProblems(r.error).map((p) => `${p.path}: ${p.message}`);
  return semanticProblems(r.data).map((p) => `${p.path}: ${p.message}`);
}

const lineOf = (res: ImportResult, hts: string) => res.schedule.lines.find((l) => l.importer === 'US' && l.hts === hts);

describe('parseGeneralRate', () => {
  it.each([
    // [text, rate]
    ['', null],
    ['   ', null],
    ['Free', { adValorem: '0%' }],
    ['free', { adValorem: '0%' }],
    ['2.5%', { adValorem: '2.5%' }],
    ['16.50%', { adValorem: '16.5%' }],
    ['0.9%', { adValorem: '0.9%' }],
    ['131.8%', { adValorem: '131.8%' }],
    ['6.8¢/kg', { specific: { amount: '0.068', per: 'kg' } }],
    ['1.1¢/kg', { specific: { amount: '0.011', per: 'kg' } }],
    ['0.9¢/kg', { specific: { amount: '0.009', per: 'kg' } }],
    ['100¢/kg', { specific: { amount: '1', per: 'kg' } }],
    ['0.020536¢/kg', { specific: { amount: '0.00020536', per: 'kg' } }],
    ['37.5 ¢ / kg', { specific: { amount: '0.375', per: 'kg' } }],
    ['37.5¢/kg + 2.9%', { specific: { amount: '0.375', per: 'kg' }, adValorem: '2.9%' }],
    ['2.9% + 37.5¢/kg', { specific: { amount: '0.375', per: 'kg' }, adValorem: '2.9%' }],
    ['37.5¢/kg\u00a0+\u00a02.9%', { specific: { amount: '0.375', per: 'kg' }, adValorem: '2.9%' }],
    ['$1.35/doz. + 12.3%', { specific: { amount: '1.35', per: 'doz' }, adValorem: '12.3%' }],
    ['$1.05/kg + 2.3%', { specific: { amount: '1.05', per: 'kg' }, adValorem: '2.3%' }],
    ['$3/head', { specific: { amount: '3', per: 'item' } }],
    ['68¢/head', { specific: { amount: '0.68', per: 'item' } }],
    ['5¢/No.', { specific: { amount: '0.05', per: 'item' } }],
    ['3.4¢/liter', { specific: { amount: '0.034', per: 'liter' } }],
    ['3.4¢/l', { specific: { amount: '0.034', per: 'liter' } }],
    ['$1.57/pf. liter', { specific: { amount: '1.57', per: 'pf.liter' } }],
    // the tariff also prints the unit without its space (rum 2208.40.20, HTSUS 2026: "23.7¢/pf.liter"):
    // 23.7¢ = $0.237 a proof liter
    ['23.7¢/pf.liter', { specific: { amount: '0.237', per: 'pf.liter' } }],
    ['0.5¢/pf.liter', { specific: { amount: '0.005', per: 'pf.liter' } }],
    // column 2 of 8448.51.10: "$2/1,000 + 60%" ($2 a thousand)
    ['$2/1,000 + 60%', { specific: { amount: '2', per: 'thousand' }, adValorem: '60%' }],
    ['17¢/pr.', { specific: { amount: '0.17', per: 'pair' } }],
    ['$1.15/prs. + 5%', { specific: { amount: '1.15', per: 'pair' }, adValorem: '5%' }],
    ['1.3¢/m²', { specific: { amount: '0.013', per: 'm2' } }],
    ['5.25¢/bbl', { specific: { amount: '0.0525', per: 'bbl' } }],
    ['$2.50/doz. prs.', { specific: { amount: '2.5', per: 'doz.pair' } }],
    // two specific parts in two units (2204.30.00 general, HTSUS 2026): 4.4¢ = $0.044 a liter, 31.4¢ = $0.314 a proof liter
    [
      '4.4¢/liter + 31.4¢/pf. liter',
      {
        specifics: [
          { amount: '0.044', per: 'liter' },
          { amount: '0.314', per: 'pf.liter' },
        ],
      },
    ],
    // its JO special rate: 1.9¢ = $0.019, 13.9¢ = $0.139
    [
      '1.9¢/liter + 13.9¢/pf. liter',
      {
        specifics: [
          { amount: '0.019', per: 'liter' },
          { amount: '0.139', per: 'pf.liter' },
        ],
      },
    ],
    // its column 2 rate: 18.5¢ = $0.185 a liter, $1.32 a proof liter
    [
      '18.5¢/liter + $1.32/pf. liter',
      {
        specifics: [
          { amount: '0.185', per: 'liter' },
          { amount: '1.32', per: 'pf.liter' },
        ],
      },
    ],
    // the parts in the order printed
    [
      '31.4¢/pf.liter + 4.4¢/liter',
      {
        specifics: [
          { amount: '0.314', per: 'pf.liter' },
          { amount: '0.044', per: 'liter' },
        ],
      },
    ],
    [
      '1.5¢/kg + 0.5¢/each',
      {
        specifics: [
          { amount: '0.015', per: 'kg' },
          { amount: '0.005', per: 'item' },
        ],
      },
    ],
  ])('%j → %j', (text, rate) => {
    expect(parseGeneralRate(text)).toEqual({ ok: true, rate });
    // every parsed rate is valid in a schedule line
    if (rate) expect(rateSchema.safeParse(rate).success).toBe(true);
  });

  it.each([
    // [text, message fragment]
    ['The rate applicable to the article of which it is a part', 'cannot parse the rate text'],
    ['21¢/bu.', 'unknown unit "bu."'],
    ['3.7¢/kg on drained weight', 'unknown unit "kg on drained weight"'],
    ['33¢/clean kg', 'unknown unit "clean kg"'],
    // a name of Object.prototype is no unit
    ['5¢/constructor', 'unknown unit "constructor"'],
    // one unit twice, three units, or an ad valorem part beside two specific parts: not a schedule rate
    ['1.5¢/kg + 0.5¢/kg', 'two specific parts per kg'],
    ['1¢/liter + 2¢/pf. liter + 3¢/kg', '3 specific parts'],
    ['4.4¢/liter + 31.4¢/pf. liter + 2%', 'two specific parts and an ad valorem part'],
    // prune wine 2206.00.30: which quantities "on ethyl alcohol content" charges is not read (unsourced)
    ['3.1¢/liter + 22.1¢/pf. liter on ethyl alcohol content', 'unknown unit "pf. liter on ethyl alcohol content"'],
    ['2% + 3%', 'two ad valorem parts'],
    ['Free + 2%', '"Free" combined'],
    ['25%, but not less than 5¢/kg', 'cannot parse'],
    ['2.5% 1/', 'cannot parse'],
    ['+ 2.5%', 'cannot parse'],
    ['6.8c/kg', 'cannot parse'],
    ['0.0000000001¢/kg', 'out of range'],
    ['12345%', 'out of range'],
  ])('%j is reported, not guessed', (text, fragment) => {
    const r = parseGeneralRate(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain(fragment);
  });
});

describe('chapter99Refs', () => {
  it.each([
    ['See 9903.88.15. ', ['9903.88.15']],
    ['See 9903.88.03.', ['9903.88.03']],
    ['See 9903.88.01 and 9903.88.02.', ['9903.88.01', '9903.88.02']],
    ['See 9903.88.01-9903.88.03.', ['9903.88.01', '9903.88.02', '9903.88.03']],
    ['See 9903.88.01-.02.', ['9903.88.01', '9903.88.02']],
    ['See 9903.88.15-9904.04.50.', ['9903.88.15']],
    ['See 9903.01.25-9903.03.01.', ['9903.01.25', '9903.03.01']],
    ['See 9904.04.50-9904.05.01. ', []],
    ['Imports under this provision may be subject to Federal Excise Tax (26 U.S.C. 5701).', []],
  ])('%j → %j', (text, refs) => {
    expect(chapter99Refs(text)).toEqual(refs);
  });
});

describe('importHts on the fixture, without --merge', () => {
  let res: ImportResult;
  beforeAll(() => {
    res = importHts(rows(), OPTS);
  });

  it('creates a line for every 8- and 10-digit row with a rate of its own or inherited', () => {
    expect(res.schedule.lines.map((l) => l.hts)).toEqual([
      '0101.21.00',
      '0101.21.00.10',
      '0101.21.00.20',
      '0101.30.00',
      '0303.33.00.00',
      '0304.61.00',
      '0702.00.20',
      '0702.00.20.10',
      '1704.90.35',
      '4203.29.08',
      '6109.10.00',
      '6109.10.00.04',
    ]);
    expect(res.stats).toEqual({ rows: 25, lines: 12, inherited: 4, measuresLinked: 0 });
  });

  it.each([
    ['0101.21.00', { adValorem: '0%' }, 'Purebred breeding animals'],
    ['0101.30.00', { adValorem: '6.8%' }, 'Asses'],
    ['0303.33.00.00', { specific: { amount: '0.011', per: 'kg' } }, 'Sole (Solea spp.)'],
    ['0304.61.00', { adValorem: '0%' }, 'Tilapias (Oreochromis spp.)'],
    ['0702.00.20', { specific: { amount: '0.068', per: 'kg' } }, 'If entered during the period'],
    ['1704.90.35', { specific: { amount: '0.375', per: 'kg' }, adValorem: '2.9%' }, 'Other'],
    ['4203.29.08', { specific: { amount: '1.35', per: 'doz' }, adValorem: '12.3%' }, 'Other'],
    ['6109.10.00', { adValorem: '16.5%' }, 'Of cotton'],
  ])('%s: own rate %j', (hts, mfn, desc) => {
    const l = lineOf(res, hts);
    expect(l?.mfn).toEqual(mfn);
    expect(l?.description.startsWith(desc)).toBe(true);
    expect(l?.importer).toBe('US');
    expect(l?.sources).toEqual([SOURCE]);
  });

  it.each([
    ['0101.21.00.10', '0101.21.00', { adValorem: '0%' }, 'Males'],
    ['0101.21.00.20', '0101.21.00', { adValorem: '0%' }, 'Females'],
    ['0702.00.20.10', '0702.00.20', { specific: { amount: '0.068', per: 'kg' } }, 'Cherry tomatoes'],
    ['6109.10.00.04', '6109.10.00', { adValorem: '16.5%' }, "Men's or boys'"],
  ])('%s inherits the rate of %s', (hts, parent, mfn, desc) => {
    const l = lineOf(res, hts);
    expect(l?.mfn).toEqual(mfn);
    expect(l?.description).toBe(desc);
    expect(l?.note).toContain(`on ${parent}`);
  });

  it('reports unparseable rates and unknown units with their rows, and makes no line for them', () => {
    expect(res.problems).toEqual([
      { code: 'hts-import-rate-invalid', row: 15, htsno: '1001.99.00', field: 'general', message: expect.stringContaining('unknown unit "bu."') },
      {
        code: 'hts-import-rate-invalid',
        row: 23,
        htsno: '9813.00.05',
        field: 'general',
        message: expect.stringContaining('cannot parse the rate text "The rate applicable'),
      },
      { code: 'hts-import-rate-inherited-invalid', row: 24, htsno: '9813.00.05.20', field: 'general', message: expect.stringContaining('9813.00.05 (row 23)') },
    ]);
    for (const hts of ['1001.99.00', '9813.00.05', '9813.00.05.20']) expect(lineOf(res, hts)).toBeUndefined();
  });

  it('skips headings, unnumbered rows and Chapter 99', () => {
    const codes = res.schedule.lines.map((l) => l.hts.replace(/\./g, ''));
    expect(codes.every((c) => c.length === 8 || c.length === 10)).toBe(true);
    expect(codes.some((c) => c.startsWith('99'))).toBe(false);
  });

  it('has the US importer only, no measures, no scenarios, and validates', () => {
    const s = res.schedule;
    expect(Object.keys(s.importers)).toEqual(['US']);
    expect(s.importers.US).toEqual({
      name: 'United States',
      currency: 'USD',
      minorDigits: 2,
      valuation: 'transaction-value',
      rounding: 'half-up',
      sources: [SOURCE],
    });
    expect(s.measures).toEqual([]);
    expect(s.scenarios).toEqual([]);
    expect(s.refunds ?? []).toEqual([]);
    expect(s.meta.version).toBe('hts-2026-r5');
    expect(s.meta.verifiedThrough).toBe('2026-06-30');
    expect(validate(s)).toEqual([]);
  });

  it('round trip: JSON, validation, compile, and a hand-computed duty', () => {
    const parsed = schedule.safeParse(JSON.parse(JSON.stringify(res.schedule)));
    expect(parsed.success).toBe(true);
    if (!parsed.success) return;
    expect(semanticProblems(parsed.data)).toEqual([]);
    const index = new ScheduleIndex(compileSchedule(parsed.data, 'test', 'import'));
    // no scenarios without --merge: price under a plain as-entered one
    const asEntered: Scenario = {
      id: 'as-entered',
      title: 'As entered',
      description: '',
      asOf: null,
      extends: null,
      whatIf: false,
      summary: {},
      overrides: [],
      origin: 'test',
    };
    const sc = resolveScenario([asEntered], 'as-entered');
    if (!sc.ok) throw new Error(sc.issue.message);
    // 1704.90.35, 37.5¢/kg + 2.9%: 2.9% × $1,000.00 = $29.00, $0.375 × 100 kg = $37.50 → $66.50
    const b = landedCost(ship({ hts: '1704.90.35', origin: 'CN', value: '1000', qty: '100', unit: 'kg', date: '2026-05-01' }), sc.value, index);
    expect(b.ok).toBe(true);
    if (!b.ok) return;
    expect(b.value.duty).toBe(6650);
    expect(amounts(b.value)['mfn-us-17049035']).toBe(6650);
    // 0702.00.20.10 inherits 6.8¢/kg: $0.068 × 1,234.5 kg = $83.946 → $83.95
    const t = landedCost(ship({ hts: '0702.00.20.10', origin: 'MX', value: '500', qty: '1234.5', unit: 'kg', date: '2026-05-01' }), sc.value, index);
    expect(t.ok && t.value.duty).toBe(8395);
    // 4203.29.08, $1.35/doz. + 12.3%: 12.3% × $250.00 = $30.75, $1.35 × 10 doz = $13.50 → $44.25
    const g = landedCost(ship({ hts: '4203.29.08', origin: 'VN', value: '250', qty: '10', unit: 'doz', date: '2026-05-01' }), sc.value, index);
    expect(g.ok && g.value.duty).toBe(4425);
  });
});

describe('importHts with --merge (the bundled schedule)', () => {
  let base: RawSchedule;
  let res: ImportResult;
  beforeAll(() => {
    base = bundled();
    res = importHts(rows(), { ...OPTS, merge: base });
  });

  const hts = (id: string): string[] => res.schedule.measures.find((m) => m.id === id)?.hts ?? [];
  const baseHts = (id: string): string[] => base.measures.find((m) => m.id === id)?.hts ?? [];

  it('adds each footnoted code to every measure whose ref is that heading', () => {
    // 9903.88.15 → List 4A (both stages); 9903.88.03 → List 3 (both stages)
    for (const id of ['us-s301-list4a', 'us-s301-list4a-15']) {
      expect(hts(id)).toEqual([...baseHts(id), '0101.21.00', '4203.29.08']);
    }
    for (const id of ['us-s301-list3', 'us-s301-list3-10']) {
      expect(hts(id)).toEqual([...baseHts(id), '0303.33.00.00', '0304.61.00']);
    }
    // 6109.10.00 is already in List 4A: not added twice
    expect(hts('us-s301-list4a').filter((c) => c === '6109.10.00')).toHaveLength(1);
    // other measures are untouched
    for (const m of res.schedule.measures) {
      if (!['us-s301-list4a', 'us-s301-list4a-15', 'us-s301-list3', 'us-s301-list3-10'].includes(m.id)) expect(m.hts).toEqual(baseHts(m.id));
    }
    expect(res.stats.measuresLinked).toBe(8);
  });

  it('does not change the schedule it merges', () => {
    expect(base).toEqual(bundled());
  });

  it('reports headings no measure has once, as a summary', () => {
    const summary = res.problems.filter((p) => p.field === 'footnotes');
    expect(summary).toEqual([
      { code: 'hts-import-refs-unlinked', row: 0, htsno: '', field: 'footnotes', message: expect.stringContaining('9903.88.69 (1 row)') },
    ]);
    expect(res.problems.filter((p) => p.row > 0).map((p) => p.row)).toEqual([15, 23, 24]);
  });

  it("keeps the merged importers, measures, fx, scenarios, other importers' lines and US lines the import lacks", () => {
    const s = res.schedule;
    expect(s.importers).toEqual(base.importers);
    expect(s.measures.map((m) => m.id)).toEqual(base.measures.map((m) => m.id));
    expect(s.fx).toEqual(base.fx);
    expect(s.scenarios).toEqual(base.scenarios);
    expect(s.refunds ?? []).toEqual(base.refunds ?? []);
    expect(s.lines.filter((l) => l.importer === 'CN')).toEqual(base.lines.filter((l) => l.importer === 'CN'));
    // 9503.00.00 is not in the export: the bundled line stays, sources and all
    expect(s.lines.find((l) => l.hts === '9503.00.00')).toEqual(base.lines.find((l) => l.hts === '9503.00.00'));
    // 6109.10.00 is in the export: the imported line replaces the bundled one
    const tees = s.lines.filter((l) => l.importer === 'US' && l.hts.replace(/\./g, '') === '61091000');
    expect(tees).toHaveLength(1);
    expect(tees[0]?.sources).toEqual([SOURCE]);
    expect(tees[0]?.mfn).toEqual({ adValorem: '16.5%' });
    const usBundled = base.lines.filter((l) => l.importer === 'US').length;
    expect(s.lines.filter((l) => l.importer === 'US')).toHaveLength(usBundled - 1 + 12);
    expect(s.meta.version).toBe('hts-2026-r5');
  });

  it('validates (zod and semantic checks)', () => {
    expect(validate(res.schedule)).toEqual([]);
  });

  it('round trip: prices an imported line with the Section 301 duty it was linked to', () => {
    const parsed = schedule.safeParse(JSON.parse(JSON.stringify(res.schedule)));
    if (!parsed.success) throw new Error('invalid');
    const index = new ScheduleIndex(compileSchedule(parsed.data, 'test', 'import'));
    // tilapia from China, entered 1 Jun 2019: MFN Free; List 3 at 25% × $10,000.00 = $2,500.00
    const b = price(index, 'as-entered', ship({ hts: '0304.61.00', origin: 'CN', value: '10000', date: '2019-06-01', mode: 'ocean' }));
    const a = amounts(b);
    expect(a['mfn-us-03046100']).toBe(0);
    expect(a['us-s301-list3']).toBe(250000);
    expect(a['us-s301-list3-10']).toBeUndefined();
    // purebred horse (10-digit, inherited Free) from China, 1 Oct 2019: List 4A first stage 15% × $8,000.00 = $1,200.00
    const h = amounts(
      price(index, 'as-entered', ship({ hts: '0101.21.00.10', origin: 'CN', value: '8000', qty: '1', unit: 'item', date: '2019-10-01', mode: 'air' })),
    );
    expect(h['mfn-us-0101210010']).toBe(0);
    expect(h['us-s301-list4a-15']).toBe(120000);
    // not from China: no Section 301
    const de = amounts(price(index, 'as-entered', ship({ hts: '0304.61.00', origin: 'DE', value: '10000', date: '2019-06-01', mode: 'ocean' })));
    expect(de['us-s301-list3']).toBeUndefined();
  });
});

describe('importHts: leniency and edge cases', () => {
  it('accepts indent as a number or a string, and reports one that is neither', () => {
    const r = rows();
    for (const row of r) if (row.indent !== undefined) row.indent = Number(row.indent);
    const numeric = importHts(r, OPTS);
    expect(numeric.schedule.lines).toEqual(importHts(rows(), OPTS).schedule.lines);
    const bad = rows();
    bad[3].indent = 'three';
    const res = importHts(bad, OPTS);
    expect(res.problems).toContainEqual({
      code: 'hts-import-indent-invalid',
      row: 4,
      htsno: '0101.21.00.10',
      field: 'indent',
      message: expect.stringContaining('"three"'),
    });
    // the row still inherits by its code
    expect(res.schedule.lines.find((l) => l.hts === '0101.21.00.10')?.mfn).toEqual({ adValorem: '0%' });
  });

  it('a 10-digit row with a rate of its own keeps it', () => {
    const r = rows();
    r[12].general = '2.8¢/kg';
    const res = importHts(r, OPTS);
    expect(res.schedule.lines.find((l) => l.hts === '0702.00.20.10')?.mfn).toEqual({ specific: { amount: '0.028', per: 'kg' } });
    expect(res.stats.inherited).toBe(3);
  });

  it('inherits from the nearest ancestor with a rate, through rows without one', () => {
    const res = importHts(
      [
        { htsno: '8501', indent: '0', description: 'Electric motors:', general: '', footnotes: [] },
        { htsno: '8501.10', indent: '1', description: 'Of an output not exceeding 37.5 W:', general: '4%', footnotes: [] },
        { htsno: '8501.10.20', indent: '2', description: 'Synchronous', general: '', footnotes: null },
        { htsno: '8501.10.20.00', indent: '3', description: 'Other', general: '', footnotes: [] },
      ],
      OPTS,
    );
    expect(res.schedule.lines.map((l) => [l.hts, l.mfn?.adValorem])).toEqual([
      ['8501.10.20', '4%'],
      ['8501.10.20.00', '4%'],
    ]);
    expect(res.stats.inherited).toBe(2);
    expect(res.problems).toEqual([]);
  });

  it('does not inherit from a row that is not above it by indent, and reports the gap', () => {
    const res = importHts(
      [
        { htsno: '0101.21.00', indent: 2, description: 'A', general: 'Free' },
        { htsno: '0101.21.00.10', indent: 2, description: 'B (indent not below its code parent)', general: '' },
      ],
      OPTS,
    );
    expect(res.schedule.lines.map((l) => l.hts)).toEqual(['0101.21.00']);
    expect(res.problems).toEqual([
      { code: 'hts-import-rate-missing', row: 2, htsno: '0101.21.00.10', field: 'general', message: expect.stringContaining('no line') },
    ]);
  });

  it('reports an 8-digit row with no rate anywhere, but not one whose 10-digit rows carry the rates', () => {
    const res = importHts(
      [
        { htsno: '0101.21.00', indent: '2', description: 'A', general: '' },
        { htsno: '0101.29.00', indent: '2', description: 'B', general: '' },
        { htsno: '0101.29.00.10', indent: '3', description: 'B1', general: '5%' },
      ],
      OPTS,
    );
    expect(res.schedule.lines.map((l) => l.hts)).toEqual(['0101.29.00.10']);
    expect(res.problems.map((p) => [p.row, p.htsno, p.code])).toEqual([[1, '0101.21.00', 'hts-import-rate-missing']]);
  });

  it('truncates long descriptions to 200 characters and trims them', () => {
    const r = rows();
    r[2].description = `  ${'x'.repeat(300)}  `;
    const l = importHts(r, OPTS).schedule.lines[0];
    expect(l?.description).toHaveLength(200);
    expect(l?.description.endsWith('…')).toBe(true);
  });

  it('reports rows that are not export rows', () => {
    const res = importHts(
      [
        42,
        { htsno: 101.21, general: 'Free' },
        { htsno: '101.21.00', general: 'Free' },
        { htsno: '0101.21.00', general: 5 },
        { htsno: '', description: 'x', general: '5%' },
        { htsno: '0101.22.00', general: 'Free', footnotes: 'See 9903.88.15.' },
      ],
      OPTS,
    );
    expect(res.problems.map((p) => [p.row, p.field, p.code])).toEqual([
      [1, 'row', 'hts-import-row-invalid'],
      [2, 'htsno', 'hts-import-htsno-invalid'],
      [3, 'htsno', 'hts-import-htsno-invalid'],
      [4, 'general', 'hts-import-rate-invalid'],
      [5, 'general', 'hts-import-rate-ignored'],
      [6, 'footnotes', 'hts-import-footnotes-invalid'],
    ]);
    expect(res.schedule.lines.map((l) => l.hts)).toEqual(['0101.22.00']);
    expect(importHts({ HTSDataSet: [] }, OPTS).problems).toEqual([
      { code: 'hts-import-not-array', row: 0, htsno: '', field: 'rows', message: expect.stringContaining('JSON array') },
    ]);
  });

  it('reports a code that appears twice and keeps the first', () => {
    const res = importHts(
      [
        { htsno: '0101.21.00', indent: '2', description: 'A', general: 'Free' },
        { htsno: '0101.21.00', indent: '2', description: 'B', general: '5%' },
      ],
      OPTS,
    );
    expect(res.schedule.lines.map((l) => l.mfn)).toEqual([{ adValorem: '0%' }]);
    expect(res.problems).toEqual([
      { code: 'hts-import-htsno-duplicate', row: 2, htsno: '0101.21.00', field: 'htsno', message: expect.stringContaining('row 1') },
    ]);
  });

  it('takes 9903 references from general and description footnotes only', () => {
    const merge = bundled();
    const res = importHts(
      [
        {
          htsno: '0101.29.00',
          indent: '2',
          description: 'Other',
          general: 'Free',
          footnotes: [{ columns: ['other'], value: 'See 9903.88.15.', type: 'endnote' }],
        },
        {
          htsno: '0102.21.00',
          indent: '2',
          description: 'Cattle',
          general: 'Free',
          footnotes: [{ columns: ['desc'], value: 'See 9903.88.03.', type: 'endnote' }],
        },
      ],
      { ...OPTS, merge },
    );
    expect(res.stats.measuresLinked).toBe(2);
    expect(res.schedule.measures.find((m) => m.id === 'us-s301-list3')?.hts).toContain('0102.21.00');
    expect(res.schedule.measures.find((m) => m.id === 'us-s301-list4a')?.hts).not.toContain('0101.29.00');
  });

  it('refuses options that would make an invalid schedule', () => {
    expect(() => importHts([], { ...OPTS, source: 'not a url' })).toThrow(/source/);
    expect(() => importHts([], { ...OPTS, verifiedThrough: '2026-02-30' })).toThrow(/verifiedThrough/);
  });
});
