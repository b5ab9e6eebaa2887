/**
 * A comparison in the format asked: the JSON document, its NDJSON lines, the CSV (wide, or long:
 * one row per scenario, origin or claim), Markdown, or the table with its what-if note.
 */
import type { ChalkInstance } from 'chalk';
import type { Column } from '../core/compare.js';
import type { CsvStyle } from '../io/csv.js';
import { compareCsv, compareCsvLong, compareMarkdown, compareTable } from './compare.js';

/** what the output is written for: stdout's colour and width, the run's CSV style */
export interface CompareView {
  c: ChalkInstance;
  csv?: CsvStyle | undefined;
  columns: number;
}

/** The comparison in `format`: the document, its NDJSON lines, CSV, Markdown, or the table and chart. */
export function renderCompare(
  format: string,
  doc: object,
  lines: readonly object[],
  cols: Column[],
  base: Column,
  assumptions: readonly string[],
  view: CompareView,
  long: 'scenario' | 'origin' | 'claim' | undefined,
): string {
  if (format === 'json') return `${JSON.stringify(doc, null, 2)}\n`;
  if (format === 'ndjson') return lines.map((o) => `${JSON.stringify(o)}\n`).join('');
  if (format === 'csv') return long ? compareCsvLong(cols, base, long, view.csv) : compareCsv(cols, base, view.csv);
  if (format === 'markdown') return compareMarkdown(cols, base);
  let text = compareTable(cols, base, view.c, view.columns);
  if (assumptions.length) text += `${view.c.yellow(`* what-if: ${assumptions.join('; ')}`)}\n`;
  return text;
}
