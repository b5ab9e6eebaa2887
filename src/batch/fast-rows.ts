/**
 * The fast path of a CSV-to-CSV batch: plain records (no quotes, no lone CR, as many fields as
 * the header, nothing in the columns that need the full reader) are cut out of the decoded slice
 * with indexOf, priced by the plan's program (core/program.ts) without its audit trail and written as the CSV row
 * `price` + `CsvRows.row` would give — no field array, no Shipment, no Breakdown per row.
 *
 * Everything else goes, record by record, to the full path (CsvReader → BatchPricer → price),
 * which also writes every rejection: the fast path never rejects a row, it only declines one.
 * One engine prices both; test/cli/calc-fast-path.test.ts holds the two readers byte-equal.
 */
import { dateBucket, lawBoundaries, planShipment } from '../core/landed-cost.js';
import { lightenPlan, samePlan } from '../core/plan-share.js';
import { emptyRun, programOf, runProgram, type Money, type Program, type RowFacts, type Run } from '../core/program.js';
import { inDateRange, isRealDate } from '../core/dates.js';
import type { MeasureIndex, Mode, ResolvedScenario } from '../core/types.js';
import type { Plan } from '../core/plan.js';
import { fastMoney, MAX_CENTS, parseShipment, type ShipmentFields } from '../io/shipment-input.js';
import type { CsvRows, PartsHint } from '../render/batch-output.js';
import type { ByteOut } from '../io/byte-out.js';
import { cutPlainFields, cutQuotedFields, QUOTE } from '../io/csv-grammar.js';
import { plainMoney } from '../core/decimal.js';
import { customsValueOf } from '../core/valuation.js';
import type { Columns, FieldDefaults } from './columns.js';
import type { BatchTotals, SumsHint } from './pricer.js';
import { DEFAULT_IMPORTER } from '../core/countries.js';

const NONE: ReadonlyMap<string, number> = new Map();

/**
 * An origin's law dates (core/law-dates.ts) and, by day number (`FastRows.dateAt`), the bucket
 * of each entry date seen: under the as-entered scenario rows of a kind seldom follow each other
 * with one date, and a binary search of date strings cost more a row than the pricing's lookups.
 */
interface LawDates {
  dates: readonly string[];
  /** bucket by day number, -1 where not yet found; made on first use */
  byDay: Int16Array | null;
}
/** a dated scenario prices every row on its one date: a single bucket, no law dates to find */
const NO_LAW_DATES: LawDates = { dates: [], byDay: null };
/** day numbers given to the first distinct entry dates of a run; later ones are searched for */
const NUMBERED_DAYS = 4096;
/** a CSV row on the fast path gives no quantity and no entry type */
const NO_FACTS: RowFacts = { qty: undefined, unit: undefined, entryType: undefined };

/** the columns the fast path reads; a value in any other known column sends the row to the full path */
const READ = new Set(['id', 'hts', 'origin', 'importer', 'value', 'freight', 'insurance', 'mode', 'date']);
/** flag defaults the fast path can take (the others change how a row is priced) */
export const DEFAULTS_OK = new Set(['origin', 'importer', 'mode', 'date', 'freight', 'insurance']);
/** a longer record may hold a field over the reader's size limit: the full reader judges it */
const MAX_PLAIN_RECORD = 8192;

/**
 * One kind of shipment (raw HTS, origin, mode and importer cells): parsed once, its plans by
 * law-date bucket; it keeps its last program's sums and output parts (SumsHint, PartsHint).
 */
