/**
 * The USITC HTS export (the JSON array that hts.usitc.gov exports, one object per printed row of
 * the tariff) → a schedule this tool can load.
 *
 * Shape of a row, as the export has it (hts_2026_revision_*_json.json):
 *
 *   { "htsno": "0101.21.00", "indent": "2", "description": "Purebred breeding animals",
 *     "superior": null, "units": ["No."], "general": "Free", "special": "", "other": "Free",
 *     "footnotes": [{ "columns": ["general"], "value": "See 9903.88.15. ", "type": "endnote" }],
 *     "quotaQuantity": null, "additionalDuties": null, "addiitionalDuties": null }
 *
 * - `indent` is a string ("0", "1", …); a number is accepted as well.
 * - Rows without a code (`"htsno": ""`, `"superior": "true"`) are the unnumbered grouping
 *   texts ("Horses:"); they carry no rate.
 * - The general (MFN) rate is printed on the 8-digit line; its 10-digit statistical children have
 *   `"general": ""` and inherit it. A 10-digit row can also carry its own rate.
 * - `footnotes` is an array (sometimes `null`); Section 301 and other Chapter 99 references are
 *   endnotes on the general column ("See 9903.88.15. ", with a trailing space).
 *
 * Everything here is pure: no file system, no process. Rates are converted as text, so that a
 * cent amount becomes an exact dollar string ("6.8¢" → "0.068") without passing through a float.
 * A rate text that is not one of the shapes below is reported with its row and produces no line:
 * a rate is never guessed.
 *
 *   Free | 2.5% | 6.8¢/kg | $1.35/doz. | 37.5¢/kg + 2.9% | $1.35/doz. + 12.3%
 *
 * Rows of Chapter 99 (the additional-duty headings themselves, whose "rates" are texts such as
 * "The duty provided in the applicable subheading + 25%") are not goods and are skipped.
 */
import type { Problem } from '../core/issues.js';
import type { RawLine, RawMeasure, RawRate, RawSchedule } from './schema.js';
import { parseGeneralRate, type ParsedRate } from '../core/rate-text.js';

export { parseGeneralRate, UNIT_ALIASES, type ParsedRate } from '../core/rate-text.js';
import { meta as metaSchema, source as sourceSchema } from './schema.js';

/**
 * A problem of one row of the export (or of the whole import). Kept in the import's own terms —
 * row, HTS number, field — which its report prints; `asProblem` gives it the shape of every other
 * problem.
 */
export type ImportProblemCode =
  /** the input is not the export's JSON array of rows (field `rows`) */
  | 'hts-import-not-array'
  /** an element of the array is not an object (field `row`) */
  | 'hts-import-row-invalid'
  /** htsno is not a string, or not an HTS number of 4–10 digits */
  | 'hts-import-htsno-invalid'
  /** the HTS number is on an earlier row too: this row is ignored */
  | 'hts-import-htsno-duplicate'
  /** indent is not a level such as "2": ignored */
  | 'hts-import-indent-invalid'
  /** the general rate is not text, or a text none of the rate shapes reads: no line */
  | 'hts-import-rate-invalid'
  /** a rate on a row without an HTS number: ignored */
  | 'hts-import-rate-ignored'
  /** the rate the row inherits could not be read: no line */
  | 'hts-import-rate-inherited-invalid'
  /** neither the row nor a row above (or, for 8 digits, below) it has a general rate: no line */
  | 'hts-import-rate-missing'
  /** footnotes is not an array of {columns, value, type}: unreadable entries ignored */
  | 'hts-import-footnotes-invalid'
  /** footnotes name Chapter 99 headings no measure of the merged schedule has (the whole import) */
  | 'hts-import-refs-unlinked';

export interface ImportProblem {
  code: ImportProblemCode;
  /** 1-based index in the export array; 0 for a problem that concerns the whole import */
  row: number;
  htsno: string;
  field: string;
  message: string;
}

/**
 * An import problem as a `Problem`: its own code, the JSON path of the row's field in the export
 * (`[0].general` is the first row's), the HTS number in the message. A warning: the import goes on
 * without the row or the value, and says so.
 */
