/**
 * `npm run data`: the bundled schedule from the official files and the hand-authored measures.
 *
 *   data/sources/  USITC HTSUS exports and Chapter 99 text, peer lists (see its README)
 *   data/src/      hand-authored measures, lines, scenarios … one file per programme
 *        │
 *        ▼
 *   data/schedule.json     importers, measures, scenarios, fx, refunds, China's lines
 *   data/lines/US-HHHH.json  the US lines of heading HHHH, read when a code of it is asked for
 *                            (sha256 in schedule.json): a calc reads a few kilobytes
 *
 * Deterministic: the same inputs give the same bytes. `npm run data -- --check` rebuilds in memory
 * and fails when the committed output differs (CI runs it); `npm run data -- --changes [REF]` lists
 * what this build changes against the output committed at REF (default HEAD), for data/CHANGELOG.md.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { RawLine, RawMeasure, RawSchedule } from '../../src/schedule/schema.js';
import { schedule as scheduleSchema } from '../../src/schedule/schema.js';
import { formatHts } from '../../src/core/hts.js';
import { semanticProblems, zodProblems } from '../../src/schedule/load.js';
import { tablesRunningOut } from '../../src/schedule/lint.js';
import { buildUsLines, EDITIONS } from './lib/us-lines.js';
import { editionRows } from './lib/hts-edition.js';
import { collapseSuffixes, resolveLists } from './lib/lists.js';
import { csvObjects, readSource } from './lib/read.js';
import { crossCheck, crossCheckReport, type PeerCheck, type ReviewedDisagreement } from './lib/cross-check.js';
import { scheduleChanges } from './lib/changes.js';
import { specialChecks } from './lib/special-check.js';
import type { EditionLine } from './lib/hts-edition.js';
import { inputDigests, inputsText } from './lib/inputs.js';

// run from the repository root (npm scripts do)
const root = process.cwd();
const check = process.argv.includes('--check');

function readJson<T>(rel: string): T {
  return JSON.parse(readFileSync(`${root}/${rel}`, 'utf8')) as T;
}

/** The order of the programme files is the order of their measures in the output. */
/** A US product list longer than this is kept in the line files, heading by heading. */
const LONG_LIST = 32;
/** The line files hold one heading (4 digits) each. */
const PART = 4;

const MEASURE_FILES = [
  'fees',
  's301',
  's301-note52',
  's301-brazil',
  's338',
  's232',
  's232-2026h2',
  's201',
  'ieepa',
  'ieepa-other-origins',
  's122',
  'de-minimis-postal',
  'cn',
];