interface Kind extends SumsHint, PartsHint {
  /** the cells as read: HTS, origin, mode, importer */
  cells: readonly string[];
  /** null: the full path rejects or prices it (a bad code, another currency's importer ...) */
  key: { hts: string; origin: string; importer: string } | null;
  mode: Mode | null;
  /** the law dates of its origin, shared by the origin's kinds */
  law: LawDates;
  /** by bucket (undefined: not planned yet); an array, not a map: one load a row (holey, grown as buckets are met) */
  plans: (Program | null | undefined)[];
  /** its distinct programs: the buckets whose plans price alike share one (core/plan-share.ts) */
  distinct: Program[];
  /** its cells need no quoting or escaping in the echo */
  plain: boolean;
  /** the law date of the kind's last row, and its plan */
  lastDate?: string;
  lastPlan?: Program | null;
}

export class FastRows {
  private readonly width: number;
  private readonly col: { hts: number; origin: number; importer: number; value: number; freight: number; insurance: number; mode: number; date: number };
  /** columns whose cell must be empty for the fast path */
  private readonly mustBeEmpty: Int32Array;
  /**
   * columns echoed as free text (id, description, unknown ones): each row's cells there are checked
   * for what would make the echo quote or escape them. The columns the fast path parses need no
   * check: a cell it accepts is digits, points, dashes or letters (a kind's cells: checked once).
   */
  private readonly freeText: Int32Array;
  /** the columns the fast path reads (a quoted cell there sends the row to the full path) */
  private readonly readCols: Int32Array;
  /** kinds with packed cells (packedHts, packedRest), by the two numbers */
  private table = kindTable(1024);
  /** kinds by the hash of their cells */
  private readonly kinds = new Map<number, Kind[]>();
  private kindCount = 0;
  /** the columns of the kind's cells (HTS, origin, mode, importer), and the flag defaults for empty ones */
  private readonly keyCols: readonly number[];
  private readonly keyDefaults: readonly string[];
  private readonly dates = new Map<string, boolean>();
  private readonly lawDates = new Map<string, LawDates>();
  /** YYYYMMDD → the date, or null when the full path would reject it (the years outside `days`) */
  private readonly dayNumbers = new Map<number, string | null>();
  /** the same for 1900–2099, by ((year − 1900) × 13 + month) × 32 + day: no map lookup */
  private readonly days: (string | null | undefined)[] = new Array(DAY_SLOTS);
  /** the day number of each of those dates (-1: none yet, or beyond NUMBERED_DAYS), and how many are given */
  private readonly dayNumberAt = new Int16Array(DAY_SLOTS).fill(-1);
  private dayCount = 0;
  /** the day number of the date `dateAt` last returned, -1 when it has none */
  private day = -1;
  /** the packed origin, mode and importer of an empty cell (the flag default), -1 when not packable */
  private readonly defaultPack: readonly number[];
  private readonly starts: Int32Array;
  private readonly out = emptyRun();
  /** the row's money and own notes, reused from row to row (a CSV row declares no content) */
  private readonly rowMoney: Money = { goods: 0, freight: 0, insurance: 0, customsValue: 0, content: NONE, undeclared: NONE };
  private readonly rowNotes: string[] = [];
  private readonly verified: string;
  /** whether the fast path can serve this run at all */
  readonly usable: boolean;

  constructor(
    private readonly index: MeasureIndex,
    private readonly scenario: ResolvedScenario,
    cols: Columns,
    private readonly defaults: FieldDefaults,
    private readonly today: string,
    private readonly csv: CsvRows,
  ) {
    this.width = cols.names.length;
    const ix = cols.index;
    const at = (f: keyof typeof ix): number => ix[f] ?? -1;
    this.col = {
      hts: at('hts'),
      origin: at('origin'),
      importer: at('importer'),
      value: at('value'),
      freight: at('freight'),
      insurance: at('insurance'),
      mode: at('mode'),
      date: at('date'),
    };
    const empty: number[] = [];
    for (const k in ix) if (!READ.has(k)) empty.push(ix[k as keyof typeof ix] as number);
    for (const [, i] of cols.content) empty.push(i);
    this.mustBeEmpty = Int32Array.from(empty);
    this.readCols = Int32Array.from(Object.values(this.col).filter((i) => i >= 0));
    const parsed = new Set([...empty, ...Object.values(this.col)]);
    this.freeText = Int32Array.from(cols.names.keys()).filter((i) => !parsed.has(i));
    this.starts = new Int32Array(this.width + 1);
    this.keyCols = [this.col.hts, this.col.origin, this.col.mode, this.col.importer];
    this.keyDefaults = ['', defaults.origin ?? '', defaults.mode ?? '', defaults.importer ?? ''];
    this.defaultPack = this.keyDefaults.map((d, k) => (k === 0 ? -1 : packLetters(d, 0, d.length, k === 2 ? 6 : 3)));
    this.verified = index.schedule.meta.verifiedThrough;
    this.usable = this.col.hts >= 0 && this.col.value >= 0 && Object.keys(defaults).every((k) => DEFAULTS_OK.has(k)) && this.width < 4096;
  }

