/**
 * What every command needs from the outside world, decided once: the streams, colour, today's
 * date, and the schedule (bundled or --schedule) with its index. Only the CLI reads `process`.
 */
import type { ChalkInstance } from 'chalk';
import { isRealDate, localDate } from '../core/dates.js';
import { UsageError } from '../errors.js';
import type { Schedule } from '../core/types.js';
import type { RunContext } from '../batch/run-context.js';
import { allowStderrColour } from './stderr.js';
import type { Loaded } from '../schedule/load-with-overlays.js';
import { stdout as checkedStdout } from './stdout.js';
import { scheduleLoadNotes, scheduleLoadWarnings } from '../schedule/load-notes.js';

export interface GlobalOptions {
  schedule?: string;
  scenarioFile?: string[];
  color?: boolean;
  debug?: boolean;
  quiet?: boolean;
  verbose?: boolean;
  wide?: boolean;
  format?: string;
  bom?: boolean;
  crlf?: boolean;
  /** false with --no-escape-formulas (every command with CSV output offers it) */
  escapeFormulas?: boolean;
}

/** the batch layer's RunContext (batch/run-context.ts), and whether stdin is a terminal */
export interface Ctx extends RunContext {
  stdinIsTTY: boolean;
}

/** --no-color, then FORCE_COLOR, then NO_COLOR, then "is it a terminal". chalk 5 ignores NO_COLOR. */
export function colorLevel(isTTY: boolean, flag: boolean | undefined, env: NodeJS.ProcessEnv): 0 | 1 | 2 | 3 {
  if (flag === false) return 0;
  const force = env.FORCE_COLOR;
  if (force !== undefined) {
    if (force === '0' || force === 'false') return 0;
    const n = Number(force);
    return n === 2 || n === 3 ? n : 1;
  }
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return 0;
  if (!isTTY || env.TERM === 'dumb') return 0;
  return 1;
}

/**
 * Without colour every style is the identity, and chalk is not loaded at all: most runs write to a
 * pipe or a file, and start-up time matters for scripts that call tariff once per shipment.
 */
export const plain: ChalkInstance = new Proxy((s: unknown) => String(s), {
  // not a thenable: `await` must not mistake it for a promise
  get: (_target, key) => (key === 'then' ? undefined : key === 'level' ? 0 : plain),
  apply: (_t, _this, args: unknown[]) => args.join(' '),
}) as unknown as ChalkInstance;

async function chalkFor(level: 0 | 1 | 2 | 3): Promise<ChalkInstance> {
  if (level === 0) return plain;
  const { Chalk } = await import('chalk');
  return new Chalk({ level });
}

export async function makeCtx(opts: GlobalOptions): Promise<Ctx> {
  const stdout = process.stdout as NodeJS.WriteStream;
  const stderr = process.stderr as NodeJS.WriteStream;
  // TARIFF_SCHEDULE: a default for --schedule, set once here so that every reader of
  // opts.schedule (worker threads included) sees the same file
  if (opts.schedule === undefined && process.env.TARIFF_SCHEDULE) opts.schedule = process.env.TARIFF_SCHEDULE;
  if ((opts.bom || opts.crlf) && opts.format !== undefined && opts.format !== 'csv') {
    throw new UsageError(`--bom and --crlf are for CSV output, not --format ${opts.format}`, ['add --format csv, or drop them']);
  }
  // every output goes through the one checked stdout (cli/stdout.ts)
  const errLevel = colorLevel(Boolean(stderr.isTTY), opts.color, process.env);
  allowStderrColour(errLevel > 0);
  const out: NodeJS.WritableStream =
    opts.bom || opts.crlf ? (await import('../io/excel-output.js')).excelStream(checkedStdout(), { bom: opts.bom, crlf: opts.crlf }) : checkedStdout();
  return {
    out,
    csv: { escapeFormulas: opts.escapeFormulas !== false },
    err: stderr,
    c: await chalkFor(colorLevel(Boolean(stdout.isTTY), opts.color, process.env)),
    ce: await chalkFor(errLevel),
    today: todayFromEnv(process.env.TARIFF_TODAY),
    quiet: Boolean(opts.quiet),
    verbose: Boolean(opts.verbose) && !opts.quiet,
    // process.stdin is created on first access (a few ms): only look when a command needs to know
    get stdinIsTTY() {
      return Boolean(process.stdin.isTTY);
    },
    stderrIsTTY: Boolean(stderr.isTTY),
    ci: Boolean(process.env.CI),
    fastPath: process.env.TARIFF_FAST_PATH !== '0',
    columns: stdout.columns || 100,
    tableWidth: opts.wide ? Infinity : stdout.isTTY ? stdout.columns || 80 : Number(process.env.COLUMNS) || Infinity,
  };
}

export type { Loaded } from '../schedule/load-with-overlays.js';
// the batch layer's writers of notes and warnings, the CLI's too
export { info, note, staleWarning, warn } from '../batch/run-context.js';

/** The schedule to use (bundled unless --schedule) plus scenarios from --scenario-file overlays. */
export async function loadSchedule(opts: GlobalOptions): Promise<Loaded> {
  const { loadWithOverlays } = await import('../schedule/load-with-overlays.js');
  const loaded = await loadWithOverlays(opts.schedule ?? null, opts.scenarioFile ?? []);
  verboseSchedule(opts, loaded.schedule);
  return loaded;
}

/** --verbose: which schedule a run prices with, and the overlays it adds. */
export function verboseSchedule(opts: GlobalOptions, schedule: Schedule): void {
  if (opts.quiet) return;
  // said whether -v or not: the figures under that scenario's name are not the bundled ones
  for (const w of scheduleLoadWarnings(schedule)) process.stderr.write(`note: ${w}\n`);
  if (!opts.verbose) return;
  const m = schedule.meta;
  const from = opts.schedule === undefined ? 'bundled' : opts.schedule === process.env.TARIFF_SCHEDULE ? `${opts.schedule} (TARIFF_SCHEDULE)` : opts.schedule;
  process.stderr.write(`tariff: schedule ${from}: version ${m.version}, sha256 ${schedule.hash}, verified through ${m.verifiedThrough}\n`);
  for (const n of scheduleLoadNotes(schedule)) process.stderr.write(`tariff: ${n}\n`);
  for (const f of opts.scenarioFile ?? []) process.stderr.write(`tariff: scenarios from ${f}\n`);
}

/**
 * Writes to stdout and resolves once the data is handed to the OS (respecting back-pressure), or
 * once the stream has failed or closed (main reports that: exit 0 for a reader gone, 74 otherwise).
 */
export function write(stream: NodeJS.WritableStream, text: string): Promise<void> {
  return new Promise((resolve) => {
    if ((stream as { destroyed?: boolean }).destroyed) return resolve();
    const done = (): void => {
      stream.off('drain', done);
      stream.off('error', done);
      stream.off('close', done);
      resolve();
    };
    stream.on('drain', done);
    stream.on('error', done);
    stream.on('close', done);
    if (stream.write(text)) done();
  });
}

/** TARIFF_TODAY fixes "today" for reproducible runs; anything but a calendar date is a usage error. */
function todayFromEnv(v: string | undefined): string {
  if (v === undefined) return localDate(new Date());
  if (!isRealDate(v)) throw new UsageError(`TARIFF_TODAY=${JSON.stringify(v)} is not a calendar date`, ['set it as YYYY-MM-DD, or unset it']);
  return v;
}
