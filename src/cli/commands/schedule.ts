import { Option, type Command } from 'commander';
import { makeCtx } from '../context.js';
import { EXIT_CODES_HINT } from '../options.js';

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
  const schedule = program
    .command(NAME)
    .summary(SUMMARY)
    .description('Validate and inspect tariff schedule files.');
  schedule.addHelpText('after', EXAMPLES + EXIT_CODES_HINT);
  const check = schedule
    .command('check')
    .argument('<file>', 'schedule JSON file')
    .summary('validate a schedule file (exit 0 valid, 78 invalid)')
    .description('Validate a schedule file: valid prints a one-line summary and exits 0; invalid prints every problem with its line and JSON path and exits 78.')
    .option('--no-color', 'no colour')
    .option('--debug', 'print stack traces of internal errors');
  check.addHelpText('after', EXAMPLES + EXIT_CODES_HINT);
  check.action(async (file: string, opts) => {
    const { check: run } = await import('../actions/schedule-check.js');
    await run(file, await makeCtx(opts));
  });

  const lint = schedule
    .command('lint')
    .argument('[file]', 'schedule JSON file (default: the bundled schedule)')
    .summary('find problems beyond the schema: overlapping windows, gaps, dangling references, lost leading zeros (exit 1 on errors)')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('--no-color', 'no colour')
    .option('--debug', 'print stack traces of internal errors');
  lint.addHelpText('after', EXAMPLES + EXIT_CODES_HINT);
  lint.action(async (file: string | undefined, opts) => {
    const { lint: run } = await import('../actions/schedule-tools.js');
    await run(file, opts, await makeCtx(opts));
  });

  const schemaCmd = schedule
    .command('schema')
    .summary('print the JSON Schema of the schedule format (generated from the validator)')
    .option('--debug', 'print stack traces of internal errors');
  schemaCmd.addHelpText('after', EXAMPLES + EXIT_CODES_HINT);
  schemaCmd.action(async (opts) => {
    const { schema: run } = await import('../actions/schedule-tools.js');
    await run(await makeCtx(opts));
  });

  const imp = schedule
    .command('import-hts')
    .argument('<file>', 'the JSON export of the US HTS (hts.usitc.gov)')
    .summary('convert the official US HTS export into a schedule (MFN rates parsed, Chapter 99 footnotes linked)')
    .option('-o, --output <file>', 'write the schedule to FILE (atomically) instead of stdout')
    .option('--merge', "keep the bundled schedule's measures, scenarios and China lines, and link the imported lines to them")
    .option('--version <v>', 'meta.version of the new schedule')
    .option('--verified-through <YYYY-MM-DD>', 'meta.verifiedThrough of the new schedule (default today)')
    .option('--source <url>', 'source URL cited for every imported line', 'https://hts.usitc.gov/')
    .option('--debug', 'print stack traces of internal errors');
  imp.addHelpText('after', EXAMPLES + EXIT_CODES_HINT);
  imp.action(async (file: string, opts) => {
    const { importHts } = await import('../actions/schedule-tools.js');
    await importHts(file, opts, await makeCtx(opts));
  });
}