  /**
   * Prices one plain record `text[start, end)` (no line break, no quote in it) into `out` and
   * the totals; false when it must take the full path (nothing has been written then). `src`:
   * the slice's bytes when they are the text's code units one for one (all ASCII), to copy the echo from.
   */
  row(text: string, start: number, end: number, totals: BatchTotals, out: ByteOut, src: DataView | null, quoted = false): boolean {
    const r = this.out;
    const lawDate = this.runRecord(text, start, end, quoted, r);
    if (lawDate === null) return false;
    const program = this.lastProgram as Program;
    const kind = this.lastKind as Kind;
    totals.addFast(program, r, kind);
    if (lawDate > this.verified) totals.staleRows++;
    this.csv.fastRow(out, text, start, end, src, program, r, lawDate, this.lastHts, kind);
    return true;
  }

  /**
   * The plain record `text[start, end)` taken and run into `r` (a `dutyLines` on it gets the duty
   * lines), nothing written or counted: what `row` writes, and what a command that writes rows of its
   * own (refund) starts from. Its law date, or null when it is the full path's. `field` then
   * reads its cells and `lastHts` is its HTS number.
   */
  runRecord(text: string, start: number, end: number, quoted: boolean, r: Run): string | null {
    if (end - start > MAX_PLAIN_RECORD || !this.cut(text, start, end, quoted)) return null;
    const kind = this.kindAt(text);
    if (kind.key === null || !kind.plain) return null;
    const c = this.col;
    const d = this.defaults;
    let dateCell: string | null = d.date ?? null;
    let day = -1;
    if (c.date >= 0 && this.starts[c.date + 1] !== (this.starts[c.date] as number) + 1) {
      dateCell = this.dateAt(text, this.starts[c.date] as number, (this.starts[c.date + 1] as number) - 1);
      if (dateCell === null) return null;
      day = this.day;
    } else if (dateCell !== null && !this.dateOk(dateCell)) return null;
    const lawDate = this.scenario.asOf ?? dateCell ?? this.today;
    // rows of a kind often share the law date (always, under a dated scenario)
    let program: Program | null | undefined = lawDate === kind.lastDate ? kind.lastPlan : undefined;
    if (program === undefined) program = this.planOn(kind, lawDate, this.scenario.asOf === null ? day : -1);
    if (program === null) return null;
    const goods = this.money(text, c.value, undefined);
    const freight = this.money(text, c.freight, d.freight);
    const insurance = this.money(text, c.insurance, d.insurance);
    if (goods < 0 || freight < 0 || insurance < 0) return null;
    const m = this.rowMoney;
    m.goods = goods;
    m.freight = freight;
    m.insurance = insurance;
    m.customsValue = customsValueOf(program.importer, goods, freight, insurance);
    // a problem (a quantity the rate needs, an amount out of range): the full path rejects the row with it
    if (runProgram(program, m, NO_FACTS, lawDate, this.verified, r, this.rowNotes, null) !== null) return null;
    this.lastHts = (kind.key as NonNullable<Kind['key']>).hts;
    this.lastKind = kind;
    this.lastProgram = program;
    return lawDate;
  }

