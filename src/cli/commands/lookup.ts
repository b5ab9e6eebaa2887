import type { Command } from 'commander';
import { addOutputOptions, addScheduleOptions, defineCommand, type OutputFlags, type ScheduleFlags } from '../options.js';
import { DEFAULT_IMPORTER } from '../../core/countries.js';

const EXAMPLES = `
Examples:
  # the whole story of Chinese laptops since 2025: 301 List 4B (suspended), fentanyl, the electronics exception, Section 122
  tariff lookup 8471.30.01 --origin CN --from 2025-01-01

  # the lines under a heading
  tariff lookup 8471

  # find lines by words (every word must match)
  tariff lookup --search "lithium batteries"

  # what applied on one day, as JSON
  tariff lookup 9503.00.00 --origin CN --date 2025-04-12 --format json
`;

export const NAME = 'lookup';
export const SUMMARY = 'every measure that touches a tariff line, with dates, rates and sources';

/** Everything lookup is given: the shared groups and its own flags. */
export type LookupFlags = ScheduleFlags &
  OutputFlags & { search?: string; limit?: string; origin?: string; importer?: string; date?: string; from?: string; to?: string };

export function register(program: Command): void {
  defineCommand(program, {
    name: NAME,
    summary: SUMMARY,
    description:
      'Show the MFN rate and every measure that can apply to a tariff line — window, rate, base, stacking relations, source — or the lines under a partial code.',
    examples: EXAMPLES,
    define(cmd) {
      cmd
        .argument('[hts]', 'HTS code or prefix (8471, 8471.30.01)')
        .option('--search <words>', 'find lines whose description has every word ("lithium batteries")')
        .option('--limit <n>', 'with --search: at most this many lines (default 50)')
        .option('--origin <cc>', 'only measures that apply to this origin')
        .option('--importer <cc>', 'US or CN', DEFAULT_IMPORTER)
        .option('--date <YYYY-MM-DD>', 'only measures in force on this date')
        .option('--from <YYYY-MM-DD>', 'only measures in force on or after this date')
        .option('--to <YYYY-MM-DD>', 'only measures in force on or before this date');
      addScheduleOptions(cmd);
      addOutputOptions(cmd, ['table', 'json', 'csv', 'ndjson', 'markdown']);
    },
    async run(ctx, opts: LookupFlags, hts: string | undefined) {
      const { lookup } = await import('../actions/lookup.js');
      await lookup(hts, opts, ctx);
    },
  });
}
