/** Flags shared by several commands, declared once so that every command spells them the same. */
import { Option, type Command } from 'commander';

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

export function addShipmentOptions(cmd: Command): Command {
  return cmd
    .option('--hts <code>', 'HTS code, 4–10 digits, dots optional (9503.00.00)')
    .option('--origin <cc>', 'country of origin, ISO code (CN, HK, VN ...)')
    .option('--importer <cc>', 'importing country: US or CN', 'US')
    .option('--value <amount>', 'goods value (transaction value), e.g. 10000 or 10000.50')
    .option('--currency <ccy>', "currency of the amounts (default: the importer's)")
    .option('--fx-rate <rate>', "importer currency per unit of --currency (default: the schedule's dated rate)")
    .option('--freight <amount>', 'international freight (in the CIF value for CN; excluded from US customs value)')
    .option('--insurance <amount>', 'international insurance')
    .option('--qty <n>', 'quantity, for specific (per-unit) duties')
    .option('--unit <unit>', 'unit of --qty (kg, item, doz ...)')
    .addOption(new Option('--mode <mode>', 'transport mode').choices(['ocean', 'air', 'truck', 'rail', 'postal']))
    .option('--date <YYYY-MM-DD>', 'entry date (default: today, or the scenario date)')
    .option('--content <material=share>', 'content share or value, e.g. steel=40% or steel=4000 (repeatable)', collect)
    .option('--elect <group=option>', 'choose an alternative the schedule offers, e.g. postal-method=per-item');
}

export function addScheduleOptions(cmd: Command): Command {
  return cmd
    .option('--schedule <file>', 'tariff schedule JSON (default: the bundled US–China schedule)')
    .option('--scenario-file <file>', 'extra named scenarios (overlay JSON), repeatable', collect);
}

export function addOutputOptions(cmd: Command, formats: string[], dflt: string | null = 'table'): Command {
  const format = new Option('--format <format>', dflt === null ? 'output format (default: table for one shipment, csv for a batch)' : 'output format').choices(formats);
  return cmd
    .addOption(dflt === null ? format : format.default(dflt))
    .option('--no-color', 'no colour (also NO_COLOR=1; FORCE_COLOR=1 forces it)')
    .option('-q, --quiet', 'no warnings or progress on stderr')
    .option('--debug', 'print stack traces of internal errors');
}

export const EXIT_CODES_HELP = `
Exit codes:
  0   ok
  1   a check you asked for failed (a threshold)
  2   usage error (unknown flag or scenario, missing argument)
  65  bad input data (a shipment or CSV row is invalid)
  66  an input file cannot be read
  70  internal error (a bug: please report it)
  74  an output cannot be written (full disk, file-size limit, broken pipe other than a closed reader)
  78  the schedule or a scenario file is invalid
  129, 130, 143  stopped by SIGHUP, SIGINT (Ctrl-C) or SIGTERM: no output file written`;
