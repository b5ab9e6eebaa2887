/**
 * A progress line on a terminal's stderr for long batches: rows, rows/s, percentage and ETA,
 * redrawn at most ten times a second and erased at the end. Nothing in pipes, CI, or with --quiet.
 */

/** What a batch run writes to besides its output: the command's streams and flags (the CLI's Ctx has them). */
export interface RunStreams {
  out: NodeJS.WritableStream;
  err: NodeJS.WritableStream;
  quiet: boolean;
  stderrIsTTY: boolean;
  /** a CI runner (the CLI reads $CI): no progress line; the environment is read by the CLI, not here */
  ci?: boolean;
}

const MIN_BYTES = 4 * 1024 * 1024;

/** 42 → "42s", 125 → "2m05s", 3725 → "1h02m" */
export function duration(secs: number): string {
  if (secs < 60) return `${secs}s`;
  if (secs < 3600) return `${Math.floor(secs / 60)}m${String(secs % 60).padStart(2, '0')}s`;
  return `${Math.floor(secs / 3600)}h${String(Math.floor((secs % 3600) / 60)).padStart(2, '0')}m`;
}

export class Progress {
  private readonly on: boolean;
  private readonly start: number;
  private last = 0;
  private shown = false;

  /** `clock`: milliseconds now (a test gives its own, to check the rate of redraws and the figures) */
  constructor(
    private readonly ctx: RunStreams,
    private readonly total: number | null,
    private readonly clock: () => number = Date.now,
  ) {
    this.on = ctx.stderrIsTTY && !ctx.quiet && !ctx.ci && (total === null || total >= MIN_BYTES);
    this.start = clock();
  }

  update(bytes: number, rows: number): void {
    if (!this.on) return;
    const now = this.clock();
    if (now - this.last < 100) return;
    this.last = now;
    const secs = Math.max(0.001, (now - this.start) / 1000);
    const rate = Math.round(rows / secs);
    let text = `${rows.toLocaleString('en-US')} rows, ${rate.toLocaleString('en-US')} rows/s`;
    if (this.total) {
      // a delimiter rewrite can make the bytes read a little more than the file's size
      const done = Math.min(1, bytes / this.total);
      const eta = done > 0 ? Math.max(0, Math.round(secs / done - secs)) : 0;
      text += `, ${Math.floor(done * 100)}%, ETA ${duration(eta)}`;
    }
    this.ctx.err.write(`\r\x1b[K${text}`);
    this.shown = true;
  }

  clear(): void {
    if (this.shown) this.ctx.err.write('\r\x1b[K');
    this.shown = false;
  }
}
