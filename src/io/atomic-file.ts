/**
 * Output files written atomically: to a temporary file beside the target, renamed over it only
 * when every byte was written, flushed and synced. A failed or interrupted run leaves the target
 * as it was and no temporary file behind.
 *
 * - The temporary name is unguessable (random) and opened exclusively, so a file left by an earlier
 *   run (or by anyone else) is never written into, let alone renamed over the target.
 * - A write error (full disk, `ulimit -f`, EIO) is remembered: `commit()` then removes the
 *   temporary file and throws an OutputError (exit 74) instead of renaming.
 * - An existing target keeps its permission bits. A target that is a symbolic link is written
 *   through: the file the link points to is replaced, the link stays.
 * - Every open temporary file is known here, so that a signal handler can remove them all.
 */
import {
  closeSync,
  createWriteStream,
  fchmodSync,
  fsyncSync,
  lstatSync,
  openSync,
  readlinkSync,
  renameSync,
  statSync,
  unlinkSync,
  type Stats,
  type WriteStream,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { OutputError, UsageError } from '../errors.js';

const open = new Set<AtomicFile>();

/** Removes every temporary file not yet committed (signal handlers: synchronous, best effort). */
export function removeAllTemps(): number {
  let n = 0;
  for (const f of [...open]) {
    f.abort();
    n++;
  }
  return n;
}

const REASONS: Record<string, string> = {
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is exceeded',
  EFBIG: 'the file is larger than the file-size limit (ulimit -f)',
  EIO: 'an I/O error on the device',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'the file system is read-only',
  ENOENT: 'the folder does not exist',
  ENOTDIR: 'a part of the path is not a folder',
  EISDIR: 'it is a folder',
  ELOOP: 'too many symbolic links',
  ENAMETOOLONG: 'the name is too long',
  EPIPE: 'the reader went away',
};

/** "the disk is full (ENOSPC)" */
export function ioReason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException)?.code;
  if (!code) return (e as Error)?.message ?? String(e);
  return `${REASONS[code] ?? 'write error'} (${code})`;
}

/** The file a write to `target` lands in: symbolic links followed (even a dangling one). */
export function writeTarget(target: string): string {
  let path = resolve(target);
  for (let hops = 0; hops < 40; hops++) {
    let st: Stats;
    try {
      st = lstatSync(path);
    } catch {
      return path; // does not exist yet: created here
    }
    if (!st.isSymbolicLink()) return path;
    path = resolve(dirname(path), readlinkSync(path));
  }
  throw new OutputError(`${target}: cannot write the output file: ${REASONS.ELOOP} (ELOOP)`);
}

export class AtomicFile {
  readonly stream: WriteStream;
  /** where the data lands: the target, or the file a symbolic link target points to */
  readonly dest: string;
  private readonly tmp: string;
  private fd: number | null;
  private failure: unknown = null;
  private done = false;

  /** Opens the temporary file now, so that a missing folder or a permission problem stops the run before any input is read. */
  constructor(readonly target: string) {
    this.dest = writeTarget(target);
    let mode: number | null = null;
    try {
      const st = statSync(this.dest);
      if (st.isDirectory()) throw new UsageError(`${target}: is a folder, not an output file`, ['name a file inside it']);
      if (!st.isFile())
        throw new UsageError(`${target}: is not a regular file (a device or a pipe cannot be replaced atomically)`, [
          'write to stdout and redirect it instead',
        ]);
      mode = st.mode & 0o7777;
    } catch (e) {
      if (e instanceof UsageError) throw e;
      // does not exist yet: created with the default mode (umask applies)
    }
    this.tmp = join(dirname(this.dest), `.${basename(this.dest)}.${randomBytes(9).toString('base64url')}.tmp`);
    try {
      // exclusive: never write into a file this run did not create
      this.fd = openSync(this.tmp, 'wx', mode ?? 0o666);
      if (mode !== null) fchmodSync(this.fd, mode);
    } catch (e) {
      throw new OutputError(`${target}: cannot write the output file: ${ioReason(e)}`, [
        (e as NodeJS.ErrnoException).code === 'ENOENT' ? `create the folder ${dirname(this.dest)} first` : `check the folder ${dirname(this.dest)}`,
      ]);
    }
    open.add(this);
    this.stream = createWriteStream(this.tmp, { fd: this.fd, autoClose: false });
    this.stream.on('error', (e) => {
      this.failure ??= e;
    });
  }

  /** The first write error, if any: the run must stop, and commit() would refuse. */
  get error(): unknown {
    return this.failure;
  }

  /** An OutputError for the first write error (the temporary file is removed). */
  failed(): OutputError {
    this.abort();
    return new OutputError(`${this.target}: cannot write the output file: ${ioReason(this.failure)}`, [
      `nothing was written: ${this.target} is as it was before the run`,
    ]);
  }

  /** Flushes, syncs, closes and renames into place; throws (and removes the temporary file) on any write error. */
  async commit(): Promise<void> {
    if (this.done) throw new Error(`${this.target}: committed after it was closed`);
    if (this.failure === null) await endStream(this.stream);
    if (this.failure !== null) throw this.failed();
    try {
      fsyncSync(this.fd as number);
      closeSync(this.fd as number);
      this.fd = null;
      renameSync(this.tmp, this.dest);
    } catch (e) {
      this.failure = e;
      throw this.failed();
    }
    this.done = true;
    open.delete(this);
  }

  /** Drops the temporary file; the target is untouched. Safe to call more than once, and from a signal handler. */
  abort(): void {
    if (this.done) return;
    this.done = true;
    open.delete(this);
    if (this.fd !== null) {
      // destroying the stream closes the descriptor (autoClose or not; after any write in flight,
      // and also when a write error destroyed it already): closing it here as well would close it
      // twice, and the second close could hit a file opened since. Once commit() has closed it,
      // the stream must not be destroyed for the same reason.
      this.stream.destroy();
      this.fd = null;
    }
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

/** Ends a write stream and waits until it has finished or failed (the failure is the stream's own listener's to record). */
export function endStream(stream: NodeJS.WritableStream): Promise<void> {
  return new Promise<void>((res) => {
    stream.once('finish', res);
    stream.once('error', () => res());
    stream.end();
  });
}
