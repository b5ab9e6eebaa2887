import type { Command } from 'commander';
import { makeCtx } from '../context.js';
import { addInputOptions, addOutputOptions, addScheduleOptions, EXIT_CODES_HINT, withInputFile } from '../options.js';

const EXAMPLES = `
Examples:
  # the IEEPA duty each past entry carried, and which entries fall in the refund window
  tariff refund --input entries.csv

  # with entry_number, liquidation_date and duty_paid_ieepa columns: claim-ready CSV, differences flagged
  tariff refund --input entries.csv --as-of 2026-05-01 --format csv > refunds.csv
`;

export const NAME = 'refund';
export const SUMMARY = 'estimate the IEEPA duties paid on past entries, now refundable';

export function register(program: Command): void {
  const cmd = program
    .command(NAME)
    .summary(SUMMARY)
    .description(
      'For each past entry (hts, origin, value, date; optional entry_number, liquidation_date, duty_paid_ieepa), the IEEPA duty under the law of its entry date, its refund status, and totals by layer and month.',
    );
  addInputOptions(cmd, 'CSV (or NDJSON) of past entries');
  cmd
    .option('--origin <cc>', 'origin for rows without an origin column')
    .option('--as-of <YYYY-MM-DD>', 'date against which the liquidation window is measured (default today)')
    .option('--program <id>', 'refund program of the schedule (default: the first)');
  addScheduleOptions(cmd);
  addOutputOptions(cmd, ['table', 'csv', 'ndjson', 'json']);
  cmd.addHelpText('after', EXAMPLES + EXIT_CODES_HINT);
  cmd.action(async (file: string | undefined, opts) => {
    const { refund } = await import('../actions/refund.js');
    const o = withInputFile(file, opts, NAME);
    await refund(o, await makeCtx(o));
  });
}