export function asProblem(p: ImportProblem): Problem<ImportProblemCode> {
  return {
    code: p.code,
    path: p.row === 0 ? p.field : `[${p.row - 1}].${p.field}`,
    message: p.htsno ? `${p.htsno}: ${p.message}` : p.message,
    severity: 'warning',
  };
}

export interface ImportResult {
  schedule: RawSchedule;
  problems: ImportProblem[];
  stats: {
    /** entries in the export array */
    rows: number;
    /** US lines created from the export */
    lines: number;
    /** of those, lines whose rate was inherited from an ancestor row */
    inherited: number;
    /** HTS codes added to merged measures' `hts` (one per code per measure) */
    measuresLinked: number;
  };
}

export interface ImportOptions {
  /** bundled schedule to take measures, importers, fx, scenarios, refunds and meta from */
  merge?: RawSchedule;
  version: string;
  verifiedThrough: string;
  /** URL cited for every imported line */
  source: string;
}

/** "0101.21.00", "0101.21.00.10", "0101" (dots as in the export; also accepted without dots). */
const HTSNO = /^\d{2}(\.?\d{2}){1,4}$/;

function digitsOf(code: string): string {
  return code.replace(/\./g, '');
}

function parseIndent(v: unknown): number | null | 'bad' {
  if (v === undefined || v === null || v === '') return null;
  if (typeof v === 'number') return Number.isInteger(v) && v >= 0 ? v : 'bad';
  if (typeof v === 'string' && /^\s*\d{1,3}\s*$/.test(v)) return Number(v);
  return 'bad';
}

const CH99 = /9903\.(\d{2})\.(\d{2})(?!\d)(?:\s*[-–]\s*(?:9903\.(\d{2}))?\.?(\d{2})(?![\d]|\.\d))?/g;

/**
 * Chapter 99 headings named in a footnote text: "See 9903.88.15." → ["9903.88.15"]. A range within
 * one subheading ("9903.88.01-9903.88.04", "9903.88.01-.04") names every heading in it; a range
 * across subheadings names its two ends.
 */
export function chapter99Refs(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(CH99)) {
    const sub = m[1] as string;
    const from = m[2] as string;
    const toSub = m[3];
    const to = m[4];
    if (to === undefined) {
      out.push(`9903.${sub}.${from}`);
    } else if (toSub === undefined || toSub === sub) {
      const a = Number(from);
      const b = Number(to);
      if (b >= a) for (let i = a; i <= b; i++) out.push(`9903.${sub}.${String(i).padStart(2, '0')}`);
      else out.push(`9903.${sub}.${from}`, `9903.${sub}.${to}`);
    } else {
      out.push(`9903.${sub}.${from}`, `9903.${toSub}.${to}`);
    }
  }
  return out;
}

/** Footnotes on the general rate (or on the description) count; those on "special"/"other" do not. */
function footnoteRefs(v: unknown): { refs: string[]; bad: boolean } {
  if (v === undefined || v === null) return { refs: [], bad: false };
  if (!Array.isArray(v)) return { refs: [], bad: true };
  const refs: string[] = [];
  let bad = false;
  for (const f of v) {
    if (f === null || typeof f !== 'object' || typeof (f as { value?: unknown }).value !== 'string') {
      bad = true;
      continue;
    }
    const cols = (f as { columns?: unknown }).columns;
    if (Array.isArray(cols) && cols.length > 0 && !cols.some((c) => c === 'general' || c === 'desc')) continue;
    refs.push(...chapter99Refs((f as { value: string }).value));
  }
  return { refs: [...new Set(refs)], bad };
}

