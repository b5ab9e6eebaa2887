/**
 * The command line: commander wiring, one file per command (registered eagerly, for help), their
 * work imported lazily. One handler maps errors to exit codes; nothing calls process.exit() after
 * output has been written, so pipes are never cut short.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { bundledSchedulePath } from '../schedule/bundled-path.js';
import { guardStderr } from './stderr.js';
import { Command, CommanderError } from 'commander';
import { EXIT, TariffError } from '../errors.js';
import { installSignalHandlers } from '../batch/interrupt.js';
import * as calcCmd from './commands/calc.js';
import * as compareCmd from './commands/compare.js';
import * as timelineCmd from './commands/timeline.js';
import * as sweepCmd from './commands/sweep.js';
import * as refundCmd from './commands/refund.js';
import * as auditCmd from './commands/audit.js';
import * as lookupCmd from './commands/lookup.js';
import * as scenariosCmd from './commands/scenarios.js';
import * as scheduleCmd from './commands/schedule.js';
import * as completionCmd from './commands/completion.js';
import { debugRequested, EXIT_CODES_HELP } from './options.js';
import { stderrFailed, stderrOutputLost, stdout } from './stdout.js';

// bin/tariff.js hands over the memory it read dist/cli.cjs and its code cache into
export { offerReadMemory } from '../schedule/load-compiled.js';

declare const __VERSION__: string;

const EXAMPLES = `
Examples:
  tariff calc --hts 9503.00.00 --origin CN --value 10000 --mode ocean --scenario geneva-30
  tariff calc --input entries.csv --scenario as-entered --summary > priced.csv
  tariff compare --hts 9503.00.00 --origin CN --value 10000 --mode ocean
  tariff timeline --hts 9503.00.00 --origin CN --value 10000
  tariff sweep --hts 9503.00.00 --origin CN --value 10000 --scenario geneva-30 --vary ieepa-reciprocal=0..150%:10 --alt-origin VN --alt-value 12500
  tariff refund --input past-entries.csv
  tariff audit examples/filed-lines.csv --fail-on underpaid,missing-99
  tariff lookup 8471.30.01 --origin CN --from 2025-01-01
  tariff scenarios
  tariff schedule check my-schedule.json
`;

const COMMANDS = [calcCmd, compareCmd, timelineCmd, sweepCmd, refundCmd, auditCmd, lookupCmd, scenariosCmd, scheduleCmd, completionCmd];

/** The command named on the command line (after `help` too); undefined for global help or version. */
function commandOf(argv: readonly string[]): string | undefined {
  const args = argv.slice(2).filter((a) => !a.startsWith('-'));
  const first = args[0] === 'help' ? args[1] : args[0];
  return COMMANDS.some((c) => c.NAME === first) ? first : undefined;
}

export function buildProgram(argv: readonly string[] = process.argv): Command {
  const program = new Command('tariff');
  program
    .description('Landed cost of a shipment under one tariff regime or several, with the law behind every cent.')
    .showSuggestionAfterError(true)
    .exitOverride()
    // help and --version go through the checked stdout too (a short write is an error there)
    .configureOutput({ outputError: () => {}, writeOut: (s) => void stdout().write(s) });
  program.addHelpText(
    'after',
    `${EXAMPLES}${EXIT_CODES_HELP}\n  (also: tariff help exit-codes)\n\nEnvironment:\n  TARIFF_SCHEDULE   default schedule file for --schedule\n  TARIFF_TODAY      fixes today's date (YYYY-MM-DD) for reproducible runs\n  NO_COLOR, FORCE_COLOR   turn colour off / force it\n\nShell completion: tariff completion bash|zsh|fish (see tariff completion --help); manual: man tariff`,
  );
  // only the command being run is defined in full: the others need just a name and a summary
  // for help and suggestions, and defining every option of every command costs start-up time
  const target = commandOf(argv);
  // the program's --version only where no command is named: commander would otherwise take a
  // command's own --version (`schedule import-hts --version t1`) as the program's
  if (target === undefined) program.version(versionText(argv), '-V, --version');
  for (const c of COMMANDS) {
    if (target === undefined || target === c.NAME) c.register(program);
    else program.command(c.NAME).summary(c.SUMMARY);
  }
  for (const cmd of program.commands) {
    cmd.exitOverride().configureOutput({ outputError: () => {}, writeOut: (s) => void stdout().write(s) });
    for (const sub of cmd.commands) sub.exitOverride().configureOutput({ outputError: () => {}, writeOut: (s) => void stdout().write(s) });
  }
  return program;
}

/** tariff(1), from the full help of every command (scripts/build.mjs writes it to man/tariff.1). */
export async function manPageText(): Promise<string> {
  const { manPage } = await import('./help-docs.js');
  return manPage(buildProgram(['node', 'tariff']), typeof __VERSION__ === 'string' ? __VERSION__ : '0.0.0-dev');
}

let stdoutClosed = false;
/** a write error on stdout other than a reader that went away: full disk, /dev/full, EIO */
let stdoutFailure: NodeJS.ErrnoException | null = null;

function onStdoutError(err: NodeJS.ErrnoException): void {
  stdoutClosed = true;
  // `tariff ... | head`: the reader went away; that is a normal way to stop
  if (err.code !== 'EPIPE') stdoutFailure ??= err;
  const out = stdout() as NodeJS.WritableStream & { destroy(): void };
  out.destroy();
}

