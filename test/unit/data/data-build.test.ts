/**
 * The data build (`npm run data`, scripts/data/): the parsers of the official files, the dated
 * lines, the product lists, and the contract of the committed output — it rebuilds byte for byte,
 * it changes only with a new meta.version and changelog entry, and every measure cites a primary
 * source.
 *
 * test/fixtures/note20_section301_lists_rev6.csv is a cross-check made by another short parser of
 * the same Chapter 99 text (HTSUS 2026 Revision 6, U.S. note 20 grids (b), (d), (f), (s), (u);
 * 10,541 rows), distributed with the USITC reference data of this project. The prose items of
 * the notes are not in it; they are checked below against the text, read by hand.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { noteSubdivisionList, textList } from '../../../scripts/data/lib/chapter99-notes.js';
import { csvEditionRows, readEdition } from '../../../scripts/data/lib/hts-edition.js';
import { collapseSuffixes, CHAPTER99_TEXT } from '../../../scripts/data/lib/lists.js';
import { csvObjects, readSource } from '../../../scripts/data/lib/read.js';
import { buildUsLines } from '../../../scripts/data/lib/us-lines.js';
import { ROOT } from '../../helpers.js';

const text = readSource(ROOT, CHAPTER99_TEXT, 'latin1');
const fixture = readFileSync(join(ROOT, 'test/fixtures/note20_section301_lists_rev6.csv'), 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((l) => l.split(','));
const listOf = (list: string): string[] =>
  fixture
    .filter((r) => r[1] === list)
    .map((r) => (r[0] as string).replace(/\./g, ''))
    .sort();

describe('Chapter 99 text: Section 301 lists of U.S. note 20', () => {
  it.each([
    ['b', '1', 856],
    ['d', '2', 283],
    ['f', '3', 5906],
  ])('note 20(%s) is List %s: %i subheadings, exactly the cross-check', (sub, list, n) => {
    const parsed = noteSubdivisionList(text, 20, sub, /9903\.88\.01/);
    expect(parsed.hts).toHaveLength(n);
    expect(parsed.hts).toEqual(listOf(list));
    expect(parsed.exclude).toEqual([]);
  });

  it('note 20(s) is List 4A: the grid of the cross-check plus the five numbered items of (s)(ii), with their exceptions', () => {
    const parsed = noteSubdivisionList(text, 20, 's', /9903\.88\.01/);
    const grid = listOf('4A');
    expect(grid).toHaveLength(2958);
    // (s)(ii) items 1–5, read from the text: 4901.99.00, 8517.62.00, 9401.69.60, 9401.71.00, 6307.90.98
    expect(parsed.hts.filter((c) => !grid.includes(c)).sort()).toEqual(['49019900', '63079098', '85176200', '94016960', '94017100']);
    expect(parsed.hts.filter((c) => grid.includes(c))).toEqual(grid);
    // "except for … 6307.90.9842, 6307.90.9844 or 6307.90.9850, … 6307.90.9870 or 6307.90.9875"
    expect(parsed.exclude).toEqual(
      expect.arrayContaining(['6307909842', '6307909844', '6307909850', '6307909870', '6307909875', '4901990040', '8517620010', '8517620020']),
    );
    expect(parsed.exclude).toHaveLength(16);
  });

  it('note 20(u) is List 4B: the grid plus its eight numbered items, with their exceptions', () => {
    const parsed = noteSubdivisionList(text, 20, 'u', /9903\.88\.01/);
    // items 1–8, read from the text; items 6 and 8 say "except" before their subheading too
    // ("Other seats of rubber or plastics except for …, provided for in subheading 9401.80.40")
    expect(parsed.hts.filter((c) => !listOf('4B').includes(c)).sort()).toEqual([
      '29319090',
      '94016140',
      '94017100',
      '94017900',
      '94018020',
      '94018040',
      '94037040',
      '94037080',
    ]);
    expect(parsed.exclude).toEqual(expect.arrayContaining(['9401614011', '9401614031', '9401804004', '9401804046', '9403708031']));
    // item 7 prints "9403.770.4001 [Compiler's note: … likely should be 9403.70.4001]"
    expect(parsed.exclude).toContain('9403704001');
  });
});

describe('Chapter 99 text: Annex II of the reciprocal tariff, U.S. note 2(v)(iii)(a)', () => {
  const annex = textList(text, /^\s*\(a\) As provided for in heading 9903\.01\.32/, /^\(b\) As provided in heading 9903\.02\.78/);
  it('lists headings and subheadings as printed (8471 whole; smartphones 8517.13.00)', () => {
    expect(annex.hts).toContain('8471');
    expect(annex.hts).toContain('85171300');
    expect(annex.hts).toContain('02011005'); // the first code of the grid
  });
  it('does not list lithium-ion batteries (8507.60) or refrigerators (8418.10)', () => {
    expect(annex.hts.filter((c) => c.startsWith('850760') || c.startsWith('841810'))).toEqual([]);
  });
});

describe('one USITC edition → rate lines', () => {
  const csv = [
    'HTS Number,Indent,Description,Unit of Quantity,General Rate of Duty,Special Rate of Duty,Column 2 Rate of Duty,Quota Quantity,Additional Duties',
    '"0101","0","Live horses, asses, mules and hinnies:","","","","","",""',
    '"","1","Horses:","","","","","",""',
    '"0101.21.00","2","Purebred breeding animals","","Free","","Free","",""',
    '"0101.21.00.10","3","Males","[""No.""]","","","","",""',
    '"0101.21.00.20","3","Females","[""No.""]","","","","",""',
    '"0101.30.00.00","1","Asses","[""No.""]","6.8%","Free (A+,AU)","15%","",""',
    '"0105.11.00.00","2","Weighing not more than 185 g","[""No.""]","0.9¢ each","","4¢ each","",""',
    '"0711.20.18","2","Olives","[""kg""]","3.7¢/kg on drained weight","","7.4¢/kg on drained weight","",""',
    '"9903.88.01","0","Section 301","","The duty provided in the applicable subheading + 25%","","","",""',
  ].join('\n');
  const { lines } = readEdition(csvEditionRows(csvObjects(csv, 'test.csv')));

  it('an 8-digit line with its suffixes; the description carries its ancestors', () => {
    const l = lines.get('01012100');
    expect(l?.general).toEqual({ adValorem: '0%' });
    expect(l?.description).toBe('Live horses, asses, mules and hinnies: Horses: Purebred breeding animals');
    expect(l?.suffixes.map((s) => [s.code, s.description])).toEqual([
      ['0101210010', 'Males'],
      ['0101210020', 'Females'],
    ]);
  });
  it('a 10-digit row that carries the rate is the 8-digit line (its only suffix)', () => {
    expect(lines.get('01013000')?.general).toEqual({ adValorem: '6.8%' });
    expect(lines.get('01013000')?.column2).toEqual({ adValorem: '15%' });
  });
  it('"0.9¢ each" is $0.009 per item', () => {
    expect(lines.get('01051100')?.general).toEqual({ specific: { amount: '0.009', per: 'item' } });
  });
  it('a rate worded beyond what the tool computes is kept as text (the line asks for --mfn)', () => {
    expect(lines.get('07112018')?.general).toBeNull();
    expect(lines.get('07112018')?.generalText).toBe('3.7¢/kg on drained weight');
  });
  it('Chapter 99 is not a line', () => {
    expect([...lines.keys()].some((c) => c.startsWith('99'))).toBe(false);
  });
});

describe('editions → dated lines', () => {
  const head =
    'HTS Number,Indent,Description,Unit of Quantity,General Rate of Duty,Special Rate of Duty,Column 2 Rate of Duty,Quota Quantity,Additional Duties';
  const edition = (rows: string[]) => csvEditionRows(csvObjects([head, ...rows].join('\n'), 'e.csv'));
  const e1 = edition([
    '"1111.11.11","0","Kept","","5%","","","",""',
    '"2222.22.22","0","Changed","","5%","","","",""',
    '"3333.33.33","0","Removed","","Free","","","",""',
  ]);
  const e2 = edition([
    '"1111.11.11","0","Kept","","5%","","","",""',
    '"2222.22.22","0","Changed","","7.5%","","","",""',
    '"4444.44.44","0","New","","Free","","","",""',
  ]);
  const editions = [
    { id: 'A', file: 'a', from: '2025-01-01', release: 'a', rows: e1 },
    { id: 'B', file: 'b', from: '2026-01-01', release: 'b', rows: e2 },
  ] as never;
  const { lines } = buildUsLines(editions, []);
  const byCode = Object.fromEntries(lines.map((l) => [l.hts, l]));

  it('a rate that changes in a later edition is a dated change; the first edition gives coverageFrom', () => {
    expect(byCode['2222.22.22']).toMatchObject({
      mfn: { adValorem: '5%' },
      mfnChanges: [{ from: '2026-01-01', rate: { adValorem: '7.5%' } }],
      coverageFrom: '2025-01-01',
    });
    expect(byCode['1111.11.11']?.mfnChanges).toBeUndefined();
  });
  it('a code missing from a later edition ends there; a new code starts with its edition', () => {
    expect(byCode['3333.33.33']?.until).toBe('2026-01-01');
    expect(byCode['4444.44.44']?.coverageFrom).toBe('2026-01-01');
  });
  it('every line cites the USITC tariff', () => {
    expect(byCode['1111.11.11']?.sources).toEqual(['https://hts.usitc.gov/search?query=1111.11.11']);
  });
});

describe('product lists at 10 digits', () => {
  const suffixes: Record<string, string[]> = { '84713001': ['8471300100'], '85076000': ['8507600010', '8507600020'] };
  const of = (c: string): string[] => suffixes[c] ?? [];
  it('collapse to the 8-digit line when they hold all of its suffixes, and stay 10 digits otherwise', () => {
    expect(collapseSuffixes(['8471300100', '8507600010', '02011005'], of)).toEqual(['02011005', '84713001', '8507600010']);
    expect(collapseSuffixes(['8507600010', '8507600020'], of)).toEqual(['85076000']);
  });
});

describe('the committed data', () => {
  // it rebuilds byte for byte: `npm run data -- --check` (CI, .ci/run); that it was built from the inputs as they are: test/contract/data-rebuild.test.ts

  it('changes only with a new meta.version and a data/CHANGELOG.md entry that records its hash', () => {
    const schedule = readFileSync(join(ROOT, 'data/schedule.json'));
    const doc = JSON.parse(schedule.toString('utf8'));
    // the hash of the output: the schedule and every line file it names, in order
    const h = createHash('sha256').update(schedule);
    for (const rel of Object.keys(doc.lineShards.files).sort()) h.update(readFileSync(join(ROOT, 'data', rel)));
    const hash = h.digest('hex');
    const changelog = readFileSync(join(ROOT, 'data/CHANGELOG.md'), 'utf8');
    const entry = changelog.split(/^## /m).find((s) => s.startsWith(`${doc.meta.version} `));
    expect(entry, `data/CHANGELOG.md has no entry "## ${doc.meta.version} — …"`).toBeDefined();
    expect(entry, `the entry of ${doc.meta.version} must record "output sha256: ${hash}" (the data changed: bump meta.version and add an entry)`).toContain(
      `output sha256: ${hash}`,
    );
  });
});

describe('primary sources', () => {
  // the instrument or the agency itself: Federal Register, presidential documents, CBP, the USITC
  // (HTSUS), USTR, the CFR and US Code, the courts; China's State Council, ministries and customs
  const PRIMARY = [
    /(^|\.)federalregister\.gov$/,
    /(^|\.)govinfo\.gov$/,
    /(^|\.)whitehouse\.gov$/,
    /(^|\.)cbp\.gov$/,
    /(^|\.)usitc\.gov$/,
    /(^|\.)ustr\.gov$/,
    /(^|\.)ecfr\.gov$/,
    /^uscode\.house\.gov$/,
    /(^|\.)congress\.gov$/,
    /(^|\.)supremecourt\.gov$/,
    /(^|\.)uscourts\.gov$/,
    /(^|\.)gov\.cn$/,
    /(^|\.)chinamoney\.com\.cn$/,
  ];
  const isPrimary = (url: string): boolean => {
    const u = new URL(url);
    // CBP's CSMS messages are published through GovDelivery under CBP's own account
    if (u.hostname === 'content.govdelivery.com') return /USDHSCBP/.test(u.pathname);
    return PRIMARY.some((re) => re.test(u.hostname));
  };
  const doc = JSON.parse(readFileSync(join(ROOT, 'data/schedule.json'), 'utf8'));
  const objects: [string, { sources: string[] }][] = [
    ...doc.measures.map((m: any) => [`measure ${m.id}`, m]),
    ...doc.fx.map((f: any) => [`fx ${f.from}/${f.to} ${f.date}`, f]),
    ...doc.refunds.map((r: any) => [`refund ${r.id}`, r]),
    ...Object.entries(doc.importers).map(([k, v]: [string, any]) => [`importer ${k}`, v]),
    ...doc.lines.map((l: any) => [`line ${l.importer} ${l.hts}`, l]),
  ];

  it('every measure, rate, programme and line cites at least one', () => {
    expect(objects.length).toBeGreaterThan(200);
    expect(objects.filter(([, o]) => !o.sources.some(isPrimary)).map(([what, o]) => `${what}: ${o.sources.join(' ')}`)).toEqual([]);
  });

  it('and so does every US line of the line files', () => {
    let n = 0;
    for (const rel of Object.keys(doc.lineShards.files)) {
      for (const l of JSON.parse(readFileSync(join(ROOT, 'data', rel), 'utf8')).lines) {
        n++;
        expect(l.sources.some(isPrimary), `${l.hts}`).toBe(true);
      }
    }
    expect(n).toBe(doc.lineShards.lines);
  });
});
