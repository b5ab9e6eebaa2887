/**
 * Input columns → shipment fields. Names match case-insensitively, ignoring spaces, underscores,
 * hyphens, dots and `#` ("Entry Date", "entry_date" and "entrydate" are one column; "HTS No." is
 * "htsno"), under the names people use (the aliases below: "HTS Number", "Entered Value",
 * "Country of Origin", "COO" …; the README lists them). `--columns "My HTS=hts,Price=value"`
 * names the others. Unknown columns are passed through untouched.
 */
import { DataError, UsageError } from '../errors.js';
import type { ShipmentFields } from '../io/shipment-input.js';

type Field = Exclude<keyof ShipmentFields, 'content'>;

const NAMES: Record<string, Field> = {
  id: 'id',
  sku: 'id',
  hts: 'hts',
  htscode: 'hts',
  htsno: 'hts',
  htsnumber: 'hts',
  htsus: 'hts',
  htsuscode: 'hts',
  hscode: 'hts',
  tariffnumber: 'hts',
  tariffcode: 'hts',
  tariffno: 'hts',
  origin: 'origin',
  countryoforigin: 'origin',
  origincountry: 'origin',
  coo: 'origin',
  importer: 'importer',
  value: 'value',
  entryvalue: 'value',
  enteredvalue: 'value',
  customsvalue: 'value',
  goodsvalue: 'value',
  transactionvalue: 'value',
  currency: 'currency',
  freight: 'freight',
  insurance: 'insurance',
  qty: 'qty',
  quantity: 'qty',
  unit: 'unit',
  qty2: 'qty2',
  quantity2: 'qty2',
  unit2: 'unit2',
  mode: 'mode',
  transportmode: 'mode',
  date: 'date',
  entrydate: 'date',
  dateofentry: 'date',
  fxrate: 'fxRate',
  elect: 'elect',
  election: 'elect',
  claim: 'claim',
  preference: 'claim',
  mfn: 'mfn',
  mfnrate: 'mfn',
  entrytype: 'entryType',
};

/** The canonical key of a column name: the field it feeds, or "content:<material>", or undefined. */
export function columnKey(name: string): string | undefined {
  const n = normaliseName(name.replace(/^\uFEFF/, ''));
  // own keys only: a column named "constructor" or "__proto__" is no field (NAMES is a plain object)
  const field = Object.hasOwn(NAMES, n) ? NAMES[n] : undefined;
  if (field !== undefined) return field;
  const m = /^content([a-z]+)$/.exec(n) ?? /^([a-z]+)content$/.exec(n);
  return m ? `content:${m[1] as string}` : undefined;
}

/**
 * NDJSON keys: the first object's, then every column tariff reads that it lacks (the fields and
 * the schedule's content materials), so that a later object may carry an optional key the first
 * one left out (jq omits null keys) — missing keys are empty cells.
 */
export function ndjsonHeader(firstKeys: readonly string[], materials: readonly string[]): string[] {
  const have = new Set(firstKeys.map(columnKey));
  const out = [...firstKeys];
  const add = (name: string): void => {
    const k = columnKey(name);
    if (!have.has(k)) {
      have.add(k);
      out.push(name);
    }
  };
  for (const f of [
    'id',
    'hts',
    'origin',
    'importer',
    'value',
    'currency',
    'freight',
    'insurance',
    'qty',
    'unit',
    'qty2',
    'unit2',
    'mode',
    'date',
    'fxRate',
    'elect',
    'entryType',
  ])
    add(f);
  for (const m of materials) add(`content_${m}`);
  return out;
}

export function normaliseName(name: string): string {
  return name.toLowerCase().replace(/[\s_.#-]+/g, '');
}

/** The names a header may use for a field, for the README and the --columns help: field → aliases. */
export function columnAliases(): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [alias, field] of Object.entries(NAMES)) (out[field] ??= []).push(alias);
  return out;
}

/** --columns: normalised input column name → the key it feeds (a field, or content:<material>). */
export type ColumnMap = Record<string, string>;

/**
 * `--columns "My HTS=hts,Price=value,Steel %=content_steel"`: the input's own names for the
 * columns tariff reads (names are matched as headers are: case, spaces and punctuation aside).
 */
export function parseColumnMap(flag: string | undefined): ColumnMap | undefined {
  if (flag === undefined) return undefined;
  const out: ColumnMap = {};
  for (const part of flag.split(',')) {
    const eq = part.lastIndexOf('=');
    const name = part.slice(0, eq).trim();
    const field = part.slice(eq + 1).trim();
    const key = eq > 0 ? columnKey(field) : undefined;
    if (eq <= 0 || name === '' || key === undefined) {
      throw new UsageError(`--columns ${JSON.stringify(part.trim())}: expected "INPUT NAME=FIELD" with a field tariff reads`, [
        'fields: id, hts, origin, importer, value, currency, freight, insurance, qty, unit, qty2, unit2, mode, date, fx_rate, elect, claim, mfn, entry_type, content_<material>',
        'e.g. --columns "My HTS=hts,Price=value"',
      ]);
    }
    out[normaliseName(name)] = key;
  }
  return out;
}

export interface Columns {
  /** the header as given */
  names: string[];
  /** field → column index */
  index: Partial<Record<Field, number>>;
  /** material → column index, from "content_steel" or "steel_content" */
  content: [string, number][];
  /** columns read under another name than their field's ("HTS Number" → hts, or by --columns): said in a note */
  aliased: string[];
}