/** The output could not be written: one line on stderr (if it works), exit 74 — decided once, at the end. */
function reportStdoutFailure(): void {
  if (stdoutFailure === null || process.exitCode === EXIT.ioErr) return;
  const code = stdoutFailure.code ?? 'error';
  process.stderr.write(`tariff: cannot write to stdout: ${STDOUT_REASONS[code] ?? 'write error'} (${code}); the output is incomplete\n`);
  process.exitCode = EXIT.ioErr;
}

const STDOUT_REASONS: Record<string, string> = {
  ENOSPC: 'the disk is full',
  EFBIG: 'the file-size limit (ulimit -f) is reached',
  EDQUOT: 'the disk quota is exceeded',
  EIO: 'an I/O error on the device',
  EBADF: 'stdout is closed',
  EAGAIN: 'stdout is not writable',
};

export async function main(argv: string[]): Promise<void> {
  stdout().on('error', onStdoutError);
  // the checked stdout of a file is not process.stdout: a failure there is still heard
  if (stdout() !== process.stdout) process.stdout.on('error', onStdoutError);
  // stderr carries diagnostics: if it breaks (2>/dev/full), the run and its outputs go on; only
  // what was asked for there (--summary) makes it exit 74 (stdout.ts)
  process.stderr.on('error', stderrFailed);
  process.on('exit', () => {
    if (stderrOutputLost() && !process.exitCode) process.exitCode = EXIT.ioErr;
  });
  // messages quote input: its control characters are escaped on the way out (stderr.ts)
  guardStderr();
  installSignalHandlers();
  // also when the command stops waiting for a stdout that will never drain
  process.on('exit', reportStdoutFailure);
  const debug = debugRequested(argv);
  const program = buildProgram(argv);
  if (argv.length <= 2) {
    program.outputHelp();
    return;
  }
  if (argv[2] === 'help' && argv[3] === 'exit-codes') {
    stdout().write(`${EXIT_CODES_HELP.trimStart()}\n`);
    return;
  }
  // if the event loop ever empties while a command is still awaiting something, node would exit
  // 0 with nothing written: make that a loud internal error instead
  let finished = false;
  process.on('exit', () => {
    if (!finished && !process.exitCode && !stdoutClosed) {
      process.stderr.write('tariff: internal error: the command stopped before it finished\n');
      process.exitCode = EXIT.software;
    }
  });
  try {
    await program.parseAsync(argv);
  } catch (e) {
    process.exitCode = report(e, debug, argv);
  }
  finished = true;
}

/** "(see tariff calc --help)": the command the user typed, or the global help. */
function helpHint(argv: readonly string[]): string {
  const cmd = commandOf(argv);
  if (cmd === 'schedule') {
    const sub = argv.slice(3).find((a) => !a.startsWith('-'));
    if (sub && ['check', 'lint', 'schema', 'import-hts'].includes(sub)) return `(see \`tariff schedule ${sub} --help\`)`;
  }
  return cmd ? `(see \`tariff ${cmd} --help\`)` : '(see `tariff --help`)';
}

function report(e: unknown, debug: boolean, argv: readonly string[]): number {
  if (e instanceof CommanderError) {
    if (e.code === 'commander.version') return EXIT.ok;
    if (e.code === 'commander.helpDisplayed' || e.code === 'commander.help') return e.exitCode === 0 ? EXIT.ok : EXIT.usage;
    const msg = e.message.replace(/^error: /, '');
    process.stderr.write(`tariff: ${msg}\n${helpHint(argv)}\n`);
    return EXIT.usage;
  }
  if (e instanceof TariffError) {
    process.stderr.write(`tariff: ${e.message}\n`);
    for (const d of e.details) if (d) process.stderr.write(`  ${d}\n`);
    if (e.exitCode === EXIT.usage && !e.details.some((d) => d.includes('--help'))) process.stderr.write(`${helpHint(argv)}\n`);
    if (debug) process.stderr.write(`${e.stack}\n`);
    return e.exitCode;
  }
  const err = e as Error;
  process.stderr.write(`tariff: internal error: ${err?.message ?? String(e)}\n`);
  process.stderr.write(debug ? `${err?.stack}\n` : 'this is a bug in tariff; run again with --debug for the stack trace and report it\n');
  return EXIT.software;
}

/**
 * `tariff --version`: the package version alone on the first line (what scripts read), then the
 * bundled schedule's version and verifiedThrough — read from the first bytes of the file (its
 * `meta` comes first), and only when the version is asked for.
 */
function versionText(argv: readonly string[]): string {
  const pkg = typeof __VERSION__ === 'string' ? __VERSION__ : '0.0.0-dev';
  if (!argv.includes('--version') && !argv.includes('-V')) return pkg;
  let head = '';
  try {
    const fd = openSync(bundledSchedulePath(), 'r');
    try {
      const buf = Buffer.alloc(4096);
      head = buf.toString('utf8', 0, readSync(fd, buf, 0, buf.length, 0));
    } finally {
      closeSync(fd);
    }
  } catch {
    return `${pkg}\nschedule: the bundled data/schedule.json cannot be read`;
  }
  const version = /"version"\s*:\s*"([^"]*)"/.exec(head)?.[1] ?? '?';
  const through = /"verifiedThrough"\s*:\s*"([^"]*)"/.exec(head)?.[1] ?? '?';
  return `${pkg}\nschedule ${version}, verified through ${through}`;
}
