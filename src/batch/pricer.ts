/**
 * Pricing many rows under one scenario. The scenario is resolved once; plans (the choice of
 * measures) are cached per (importer, origin, HTS, mode, law-date bucket), so a row costs one map
 * lookup plus the money arithmetic. Every row gives a breakdown or a rejection — never neither.
 */
import type { BatchSummary, CurrencyTotals, Rejection } from '../core/batch-summary.js';
import { price, runPlan } from '../core/price.js';
import type { Plan } from '../core/plan.js';
import type { Issue } from '../core/issues.js';
import { PlanCache } from '../core/plan-cache.js';
import type { Money, Program, Run } from '../core/program.js';
import type { Breakdown, MeasureIndex, ResolvedScenario, Shipment } from '../core/types.js';
import { issueText, parseShipment, type ShipmentFields } from '../io/shipment-input.js';
import { lenientFields, type Change, type LenientOptions } from '../io/lenient.js';
import { columnName, rowFields, type Columns, type FieldDefaults } from './columns.js';
import type { Row } from './row-source.js';
import { LightCells, LightShipments } from './light-shipment.js';
import { DEFAULT_IMPORTER } from '../core/countries.js';

export type RowResult = ({ ok: true; line: number; fields: string[]; shipment: Shipment; breakdown: Breakdown } | { ok: false; rejection: Rejection }) & {
  /** --lenient: the values read differently from the strict rules */
  changes?: Change[];
};

type RunRejected = { ok: false; rejection: Rejection };

/** a row run without the audit trail (`BatchPricer.runRow`): its figures are in `run` until the next row */
export type RunResult = { ok: true; shipment: Shipment; lawDate: string; plan: Plan; run: Run; money: Money } | RunRejected;

export class BatchPricer {
  private readonly cache: PlanCache;

  constructor(
    private readonly index: MeasureIndex,
    readonly scenario: ResolvedScenario,
    private readonly cols: Columns,
    private readonly defaults: FieldDefaults,
    private readonly opts: { today: string; detail: boolean; lenient?: LenientOptions; allowRagged?: boolean },
  ) {
    this.cache = new PlanCache(index, scenario);
    this.cells = opts.lenient ? null : LightCells.of(cols, defaults);
  }

  private reject(row: Row, issue: Pick<Issue, 'path' | 'message' | 'hint' | 'code'> | string, code = 'row-invalid'): RowResult {
    const message = typeof issue === 'string' ? issue : issueText(issue);
    const column = typeof issue === 'string' ? null : issue.path;
    const at = this.cols.index.id;
    const id = at === undefined ? null : (row.fields[at] ?? null) || null;
    return { ok: false, rejection: { line: row.line, column, message, code: typeof issue === 'string' ? code : issue.code, id, fields: row.fields } };
  }

  priceRow(row: Row): RowResult {
    if (row.error !== undefined) return this.reject(row, row.error, 'record-malformed');
    const width = this.cols.names.length;
    if (row.fields.length !== width) {
      const ragged = raggedIssue(this.cols, row.fields.length, this.defaults, this.opts.allowRagged);
      if (ragged !== null) return this.reject(row, ragged, 'row-ragged');
    }
    let fields = rowFields(this.cols, row.fields, this.defaults);
    let changes: Change[] | undefined;
    if (this.opts.lenient) {
      const l = lenientFields(fields, this.opts.lenient);
      fields = l.fields;
      if (l.changes.length) changes = l.changes.map((c) => ({ ...c, field: columnName(this.cols, c.field) }));
    }
    const r = this.priceFields(row, fields);
    if (changes) r.changes = changes;
    return r;
  }

  private priceFields(row: Row, fields: ShipmentFields): RowResult {
    const p = this.planned(row, fields);
    if (!p.ok) return p;
    const r = price(this.index, p.plan, p.shipment, { lawDate: p.lawDate, detail: this.opts.detail });
    if (!r.ok) return this.reject(row, { ...r.issue, path: columnName(this.cols, r.issue.path) });
    return { ok: true, line: row.line, fields: row.fields, shipment: p.shipment, breakdown: r.value };
  }

