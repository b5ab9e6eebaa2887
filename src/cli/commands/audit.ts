import type { Command } from 'commander';
import { addInputOptions, addOutputOptions, addScheduleOptions, defineCommand, type InputFlags, type OutputFlags, type ScheduleFlags } from '../options.js';

const EXAMPLES = `
Examples:
  # a day of entry lines as filed: each line against the law of its entry date
  tariff audit examples/filed-lines.csv

  # every line, entry and importer total as CSV; exit 1 when a line owes duty or lacks a number
  tariff audit filed.csv --format csv -o audit.csv --fail-on underpaid,missing-99

  # from an ACE export on stdin, the unreadable rows set aside
  cat ace-lines.csv | tariff audit - --rejects bad.csv --format ndjson

Columns (names as calc matches them; README "Was this entry filed right?"): entry_number (entry),
line (line_number), entry_date (date), hts (the Chapter 1–97 number), reported_99 (chapter99:
several 9903/9902 numbers, separated by space ; | or ,) or hts_1 … hts_N (one number a column)
with duty_1 … duty_N (the duty paid under each), origin (country_of_origin), value
(entered_value), duty_paid (total), fees, importer (importer of record). A line filed one HTS
number a row (same entry_number and line, one row after another) is audited as one line, each
row's duty_paid under its own number.

Statuses: ok, underpaid, overpaid, missing-99, extra-99, unpriceable (with the reason).
`;

export const NAME = 'audit';
export const SUMMARY = 'check entry lines as filed: Chapter 99 numbers and duty against the law of the entry date';

export type AuditFlags = InputFlags & ScheduleFlags & OutputFlags & { output?: string; rejects?: string; failOn?: string; origin?: string };

export function register(program: Command): void {
  defineCommand(program, {
    name: NAME,
    summary: SUMMARY,
    description:
      "For each entry summary line as filed (entry number, line, entry date, HTS, the Chapter 99 numbers reported, origin, entered value, duty paid in total or per number, fees, importer), the layers the law of its entry date requires with their Chapter 98/99 numbers in CBP's reporting order, the numbers missing and extra, duty required vs paid (per number where the file gives per-number amounts) and the difference to the cent, with a status; totals per entry, per importer and overall. Lines stream out as they are checked.",
    examples: EXAMPLES,
    define(cmd) {
      addInputOptions(cmd, 'CSV (or NDJSON) of entry lines as filed');
      cmd
        .option('--origin <cc>', 'origin for rows without an origin column')
        .option(
          '--fail-on <statuses>',
          'exit 1 (after the output is written) when a line has one of these problems, e.g. underpaid,missing-99 (any of underpaid, overpaid, missing-99, extra-99, unpriceable)',
        )
        .option('-o, --output <file>', 'write the output to FILE (atomically) instead of stdout')
        .option('--rejects <file>', 'write the rows that cannot be read as CSV (original fields + line + error)');
      addScheduleOptions(cmd);
      addOutputOptions(cmd, ['table', 'csv', 'ndjson', 'json']);
    },
    inputFile: true,
    async run(ctx, opts: AuditFlags) {
      const { audit } = await import('../actions/audit.js');
      await audit(opts, ctx);
    },
  });
}