function build(): Map<string, string> {
  const head = readJson<Pick<RawSchedule, 'schemaVersion' | 'meta' | 'importers'>>('data/src/meta.json');
  const measures: RawMeasure[] = [];
  for (const name of MEASURE_FILES) {
    const rel = `data/src/measures-${name}.json`;
    if (!existsSync(`${root}/${rel}`)) continue;
    measures.push(...readJson<{ measures: RawMeasure[] }>(rel).measures);
  }
  const text = (rel: string, enc: 'utf8' | 'latin1' = 'utf8'): string => readSource(root, rel, enc);
  const curated = readJson<{ lines: RawLine[] }>('data/src/lines-us-curated.json').lines;
  const editions = EDITIONS.map((e) => ({ ...e, rows: editionRows(e.file, text(e.file), csvObjects) }));
  const us = buildUsLines(editions, curated);
  const suffixes = new Map<string, string[]>();
  for (const l of us.lines) {
    const code = l.hts.replace(/\./g, '');
    // a line printed as one 10-digit row ("8471.30.01.00") has that one statistical number
    suffixes.set(code, l.suffixes ? l.suffixes.map((x) => x.hts.replace(/\./g, '')) : code.length === 8 ? [`${code}00`] : []);
  }
  const resolved = resolveLists(measures, {
    text,
    csv: (rel) => csvObjects(text(rel), rel),
    suffixesOf: (c) => suffixes.get(c) ?? [],
    lineCodes: us.lines.map((l) => l.hts.replace(/\./g, '')),
  });

  headingRates(resolved, csvObjects(text('checkdutyrates/additional_duties.csv.gz'), 'checkdutyrates/additional_duties.csv.gz'));
  const checks = [
    ...peerChecks(resolved, (rel) => csvObjects(text(rel), rel)),
    ...footnoteChecks(resolved, us.links.get(FOOTNOTE_EDITION) ?? new Map(), (c) => suffixes.get(c) ?? []),
    ...specialChecks(us.editionLines.get(SPECIAL_EDITION) ?? new Map(), csvObjects(text(TARIFF_DATABASE), TARIFF_DATABASE)),
  ];
  const reviewed = {
    ...readJson<{ checks: Record<string, ReviewedDisagreement[]> }>('data/src/peer-disagreements.json').checks,
    ...readJson<{ checks: Record<string, ReviewedDisagreement[]> }>('data/src/footnote-disagreements.json').checks,
    ...readJson<{ checks: Record<string, ReviewedDisagreement[]> }>('data/src/special-disagreements.json').checks,
  };
  const results = checks.map((c) => crossCheck(c, reviewed[c.id] ?? []));
  if (process.argv.includes('--disagreements')) console.log(JSON.stringify(results));
  const wrong = results.flatMap((r) => [
    ...r.unlisted.map(
      (u) =>
        `${r.id}: ${u} (not in data/src/${r.id.startsWith('footnotes-') ? 'footnote' : r.id.startsWith('special-') ? 'special' : 'peer'}-disagreements.json)`,
    ),
    ...r.stale.map((u) => `${r.id}: ${u} is listed but agrees now`),
  ]);
  if (wrong.length)
    throw new Error(
      `peer lists disagree with the law where no reviewed reason says why:\n  ${wrong.slice(0, 40).join('\n  ')}${wrong.length > 40 ? `\n  … ${wrong.length - 40} more` : ''}`,
    );
  us.report.push(...crossCheckReport(results));
  us.report.push(...specialReport(us.editionLines));

  const cnLines = readJson<{ lines: RawLine[] }>('data/src/lines-cn.json').lines;
  const shards = new Map<string, { lines: RawLine[]; scopes: Record<string, string[]> }>();
  const shard = (ch: string): { lines: RawLine[]; scopes: Record<string, string[]> } => {
    let s = shards.get(ch);
    if (!s) shards.set(ch, (s = { lines: [], scopes: {} }));
    return s;
  };
  for (const l of us.lines) shard(l.hts.slice(0, PART)).lines.push(l);
  // long US product lists go to the line file of each heading they touch: a calc reads one heading
  const bundled = resolved.map((m) => {
    if (m.importer !== 'US' || m.hts.length <= LONG_LIST || m.hts.some((h) => h === '*' || h.replace(/\./g, '').length < PART)) return m;
    const parts = new Set<string>();
    for (const h of m.hts) {
      const code = h.replace(/\./g, '');
      const part = code.slice(0, PART);
      parts.add(part);
      (shard(part).scopes[m.id] ??= []).push(code);
    }
    return { ...m, hts: [...parts].sort(), scopeInLineShards: true as const };
  });
  const out = new Map<string, string>();
  const files: Record<string, string> = {};
  for (const ch of [...shards.keys()].sort()) {
    const s = shards.get(ch) as { lines: RawLine[]; scopes: Record<string, string[]> };
    const scopes = Object.keys(s.scopes)
      .sort()
      .map((id) => `    ${JSON.stringify(id)}: ${JSON.stringify(s.scopes[id])}`);
    // the lines of a heading share the start of their description path: written once, as `prefix`
    const prefix = sharedPath(s.lines.map((l) => l.description));
    const lines = prefix ? s.lines.map((l) => ({ ...l, description: l.description.slice(prefix.length) })) : s.lines;
    const body = `{\n${prefix ? `  "prefix": ${JSON.stringify(prefix)},\n` : ''}  "lines": [\n${lines.map((l) => `    ${JSON.stringify(l)}`).join(',\n')}\n  ],\n  "scopes": {${scopes.length ? `\n${scopes.join(',\n')}\n  ` : ''}}\n}\n`;
    out.set(`data/lines/US-${ch}.json`, body);
    files[`lines/US-${ch}.json`] = createHash('sha256').update(body).digest('hex');
  }
  const dates = new Set<string>();
  for (const l of us.lines) {
    if (l.coverageFrom) dates.add(l.coverageFrom);
    for (const c of l.mfnChanges ?? []) dates.add(c.from);
    for (const c of l.specialChanges ?? []) dates.add(c.from);
    if (l.until) dates.add(l.until);
  }
  const schedule: RawSchedule = {
    schemaVersion: head.schemaVersion,
    meta: head.meta,
    importers: head.importers,
    lineShards: { importer: 'US', lines: us.lines.length, dates: [...dates].sort(), files },
    lines: cnLines,
    measures: bundled,
    fx: readJson<{ fx: RawSchedule['fx'] }>('data/src/fx.json').fx,
    scenarios: readJson<{ scenarios: RawSchedule['scenarios'] }>('data/src/scenarios.json').scenarios,
    refunds: readJson<{ refunds: RawSchedule['refunds'] }>('data/src/refunds.json').refunds,
    programmes: readJson<{ programmes: RawSchedule['programmes'] }>('data/src/programmes.json').programmes,
  };
  // validate the whole of it, shards included, exactly as a user's single-file schedule would be
  const whole = { ...schedule, lines: [...us.lines, ...cnLines] };
  delete (whole as { lineShards?: unknown }).lineShards;
  const parsed = scheduleSchema.safeParse(whole);
  // a renewed table that runs out inside the verified period is an error here, not a silent zero later
  const problems = parsed.success ? [...semanticProblems(parsed.data), ...tablesRunningOut(whole)] : zodProblems(parsed.error);
  if (problems.length) {
    throw new Error(
      `the built schedule is invalid:\n  ${problems
        .slice(0, 30)
        .map((p) => `${p.path}: ${p.message}`)
        .join('\n  ')}`,
    );
  }
  out.set('data/schedule.json', `${pretty(schedule, '')}\n`);
  out.set('data/build-report.txt', `${us.report.join('\n')}\n`);
  return out;
}