  /** the HTS number (digits) of the record `runRecord` last ran */
  lastHts = '';
  /** its kind: what `lastBucket` and `lastPlan` read */
  private lastKind: Kind | null = null;
  /** the program it ran */
  private lastProgram: Program | null = null;

  /** the kind of the record `runRecord` last ran (an opaque key) and its law-date bucket: rows alike in both have one plan */
  lastBucket(lawDate: string): { kind: object; bucket: number } {
    const kind = this.lastKind as Kind;
    return { kind, bucket: dateBucket(kind.law.dates, lawDate) };
  }

  /** the plan of the record `runRecord` last ran, on its law date, with the reasons the fast path does not keep (planned anew) */
  lastPlan(lawDate: string): Plan | null {
    const plan = this.planOf(this.lastKind as Kind, lawDate);
    return plan.ok ? plan.value : null;
  }

  /** the text of field `i` of the record `runRecord` last took ('' when the header lacks it) */
  field(text: string, i: number | undefined): string {
    return i === undefined ? '' : this.cell(text, i);
  }

  /**
   * Cuts the record's fields into `starts` (field i is text[starts[i], starts[i+1] - 1)): true when
   * it has as many fields as the header and the echo is the record itself, i.e. no field needs
   * quoting or formula escaping, or (`quoted`: a record with quotes on one line) a quoted field is
   * a free-text cell quoted exactly as `CsvRows` quotes it. Every other record is the full path's.
   */
  private cut(text: string, start: number, end: number, quoted: boolean): boolean {
    const starts = this.starts;
    if (!(quoted ? cutQuotedFields(text, start, end, starts, this.width) : cutPlainFields(text, start, end, starts, this.width))) return false;
    const free = this.freeText;
    for (let k = 0; k < free.length; k++) {
      const i = free[k] as number;
      const a = starts[i] as number;
      const b = (starts[i + 1] as number) - 1;
      if (a === b) continue;
      const first = text.charCodeAt(a);
      if (first === QUOTE ? !quotedAsWritten(text, a, b) : careful(first, true) || careful(text.charCodeAt(b - 1), false)) return false;
    }
    const empty = this.mustBeEmpty;
    for (let k = 0; k < empty.length; k++) {
      const i = empty[k] as number;
      if ((starts[i + 1] as number) - 1 !== starts[i]) return false;
    }
    if (quoted) {
      // a quoted cell in a column the fast path reads: the full reader's
      const read = this.readCols;
      for (let k = 0; k < read.length; k++) if (text.charCodeAt(starts[read[k] as number] as number) === QUOTE) return false;
    }
    return true;
  }

  /**
   * The kind of the record being read (its HTS, origin, mode and importer cells, flag defaults
   * standing in for empty ones), found without cutting a string out of the record: by the cells
   * packed into two numbers one to one where they are the usual digits and letters (no check
   * needed), else by a hash of the cells confirmed cell by cell.
   */
  private kindAt(text: string): Kind {
    // the two numbers come back through `packed` (doubles in a typed array): a number above 2^31
    // returned from a function is a heap number, i.e. two allocations a row
    const packed = this.packed;
    if (this.packedHts(text)) {
      const hts = packed[0] as number;
      if (this.packedRest(text)) {
        const rest = packed[1] as number;
        // open addressing on the two numbers: no Map of heap numbers, no bucket arrays
        const t = this.table;
        let h = tableSlot(hts, rest, t.mask);
        for (;;) {
          const kind = t.kinds[h];
          if (kind === undefined) break;
          if (t.hts[h] === hts && t.rest[h] === rest) return kind;
          h = (h + 1) & t.mask;
        }
        const kind = this.newKind(text);
        this.remember(hts, rest, kind);
        return kind;
      }
    }
    return this.hashedKind(text);
  }

