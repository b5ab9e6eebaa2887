import type { Command } from 'commander';
import {
  addOutputOptions,
  addScheduleOptions,
  addShipmentOptions,
  addWhatIfOptions,
  defineCommand,
  type OutputFlags,
  type ScheduleFlags,
  type ShipmentFlags,
  type WhatIfFlags,
} from '../options.js';

const EXAMPLES = `
Examples:
  # landed cost of a Chinese toy as the reciprocal tariff goes from 0% to 150%
  tariff sweep --hts 9503.00.00 --origin CN --value 10000 --scenario geneva-30 --vary ieepa-reciprocal=0..150%:10

  # the rate at which buying the same toys in Vietnam at $12,500 becomes cheaper (exact to 0.01 pp)
  tariff sweep --hts 9503.00.00 --origin CN --value 10000 --mode ocean --scenario geneva-30 \\
    --vary ieepa-reciprocal=0..150%:10 --alt-origin VN --alt-value 12500

  # sensitivity to value (the MPF minimum and maximum make it piecewise)
  tariff sweep --hts 6109.10.00 --origin CN --scenario geneva-30 --value 1000 --vary value=1000..250000:10000
`;

export const NAME = 'sweep';
export const SUMMARY = 'landed cost as one parameter varies; break-even against another origin';

/** Everything sweep is given: the shared groups and its own flags. */
export type SweepFlags = ShipmentFlags &
  WhatIfFlags &
  ScheduleFlags &
  OutputFlags & { scenario?: string; vary?: string; altOrigin?: string; altValue?: string; altHts?: string };

export function register(program: Command): void {
  defineCommand(program, {
    name: NAME,
    summary: SUMMARY,
    description: 'Vary a rate (authority or measure), the value, freight, insurance or the exchange rate over a range and print landed cost at each step.',
    examples: EXAMPLES,
    define(cmd) {
      addShipmentOptions(cmd);
      cmd
        .option('--scenario <id>', 'scenario to sweep under (default as-entered)')
        .option('--vary <target=from..to:step>', 'AUTHORITY_OR_MEASURE=0..150%:5, value=1000..20000:1000, freight=..., fx=0.13..0.15:0.005')
        .option('--alt-origin <cc>', 'the same product bought from another origin')
        .option('--alt-value <amount>', 'its price there (default: --value)')
        .option('--alt-hts <code>', 'its HTS code there (default: --hts)');
      addWhatIfOptions(cmd, { set: 'what-if: set another rate (repeatable)', disable: 'what-if: switch off a measure or authority (repeatable)' });
      addScheduleOptions(cmd);
      addOutputOptions(cmd, ['table', 'json', 'csv', 'ndjson', 'markdown']);
    },
    async run(ctx, opts: SweepFlags) {
      const { sweep } = await import('../actions/sweep.js');
      await sweep(opts, ctx);
    },
  });
}
