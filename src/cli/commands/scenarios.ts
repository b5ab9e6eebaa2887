import type { Command } from 'commander';
import { makeCtx } from '../context.js';
import { addOutputOptions, addScheduleOptions, EXIT_CODES_HINT } from '../options.js';

const EXAMPLES = `
Examples:
  tariff scenarios                 # id, date and what changes in each direction
  tariff scenarios --format json
  tariff scenarios --about         # the schedule: version, verified-through date, what it does not model
`;

export const NAME = 'scenarios';
export const SUMMARY = 'list the named scenarios of the schedule';

export function register(program: Command): void {
  const cmd = program
    .command(NAME)
    .summary(SUMMARY)
    .description('The named points of view on the law: their date and what changes for US imports from China and Chinese imports from the US.')
    .option('--about', 'describe the schedule itself: version, verifiedThrough, coverage, what is not modelled');
  addScheduleOptions(cmd);
  addOutputOptions(cmd, ['table', 'json', 'csv', 'ndjson', 'markdown']);
  cmd.addHelpText('after', EXAMPLES + EXIT_CODES_HINT);
  cmd.action(async (opts) => {
    const { scenarios } = await import('../actions/scenarios.js');
    await scenarios(opts, await makeCtx(opts));
  });
}