/**
 * A measure that names one Chapter 99 heading as its `ref` must charge what that heading prints
 * ("The duty provided in the applicable subheading + 12.5%"): checked against the heading texts
 * of HTSUS 2026 Rev 20 (data/sources/checkdutyrates) wherever they give an added percent.
 */
const REV20 = '2026-09-29';

function headingRates(measures: RawMeasure[], headings: Record<string, string>[]): void {
  const added = new Map(headings.filter((h) => h.added_percent).map((h) => [h.heading, `${h.added_percent}%`]));
  const wrong: string[] = [];
  for (const m of measures) {
    // the texts are those of Rev 20: a measure in force on its date (29 Sep 2026) must match them
    const inForce = m.from <= REV20 && (m.to === undefined || m.to > REV20);
    const printed = inForce && /^9903\.\d\d\.\d\d$/.test(m.ref) ? added.get(m.ref) : undefined;
    if (printed !== undefined && m.rate.adValorem !== undefined && m.rate.adValorem !== printed)
      wrong.push(`${m.id}: ${m.rate.adValorem}, heading ${m.ref} prints + ${printed}`);
  }
  if (wrong.length) throw new Error(`measures whose rate differs from their Chapter 99 heading:\n  ${wrong.join('\n  ')}`);
}

/**
 * The peer lists compared with the scopes read from the law. Section 232 metals: the peer's
 * annex tiers 1a/1b against U.S. note 16(c)(i)-(v) (9903.82.02) and (vi)-(x) (9903.82.09, .10);
 * Section 122: the peer's exemption list against U.S. note 2(aa)(ii)-(iv) of Proclamation 11012;
 * the 2025 steel derivatives: the peer's 9903.81.91 rows against the note 16(n)(3) list of the BIS
 * inclusions notice (90 FR 40327); the Canadian and Mexican potash of the IEEPA fentanyl duties: the
 * peer's potash rows against the subheadings CBP names (CSMS 64336037, 64335789); copper: the peer's
 * list against U.S. note 36(b) of HTSUS 2026 Rev 4.
 */
function peerChecks(measures: RawMeasure[], csv: (rel: string) => Record<string, string>[]): PeerCheck[] {
  const scope = (...ids: string[]): string[] => ids.flatMap((id) => measures.find((m) => m.id === id)?.hts ?? []).map((h) => h.replace(/\./g, ''));
  const annex = csv('yale-tariff-rate-tracker/s232_annex_products.csv.gz');
  const tier = (t: string): string[] => annex.filter((r) => r.annex === t).map((r) => (r.hts_prefix ?? '').trim());
  const s122 = csv('yale-tariff-rate-tracker/s122_exempt_products.csv.gz').map((r) => (r.hts8 ?? '').trim());
  const derivatives = csv('yale-tariff-rate-tracker/s232_derivative_products.csv.gz');
  const derivative = (heading: string): string[] => derivatives.filter((r) => r.ch99_code === heading).map((r) => (r.hts_prefix ?? '').trim());
  const carveouts = csv('yale-tariff-rate-tracker/fentanyl_carveout_products.csv.gz');
  const carveout = (category: string): string[] => carveouts.filter((r) => r.category === category).map((r) => (r.hts8 ?? '').trim());
  return [
    { id: 's122-exemptions', peer: s122, law: scope('us-s122-annex-ii', 'us-s122-particular-articles', 'us-s122-civil-aircraft') },
    { id: 's232-metals-50', peer: tier('1a'), law: scope('us-s232-metals-annex1a-50') },
    { id: 's232-metals-25-and-floor', peer: tier('1b'), law: scope('us-s232-metals-annex1b-25', 'us-s232-metals-floor-15') },
    { id: 's232-steel-derivatives-2025-08', peer: derivative('9903.81.91'), law: scope('us-s232-steel-derivatives-2025-08') },
    {
      id: 's232-copper-2025',
      peer: csv('yale-tariff-rate-tracker/s232_copper_products.csv.gz').map((r) => (r.hts10 ?? '').trim()),
      law: scope('us-s232-copper-50'),
    },
    { id: 'ieepa-potash-ca', peer: carveout('potash_ca'), law: scope('us-ieepa-fent-ca-potash-10') },
    { id: 'ieepa-potash-mx', peer: carveout('potash_mx'), law: scope('us-ieepa-fent-mx-potash-10') },
  ];
}

