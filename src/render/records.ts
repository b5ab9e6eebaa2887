/**
 * Flat records (a header and rows) as CSV, NDJSON or Markdown: one writer for the commands whose
 * result is a list (timeline steps, sweep steps, measures, scenarios), so every such command
 * offers the same formats with the same rules. Money cells keep integer cents until written;
 * rate cells follow the one rule of `rate-text.ts`.
 */
import { centsToPlain, decToString, type Dec } from '../core/decimal.js';
import { moneyText } from '../core/words.js';
import { csvRecord, DEFAULT_CSV_STYLE, type CsvStyle } from '../io/csv.js';
import { fraction6, percent2 } from './rate-text.js';

export interface MoneyCell {
  money: number;
  digits: number;
  currency: string;
}
export interface RateCell {
  rate: Dec;
}
export type Cell = string | number | boolean | null | MoneyCell | RateCell;

export interface Records {
  /** snake_case column names (CSV header; NDJSON keys are their camelCase) */
  columns: string[];
  /** headings for Markdown (default: the column names) */
  headings?: string[];
  rows: Cell[][];
}

export const money = (cents: number, currency: string, digits = 2): MoneyCell => ({ money: cents, digits, currency });
export const rate = (d: Dec): RateCell => ({ rate: d });

const isMoney = (c: Cell): c is MoneyCell => typeof c === 'object' && c !== null && 'money' in c;
const isRate = (c: Cell): c is RateCell => typeof c === 'object' && c !== null && 'rate' in c;

function csvCell(c: Cell): string {
  if (c === null) return '';
  if (isMoney(c)) return centsToPlain(c.money, c.digits);
  if (isRate(c)) return fraction6(c.rate);
  return String(c);
}

function jsonCell(c: Cell): unknown {
  if (isMoney(c)) return Number(centsToPlain(c.money, c.digits));
  if (isRate(c)) return Number(decToString(c.rate));
  return c;
}

function markdownCell(c: Cell): string {
  if (c === null) return '';
  const text = isMoney(c) ? moneyText(c.money, c.currency, c.digits) : isRate(c) ? percent2(c.rate) : String(c);
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');
}

/** Through the one CSV writer (csvRecord): text cells from a schedule or an overlay are escaped too. */
export function recordsCsv(r: Records, style: CsvStyle = DEFAULT_CSV_STYLE): string {
  let out = csvRecord(r.columns, style);
  for (const row of r.rows) out += csvRecord(row.map(csvCell), style);
  return out;
}

/** JSON keys follow the JSON documents' rule (camelCase: landed_cost → landedCost). */
const camel = (k: string): string => k.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());

export function recordsNdjson(r: Records): string {
  let out = '';
  const keys = r.columns.map(camel);
  for (const row of r.rows) out += `${JSON.stringify(Object.fromEntries(keys.map((k, i) => [k, jsonCell(row[i] ?? null)])))}\n`;
  return out;
}

export function recordsMarkdown(r: Records): string {
  const head = r.headings ?? r.columns;
  const right = r.rows[0]?.map((c) => isMoney(c) || isRate(c) || typeof c === 'number') ?? [];
  const lines = [`| ${head.map((h) => h.replace(/\|/g, '\\|')).join(' | ')} |`, `|${head.map((_, i) => (right[i] ? '---:' : '---')).join('|')}|`];
  for (const row of r.rows) lines.push(`| ${row.map(markdownCell).join(' | ')} |`);
  return `${lines.join('\n')}\n`;
}

/** csv, ndjson or markdown; undefined for the formats a command renders itself. */
export function renderRecords(format: string, r: Records, style: CsvStyle = DEFAULT_CSV_STYLE): string | undefined {
  if (format === 'csv') return recordsCsv(r, style);
  if (format === 'ndjson') return recordsNdjson(r);
  if (format === 'markdown') return recordsMarkdown(r);
  return undefined;
}
