/**
 * Flags shared by several commands, declared once so that every command spells them the same, in
 * groups (shipment, what-if, input, output, schedule) with the types of what commander gives back;
 * and `defineCommand`, which gives every command its help, its options and its lazy action.
 */
import { Option, type Command } from 'commander';
import { UsageError } from '../errors.js';
import { makeCtx, type Ctx, type GlobalOptions } from './context.js';
import { DEFAULT_IMPORTER } from '../core/countries.js';

/**
 * What a command is: its help (summary, description, examples), its options, then its action,
 * which is given the context (makeCtx) and imports the command's module when it runs.
 */
export interface CommandSpec<Opts extends GlobalOptions, Args extends unknown[]> {
  name: string;
  summary: string;
  /** the first paragraph of its help (none: the summary is all there is to say) */
  description?: string;
  /** the examples that end its help (the pointer to the exit codes is added after them) */
  examples: string;
  /** arguments and options, in the order of the help */
  define(cmd: Command): void;
  /** its first argument is the FILE of addInputOptions: folded into --input before the context is made */
  inputFile?: boolean;
  /** the work (an `await import()` of its module, so that start-up never pays for it) */
  run(ctx: Ctx, opts: Opts, ...args: Args): Promise<void>;
}

export function defineCommand<Opts extends GlobalOptions, Args extends unknown[] = []>(parent: Command, spec: CommandSpec<Opts, Args>): Command {
  const cmd = parent.command(spec.name).summary(spec.summary);
  if (spec.description !== undefined) cmd.description(spec.description);
  spec.define(cmd);
  cmd.addHelpText('after', spec.examples + EXIT_CODES_HINT);
  // commander passes the arguments, then the options, then the command
  cmd.action(async (...given: unknown[]) => {
    const flags = given[given.length - 2] as Opts & { input?: string };
    const args = given.slice(0, -2);
    const opts = spec.inputFile ? withInputFile(args.shift() as string | undefined, flags, spec.name) : flags;
    await spec.run(await makeCtx(opts), opts, ...(args as Args));
  });
  return cmd;
}

/**
 * The flags of the shipment group (addShipmentOptions), as commander gives them. Not --content: it
 * is a list of MATERIAL=SHARE here, which the actions' option types (ShipmentFields) call a record;
 * the actions read it as the list it is (contentFromFlags).
 */
export type ShipmentFlags = {
  hts?: string;
  origin?: string;
  importer?: string;
  value?: string;
  currency?: string;
  fxRate?: string;
  freight?: string;
  insurance?: string;
  qty?: string;
  unit?: string;
  qty2?: string;
  unit2?: string;
  mode?: 'ocean' | 'air' | 'truck' | 'rail' | 'postal';
  date?: string;
  elect?: string;
  claim?: string;
  mfn?: string;
  entryType?: 'formal' | 'informal';
};

/** --set and --disable (addWhatIfOptions) */
export type WhatIfFlags = { set?: string[]; disable?: string[] };

/** --input, --input-format, --delimiter (addInputOptions; the positional FILE is folded in by withInputFile) */
export type InputFlags = { input?: string; inputFormat?: 'csv' | 'ndjson'; delimiter?: string; columns?: string };

/** --lenient, --decimal-comma */
export type LenientFlags = { lenient?: boolean; decimalComma?: boolean };

/** --schedule, --scenario-file */
export type ScheduleFlags = { schedule?: string; scenarioFile?: string[] };

/** the output group (addOutputOptions); `color` is false with --no-color */
export type OutputFlags = {
  format?: string;
  wide?: boolean;
  bom?: boolean;
  crlf?: boolean;
  escapeFormulas?: boolean;
  color?: boolean;
  verbose?: boolean;
  quiet?: boolean;
  debug?: boolean;
};

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