  /** a kind found by its packed cells, into the table (grown to stay at most half full) */
  private remember(hts: number, rest: number, kind: Kind): void {
    let t = this.table;
    if (++t.used * 2 > t.kinds.length) {
      // keep the table at most half full: twice the size, every kind placed again
      const old = t;
      t = this.table = kindTable(old.kinds.length * 2);
      for (let i = 0; i < old.kinds.length; i++) {
        const k = old.kinds[i];
        if (k !== undefined) place(t, old.hts[i] as number, old.rest[i] as number, k);
      }
      t.used = old.used;
    }
    place(t, hts, rest, kind);
  }

  /** what `packedHts` and `packedRest` found */
  private readonly packed = new Float64Array(2);

  /**
   * The HTS cell as a number, one to one, into `packed[0]`: its characters (digits and points) as
   * base-12 digits 1–11, at most 14 of them (12^14 < 2^53); false for any other cell (the hashed kinds take it).
   */
  private packedHts(text: string): boolean {
    const i = this.col.hts;
    const a = this.starts[i] as number;
    const b = (this.starts[i + 1] as number) - 1;
    if (b - a > 14 || a === b) return false;
    let v = 0;
    for (let j = a; j < b; j++) {
      const c = text.charCodeAt(j);
      // '0'–'9' as 1–10, '.' as 11; anything else (':' is the code after '9') is not packed
      const d = c === 46 ? 11 : c >= 48 && c <= 57 ? c - 47 : 0;
      if (d === 0) return false;
      v = v * 12 + d;
    }
    this.packed[0] = v;
    return true;
  }

  /**
   * The origin (≤ 3 letters) and mode (≤ 6 letters) cells, or their defaults, as one number, one
   * to one, into `packed[1]`; false when one does not pack or an importer cell is given (the hashed kinds take it).
   */
  private packedRest(text: string): boolean {
    const c = this.col;
    if (c.importer >= 0 && (this.starts[c.importer + 1] as number) - 1 !== this.starts[c.importer]) return false;
    const origin = this.packCell(text, c.origin, 1, 3);
    if (origin < 0) return false;
    const mode = this.packCell(text, c.mode, 2, 6);
    if (mode < 0) return false;
    this.packed[1] = origin * LETTERS_6 + mode;
    return true;
  }

  private packCell(text: string, i: number, k: number, max: number): number {
    const a = i < 0 ? 0 : (this.starts[i] as number);
    const b = i < 0 ? 0 : (this.starts[i + 1] as number) - 1;
    return a === b ? (this.defaultPack[k] as number) : packLetters(text, a, b, max);
  }

  private newKind(text: string): Kind {
    if (this.kindCount > 100_000) {
      this.kinds.clear();
      this.table = kindTable(1024);
      this.kindCount = 0;
    }
    this.kindCount++;
    const keys = this.keyCols;
    // the kind is its cells with the flag defaults for empty ones, so a cell may be a default's
    // text: the echo check is on what the kind stands for (a default that needs quoting sends
    // even the rows that leave the cell empty to the full path, which is never wrong)
    let plain = true;
    const cells = keys.map((i, k) => {
      const cell = this.cell(text, i) || (this.keyDefaults[k] as string);
      if (cell !== '' && (careful(cell.charCodeAt(0), true) || careful(cell.charCodeAt(cell.length - 1), false))) plain = false;
      return cell;
    });
    const kind = this.kindOf(cells as [string, string, string, string]);
    kind.plain = plain;
    return kind;
  }

