import type { Command } from 'commander';
import {
  addInputOptions,
  addLenientOptions,
  addOutputOptions,
  addScheduleOptions,
  addShipmentOptions,
  addWhatIfOptions,
  defineCommand,
  type InputFlags,
  type LenientFlags,
  type OutputFlags,
  type ScheduleFlags,
  type ShipmentFlags,
  type WhatIfFlags,
} from '../options.js';

const EXAMPLES = `
Examples:
  # $10,000 of toys from China by sea, under the Geneva truce of 14 May 2025
  tariff calc --hts 9503.00.00 --origin CN --value 10000 --mode ocean --scenario geneva-30

  # the same under the law of its own entry date, with formulas and the layers not applied
  tariff calc --hts 9503.00.00 --origin CN --value 10000 --date 2025-04-15 --explain

  # China importing US soybeans, valued CIF in CNY, as JSON
  tariff calc --importer CN --hts 1201.90.00 --origin US --value 70000 --freight 3000 --scenario busan-20 --format json

  # a CSV of shipments from a file or stdin (CSV out by default), totals on stderr
  tariff calc entries.csv --scenario geneva-30 > priced.csv
  cat entries.csv | tariff calc --scenario peak-145 --format ndjson | jq .landedCost
  tariff calc --input entries.csv --scenario as-entered --summary --rejects bad.csv -o priced.csv
`;

export const NAME = 'calc';
export const SUMMARY = 'landed cost of a shipment (or a CSV of shipments) under one scenario';

/** Everything calc is given: the shared groups and its own flags. */
export type CalcFlags = ShipmentFlags &
  WhatIfFlags &
  InputFlags &
  LenientFlags &
  ScheduleFlags &
  OutputFlags & {
    scenario?: string;
    explain?: boolean;
    output?: string;
    rejects?: string;
    strict?: boolean;
    allowRagged?: boolean;
    summary?: boolean;
    jobs?: string;
    maxEffectiveRate?: string;
    maxDuty?: string;
    escapeFormulas?: boolean;
  };

export function register(program: Command): void {
  defineCommand(program, {
    name: NAME,
    summary: SUMMARY,
    description: 'Compute duty, fees, taxes and landed cost, layer by layer, with the legal reference of each line.',
    examples: EXAMPLES,
    define(cmd) {
      addShipmentOptions(cmd);
      cmd.option('--scenario <id>', 'scenario id (see `tariff scenarios`); default as-entered on --date or today');
      addWhatIfOptions(cmd, {
        set: 'what-if: set a measure or authority rate, e.g. ieepa-reciprocal=34% (repeatable)',
        disable: 'what-if: switch off a measure or authority, e.g. s301 (repeatable)',
      });
      cmd.option('--explain', 'show the formula of each line and the layers not applied');
      addInputOptions(cmd, 'CSV of shipments; piped stdin is read when there is no --hts/--value');
      addLenientOptions(cmd);
      cmd
        .option('-o, --output <file>', 'write the output to FILE, atomically (nothing on failure); - is stdout')
        .option('--rejects <file>', 'write rejected rows as CSV (original fields + line + error)')
        .option('--strict', 'stop at the first bad row (exit 65, no output file)')
        .option('--allow-ragged', 'price rows with more fields than the header, dropping the extras (default: reject them)')
        .option('--summary', 'print row counts and totals by authority to stderr')
        .option('--jobs <n>', 'price a large batch in N worker threads (faster on several cores, more memory); auto = one per core')
        .option('--max-effective-rate <pct>', 'CI gate: exit 1 (after the output) when the effective duty rate exceeds PCT percent (a batch: of its totals)')
        .option('--max-duty <amount>', "CI gate: exit 1 (after the output) when the duty exceeds AMOUNT in the importer's currency (a batch: its total)");
      addScheduleOptions(cmd);
      addOutputOptions(cmd, ['table', 'json', 'csv', 'ndjson', 'markdown'], null);
    },
    inputFile: true,
    async run(ctx, opts: CalcFlags) {
      const { calc } = await import('../actions/calc.js');
      await calc(opts, ctx);
    },
  });
}
