/**
 * Output files written atomically: to a temporary file beside the target, renamed over it only
 * when the run succeeds. A failed or interrupted run leaves no partial file behind.
 */
import { createWriteStream, renameSync, unlinkSync, type WriteStream } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { InputFileError } from '../errors.js';

export class AtomicFile {
  readonly stream: WriteStream;
  private readonly tmp: string;
  private done = false;

  constructor(readonly target: string) {
    this.tmp = join(dirname(target), `.${basename(target)}.tmp-${process.pid}`);
    this.stream = createWriteStream(this.tmp, { flags: 'wx' });
    this.stream.on('error', () => {
      /* reported through commit() */
    });
  }

  /** Flushes, closes and renames into place. */
  commit(): Promise<void> {
    this.done = true;
    return new Promise((resolve, reject) => {
      this.stream.end(() => {
        try {
          renameSync(this.tmp, this.target);
          resolve();
        } catch (e) {
          this.abort();
          reject(new InputFileError(`${this.target}: cannot write the output file (${(e as NodeJS.ErrnoException).code ?? 'error'})`));
        }
      });
    });
  }

  /** Drops the temporary file; the target is untouched. Safe to call more than once. */
  abort(): void {
    this.done = true;
    this.stream.destroy();
    try {
      unlinkSync(this.tmp);
    } catch {
      /* already gone */
    }
  }

  get finished(): boolean {
    return this.done;
  }
}