export function addShipmentOptions(cmd: Command): Command {
  return cmd
    .option('--hts <code>', 'HTS code, 4–10 digits, dots optional (9503.00.00)')
    .option('--origin <cc>', 'country of origin, ISO code (CN, HK, VN ...); compare takes a comma list (CN,VN,MX)')
    .option('--importer <cc>', 'importing country: US or CN', DEFAULT_IMPORTER)
    .option('--value <amount>', 'goods value (transaction value), e.g. 10000 or 10000.50')
    .option('--currency <ccy>', "currency of the amounts (default: the importer's)")
    .option('--fx-rate <rate>', "importer currency per unit of --currency (default: the schedule's dated rate)")
    .option('--freight <amount>', 'international freight (in the CIF value for CN; excluded from US customs value)')
    .option('--insurance <amount>', 'international insurance')
    .option('--qty <n>', 'quantity, for specific (per-unit) duties')
    .option('--unit <unit>', "unit of --qty: the rate's unit (kg, item, doz, pf.liter ...) or a name the tariff prints for it (kilograms, No., pf.liters)")
    .option('--qty2 <n>', 'a second quantity in another unit, for a rate of two specific parts (2204.30.00: liters and proof liters)')
    .option('--unit2 <unit>', 'unit of --qty2, e.g. --qty 1000 --unit liters --qty2 120 --unit2 pf.liters')
    .addOption(new Option('--mode <mode>', 'transport mode').choices(['ocean', 'air', 'truck', 'rail', 'postal']))
    .option('--date <YYYY-MM-DD>', 'entry date (default: today, or the scenario date)')
    .option('--content <material=share>', 'content share or value, e.g. steel=40% or steel=4000 (repeatable)', collect)
    .option('--elect <group=option>', 'choose an alternative the schedule offers, e.g. postal-method=per-item')
    .option(
      '--claim <programmes>',
      'preferences claimed on entry, separated by "," or ";": a special programme by its code or name (KR, korus, AU, ausfta, CL, CO, PA, usmca: the line\'s special rate in place of the general rate; refused when the origin is not a member, the programme has lapsed or the line has none), with the Chapter 98/99 provision entered under where the rate is a reference of several quotas (PA:9919.04.51), or the line of heading 2009 whose rate applies where the rate is the natural juice\'s (D:2009.89.65), or a fact a measure offers (usmca, patented, in-transit, bulk)',
    )
    .option('--mfn <rate>', 'general (MFN) rate to use instead of the schedule\'s, e.g. 5% or "3.5¢/kg + 2%" (an assumption, echoed)')
    .addOption(
      new Option('--entry-type <type>', 'US entry type (default: informal up to $2,500 of goods, else formal; said in the notes)').choices([
        'formal',
        'informal',
      ]),
    );
}

export function addScheduleOptions(cmd: Command): Command {
  return cmd
    .option('--schedule <file>', 'tariff schedule JSON (default: the bundled US–China schedule)')
    .option('--scenario-file <file>', 'extra named scenarios (overlay JSON), repeatable', collect);
}

export function addOutputOptions(cmd: Command, formats: string[], dflt: string | null = 'table'): Command {
  const format = new Option('--format <format>', dflt === null ? 'output format (default: table for one shipment, csv for a batch)' : 'output format').choices(
    formats,
  );
  cmd.addOption(dflt === null ? format : format.default(dflt));
  if (formats.includes('table')) cmd.option('--wide', 'tables at full width: no wrapping of long descriptions to fit the terminal');
  if (formats.includes('csv')) {
    cmd.option('--bom', 'CSV for Excel: start with a UTF-8 byte order mark (accents and dashes display right)');
    cmd.option('--crlf', 'CSV for Excel: end records with CR LF');
    cmd.option('--no-escape-formulas', "CSV: keep cells starting with = + - @ (tab, CR, full-width forms) as they are; by default they get a leading '");
  }
  return cmd
    .option('--no-color', 'no colour (also NO_COLOR=1; FORCE_COLOR=1 forces it)')
    .option('-v, --verbose', 'say on stderr which schedule, scenario and input settings were used')
    .option('-q, --quiet', 'no warnings or progress on stderr')
    .option(...DEBUG);
}