/**
 * The footnotes of the USITC JSON export link product lines to Chapter 99 headings ("See
 * 9903.88.15."): a cross-check of the product lists read from the notes' text, never a source of
 * scope. They are read from the revision whose Chapter 99 text the build reads (2026 Rev 6), and
 * compared for each heading whose measures take their list from a note: the Section 301 lists of
 * U.S. note 20 (9903.88.01, .02, .03, .15) and note 31(b) (9903.91.01). The footnotes of a
 * heading compare with the union of the measures citing it (List 3 at 10% and at 25% alike).
 * List 4B (9903.88.16, suspended) has no footnotes; the other headings the footnotes name
 * (9903.41, .52, .90, .91.02–.11, 9904 …) have no list read from a note in this build.
 */
const FOOTNOTE_EDITION = '2026 Revision 6';

/** The special column is checked against the USITC tariff database of 6 June 2025 (scripts/data/lib/special-check.ts). */
const SPECIAL_EDITION = '2025 Basic Edition';
const TARIFF_DATABASE = 'usitc/tariff_database_2025_06062025.csv.gz';
const FOOTNOTE_HEADINGS = ['9903.88.01', '9903.88.02', '9903.88.03', '9903.88.15', '9903.91.01'];

function footnoteChecks(measures: RawMeasure[], links: ReadonlyMap<string, string[]>, suffixesOf: (code8: string) => readonly string[]): PeerCheck[] {
  return FOOTNOTE_HEADINGS.map((heading) => {
    const linked = [...links].filter(([, hs]) => hs.includes(heading)).map(([code]) => code);
    const law = measures.filter((m) => m.importer === 'US' && m.ref === heading).flatMap((m) => m.hts.map((h) => h.replace(/\./g, '')));
    return { id: `footnotes-${heading}`, peer: collapseSuffixes(linked, suffixesOf), law: [...new Set(law)].sort() };
  });
}

/** How many lines of each edition carry each programme of the special column, and how many with a computed rate. */
function specialReport(editions: ReadonlyMap<string, ReadonlyMap<string, EditionLine>>): string[] {
  const out = [
    '',
    'Special column (general note 3(c)(i) programmes): lines carrying each code, of which with a computed rate (the rest print a reference such as "See 9822.04.01")',
  ];
  for (const [id, lines] of editions) {
    const count = new Map<string, [number, number]>();
    let pairs = 0;
    for (const l of lines.values())
      for (const g of l.special)
        for (const c of g.codes) {
          const n = count.get(c) ?? [0, 0];
          n[0]++;
          if (g.rate) n[1]++;
          count.set(c, n);
          pairs++;
        }
    const codes = [...count.keys()].sort();
    out.push(`  ${id}: ${pairs} line × programme pairs; ${codes.map((c) => `${c} ${count.get(c)?.[0]}/${count.get(c)?.[1]}`).join(', ')}`);
  }
  out.push(
    '',
    'Special rates printed as the rate of a line of another heading ("The rate applicable to the natural juice in heading 2009"): line × programme pairs, priced by the line the claim names (D:2009.89.65)',
  );
  for (const [id, lines] of editions) {
    const pairs = [...lines.values()].flatMap((l) =>
      l.special.flatMap((g) => (g.lineOf ? g.codes.map((c) => `${formatHts(l.code)} ${c} (heading ${g.lineOf?.heading})`) : [])),
    );
    out.push(`  ${id}: ${pairs.length} pairs: ${pairs.join(', ')}`);
  }
  return out;
}

