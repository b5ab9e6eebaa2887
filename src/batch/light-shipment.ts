/**
 * A row's shipment without `parseShipment` for the rows the light runs price (refund and compare
 * --input, issue #21): a row whose given fields are only id, HTS, origin, importer, value,
 * freight, insurance, mode and date, whose amounts are plain money (core/decimal.ts
 * `plainMoney`: digits and a point, as calc's fast path reads them), and whose codes and date
 * `parseShipment` accepted before. The codes (HTS, origin, importer, mode) and the date are parsed
 * by `parseShipment` once per distinct cell text and kept; the amounts are read per row. Any other
 * row gives null, and the caller parses it in full: its shipment or its rejection, word for word.
 * test/unit/batch/light-runs-agree.test.ts holds the two equal.
 */
import { plainMoney } from '../core/decimal.js';
import type { Mode, Shipment } from '../core/types.js';
import { maxMinor, parseShipment, type ShipmentFields } from '../io/shipment-input.js';
import type { Columns, FieldDefaults } from './columns.js';

/** the fields a light row may give; any other field sends the row to the full parse */
const LIGHT_FIELDS = new Set(['id', 'hts', 'origin', 'importer', 'value', 'freight', 'insurance', 'mode', 'date']);
/** the caches start again past this many entries (kinds and dates are few in a real batch) */
const MAX_KEPT = 20_000;

/** a kind's codes as `parseShipment` read them, or null when it did not accept them */
type Kind = { hts: string; origin: string; importer: string; mode: Mode | undefined } | null;

export class LightShipments {
  /** HTS cell → origin cell → mode cell → importer cell → kind */
  private readonly kinds = new Map<string, Map<string, Map<string, Map<string, Kind>>>>();
  private kindCount = 0;
  /** date cell → the date `parseShipment` read, or null when it did not accept it */
  private readonly dates = new Map<string, string | null>();

  /** The shipment of the fields, or null: parse them in full. */
  shipment(f: ShipmentFields, importer: string, minorDigits: number): Shipment | null {
    for (const k in f) if (!LIGHT_FIELDS.has(k)) return null;
    return this.lightShipment(f, importer, minorDigits);
  }

  /** `shipment` of fields known to be light ones only (`LightCells`) */
  lightShipment(f: ShipmentFields, importer: string, minorDigits: number): Shipment | null {
    // parseMoneyField's limit for these minor digits: an amount past it goes to the full parse, which refuses it
    const max = maxMinor(minorDigits);
    const value = f.value === undefined ? -1 : plainMoney(f.value, 0, f.value.length, minorDigits, max);
    if (value < 0) return null;
    const freight = f.freight === undefined ? 0 : plainMoney(f.freight, 0, f.freight.length, minorDigits, max);
    if (freight < 0) return null;
    const insurance = f.insurance === undefined ? 0 : plainMoney(f.insurance, 0, f.insurance.length, minorDigits, max);
    if (insurance < 0) return null;
    const kind = this.kindOf(f, importer, minorDigits);
    if (kind === null) return null;
    let date: string | undefined;
    if (f.date !== undefined) {
      const d = this.dateOf(f, importer, minorDigits);
      if (d === null) return null;
      date = d;
    }
    // the fields in parseShipment's order: codes, amounts, id, mode, date
    const sh: Shipment = { hts: kind.hts, origin: kind.origin, importer: kind.importer, value, freight, insurance };
    if (f.id !== undefined && f.id !== '') sh.id = f.id;
    if (kind.mode !== undefined) sh.mode = kind.mode;
    if (date !== undefined) sh.date = date;
    return sh;
  }