/**
 * --debug: declared by every command (it is in each one's help), read in one place, before
 * commander parses anything, because an error in parsing is reported with its stack trace too.
 */
export const DEBUG = ['--debug', 'print stack traces of internal errors'] as const;

export function debugRequested(argv: readonly string[]): boolean {
  return argv.includes('--debug');
}

/** --set and --disable, with the help each command gives them. */
export function addWhatIfOptions(cmd: Command, help: { set: string; disable: string }): Command {
  return cmd.option('--set <target=rate>', help.set, collect).option('--disable <target>', help.disable, collect);
}

/**
 * A batch input: the positional FILE (as jq, xsv and csvkit take it) or --input, and its
 * delimiter. The positional is for commands whose input is a file; both at once is a usage error.
 */
export function addInputOptions(cmd: Command, what = 'CSV (or NDJSON) of shipments'): Command {
  return cmd
    .argument('[file]', `${what} ("-" for stdin); the same as --input`)
    .option('--input <file>', `${what} ("-" for stdin)`)
    .addOption(new Option('--input-format <format>', 'format of the input').choices(['csv', 'ndjson']).default('csv'))
    .option(
      '--delimiter <char>',
      'field separator of CSV input: , ; tab or | (default: comma, or sniffed: the one that splits the header into the most columns)',
    )
    .option(
      '--columns <map>',
      'the input\'s names for the columns tariff reads, e.g. "My HTS=hts,Price=value" (common names such as HTS Number, Entered Value, COO are known already)',
    );
}

/** --lenient and --decimal-comma: spreadsheet spellings read as what they mean (opt-in, echoed). */
export function addLenientOptions(cmd: Command): Command {
  return cmd
    .option(
      '--lenient',
      'read spreadsheet spellings: 12,500.00, $8,900, €3000, country names (China, PRC, Viet Nam), a leading apostrophe, Ocean/OCEAN; said on stderr and in the assumptions',
    )
    .option('--decimal-comma', 'with --lenient: amounts use a decimal comma (1.234,56)');
}

/** The lenient reading asked for, or null (strict, the default). */
export function lenientOf(opts: Readonly<LenientFlags>, command: string): { decimalComma: boolean } | null {
  if (opts.decimalComma && !opts.lenient) throw new UsageError('--decimal-comma needs --lenient', [`see tariff ${command} --help`]);
  return opts.lenient ? { decimalComma: Boolean(opts.decimalComma) } : null;
}

/** Folds the positional FILE into opts.input. */
export function withInputFile<T extends { input?: string }>(file: string | undefined, opts: T, command: string): T {
  if (file === undefined) return opts;
  if (opts.input !== undefined && opts.input !== file)
    throw new UsageError(`give the input once: ${file} or --input ${opts.input}`, [`see tariff ${command} --help`]);
  return { ...opts, input: file };
}

/** Each command's help points at the one table of exit codes rather than repeating it. */
export const EXIT_CODES_HINT = `
Exit codes: 0 ok, 1 a check failed, 2 usage; the others in \`tariff help exit-codes\`.
`;

export const EXIT_CODES_HELP = `
Exit codes:
  0   ok
  1   a check you asked for failed (a threshold; audit --fail-on: a line with one of
      those statuses), no row rejected
  2   usage error (unknown flag or scenario, missing argument, a flag value that
      cannot be read, a flag that does not apply)
  3   the goods are excluded from importation on the entry date (no price; the instrument is named)
  65  bad input data (a CSV row is invalid, or a shipment cannot be priced);
      also when rows were rejected and a check failed
  66  an input file cannot be read, a device where a file is expected, or no input (stdin closed or /dev/null)
  70  internal error (a bug: please report it), a damaged installation, or a --jobs worker out of memory
  74  an output cannot be written (full disk, file-size limit, a short write, broken pipe other than a closed reader; --summary with stderr unwritable)
  78  the schedule or a scenario file is invalid, or over 64 MiB
  129, 130, 143  stopped by SIGHUP, SIGINT (Ctrl-C) or SIGTERM: no output file written`;
