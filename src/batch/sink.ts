/**
 * The one way out of a batch (calc, compare, timeline, refund): the output — stdout, or with -o an
 * atomic file — and the optional rejects file, each behind an OutBuffer (back-pressure; a reader
 * that goes away closes it), the progress line, the clean-up on SIGINT/SIGTERM/SIGHUP, the check
 * for write errors, and the commit or abort that ends it.
 *
 * The promise: an output file is either complete and committed, or its target is exactly as it
 * was and no temporary file is left, whichever way the run ends (an error, a signal, a full disk).
 *
 * Order matters, and is kept here so that no command has to get it right on its own:
 * - the files are opened (as temporary files) when the sink is, before the input: a missing folder
 *   or a permission problem stops the run at once, not after a FIFO has been waited for;
 * - the signal clean-up is registered before the first file is opened and removed only once the
 *   sink has been committed or aborted, so no temporary file outlives a signal;
 * - the progress line is erased before the last output is written (a terminal shows both).
 *
 * Write errors on stdout are not the sink's business: cli/main.ts reports them once, at the end
 * (exit 74; EPIPE, a reader gone, ends quietly with 0).
 */
import { AtomicFile, writeTarget } from '../io/atomic-file.js';
import { DeviceFile, isDevice, outputPath, refuseInputAsOutput, type OutputFile } from '../io/out-targets.js';
import { excelStream, type ExcelOptions } from '../io/excel-output.js';
import { OutBuffer } from '../io/out-buffer.js';
import { UsageError } from '../errors.js';
import { onInterrupt, setProgress } from './interrupt.js';
import { Progress, type RunStreams } from './progress.js';

export interface SinkTargets {
  /** -o FILE: written atomically (a device such as /dev/null directly); without it, or `-o -`, the output goes to ctx.out */
  output?: string;
  /** --rejects FILE: the rejected rows, written atomically */
  rejects?: string;
  /** the run's input files, by flag: an output that is one of them is refused */
  inputs?: readonly (readonly [flag: string, path: string | undefined | null])[];
  /** --bom / --crlf for the files (ctx.out already carries them for stdout) */
  excel?: ExcelOptions;
}

/** What the sink takes from the process; tests pass their own to watch it or to provoke faults. */
export interface SinkHooks {
  onInterrupt: (cleanup: () => boolean) => () => void;
  setProgress: (describe: (() => string) | null) => void;
  openFile: (target: string) => OutputFile;
}

const PROCESS_HOOKS: SinkHooks = { onInterrupt, setProgress, openFile: (target) => (isDevice(target) ? new DeviceFile(target) : new AtomicFile(target)) };

/**
 * The output paths of `targets`, checked without opening anything: `-o ""` is a usage error,
 * `-o -` is stdout, and an output that is one of the inputs is refused. Commands call it before
 * they read anything (the schedule included); BatchSink.open calls it again.
 */
export function checkTargets(targets: SinkTargets): { output: string | undefined; rejects: string | undefined } {
  const output = outputPath('-o', targets.output);
  if (targets.rejects === '-') throw new UsageError('--rejects -: stdout carries the output', ['name a file for the rejected rows']);
  const rejects = outputPath('--rejects', targets.rejects);
  refuseInputAsOutput(
    [
      ['-o', output],
      ['--rejects', rejects],
    ],
    targets.inputs ?? [],
  );
  return { output, rejects };
}

export class BatchSink {
  /** the output: append, then flush() at a convenient point */
  readonly out: OutBuffer;
  /** the rejected rows (--rejects), or null */
  readonly rejects: OutBuffer | null;
  private readonly files: OutputFile[];
  private progressLine: Progress | null = null;
  private offInterrupt: (() => void) | null;
  private ended = false;