export function mapColumns(header: readonly string[], map?: ColumnMap): Columns {
  const index: Partial<Record<Field, number>> = {};
  const content: [string, number][] = [];
  const aliased: string[] = [];
  header.forEach((raw, i) => {
    const name = raw.replace(/^\uFEFF/, '');
    const n = normaliseName(name);
    const key = (map && Object.hasOwn(map, n) ? map[n] : undefined) ?? columnKey(name);
    if (key === undefined) return;
    if (key.startsWith('content:')) {
      content.push([key.slice(8), i]);
      return;
    }
    const field = key as Field;
    if (index[field] !== undefined) return;
    index[field] = i;
    if (n !== field.toLowerCase()) aliased.push(`"${name}" → ${field}`);
  });
  if (map) {
    const given = new Set(header.map((h) => normaliseName(h.replace(/^\uFEFF/, ''))));
    const absent = Object.keys(map).filter((n) => !given.has(n));
    if (absent.length) {
      throw new UsageError(`--columns names ${absent.length === 1 ? 'a column' : 'columns'} the input does not have: ${absent.join(', ')}`, [
        `columns found: ${header.join(', ')}`,
      ]);
    }
  }
  return { names: [...header], index, content, aliased };
}

/** Defaults from flags for columns a file does not have (or leaves empty). */
export type FieldDefaults = Partial<Record<Field, string>>;

export function rowFields(cols: Columns, fields: readonly string[], defaults: FieldDefaults): ShipmentFields {
  const out: ShipmentFields = {};
  const ix = cols.index;
  for (const key in ix) {
    const v = fields[ix[key as Field] as number];
    if (v !== undefined && v !== '') out[key as Field] = v;
  }
  for (const key in defaults) {
    const k = key as Field;
    if (out[k] === undefined) out[k] = defaults[k];
  }
  if (cols.content.length) {
    const content: Record<string, string> = {};
    for (const [material, i] of cols.content) {
      const v = fields[i];
      if (v !== undefined && v !== '') content[material] = v;
    }
    out.content = content;
  }
  return out;
}

/** The column name a user sees for a field, for messages ("value", or "--origin" when a flag). */
export function columnName(cols: Columns, field: string): string {
  const i = cols.index[field as Field];
  if (i !== undefined) return cols.names[i] as string;
  if (field.startsWith('content:')) {
    const hit = cols.content.find(([m]) => m === field.slice(8));
    if (hit) return cols.names[hit[1]] as string;
  }
  return field;
}

/** the fields a flag gives every row of a batch (calc, compare) */
export const DEFAULTED_FIELDS: readonly Field[] = [
  'origin',
  'importer',
  'currency',
  'mode',
  'date',
  'freight',
  'insurance',
  'unit',
  'unit2',
  'fxRate',
  'elect',
  'claim',
  'mfn',
  'entryType',
];

/** Column defaults from flags (`--origin CN` for a file without an origin column ...). */
export function flagDefaults(opts: Readonly<Partial<Record<Field, unknown>>>, fields: readonly Field[] = DEFAULTED_FIELDS): FieldDefaults {
  const out: FieldDefaults = {};
  for (const f of fields) {
    const v = opts[f];
    if (typeof v === 'string') out[f] = v;
  }
  return out;
}

/** A column a command cannot do without (`requiredColumns`). */
export interface Need {
  /** its name in messages: "value", "entry_date" */
  name: string;
  /** the input has it, or a flag gave every row its value */
  has: boolean;
  /** the field `--columns` maps a column of another name to; none when --columns cannot stand in */
  field?: string;
  /** the flag that gives every row the value instead: "--origin" */
  flag?: string;
  /** other columns that serve instead: "hts_1 … hts_N" */
  or?: string;
}

/** hts, origin (or --origin) and value: the columns every priced row needs (`raggedIssue` checks the same three in a row). */
export function pricedNeeds(cols: Columns, defaults: FieldDefaults): Need[] {
  return [
    { name: 'hts', field: 'hts', has: cols.index.hts !== undefined },
    { name: 'origin', field: 'origin', flag: '--origin', has: cols.index.origin !== undefined || defaults.origin !== undefined },
    { name: 'value', field: 'value', has: cols.index.value !== undefined },
  ];
}

/** "a", "a and b", "a, b and c" */
function andList(items: readonly string[]): string {
  return items.length < 2 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/**
 * The one header check of the batch commands (calc, compare, refund, audit, timeline): a needed
 * column that is missing refuses the whole input up front (DataError, exit 65, as a row cannot
 * be priced without it), in one wording: which columns are missing, which the command needs, and
 * what to do — add them, map a column of another name with --columns, or pass the flag that
 * stands in for one (--origin). `hint`: a line of the caller's own (calc's NDJSON hint).
 */
export function requiredColumns(input: string, header: readonly string[], needs: readonly Need[], command: string, hint = ''): void {
  const missing = needs.filter((n) => !n.has);
  if (missing.length === 0) return;
  const one = missing.length === 1;
  const alt = (n: Need): string => (n.or ? ` (or ${n.or})` : '');
  const mapped = missing.find((n) => n.field !== undefined);
  const fixes = [
    one ? 'add the column' : 'add the columns',
    ...(mapped ? [`map a column of another name to ${one ? 'it' : 'one'} with --columns "Your Name=${mapped.field}"`] : []),
    ...missing.filter((n) => n.flag !== undefined).map((n) => `pass ${n.flag} to give every row the same ${n.name}`),
  ];
  throw new DataError(`${input}: the input has no ${andList(missing.map((n) => n.name + alt(n)))} column${one ? '' : 's'}`, [
    `columns found: ${header.join(', ') || '(none)'}; tariff ${command} needs ${andList(needs.map((n) => `${n.name}${alt(n)}${n.flag ? ` (or ${n.flag})` : ''}`))} columns`,
    `to fix: ${fixes.slice(0, -1).join(', ')}${fixes.length > 1 ? ', or ' : ''}${fixes[fixes.length - 1]}`,
    hint,
  ]);
}
