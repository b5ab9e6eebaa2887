import type { Command } from 'commander';
import { makeCtx } from '../context.js';
import { addInputOptions, addOutputOptions, addScheduleOptions, addShipmentOptions, EXIT_CODES_HINT, withInputFile } from '../options.js';

const EXAMPLES = `
Examples:
  # a Chinese toy at every change of the law since 2018: the 2025 peak, Geneva, Busan, the end of IEEPA
  tariff timeline --hts 9503.00.00 --origin CN --value 10000 --mode ocean

  # the total of a file of shipments at every change of the law
  tariff timeline --input entries.csv --from 2025-01-01

  # one year, as CSV
  tariff timeline --hts 6109.10.00 --origin CN --value 10000 --from 2025-01-01 --to 2025-12-31 --format csv
`;

export const NAME = 'timeline';
export const SUMMARY = 'the same shipment at every date its law changed';

export function register(program: Command): void {
  const cmd = program
    .command(NAME)
    .summary(SUMMARY)
    .description('Evaluate one shipment under the law in force at every date on which a measure that touches it starts, ends or is suspended.');
  addShipmentOptions(cmd);
  cmd
  addInputOptions(cmd, 'CSV (or NDJSON) of shipments: the timeline of their total');
  cmd
    .option('--from <YYYY-MM-DD>', 'first date (default 2018-01-01)')
    .option('--to <YYYY-MM-DD>', "last date (default: the schedule's verifiedThrough)")
    .option('--set <target=rate>', 'what-if: set a measure or authority rate (repeatable)', (v: string, p: string[] = []) => [...p, v])
    .option('--disable <target>', 'what-if: switch off a measure or authority (repeatable)', (v: string, p: string[] = []) => [...p, v]);
  addScheduleOptions(cmd);
  addOutputOptions(cmd, ['table', 'json', 'csv', 'ndjson', 'markdown']);
  cmd.addHelpText('after', EXAMPLES + EXIT_CODES_HINT);
  cmd.action(async (file: string | undefined, opts) => {
    const { timeline } = await import('../actions/timeline.js');
    const o = withInputFile(file, opts, NAME);
    await timeline(o, await makeCtx(o));
  });
}