  private kindOf(f: ShipmentFields, importer: string, minorDigits: number): Kind {
    if (f.hts === undefined || f.origin === undefined) return null;
    // nested maps by the raw cells (the importer and minor digits follow from the importer cell): no key built per row
    let byOrigin = this.kinds.get(f.hts);
    if (byOrigin === undefined) this.kinds.set(f.hts, (byOrigin = new Map()));
    let byMode = byOrigin.get(f.origin);
    if (byMode === undefined) byOrigin.set(f.origin, (byMode = new Map()));
    let byImporter = byMode.get(f.mode ?? '');
    if (byImporter === undefined) byMode.set(f.mode ?? '', (byImporter = new Map()));
    let kind = byImporter.get(f.importer ?? '');
    if (kind === undefined) {
      const p = parseShipment({ hts: f.hts, origin: f.origin, importer: f.importer, mode: f.mode, value: '0' }, String, { importer, minorDigits });
      kind = p.ok ? { hts: p.value.hts, origin: p.value.origin, importer: p.value.importer, mode: p.value.mode } : null;
      if (++this.kindCount > MAX_KEPT) {
        this.kinds.clear();
        this.kindCount = 0;
      }
      byImporter.set(f.importer ?? '', kind);
    }
    return kind;
  }

  /** the date of the cell, the kind's codes being valid (only the date can fail then) */
  private dateOf(f: ShipmentFields, importer: string, minorDigits: number): string | null {
    const cell = f.date as string;
    let date = this.dates.get(cell);
    if (date === undefined) {
      const p = parseShipment({ hts: f.hts, origin: f.origin, importer: f.importer, mode: f.mode, value: '0', date: cell }, String, { importer, minorDigits });
      date = p.ok && p.value.date !== undefined ? p.value.date : null;
      if (this.dates.size >= MAX_KEPT) this.dates.clear();
      this.dates.set(cell, date);
    }
    return date;
  }
}

type LightField = 'id' | 'hts' | 'origin' | 'importer' | 'value' | 'freight' | 'insurance' | 'mode' | 'date';
const LIGHT_ORDER: readonly LightField[] = ['id', 'hts', 'origin', 'importer', 'value', 'freight', 'insurance', 'mode', 'date'];

/**
 * A row's light fields read straight from its cells by column index, into one object refilled
 * per row (what `rowFields` gives, a cell that is empty or absent taking the flag default): no
 * object built key by key and no key check per row. Only for inputs whose every column and flag
 * default is a light field (`of` gives null otherwise); the object is the caller's until the next row.
 */
export class LightCells {
  private readonly at: Int32Array;
  private readonly dflt: (string | undefined)[];
  /** the cells, in one fixed shape */
  readonly f: Record<LightField, string | undefined> = {
    id: undefined,
    hts: undefined,
    origin: undefined,
    importer: undefined,
    value: undefined,
    freight: undefined,
    insurance: undefined,
    mode: undefined,
    date: undefined,
  };

  private constructor(cols: Columns, defaults: FieldDefaults) {
    this.at = Int32Array.from(LIGHT_ORDER, (k) => cols.index[k] ?? -1);
    this.dflt = LIGHT_ORDER.map((k) => defaults[k]);
  }

  static of(cols: Columns, defaults: FieldDefaults): LightCells | null {
    if (cols.content.length !== 0) return null;
    for (const k in cols.index) if (!LIGHT_FIELDS.has(k)) return null;
    for (const k in defaults) if (!LIGHT_FIELDS.has(k) && defaults[k as keyof FieldDefaults] !== undefined) return null;
    return new LightCells(cols, defaults);
  }

  /** the row's fields (empty cells: the defaults), in `f` */
  fill(cells: readonly string[]): ShipmentFields {
    const f = this.f;
    f.id = this.cell(cells, 0);
    f.hts = this.cell(cells, 1);
    f.origin = this.cell(cells, 2);
    f.importer = this.cell(cells, 3);
    f.value = this.cell(cells, 4);
    f.freight = this.cell(cells, 5);
    f.insurance = this.cell(cells, 6);
    f.mode = this.cell(cells, 7);
    f.date = this.cell(cells, 8);
    return f;
  }

  private cell(cells: readonly string[], k: number): string | undefined {
    const i = this.at[k] as number;
    const v = i < 0 ? undefined : cells[i];
    return v === undefined || v === '' ? this.dflt[k] : v;
  }
}
