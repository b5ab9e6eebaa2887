/**
 * One shipment's result in the list formats: CSV (the row a one-line batch would give, so that a
 * script can treat one shipment and a file alike), NDJSON (the JSON document on one line) and
 * Markdown (the layers and totals, for a ticket or a pull request).
 */
import type { Breakdown, Schedule } from '../core/types.js';
import { authorityName } from './breakdown-table.js';
import { shortDescription } from '../core/words.js';
import { CsvRows, dutyAuthorities } from './batch-output.js';
import { money, rate, recordsMarkdown } from './records.js';

export function breakdownCsv(
  b: Breakdown,
  schedule: Schedule,
  input: { hts: string; origin: string; value: string },
  runNotes: readonly string[] = [],
): string {
  const rows = new CsvRows(dutyAuthorities(schedule), true, runNotes);
  const fields = [input.hts, input.origin, input.value];
  return rows.header(['hts', 'origin', 'value']) + rows.row(fields, fields.length, b);
}

export function breakdownMarkdown(b: Breakdown): string {
  const m = (c: number) => money(c, b.currency, b.minorDigits);
  const title = `**${b.hts} ${shortDescription(b.description)}** — ${b.origin} → ${b.importer}${b.mode ? `, ${b.mode}` : ''}, scenario \`${b.scenario}\` (law of ${b.date})\n\n`;
  const layers = recordsMarkdown({
    columns: ['layer', 'ref', 'rate', 'base', 'amount', 'formula'],
    headings: ['Layer', 'Legal reference', 'Rate', 'Base', 'Amount', 'Formula'],
    rows: b.lines.map((l) => [`${authorityName(l.authority)}${l.kind !== 'duty' ? ` (${l.kind})` : ''}`, l.ref, l.rateText, m(l.base), m(l.amount), l.formula]),
  });
  const totals = recordsMarkdown({
    columns: ['total', 'amount'],
    headings: ['', 'Amount'],
    rows: [
      ['Customs value', m(b.customsValue)],
      ['Duty', m(b.duty)],
      ['Fees', m(b.fees)],
      ['Taxes', m(b.taxes)],
      ['**Landed cost**', m(b.landedCost)],
      ['Effective duty rate', rate(b.effectiveRate)],
    ],
  });
  const extra = [...b.assumptions.map((a) => `- what-if: ${a}`), ...b.notes.map((n) => `- note: ${n}`)];
  return `${title}${layers}\n${totals}${extra.length ? `\n${extra.join('\n')}\n` : ''}`;
}
