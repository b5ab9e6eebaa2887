/**
 * Where an output goes, decided before anything is read: `-o -` is stdout, `-o ""` a mistake, a
 * character device (`-o /dev/null`) is written as it is (nothing to replace atomically), anything
 * else a file written atomically (atomic-file.ts). And an output that is one of the run's inputs —
 * by name, through a symbolic link, `..`, or a hard link — is refused: the run would replace the
 * input it is reading (`tariff calc x.csv --rejects x.csv`).
 */
import { closeSync, openSync, statSync, type Stats } from 'node:fs';
import { OutputError, UsageError } from '../errors.js';
import { endStream, ioReason } from './atomic-file.js';
import { FdOut } from './fd-out.js';

/** An output a sink writes: an atomic file, or a device written directly. */
export interface OutputFile {
  readonly stream: NodeJS.WritableStream;
  readonly target: string;
  /** the file written: symbolic links followed */
  readonly dest: string;
  readonly error: unknown;
  readonly finished: boolean;
  failed(): OutputError;
  commit(): Promise<void>;
  abort(): void;
}

function statOrNull(path: string): Stats | null {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

/** `-o -` is stdout (undefined); `-o ""` is a usage error; otherwise the path. */
export function outputPath(flag: string, value: string | undefined): string | undefined {
  if (value === undefined || value === '-') return undefined;
  if (value === '') throw new UsageError(`${flag} "": an empty file name`, [`name a file, or give ${flag} - (or leave it out) for stdout`]);
  return value;
}

/** True when `path` names an existing character device (/dev/null, /dev/full, a terminal). */
export function isDevice(path: string): boolean {
  return statOrNull(path)?.isCharacterDevice() ?? false;
}

/**
 * Refuses (exit 2) an output that is the same file as one of `inputs` ("-" and missing files are
 * never the same). Files are compared by device and inode, so a symbolic link, a `..` or a hard
 * link to an input is caught as well as its own name. Devices are not files: `-o /dev/null` with
 * `--input /dev/stdin` is fine.
 */
export function refuseInputAsOutput(
  outputs: readonly (readonly [flag: string, path: string | undefined])[],
  inputs: readonly (readonly [flag: string, path: string | undefined | null])[],
): void {
  const ins: [string, string, Stats][] = [];
  for (const [flag, path] of inputs) {
    if (!path || path === '-') continue;
    const st = statOrNull(path);
    if (st?.isFile()) ins.push([flag, path, st]);
  }
  for (const [flag, path] of outputs) {
    if (!path) continue;
    const st = statOrNull(path);
    if (!st?.isFile()) continue;
    const same = ins.find(([, , s]) => s.dev === st.dev && s.ino === st.ino);
    if (same) {
      throw new UsageError(`${flag} ${path} is the same file as the input ${same[0]} ${same[1]}: writing it would destroy what is being read`, [
        'write the output to a file of its own',
      ]);
    }
  }
}

/** A character device named as an output: written directly, through the checked writer. */
export class DeviceFile implements OutputFile {
  readonly stream: FdOut;
  readonly dest: string;
  private failure: unknown = null;
  private done = false;
  private fd: number | null;

  constructor(readonly target: string) {
    this.dest = target;
    try {
      this.fd = openSync(target, 'w');
    } catch (e) {
      throw new OutputError(`${target}: cannot write to the device: ${ioReason(e)}`);
    }
    this.stream = new FdOut(this.fd);
    this.stream.on('error', (e) => {
      this.failure ??= e;
    });
  }

  get error(): unknown {
    return this.failure;
  }

  get finished(): boolean {
    return this.done;
  }

  failed(): OutputError {
    this.abort();
    return new OutputError(`${this.target}: cannot write to the device: ${ioReason(this.failure)}`, ['the output is incomplete']);
  }

  async commit(): Promise<void> {
    if (this.failure === null) await endStream(this.stream);
    if (this.failure !== null) throw this.failed();
    this.abort();
  }

  abort(): void {
    if (this.done) return;
    this.done = true;
    if (this.fd !== null) {
      try {
        closeSync(this.fd);
      } catch {
        /* closed already */
      }
      this.fd = null;
    }
  }
}