  /** The row's shipment, law date and plan, or its rejection. */
  private planned(
    row: Row,
    fields: ShipmentFields,
    light: LightShipments | null = null,
    /** `fields` are `LightCells`' (light fields only, refilled per row) */
    lightCells = false,
  ): { ok: true; shipment: Shipment; lawDate: string; plan: Plan } | { ok: false; rejection: Rejection } {
    const cell = fields.importer ?? DEFAULT_IMPORTER;
    // the importer cell of the row before, read again (a batch is mostly one importer's)
    if (cell !== this.importerCell) {
      this.importerCell = cell;
      this.importer = cell.toUpperCase();
      this.minorDigits = this.index.schedule.importers.get(this.importer)?.minorDigits ?? 2;
    }
    const { importer, minorDigits } = this;
    let sh = light === null ? null : lightCells ? light.lightShipment(fields, importer, minorDigits) : light.shipment(fields, importer, minorDigits);
    if (sh === null) {
      // parsed in full from the fields as `rowFields` gives them (only the cells given, as keys)
      if (lightCells) fields = rowFields(this.cols, row.fields, this.defaults);
      const parsed = parseShipment(fields, (f) => columnName(this.cols, f), { importer, minorDigits });
      if (!parsed.ok) return this.reject(row, parsed.issue) as { ok: false; rejection: Rejection };
      sh = parsed.value;
    }
    const lawDate = this.scenario.asOf ?? sh.date ?? this.opts.today;
    if (this.scenario.asOf === null && sh.date === undefined) sh.date = lawDate;
    const plan = this.cache.planFor(sh, lawDate);
    if (!plan.ok) return this.reject(row, { ...plan.issue, path: columnName(this.cols, plan.issue.path) }) as { ok: false; rejection: Rejection };
    return { ok: true, shipment: sh, lawDate, plan: plan.value };
  }

  /**
   * The row run through its plan's program without the audit trail into `out` (core/price.ts
   * `runPlan`): the figures of `priceRow`'s breakdown, none of its lines, formulas or reasons. A
   * row it rejects is rejected by `priceRow` with the same words; not for --lenient.
   */
  runRow(row: Row, out: Run): RunResult {
    if (row.error !== undefined) return this.reject(row, row.error, 'record-malformed') as RunRejected;
    if (row.fields.length !== this.cols.names.length) {
      const ragged = raggedIssue(this.cols, row.fields.length, this.defaults, this.opts.allowRagged);
      if (ragged !== null) return this.reject(row, ragged, 'row-ragged') as RunRejected;
    }
    const cells = this.cells;
    const p =
      cells !== null
        ? this.planned(row, cells.fill(row.fields), this.light, true)
        : this.planned(row, rowFields(this.cols, row.fields, this.defaults), this.light);
    if (!p.ok) return p;
    const m = runPlan(this.index, p.plan, p.shipment, p.lawDate, out, this.notes);
    if (!m.ok) return this.reject(row, { ...m.issue, path: columnName(this.cols, m.issue.path) }) as RunRejected;
    return { ok: true, shipment: p.shipment, lawDate: p.lawDate, plan: p.plan, run: out, money: m.value };
  }

  private readonly notes: string[] = [];
  /** the importer cell of the last row planned, its code and its minor digits */
  private importerCell = '';
  private importer = '';
  private minorDigits = 2;
  /** the light runs' shipments without a full parse (batch/light-shipment.ts) */
  private readonly light = new LightShipments();
  /** the light runs' fields read by column index, when every column and default is a light field */
  private readonly cells: LightCells | null;

  get cachedPlans(): number {
    return this.cache.size;
  }
}

/**
 * A row with more fields than the header would lose the extras without a word: rejected, unless
 * --allow-ragged (`allowLong`; undefined for a command without that flag, which the words then do
 * not offer). A short row is priced when the cells it lacks are optional; otherwise the rejection
 * says that the row is short, not just that a value is missing.
 */
export function raggedIssue(cols: Columns, n: number, defaults: FieldDefaults, allowLong: boolean | undefined): string | null {
  const width = cols.names.length;
  if (n > width) {
    if (allowLong === true) return null;
    const extra = n - width === 1 ? 'field' : `${n - width} fields`;
    return `the row has ${n} fields, the header ${width}: the extra ${extra} would be dropped — quote fields that contain commas${allowLong === false ? ', or pass --allow-ragged to price such rows without them' : ''}`;
  }
  const required = (['hts', 'value', 'origin'] as const).filter((f) => (f !== 'origin' || defaults.origin === undefined) && (cols.index[f] ?? -1) >= n);
  if (required.length === 0) return null;
  return `the row has ${n} of the header's ${width} fields: ${required.map((f) => cols.names[cols.index[f] as number]).join(', ')} ${required.length === 1 ? 'is' : 'are'} missing — the missing cells at the end of a row may only be optional columns`;
}