  private hashedKind(text: string): Kind {
    const keys = this.keyCols;
    let h = 0x811c9dc5;
    for (let k = 0; k < 4; k++) {
      const i = keys[k] as number;
      const a = i < 0 ? 0 : (this.starts[i] as number);
      const b = i < 0 ? 0 : (this.starts[i + 1] as number) - 1;
      if (a === b) {
        const dflt = this.keyDefaults[k] as string;
        for (let j = 0; j < dflt.length; j++) h = Math.imul(h ^ dflt.charCodeAt(j), 16777619);
      } else {
        for (let j = a; j < b; j++) h = Math.imul(h ^ text.charCodeAt(j), 16777619);
      }
      h = Math.imul(h ^ 9, 16777619);
    }
    const bucket = this.kinds.get(h);
    if (bucket !== undefined) {
      for (const kind of bucket) if (this.sameKey(text, kind.cells)) return kind;
    }
    const kind = this.newKind(text);
    if (bucket === undefined) this.kinds.set(h, [kind]);
    else bucket.push(kind);
    return kind;
  }

  private sameKey(text: string, cells: readonly string[]): boolean {
    for (let k = 0; k < 4; k++) {
      const i = this.keyCols[k] as number;
      const a = i < 0 ? 0 : (this.starts[i] as number);
      const b = i < 0 ? 0 : (this.starts[i + 1] as number) - 1;
      const want = cells[k] as string;
      if (a === b ? want !== this.keyDefaults[k] : b - a !== want.length || !text.startsWith(want, a)) return false;
    }
    return true;
  }

  /**
   * The entry date in `text[a, b)` when it is one the full path accepts as it is (a calendar
   * date of 1900–2099, no spaces), else null. YYYY-MM-DD is read as a number and looked up;
   * `day` is then its day number (-1 for a date read otherwise).
   */
  private dateAt(text: string, a: number, b: number): string | null {
    this.day = -1;
    if (b - a === 10 && text.charCodeAt(a + 4) === 45 && text.charCodeAt(a + 7) === 45) {
      const y = digit(text, a) * 1000 + digit(text, a + 1) * 100 + digit(text, a + 2) * 10 + digit(text, a + 3);
      const m = digit(text, a + 5) * 10 + digit(text, a + 6);
      const d = digit(text, a + 8) * 10 + digit(text, a + 9);
      // a non-digit makes its digit() huge: the sum is then out of every range
      if (y >= 1900 && y <= 2099 && m <= 12 && d <= 31) {
        const slot = ((y - 1900) * 13 + m) * 32 + d;
        let day = this.days[slot];
        if (day === undefined) {
          const iso = text.slice(a, b);
          this.days[slot] = day = this.dateOk(iso) ? iso : null;
          if (day !== null && this.dayCount < NUMBERED_DAYS) this.dayNumberAt[slot] = this.dayCount++;
        }
        this.day = this.dayNumberAt[slot] as number;
        return day;
      }
      if (y > 9999 || m > 99 || d > 99) return null;
      const n = y * 10000 + m * 100 + d;
      let hit = this.dayNumbers.get(n);
      if (hit === undefined) {
        const iso = text.slice(a, b);
        hit = this.dateOk(iso) ? iso : null;
        this.dayNumbers.set(n, hit);
      }
      return hit;
    }
    const iso = text.slice(a, b);
    return this.dateOk(iso) ? iso : null;
  }

  private dateOk(s: string): boolean {
    let ok = this.dates.get(s);
    if (ok === undefined) {
      if (this.dates.size > 100_000) this.dates.clear();
      ok = s === s.trim() && isRealDate(s) && inDateRange(s);
      this.dates.set(s, ok);
    }
    return ok;
  }

  /** A kind's plan on a law date, with the reasons (no elections, no --mfn: the fast path takes neither). */
  private planOf(kind: Kind, lawDate: string): ReturnType<typeof planShipment> {
    const k = kind.key as NonNullable<Kind['key']>;
    return planShipment(this.index, this.scenario, {
      importer: k.importer,
      hts: k.hts,
      origin: k.origin,
      date: lawDate,
      mode: kind.mode,
      elections: undefined,
      mfnRate: undefined,
    });
  }

