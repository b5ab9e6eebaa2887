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
  # a container of toys before 2025, at the peak, after Geneva, after Busan, under Section 122
  tariff compare --hts 9503.00.00 --origin CN --value 10000 --mode ocean

  # chosen scenarios, a what-if on top, as Markdown for a pull request
  tariff compare --hts 9503.00.00 --origin CN --value 10000 --scenario pre-2025,geneva-30,snapback-34 --format markdown

  # a sourcing question: the same toys from China, Vietnam, Mexico and India, each at its own price
  tariff compare --hts 9503.00.00 --origin CN,VN,MX,IN --value 10000,12500,11800,11000 --mode ocean

  # the same shipment without and with a claim (KORUS), side by side: none = no claim
  tariff compare --hts 8708.99.81 --origin KR --value 10000 --date 2026-12-06 --claims "none|KR"

  # CI gate: exit 1 when a scenario costs more than 20% above the baseline
  tariff compare --hts 6109.10.00 --origin CN --value 50000 --scenario geneva-30,snapback-34 --fail-above 20

  # a whole file: totals per scenario, or one CSV row per input row
  tariff compare --input entries.csv --scenario pre-2025,geneva-30 --per-row > deltas.csv
`;

export const NAME = 'compare';
export const SUMMARY = 'one shipment or a batch under several scenarios side by side';

/** Everything compare is given: the shared groups and its own flags. */
export type CompareFlags = ShipmentFlags &
  WhatIfFlags &
  InputFlags &
  LenientFlags &
  ScheduleFlags &
  OutputFlags & { scenario?: string; baseline?: string; claims?: string; perRow?: boolean; long?: boolean; failAbove?: string; maxEffectiveRate?: string };

export function register(program: Command): void {
  defineCommand(program, {
    name: NAME,
    summary: SUMMARY,
    description: 'Price the same shipment (or file) under several scenarios; show the change against a baseline; fail CI when a threshold is crossed.',
    examples: EXAMPLES,
    define(cmd) {
      addShipmentOptions(cmd);
      cmd
        .option(
          '--scenario <ids>',
          'comma list of scenario ids (default: all bundled scenarios in date order; with several origins, the law of --date or today)',
        )
        .option('--baseline <id>', 'scenario (or origin, with --origin A,B; or claim, with --claims) the others are compared with (default: the first)')
        .option(
          '--claims <alternatives>',
          'one shipment with and without claims side by side: alternatives separated by "|", each a --claim value ("KR", "KR;usmca") or none (no claim), e.g. "none|KR"; a claim refused in any column is an error (exit 65); with the law of --date or today unless --scenario names several',
        );
      addWhatIfOptions(cmd, {
        set: 'what-if on every compared scenario, e.g. ieepa-reciprocal=34% (repeatable)',
        disable: 'what-if: switch off a measure or authority (repeatable)',
      });
      addInputOptions(cmd, 'CSV of shipments: totals per scenario');
      addLenientOptions(cmd);
      cmd
        .option('--long', 'with --format csv: one row per scenario (or per origin, with --origin A,B), the figures as columns; default: one row per figure')
        .option('--per-row', 'with --input: one CSV row per input row with landed_<scenario> and delta_<scenario>')
        .option('--fail-above <pct>', "exit 1 when a scenario's landed cost exceeds the baseline by more than PCT percent")
        .option('--max-effective-rate <pct>', "exit 1 when a scenario's effective duty rate exceeds PCT percent");
      addScheduleOptions(cmd);
      addOutputOptions(cmd, ['table', 'json', 'csv', 'ndjson', 'markdown']);
    },
    inputFile: true,
    async run(ctx, opts: CompareFlags) {
      const { compare } = await import('../actions/compare.js');
      await compare(opts, ctx);
    },
  });
}
