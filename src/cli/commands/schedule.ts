import { Option, type Command } from 'commander';
import { DEBUG, defineCommand, EXIT_CODES_HINT } from '../options.js';

const EXAMPLES = `
Examples:
  tariff schedule check my-schedule.json     # validate: every problem with its line and JSON path
  tariff schedule lint                       # the bundled schedule: timelines, references, leading zeros
  tariff schedule schema > schedule.schema.json   # JSON Schema for editors ("$schema" in your file)
  tariff schedule import-hts hts-export.json --merge -o schedule.json
`;

export const NAME = 'schedule';
export const SUMMARY = 'work with schedule files (check, lint, schema, import-hts)';

export function register(program: Command): void {
  const schedule = program.command(NAME).summary(SUMMARY).description('Validate and inspect tariff schedule files.');
  schedule.addHelpText('after', EXAMPLES + EXIT_CODES_HINT);
  registerCheck(schedule);
  registerLint(schedule);
  registerSchema(schedule);
  registerImportHts(schedule);
}

/** `schedule check FILE`: validate a schedule file */
function registerCheck(schedule: Command): void {
  defineCommand(schedule, {
    name: 'check',
    summary: 'validate a schedule file (exit 0 valid, 78 invalid)',
    description:
      'Validate a schedule file: valid prints a one-line summary and exits 0; invalid prints every problem with its line and JSON path and exits 78.',
    examples: EXAMPLES,
    define(cmd) {
      cmd
        .argument('<file>', 'schedule JSON file')
        .option(
          '--compile',
          'once valid, write its compiled form beside it (my.json → my.compiled.json): --schedule my.json then starts as fast as the bundled schedule',
        )
        .option('--no-color', 'no colour')
        .option(...DEBUG);
    },
    async run(ctx, opts: { compile?: boolean; color?: boolean; debug?: boolean }, file: string) {
      const { check } = await import('../actions/schedule-check.js');
      await check(file, ctx, opts);
    },
  });
}

/** `schedule lint [FILE]`: problems beyond the schema */
function registerLint(schedule: Command): void {
  defineCommand(schedule, {
    name: 'lint',
    summary: 'find problems beyond the schema: overlapping windows, gaps, dangling references, lost leading zeros (exit 1 on errors)',
    examples: EXAMPLES,
    define(cmd) {
      cmd
        .argument('[file]', 'schedule JSON file (default: the bundled schedule)')
        .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
        .option('--no-color', 'no colour')
        .option(...DEBUG);
    },
    async run(ctx, opts: { format: 'text' | 'json'; color?: boolean; debug?: boolean }, file: string | undefined) {
      const { lint } = await import('../actions/schedule-tools.js');
      await lint(file, opts, ctx);
    },
  });
}

/** `schedule schema`: the JSON Schema of the format */
function registerSchema(schedule: Command): void {
  defineCommand(schedule, {
    name: 'schema',
    summary: 'print the JSON Schema of the schedule format (generated from the validator)',
    examples: EXAMPLES,
    define(cmd) {
      cmd.option(...DEBUG);
    },
    async run(ctx) {
      const { schema } = await import('../actions/schedule-tools.js');
      await schema(ctx);
    },
  });
}

/** `schedule import-hts FILE`: the USITC export as a schedule */
function registerImportHts(schedule: Command): void {
  defineCommand(schedule, {
    name: 'import-hts',
    summary: 'convert the official US HTS export into a schedule (MFN rates parsed, Chapter 99 footnotes linked)',
    examples: EXAMPLES,
    define(cmd) {
      cmd
        .argument('<file>', 'the JSON export of the US HTS (hts.usitc.gov)')
        .option('-o, --output <file>', 'write the schedule to FILE (atomically) instead of stdout')
        .option('--merge', "keep the bundled schedule's measures, scenarios and China lines, and link the imported lines to them")
        .option('--version <v>', 'meta.version of the new schedule')
        .option('--verified-through <YYYY-MM-DD>', 'meta.verifiedThrough of the new schedule (default today)')
        .option('--source <url>', 'source URL cited for every imported line', 'https://hts.usitc.gov/')
        .option(...DEBUG);
    },
    async run(ctx, opts: { output?: string; merge?: boolean; version?: string; verifiedThrough?: string; source: string; debug?: boolean }, file: string) {
      const { importHts } = await import('../actions/schedule-tools.js');
      await importHts(file, opts, ctx);
    },
  });
}