  /**
   * The program of a kind on a law date (`day`: its day number, or -1): one per law-date bucket,
   * planned and compiled on first use.
   */
  private planOn(kind: Kind, lawDate: string, day: number): Program | null {
    const bucket = day < 0 ? dateBucket(kind.law.dates, lawDate) : bucketOn(kind.law, lawDate, day);
    let program = kind.plans[bucket];
    if (program === undefined) {
      const plan = this.planOf(kind, lawDate);
      // a program whose lines depend on the row beyond its value (contents, a duty in lieu up to a value) is the full path's
      program = plan.ok ? sharedProgram(kind, plan.value) : null;
      kind.plans[bucket] = program;
    }
    kind.lastDate = lawDate;
    kind.lastPlan = program;
    return program;
  }

  /** the text of field `i` of the record being read ('' when the header lacks it) */
  private cell(text: string, i: number): string {
    return i < 0 ? '' : text.slice(this.starts[i] as number, (this.starts[i + 1] as number) - 1);
  }

  /**
   * Field `i` as cents, read in place by `plainMoney` (digits, an optional point and at most two
   * decimals); an empty cell is the flag's default, else 0 (-1 for a required value cell). -1:
   * anything else, for the full path to read or reject.
   */
  private money(text: string, i: number, fallback: string | undefined): number {
    const a = i < 0 ? 0 : (this.starts[i] as number);
    const b = i < 0 ? 0 : (this.starts[i + 1] as number) - 1;
    if (a === b) {
      if (fallback !== undefined) return fastMoney(fallback, 2) ?? -1;
      return i === this.col.value ? -1 : 0;
    }
    return plainMoney(text, a, b, 2, MAX_CENTS);
  }

  /** the law dates of an origin, shared by its kinds */
  private lawDatesOf(origin: string): LawDates {
    let b = this.lawDates.get(origin);
    if (b === undefined) this.lawDates.set(origin, (b = { dates: lawBoundaries(this.index, this.scenario, origin), byDay: null }));
    return b;
  }

  /** The full path's own parse of the key cells decides whether (and as what) the fast path may take them. */
  private kindOf(cells: [string, string, string, string]): Kind {
    const [hts, origin, mode, importer] = cells;
    const none: Kind = { cells, key: null, mode: null, law: NO_LAW_DATES, plans: [], distinct: [], plain: true, ...NO_HINTS };
    const imp = (importer || DEFAULT_IMPORTER).toUpperCase();
    if ((this.index.schedule.importers.get(imp)?.minorDigits ?? 2) !== 2) return none;
    const fields: ShipmentFields = { hts, origin, value: '0' };
    if (importer) fields.importer = importer;
    if (mode) fields.mode = mode;
    const parsed = parseShipment(fields, (f) => f, { importer: imp, minorDigits: 2 });
    if (!parsed.ok) return none;
    const sh = parsed.value;
    return {
      cells,
      key: { hts: sh.hts, origin: sh.origin, importer: sh.importer },
      mode: sh.mode ?? null,
      law: this.scenario.asOf === null ? this.lawDatesOf(sh.origin) : NO_LAW_DATES,
      // filled as buckets are met: not one slot per law date of the origin for each of up to 100,000 kinds
      plans: [],
      distinct: [],
      plain: true,
      ...NO_HINTS,
    };
  }
}

/** a new kind's hints: no program yet (fields present from the start: kinds of one shape) */
const NO_HINTS = { sumsProgram: null, sums: undefined, partsProgram: null, parts: undefined } as const;

/**
 * The kind's program for a new bucket's plan: one it has already when the plans price alike (the
 * fast path writes no reasons, so they are not compared, and not kept), else the plan's own;
 * null when it is not uniform.
 */
