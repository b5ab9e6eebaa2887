import type { Command } from 'commander';
import {
  addInputOptions,
  addOutputOptions,
  addScheduleOptions,
  addShipmentOptions,
  addWhatIfOptions,
  defineCommand,
  type InputFlags,
  type OutputFlags,
  type ScheduleFlags,
  type ShipmentFlags,
  type WhatIfFlags,
} from '../options.js';

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

/** Everything timeline is given: the shared groups and its own flags. */
export type TimelineFlags = ShipmentFlags & InputFlags & WhatIfFlags & ScheduleFlags & OutputFlags & { from?: string; to?: string; rejects?: string };

export function register(program: Command): void {
  defineCommand(program, {
    name: NAME,
    summary: SUMMARY,
    description: 'Evaluate one shipment under the law in force at every date on which a measure that touches it starts, ends or is suspended.',
    examples: EXAMPLES,
    define(cmd) {
      addShipmentOptions(cmd);
      addInputOptions(cmd, 'CSV (or NDJSON) of shipments: the timeline of their total');
      cmd.option('--rejects <file>', 'write rejected rows of the input as CSV (original fields + line + error)');
      cmd
        .option('--from <YYYY-MM-DD>', 'first date (default 2018-01-01)')
        .option('--to <YYYY-MM-DD>', "last date (default today; the part after the schedule's verifiedThrough is marked)");
      addWhatIfOptions(cmd, {
        set: 'what-if: set a measure or authority rate (repeatable)',
        disable: 'what-if: switch off a measure or authority (repeatable)',
      });
      addScheduleOptions(cmd);
      addOutputOptions(cmd, ['table', 'json', 'csv', 'ndjson', 'markdown']);
    },
    inputFile: true,
    async run(ctx, opts: TimelineFlags) {
      const { timeline } = await import('../actions/timeline.js');
      await timeline(opts, ctx);
    },
  });
}