/** The longest start of every description that ends a path part ("Heading text: "), leaving each a rest. */
function sharedPath(descriptions: readonly string[]): string {
  if (descriptions.length === 0) return '';
  let prefix = descriptions[0] as string;
  for (const d of descriptions) while (!d.startsWith(prefix)) prefix = prefix.slice(0, -1);
  const cut = prefix.lastIndexOf(': ');
  if (cut < 0) return '';
  prefix = prefix.slice(0, cut + 2);
  return descriptions.every((d) => d.length > prefix.length) ? prefix : '';
}

/**
 * JSON with objects indented and arrays of plain values (product lists, sources) on one line:
 * readable, and a third smaller than JSON.stringify(…, 2), which matters at every start-up.
 */
function pretty(v: unknown, indent: string): string {
  if (Array.isArray(v)) {
    if (v.every((x) => x === null || typeof x !== 'object')) return JSON.stringify(v);
    const inner = `${indent}  `;
    return `[\n${v.map((x) => `${inner}${pretty(x, inner)}`).join(',\n')}\n${indent}]`;
  }
  if (v !== null && typeof v === 'object') {
    const entries = Object.entries(v).filter(([, x]) => x !== undefined);
    if (entries.length === 0) return '{}';
    const inner = `${indent}  `;
    return `{\n${entries.map(([k, x]) => `${inner}${JSON.stringify(k)}: ${pretty(x, inner)}`).join(',\n')}\n${indent}}`;
  }
  return JSON.stringify(v);
}

/** The hash data/CHANGELOG.md records for a version: the schedule, then its line files in order. */
function outputHash(files: Map<string, string>): string {
  const h = createHash('sha256').update(files.get('data/schedule.json') as string);
  for (const rel of [...files.keys()].filter((k) => k.startsWith('data/lines/')).sort()) h.update(files.get(rel) as string);
  return h.digest('hex');
}

/** The built files as a git revision has them (`npm run data -- --changes REF`). */
function committedFiles(ref: string): Map<string, string> {
  const git = (...args: string[]): string => execFileSync('git', args, { cwd: root, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const files = new Map<string, string>([['data/schedule.json', git('show', `${ref}:data/schedule.json`)]]);
  for (const path of git('ls-tree', '-r', '--name-only', ref, 'data/lines/').split('\n').filter(Boolean)) files.set(path, git('show', `${ref}:${path}`));
  return files;
}

const out = build();
// what it was built from (scripts/data/run.mjs lists the bundled modules of src/ beside this bundle);
// not part of the output hash: a changed comment in an input changes no data
const srcModules = JSON.parse(readFileSync(new URL('./src-modules.json', import.meta.url), 'utf8')) as string[];
out.set('data/inputs.json', inputsText(inputDigests(root, srcModules)));
const hash = outputHash(out);
const changesAt = process.argv.indexOf('--changes');
if (changesAt >= 0) {
  // what this build changes against a committed one (HEAD unless named): the lines for data/CHANGELOG.md
  const ref = process.argv[changesAt + 1] && !process.argv[changesAt + 1]?.startsWith('--') ? (process.argv[changesAt + 1] as string) : 'HEAD';
  console.log(`Changes against ${ref} (output sha256: ${hash}):\n${scheduleChanges(committedFiles(ref), out).join('\n')}`);
} else if (check) {
  const differ: string[] = [];
  for (const [rel, body] of out) {
    const p = `${root}/${rel}`;
    if (!existsSync(p) || readFileSync(p, 'utf8') !== body) differ.push(rel);
  }
  const extra = existsSync(`${root}/data/lines`) ? readdirSync(`${root}/data/lines`).filter((f) => !out.has(`data/lines/${f}`)) : [];
  differ.push(...extra.map((f) => `data/lines/${f} (not built)`));
  if (differ.length) {
    console.error(`npm run data --check: the committed data differs from a fresh build:\n  ${differ.join('\n  ')}\nrun \`npm run data\` and commit the result`);
    process.exit(1);
  }
  console.log(`data up to date (${out.size} files; output sha256: ${hash})`);
} else {
  rmSync(`${root}/data/lines`, { recursive: true, force: true });
  mkdirSync(`${root}/data/lines`, { recursive: true });
  for (const [rel, body] of out) writeFileSync(`${root}/${rel}`, body);
  console.log(`wrote ${out.size} files; output sha256: ${hash}\n(a changed output needs a new meta.version and a data/CHANGELOG.md entry recording this hash)`);
}