function sharedProgram(kind: Kind, plan: Plan): Program | null {
  for (const p of kind.distinct) if (samePlan(p.plan, plan, false)) return p;
  const compiled = programOf(plan);
  if (!compiled.uniform) return null;
  lightenPlan(plan);
  kind.distinct.push(compiled);
  return compiled;
}

const LETTERS_6 = 53 ** 6;

/** an open-addressing table of kinds keyed by their packed HTS and rest numbers */
interface KindTable {
  mask: number;
  used: number;
  hts: Float64Array;
  rest: Float64Array;
  kinds: (Kind | undefined)[];
}

function kindTable(size: number): KindTable {
  return { mask: size - 1, used: 0, hts: new Float64Array(size), rest: new Float64Array(size), kinds: new Array<Kind | undefined>(size).fill(undefined) };
}

/** the first slot to probe: the low 32 bits of both numbers, mixed */
function tableSlot(hts: number, rest: number, mask: number): number {
  const h = Math.imul((hts | 0) ^ Math.imul(rest | 0, 0x9e3779b1), 0x85ebca6b);
  return (h ^ (h >>> 15)) & mask;
}

function place(t: KindTable, hts: number, rest: number, kind: Kind): void {
  let h = tableSlot(hts, rest, t.mask);
  while (t.kinds[h] !== undefined) h = (h + 1) & t.mask;
  t.hts[h] = hts;
  t.rest[h] = rest;
  t.kinds[h] = kind;
}
const DAY_SLOTS = 200 * 13 * 32;

/** the bucket of the law date numbered `day`: looked up, or searched for once */
function bucketOn(law: LawDates, lawDate: string, day: number): number {
  if (law.dates.length > 32_000) return dateBucket(law.dates, lawDate);
  const byDay = law.byDay ?? (law.byDay = new Int16Array(NUMBERED_DAYS).fill(-1));
  let bucket = byDay[day] as number;
  if (bucket < 0) byDay[day] = bucket = dateBucket(law.dates, lawDate);
  return bucket;
}

/** the digit at `text[i]`, or 100,000 for any other character (so that a sum of them is out of range) */
function digit(text: string, i: number): number {
  const c = text.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : 100_000;
}

/**
 * Letters `text[a, b)` (at most `max`) as a number, one to one: A–Z as 1–26, a–z as 27–52, base 53.
 * An empty cell is 0; -1 when it is longer or holds anything else.
 */
function packLetters(text: string, a: number, b: number, max: number): number {
  if (b - a > max) return -1;
  let v = 0;
  for (let j = a; j < b; j++) {
    const c = text.charCodeAt(j);
    const d = c >= 65 && c <= 90 ? c - 64 : c >= 97 && c <= 122 ? c - 70 : -1;
    if (d < 0) return -1;
    v = v * 53 + d;
  }
  return v;
}

/**
 * Whether the quoted cell `text[a, b)` (its quotes included, `""` inside it) is what `CsvRows.echo`
 * writes for its value: a value that must be quoted (it holds a quote or a delimiter; the line holds
 * no line break) and that neither formula escaping nor a space or other `careful` character at
 * either end would change. A value quoted without need (`"abc"`, written `abc`) is the full path's.
 */
function quotedAsWritten(text: string, a: number, b: number): boolean {
  if (b - a < 3 || careful(text.charCodeAt(a + 1), true) || careful(text.charCodeAt(b - 2), false)) return false;
  const q = text.indexOf('"', a + 1);
  if (q < b - 1) return true;
  const c = text.indexOf(',', a + 1);
  return c >= 0 && c < b - 1;
}

/**
 * A first (or last) character that may make `CsvRows.echo` quote or escape the field: space and
 * controls, a formula start, anything non-ASCII (a BOM, Unicode spaces, fullwidth signs). The
 * row then takes the full path, which decides exactly.
 */
function careful(c: number, first: boolean): boolean {
  if (c <= 32 || c >= 127) return true;
  return first && (c === 61 || c === 43 || c === 45 || c === 64); // = + - @
}
