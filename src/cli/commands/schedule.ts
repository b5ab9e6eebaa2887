import type { Command } from 'commander';
import { makeCtx } from '../context.js';
import { EXIT_CODES_HELP } from '../options.js';

const EXAMPLES = `
Examples:
  tariff schedule check my-schedule.json     # validate: every problem with its line and JSON path
`;

export function register(program: Command): void {
  const schedule = program
    .command('schedule')
    .summary('work with schedule files (check)')
    .description('Validate and inspect tariff schedule files.');
  schedule.addHelpText('before', EXAMPLES);
  const check = schedule
    .command('check')
    .argument('<file>', 'schedule JSON file')
    .summary('validate a schedule file (exit 0 valid, 78 invalid)')
    .description('Validate a schedule file: valid prints a one-line summary and exits 0; invalid prints every problem with its line and JSON path and exits 78.')
    .option('--no-color', 'no colour')
    .option('--debug', 'print stack traces of internal errors');
  check.addHelpText('before', EXAMPLES).addHelpText('after', EXIT_CODES_HELP);
  check.action(async (file: string, opts) => {
    const { check: run } = await import('../actions/schedule-check.js');
    await run(file, await makeCtx(opts));
  });
}
