import type { Command } from 'commander';
import { addInputOptions, addOutputOptions, addScheduleOptions, defineCommand, type InputFlags, type OutputFlags, type ScheduleFlags } from '../options.js';

const EXAMPLES = `
Examples:
  # the IEEPA duty each past entry carried, and which entries fall in the refund window
  tariff refund --input entries.csv

  # with entry_number, liquidation_date and duty_paid_ieepa columns: claim-ready CSV, differences flagged
  tariff refund --input entries.csv --as-of 2026-05-01 --format csv > refunds.csv
`;

export const NAME = 'refund';
export const SUMMARY = 'estimate the IEEPA duties paid on past entries, now refundable';

/** Everything refund is given: the shared groups and its own flags. */
export type RefundFlags = InputFlags & ScheduleFlags & OutputFlags & { origin?: string; asOf?: string; program?: string };

export function register(program: Command): void {
  defineCommand(program, {
    name: NAME,
    summary: SUMMARY,
    description:
      'For each past entry (hts, origin, value, date; optional entry_number, liquidation_date, duty_paid_ieepa), the IEEPA duty under the law of its entry date, its refund status, and totals by layer and month.',
    examples: EXAMPLES,
    define(cmd) {
      addInputOptions(cmd, 'CSV (or NDJSON) of past entries');
      cmd
        .option('--origin <cc>', 'origin for rows without an origin column')
        .option('--as-of <YYYY-MM-DD>', 'date against which the liquidation window is measured (default today)')
        .option('--program <id>', 'refund program of the schedule (default: the first)');
      addScheduleOptions(cmd);
      addOutputOptions(cmd, ['table', 'csv', 'ndjson', 'json']);
    },
    inputFile: true,
    async run(ctx, opts: RefundFlags) {
      const { refund } = await import('../actions/refund.js');
      await refund(opts, ctx);
    },
  });
}
