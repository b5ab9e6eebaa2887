import type { Command } from 'commander';
import { addInputOptions, addOutputOptions, addScheduleOptions, defineCommand, type InputFlags, type OutputFlags, type ScheduleFlags } from '../options.js';

const EXAMPLES = `
Examples:
  # the IEEPA duty each past entry carried, and which entries fall in the refund window
  tariff refund --input entries.csv

  # with entry_number, liquidation_date and duty_paid_ieepa columns: claim-ready CSV, differences flagged
  tariff refund --input entries.csv --as-of 2026-05-01 --format csv > refunds.csv

  # interest to the day CBP pays (a paid_date column, when given, is the deposit date it runs from)
  tariff refund --input entries.csv --refund-date 2026-03-31 --interest-rate non-corporate

  # CAPE declaration files (needs entry_number and liquidation_date columns)
  tariff refund --input entries.csv --as-of 2026-05-01 --cape cape/
`;

export const NAME = 'refund';
export const SUMMARY = 'estimate the IEEPA duties paid on past entries, now refundable';

/** Everything refund is given: the shared groups and its own flags. */
export type RefundFlags = InputFlags &
  ScheduleFlags &
  OutputFlags & { origin?: string; asOf?: string; program?: string; refundDate?: string; interestRate?: string; cape?: string };

export function register(program: Command): void {
  defineCommand(program, {
    name: NAME,
    summary: SUMMARY,
    description:
      'For each past entry (hts, origin, value, date; optional entry_number, liquidation_date, duty_paid_ieepa, paid_date), the IEEPA duty under the law of its entry date, its refund status, the interest CBP adds (19 U.S.C. 1505(c): quarterly rates of 26 U.S.C. 6621, compounded daily) from the deposit to the refund date, and totals by layer and month.',
    examples: EXAMPLES,
    define(cmd) {
      addInputOptions(cmd, 'CSV (or NDJSON) of past entries');
      cmd
        .option('--origin <cc>', 'origin for rows without an origin column')
        .option('--as-of <YYYY-MM-DD>', 'date against which the liquidation window is measured (default today)')
        .option('--program <id>', 'refund program of the schedule (default: the first)')
        .option('--refund-date <YYYY-MM-DD>', 'date the refund is paid: interest runs from the deposit to it (default today)')
        .option('--interest-rate <basis>', "which overpayment rate of CBP's quarterly notices: corporate (default) or non-corporate")
        .option(
          '--cape <dir>',
          'write the CAPE declaration files there: entry numbers of the refundable entries in the phase, 9,999 a file; the rest to protest-needed.csv',
        );
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