/** the fast path's figures a currency: row count, customs value, duty, fees, taxes, landed cost */
const FIGURES = 6;

/**
 * Where a caller keeps the program its rows last had and that program's authority numbers (the
 * fast path: on each kind of row): rows of many kinds in turn then find them without a WeakMap lookup.
 */
export interface SumsHint {
  sumsProgram: Program | null;
  sums: Int32Array | undefined;
}

/**
 * Duty authorities by number, for the whole process: a fast-path row adds its duty by authority
 * into one array per currency, at these numbers (a handful of authorities in any schedule).
 */
const authorityNumbers = new Map<string, number>();
const authorityNames: string[] = [];

/** each program's authorities as numbers, kept beside it, not on the core's program (issue 21) */
const programNumbers = new WeakMap<Program, Int32Array>();

function numbersOf(lp: Program): Int32Array {
  let ids = programNumbers.get(lp);
  if (ids === undefined) {
    ids = Int32Array.from(lp.authorities, (a) => {
      let n = authorityNumbers.get(a);
      if (n === undefined) {
        n = authorityNames.push(a) - 1;
        authorityNumbers.set(a, n);
      }
      return n;
    });
    programNumbers.set(lp, ids);
  }
  return ids;
}

/**
 * The fast path's sums in one currency since the last `settle`: rows of every program go into the
 * same few arrays (rows of thousands of programs in turn, under the as-entered scenario, each
 * touching sums of its own, cost more in memory traffic than their pricing).
 */
interface FastSums {
  readonly totals: Totals;
  readonly figures: Float64Array;
  /** duty by authority number; grown when a new authority is numbered */
  byAuthority: Float64Array;
  /** the numbers with duty since the last settle, in the order first met */
  readonly met: number[];
  /** 1 at the numbers in `met` */
  metFlags: Uint8Array;
}

/** Running totals of a batch in one currency (core/batch-summary.ts). */
export type Totals = CurrencyTotals;

export class BatchTotals implements BatchSummary {
  read = 0;
  /** rows priced on the fast path (core/program.ts without a trail); said with --verbose */
  fast = 0;
  priced = 0;
  rejected = 0;
  /** of the rejected rows, those excluded from importation on their date */
  prohibited = 0;
  /** priced rows whose law date is after the schedule's verifiedThrough (said once on stderr) */
  staleRows = 0;
  /** --lenient: rows with a value read leniently, and the first such change */
  lenientRows = 0;
  lenientExample: string | null = null;
  readonly byCurrency = new Map<string, Totals>();

  private of(currency: string, minorDigits: number): Totals {
    let t = this.byCurrency.get(currency);
    if (!t) {
      t = { currency, minorDigits, rows: 0, customsValue: 0, duty: 0, fees: 0, taxes: 0, landedCost: 0, dutyByAuthority: new Map() };
      this.byCurrency.set(currency, t);
    }
    return t;
  }

  /**
   * A row of the fast path: the same sums as `add`, kept per currency in typed arrays (a row's
   * figures stored into the totals' fields made a heap number each, and a map update per
   * authority cost more than the pricing) and added to the totals in `settle`. The first row of a
   * currency puts its totals in the map, and a row with duty puts each authority not there yet,
   * so their order is the order `add` gives.
   */
  addFast(lp: Program, r: Run, hint?: SumsHint): void {
    const imp = lp.importer;
    const s = imp.currency === this.lastCurrency ? (this.lastFast as FastSums) : this.fastOf(imp.currency, imp.minorDigits);
    const f = s.figures;
    f[0] = (f[0] as number) + 1;
    f[1] = (f[1] as number) + r.customsValue;
    f[2] = (f[2] as number) + r.duty;
    f[3] = (f[3] as number) + r.fees;
    f[4] = (f[4] as number) + r.taxes;
    f[5] = (f[5] as number) + r.landedCost;
    if (r.exempt) return;
    let ids: Int32Array;
    if (hint !== undefined && hint.sumsProgram === lp) ids = hint.sums as Int32Array;
    else {
      ids = numbersOf(lp);
      if (hint !== undefined) {
        hint.sumsProgram = lp;
        hint.sums = ids;
      }
    }
    if (s.byAuthority.length < authorityNames.length) grow(s);
    const sums = s.byAuthority;
    const flags = s.metFlags;
    const by = r.byAuthority;
    for (let i = 0; i < ids.length; i++) {
      const n = ids[i] as number;
      if (flags[n] === 0) this.meet(s, n);
      sums[n] = (sums[n] as number) + (by[i] as number);
    }
  }