  private constructor(
    private readonly ctx: RunStreams,
    output: OutputFile | null,
    rejectsFile: OutputFile | null,
    excel: ExcelOptions,
    offInterrupt: () => void,
    private readonly hooks: SinkHooks,
  ) {
    this.files = [output, rejectsFile].filter((f): f is OutputFile => f !== null);
    this.offInterrupt = offInterrupt;
    this.out = new OutBuffer(output ? excelStream(output.stream, excel) : ctx.out);
    this.rejects = rejectsFile ? new OutBuffer(excelStream(rejectsFile.stream, excel)) : null;
  }

  /**
   * Opens every output now (before the input is opened): throws UsageError or OutputError, with
   * nothing left behind, when one cannot be written.
   */
  static open(ctx: RunStreams, targets: SinkTargets = {}, hooks: SinkHooks = PROCESS_HOOKS): BatchSink {
    const { output: outputTarget, rejects: rejectsTarget } = checkTargets(targets);
    const opened: OutputFile[] = [];
    // a signal while the files are being opened removes those opened so far
    const off = hooks.onInterrupt(() => {
      let removed = false;
      for (const f of opened) {
        removed = !f.finished || removed;
        f.abort();
      }
      return removed;
    });
    try {
      const output = outputTarget ? hooks.openFile(outputTarget) : null;
      if (output) opened.push(output);
      if (rejectsTarget && output && !isDevice(rejectsTarget) && writeTarget(rejectsTarget) === output.dest) {
        throw new UsageError(`--rejects ${rejectsTarget} is the same file as -o ${outputTarget}`, ['write the rejected rows to a file of their own']);
      }
      const rejects = rejectsTarget ? hooks.openFile(rejectsTarget) : null;
      if (rejects) opened.push(rejects);
      return new BatchSink(ctx, output, rejects, targets.excel ?? {}, off, hooks);
    } catch (e) {
      for (const f of opened) f.abort();
      off();
      throw e;
    }
  }

  /**
   * The progress line for an input of `size` bytes (null: unknown), erased when the sink ends;
   * `describe` says how far the run got in the message of an interrupt ("after 12 rows").
   */
  progress(size: number | null, describe?: () => string): Progress {
    this.progressLine?.clear();
    this.progressLine = new Progress(this.ctx, size);
    if (describe) this.hooks.setProgress(describe);
    return this.progressLine;
  }

  /** The output's stream has closed (on stdout: the reader went away, `| head`): nothing more is written, the run may stop. */
  get closed(): boolean {
    return this.out.closed;
  }

  /**
   * Throws the OutputError (exit 74) of the first output file that failed, once: the run is over,
   * so every temporary file is removed with it, and the sink is ended.
   */
  check(): void {
    if (this.ended) return;
    const failed = this.files.find((f) => f.error);
    if (!failed) return;
    const error = failed.failed();
    this.abort();
    throw error;
  }

  /** Writes what is buffered, waiting while the outputs are full, then checks for write errors. */
  async flush(): Promise<void> {
    await this.out.flush();
    if (this.rejects) await this.rejects.flush();
    this.check();
  }

  /**
   * Everything is written: the last buffered text goes out and the files are renamed into place.
   * On any failure every file not yet committed is removed, and the error is thrown.
   */
  async commit(): Promise<void> {
    if (this.ended) throw new Error('the batch output was committed after it had ended');
    this.endProgress();
    try {
      await this.flush();
      for (const f of this.files) await f.commit();
    } catch (e) {
      this.abort();
      throw e;
    }
    this.end();
  }

  /** The run failed or stopped: the targets stay as they were, no temporary file is left. Safe to call more than once. */
  abort(): void {
    this.endProgress();
    for (const f of this.files) f.abort();
    this.end();
  }

  /** Erases the progress line (the run's last output follows). */
  endProgress(): void {
    this.progressLine?.clear();
  }

  private end(): void {
    if (this.ended) return;
    this.ended = true;
    this.offInterrupt?.();
    this.offInterrupt = null;
    this.hooks.setProgress(null);
  }
}
