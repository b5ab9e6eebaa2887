import type { Command } from 'commander';
import { addOutputOptions, addScheduleOptions, defineCommand, type OutputFlags, type ScheduleFlags } from '../options.js';

const EXAMPLES = `
Examples:
  tariff scenarios                 # id, date and what changes in each direction
  tariff scenarios --format json
  tariff scenarios --about         # the schedule: version, verified-through date, what it does not model
`;

export const NAME = 'scenarios';
export const SUMMARY = 'list the named scenarios of the schedule';

/** Everything scenarios is given: the shared groups and --about. */
export type ScenariosFlags = ScheduleFlags & OutputFlags & { about?: boolean; format: string };

export function register(program: Command): void {
  defineCommand(program, {
    name: NAME,
    summary: SUMMARY,
    description: 'The named points of view on the law: their date and what changes for US imports from China and Chinese imports from the US.',
    examples: EXAMPLES,
    define(cmd) {
      cmd.option('--about', 'describe the schedule itself: version, verifiedThrough, coverage, what is not modelled');
      addScheduleOptions(cmd);
      addOutputOptions(cmd, ['table', 'json', 'csv', 'ndjson', 'markdown']);
    },
    async run(ctx, opts: ScenariosFlags) {
      const { scenarios } = await import('../actions/scenarios.js');
      await scenarios(opts, ctx);
    },
  });
}