  /** authority number `n` first met in this currency since the last settle: into the totals' map when not there */
  private meet(s: FastSums, n: number): void {
    s.metFlags[n] = 1;
    s.met.push(n);
    const name = authorityNames[n] as string;
    if (!s.totals.dutyByAuthority.has(name)) s.totals.dutyByAuthority.set(name, 0);
  }

  private fastOf(currency: string, minorDigits: number): FastSums {
    let s = this.fastSums.get(currency);
    if (s === undefined) {
      const n = Math.max(16, authorityNames.length);
      s = {
        totals: this.of(currency, minorDigits),
        figures: new Float64Array(FIGURES),
        byAuthority: new Float64Array(n),
        met: [],
        metFlags: new Uint8Array(n),
      };
      this.fastSums.set(currency, s);
    }
    this.lastCurrency = currency;
    this.lastFast = s;
    return s;
  }

  /** the fast path's sums by currency since the last `settle` */
  private readonly fastSums = new Map<string, FastSums>();
  private lastCurrency = '';
  private lastFast: FastSums | undefined;

  /** Adds the fast-path rows' sums into the totals: before they are read or sent on. */
  settle(): void {
    for (const s of this.fastSums.values()) {
      const t = s.totals;
      const f = s.figures;
      t.rows += f[0] as number;
      t.customsValue += f[1] as number;
      t.duty += f[2] as number;
      t.fees += f[3] as number;
      t.taxes += f[4] as number;
      t.landedCost += f[5] as number;
      const by = t.dutyByAuthority;
      for (const n of s.met) {
        const a = authorityNames[n] as string;
        by.set(a, (by.get(a) ?? 0) + (s.byAuthority[n] as number));
      }
    }
    // settled totals hold none of these: a worker posts them to the main thread (a copy of each field)
    this.fastSums.clear();
    this.lastCurrency = '';
    this.lastFast = undefined;
  }

  add(b: Breakdown): void {
    const t = this.of(b.currency, b.minorDigits);
    addSums(t, b, 1);
    for (const a in b.dutyByAuthority) t.dutyByAuthority.set(a, (t.dutyByAuthority.get(a) ?? 0) + (b.dutyByAuthority[a] as number));
  }
}

type Sums = Pick<Totals, 'customsValue' | 'duty' | 'fees' | 'taxes' | 'landedCost'>;

/** a row's figures (a Breakdown, a fast-path run) or another chunk's totals, into a currency's totals */
function addSums(t: Totals, s: Sums, rows: number): void {
  t.rows += rows;
  t.customsValue += s.customsValue;
  t.duty += s.duty;
  t.fees += s.fees;
  t.taxes += s.taxes;
  t.landedCost += s.landedCost;
}

/** Adds another chunk's totals into these. */
export function mergeTotals(into: BatchTotals, from: BatchTotals): void {
  into.read += from.read;
  into.priced += from.priced;
  into.rejected += from.rejected;
  into.prohibited += from.prohibited;
  into.staleRows += from.staleRows;
  into.lenientRows += from.lenientRows;
  into.fast += from.fast;
  into.lenientExample ??= from.lenientExample;
  for (const [cur, t] of from.byCurrency) {
    const mine = into.byCurrency.get(cur);
    if (!mine) {
      into.byCurrency.set(cur, { ...t, dutyByAuthority: new Map(t.dutyByAuthority) });
      continue;
    }
    addSums(mine, t, t.rows);
    for (const [a, v] of t.dutyByAuthority) mine.dutyByAuthority.set(a, (mine.dutyByAuthority.get(a) ?? 0) + v);
  }
}

/** room for every authority numbered so far */
function grow(s: FastSums): void {
  const n = authorityNames.length * 2;
  const by = new Float64Array(n);
  by.set(s.byAuthority);
  const flags = new Uint8Array(n);
  flags.set(s.metFlags);
  s.byAuthority = by;
  s.metFlags = flags;
}