function description(v: unknown, htsno: string): string {
  const d = typeof v === 'string' ? v.replace(/\s+/g, ' ').trim() : '';
  if (d === '') return `HTS ${htsno}`;
  if (d.length <= 200) return d;
  let cut = d.slice(0, 199);
  if (/[\ud800-\udbff]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut}…`;
}

interface RowState {
  row: number;
  htsno: string;
  indent: number | null;
  /** the row's effective rate: its own or inherited; null when it has none */
  rate: RawRate | null;
  /** the text the effective rate came from, and the code it is printed on */
  text: string;
  from: string;
  /** its own rate, or the one it would inherit, could not be parsed */
  failed: boolean;
}

const US_IMPORTER = (src: string): RawSchedule['importers'][string] => ({
  name: 'United States',
  currency: 'USD',
  minorDigits: 2,
  valuation: 'transaction-value',
  rounding: 'half-up',
  sources: [src],
});

function checkOptions(opts: ImportOptions): void {
  const src = sourceSchema.safeParse(opts.source);
  if (!src.success) throw new RangeError(`import-hts: source "${opts.source}" is not an http(s) URL`);
  const m = metaSchema.safeParse({ title: 'x', version: opts.version, verifiedThrough: opts.verifiedThrough });
  if (!m.success) {
    throw new RangeError(
      `import-hts: version must be 1–40 characters and verifiedThrough a date YYYY-MM-DD (got "${opts.version}", "${opts.verifiedThrough}")`,
    );
  }
}

/** The export → a schedule of US lines (and, with `merge`, the merged schedule's measures linked to them). */
export function importHts(rows: unknown, opts: ImportOptions): ImportResult {
  checkOptions(opts);
  const run = new HtsImport(opts);
  const list: unknown[] = Array.isArray(rows) ? rows : [];
  if (!Array.isArray(rows)) {
    run.problems.push({ code: 'hts-import-not-array', row: 0, htsno: '', field: 'rows', message: 'expected the export: a JSON array of rows' });
  }
  run.stats.rows = list.length;
  for (let i = 0; i < list.length; i++) run.readRow(list[i], i + 1);
  run.reportUnrated8();
  run.reportUnknownRefs();
  const schedule = opts.merge ? mergedSchedule(opts.merge, opts, run.lines, run.measures) : ownSchedule(opts, run.lines);
  const { problems, stats } = run;
  // by row (stable: a row's own problems keep their order), whole-import problems last
  problems.sort((a, b) => (a.row === 0 ? 1 : 0) - (b.row === 0 ? 1 : 0) || a.row - b.row);
  return { schedule, problems, stats };
}

/** The state of one import as the export's rows are read in order. */
class HtsImport {
  readonly problems: ImportProblem[] = [];
  readonly lines: RawLine[] = [];
  readonly stats = { rows: 0, lines: 0, inherited: 0, measuresLinked: 0 };
  readonly measures: RawMeasure[];
  private readonly byRef = new Map<string, RawMeasure[]>();
  /** each measure's scope as digit prefixes ("" for "*"), kept up to date as codes are added */
  private readonly scope = new Map<RawMeasure, Set<string>>();
  private readonly unknownRefs = new Map<string, number>();
  private readonly seen = new Map<string, RowState>();
  private readonly unrated8: RowState[] = [];

  constructor(private readonly opts: ImportOptions) {
    this.measures = opts.merge ? structuredClone(opts.merge.measures) : [];
    for (const m of this.measures) {
      const list = this.byRef.get(m.ref) ?? [];
      list.push(m);
      this.byRef.set(m.ref, list);
      this.scope.set(m, new Set(m.hts.map((p) => (p === '*' ? '' : digitsOf(p)))));
    }
  }

  private covered(m: RawMeasure, digits: string): boolean {
    const set = this.scope.get(m) as Set<string>;
    for (let len = 0; len <= digits.length; len++) if (set.has(digits.slice(0, len))) return true;
    return false;
  }

  /** one row of the export (`row` is 1-based) */
  readRow(raw: unknown, row: number): void {
    const { problems } = this;
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
      problems.push({
        code: 'hts-import-row-invalid',
        row,
        htsno: '',
        field: 'row',
        message: 'expected an object with htsno, indent, description, general, footnotes',
      });
      return;
    }
    const r = raw as Record<string, unknown>;
    if (r.htsno !== undefined && r.htsno !== null && typeof r.htsno !== 'string') {
      problems.push({ code: 'hts-import-htsno-invalid', row, htsno: String(r.htsno), field: 'htsno', message: 'expected a string such as "0101.21.00"' });
      return;
    }
    const htsno = typeof r.htsno === 'string' ? r.htsno.trim() : '';
    const problem = (code: ImportProblemCode, field: string, message: string): void => {
      problems.push({ code, row, htsno, field, message });
    };
    const indent = parseIndent(r.indent);
    if (indent === 'bad') problem('hts-import-indent-invalid', 'indent', `expected a level such as "2", got ${JSON.stringify(r.indent)}; ignored`);
    if (r.general !== undefined && r.general !== null && typeof r.general !== 'string') {
      problem('hts-import-rate-invalid', 'general', `expected a rate text, got ${JSON.stringify(r.general)}`);
    }
    const general = typeof r.general === 'string' ? r.general : '';

    if (htsno === '') {
      // an unnumbered grouping text ("Horses:"): nothing to attach a rate to
      if (general.trim() !== '') problem('hts-import-rate-ignored', 'general', `rate "${general.trim()}" on a row without an HTS number is ignored`);
      return;
    }
    if (!HTSNO.test(htsno)) {
      problem('hts-import-htsno-invalid', 'htsno', 'expected an HTS number of 4, 6, 8 or 10 digits such as "0101.21.00" (keep leading zeros)');
      return;
    }
    const digits = digitsOf(htsno);
    if (digits.startsWith('99')) return; // Chapter 99: the additional-duty headings themselves
    const earlier = this.seen.get(digits);
    if (earlier) {
      problem('hts-import-htsno-duplicate', 'htsno', `${htsno} is also row ${earlier.row}; this row is ignored`);
      return;
    }
    const state: RowState = { row, htsno, indent: typeof indent === 'number' ? indent : null, rate: null, text: general.trim(), from: htsno, failed: false };
    const inheritedFrom = this.rateRow(r, general, digits, state, problem);
    this.seen.set(digits, state);
    this.lineOf(r, digits, state, inheritedFrom, problem);

    const fn = footnoteRefs(r.footnotes);
    if (fn.bad) problem('hts-import-footnotes-invalid', 'footnotes', 'expected an array of {columns, value, type}; unreadable entries ignored');
    if (this.opts.merge) this.link(fn.refs, htsno, digits);
  }

  /** sets the row's effective rate, its own or inherited; returns the row it inherits from, if any */
  private rateRow(
    r: Record<string, unknown>,
    general: string,
    digits: string,
    state: RowState,
    problem: (code: ImportProblemCode, field: string, message: string) => void,
  ): RowState | undefined {
    // a non-string `general` was reported already: the row gets no rate, and its children none either
    const own: ParsedRate =
      typeof r.general === 'string' || r.general === undefined || r.general === null ? parseGeneralRate(general) : { ok: false, message: '' };
    if (!own.ok) {
      if (own.message) problem('hts-import-rate-invalid', 'general', own.message);
      state.failed = true;
      return undefined;
    }
    if (own.rate) {
      state.rate = own.rate;
      return undefined;
    }
    // the nearest ancestor with a rate: the longest shorter code seen above, at a lower indent
    for (let len = digits.length - 2; len >= 4; len -= 2) {
      const a = this.seen.get(digits.slice(0, len));
      if (!a) continue;
      if (a.indent !== null && state.indent !== null && a.indent >= state.indent) continue;
      if (a.rate || a.failed) {
        state.rate = a.rate;
        state.failed = a.failed;
        state.text = a.text;
        state.from = a.from;
        return a;
      }
    }
    return undefined;
  }

  /** an 8- or 10-digit row with a rate becomes a line; one without says why it has none */
  private lineOf(
    r: Record<string, unknown>,
    digits: string,
    state: RowState,
    inheritedFrom: RowState | undefined,
    problem: (code: ImportProblemCode, field: string, message: string) => void,
  ): void {
    const statistical = digits.length === 8 || digits.length === 10;
    if (statistical && state.rate) {
      const fromNote = inheritedFrom ? `, on ${state.from}` : '';
      this.lines.push({
        importer: 'US',
        hts: state.htsno,
        description: description(r.description, state.htsno),
        mfn: structuredClone(state.rate),
        sources: [this.opts.source],
        note: `HTS general rate "${state.text}"${fromNote}`.slice(0, 500),
      });
      this.stats.lines++;
      if (inheritedFrom) this.stats.inherited++;
    } else if (statistical && inheritedFrom && state.failed) {
      problem(
        'hts-import-rate-inherited-invalid',
        'general',
        `no line: the rate of ${inheritedFrom.from} (row ${inheritedFrom.row}) it inherits could not be parsed`,
      );
    } else if (digits.length === 10 && !state.failed) {
      problem('hts-import-rate-missing', 'general', 'no line: neither this row nor a row above it has a general rate');
    } else if (digits.length === 8 && !state.failed) {
      this.unrated8.push(state);
    }
  }

  /** adds the row's code to the measures its footnotes name (when not covered already) */
  private link(refs: readonly string[], htsno: string, digits: string): void {
    for (const ref of refs) {
      const targets = this.byRef.get(ref);
      if (!targets) {
        this.unknownRefs.set(ref, (this.unknownRefs.get(ref) ?? 0) + 1);
        continue;
      }
      for (const m of targets) {
        if (this.covered(m, digits)) continue;
        m.hts.push(htsno);
        this.scope.get(m)?.add(digits);
        this.stats.measuresLinked++;
      }
    }
  }

  /** an 8-digit row without a rate is fine when its 10-digit rows carry theirs; alone, it is a gap */
  reportUnrated8(): void {
    const parentsOf10 = new Set<string>();
    for (const k of this.seen.keys()) if (k.length === 10) parentsOf10.add(k.slice(0, 8));
    for (const st of this.unrated8) {
      if (!parentsOf10.has(digitsOf(st.htsno)))
        this.problems.push({
          code: 'hts-import-rate-missing',
          row: st.row,
          htsno: st.htsno,
          field: 'general',
          message: 'no line: no general rate on this row, a row above it or a 10-digit row below it',
        });
    }
  }

  reportUnknownRefs(): void {
    const { unknownRefs } = this;
    if (unknownRefs.size === 0) return;
    const total = [...unknownRefs.values()].reduce((a, b) => a + b, 0);
    const listed = [...unknownRefs.entries()]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, 20)
      .map(([ref, n]) => `${ref} (${n} row${n > 1 ? 's' : ''})`);
    this.problems.push({
      code: 'hts-import-refs-unlinked',
      row: 0,
      htsno: '',
      field: 'footnotes',
      message: `${total} footnote reference${total > 1 ? 's' : ''} to ${unknownRefs.size} Chapter 99 heading${unknownRefs.size > 1 ? 's' : ''} that no measure of the merged schedule has (not linked): ${listed.join(', ')}${unknownRefs.size > 20 ? ', …' : ''}`,
    });
  }
}

const NOT_MODELLED_HERE = ['Column 1 special (preference programme) and column 2 rates of the HTS export'];

/** the merged schedule with its US lines replaced by the imported ones (codes not imported are kept) */
function mergedSchedule(merge: RawSchedule, opts: ImportOptions, lines: RawLine[], measures: RawMeasure[]): RawSchedule {
  const importedDigits = new Set(lines.map((l) => digitsOf(l.hts)));
  const keptUs = merge.lines.filter((l) => l.importer === 'US' && !importedDigits.has(digitsOf(l.hts)));
  const others = merge.lines.filter((l) => l.importer !== 'US');
  return {
    ...(merge.$schema !== undefined ? { $schema: merge.$schema } : {}),
    schemaVersion: merge.schemaVersion,
    meta: {
      title: `${merge.meta.title}; US lines imported from the USITC HTS export`,
      version: opts.version,
      verifiedThrough: opts.verifiedThrough,
      notModelled: [...(merge.meta.notModelled ?? []), ...NOT_MODELLED_HERE],
    },
    importers: { ...structuredClone(merge.importers), ...(merge.importers.US ? {} : { US: US_IMPORTER(opts.source) }) },
    lines: [...lines, ...structuredClone(keptUs), ...structuredClone(others)],
    measures,
    fx: structuredClone(merge.fx ?? []),
    scenarios: structuredClone(merge.scenarios ?? []),
    refunds: structuredClone(merge.refunds ?? []),
  };
}

function ownSchedule(opts: ImportOptions, lines: RawLine[]): RawSchedule {
  return {
    schemaVersion: 1,
    meta: {
      title: 'US tariff schedule imported from the USITC HTS export',
      version: opts.version,
      verifiedThrough: opts.verifiedThrough,
      notModelled: ['Chapter 99 additional duties (Section 301, 232, IEEPA …): import with --merge to link them to measures', ...NOT_MODELLED_HERE],
    },
    importers: { US: US_IMPORTER(opts.source) },
    lines,
    measures: [],
    fx: [],
    scenarios: [],
    refunds: [],
  };
}
