/**
 * What a batch run is given of the outside world: the streams, colour, today's date and the
 * switches the CLI read from its flags and environment (cli/context.ts makes one, its Ctx). The
 * batch modules write their notes and warnings through it, never through `process`, so that the
 * row loops can run in a test with streams of its own.
 */
import type { ChalkInstance } from 'chalk';
import type { Schedule } from '../core/types.js';
import type { CsvStyle } from '../io/csv.js';
import type { RunStreams } from './progress.js';

export interface RunContext extends RunStreams {
  out: NodeJS.WritableStream;
  /** how every CSV of this run is written (io/csv.ts: csvRecord) */
  csv?: CsvStyle;
  err: NodeJS.WritableStream;
  /** colour for stdout */
  c: ChalkInstance;
  /** colour for stderr */
  ce: ChalkInstance;
  today: string;
  quiet: boolean;
  /** --verbose: what was used (schedule, scenario, delimiter) goes to stderr */
  verbose: boolean;
  stderrIsTTY: boolean;
  /** $CI is set: a CI runner's log, where a progress line is noise even on a terminal */
  ci: boolean;
  /** false with TARIFF_FAST_PATH=0 (the differential tests, the benchmark): every row on the full path */
  fastPath: boolean;
  columns: number;
  /** tables wrap their descriptions to this width: the terminal's, $COLUMNS in a pipe, or none (--wide) */
  tableWidth: number;
}

/** rejected rows said on stderr one by one; the rest are counted (and all in --rejects) */
export const STDERR_REJECTIONS = 50;
/** a batch's --format table shows this many rows (calc refuses more; audit and refund show the first) */
export const TABLE_ROWS = 2000;

/** The `n`th rejected row of `name`, at `line`, on stderr — the first STDERR_REJECTIONS of them. */
export function sayRejected(ctx: RunContext, n: number, name: string, line: number, message: string): void {
  if (n <= STDERR_REJECTIONS && !ctx.quiet) ctx.err.write(`${ctx.ce.red(`${name}:${line}:`)} ${message}\n`);
}

/** After a run: how many rejected rows stderr did not show, and where they all are. */
export function sayMoreRejected(ctx: RunContext, rejected: number, rejectsFile: string | undefined): void {
  if (rejected > STDERR_REJECTIONS && !ctx.quiet) {
    const where = rejectsFile ? ` (all in ${rejectsFile})` : ' (write them all with --rejects FILE)';
    ctx.err.write(`… and ${rejected - STDERR_REJECTIONS} more rejected rows${where}\n`);
  }
}

/** An input with a header and no data rows: a warning, and `what` it means for the command. */
export function sayHeaderOnly(ctx: RunContext, name: string, what = ''): void {
  if (!ctx.quiet) warn(ctx, `${name} has a header but no data rows${what}`);
}

/** A line for --verbose. */
export function info(ctx: RunContext, message: string): void {
  if (ctx.verbose) ctx.err.write(`tariff: ${message}\n`);
}

/** A note on stderr: something was assumed that the user may want to say explicitly. */
export function note(ctx: RunContext, message: string): void {
  if (!ctx.quiet) ctx.err.write(`${ctx.ce.cyan('note:')} ${message}\n`);
}

export function warn(ctx: RunContext, message: string): void {
  ctx.err.write(`${ctx.ce.yellow('warning:')} ${message}\n`);
}

/** runs already told that the schedule may be stale: once a run is enough */
const warnedStale = new WeakSet<RunContext>();

export function staleWarning(ctx: RunContext, schedule: Schedule, date: string): void {
  if (date > schedule.meta.verifiedThrough && !warnedStale.has(ctx)) {
    warnedStale.add(ctx);
    warn(ctx, `${date} is after the schedule's verifiedThrough date (${schedule.meta.verifiedThrough}): rates after that date may be stale`);
  }
}
