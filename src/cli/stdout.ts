/**
 * The one stdout every output of the run goes through: Node's own stream for a pipe or a terminal,
 * a checked writer (io/fd-out.ts) for a file or a device, where Node's stream drops the bytes of a
 * short write without an error. cli/main.ts watches it for errors and reports them once (exit 74).
 */
import { FdOut, isSyncFileStream } from '../io/fd-out.js';

let out: NodeJS.WritableStream | null = null;

export function stdout(): NodeJS.WritableStream {
  out ??= isSyncFileStream(process.stdout) ? new FdOut(1) : process.stdout;
  return out;
}

/**
 * stderr carries diagnostics, and a broken stderr (2>/dev/full) does not stop a run; but when the
 * user asked for something there (--summary), losing it is an output not written: exit 74 (with
 * no message: stderr is where it would go). The command says when it writes such a thing.
 */
let stderrAsked = false;
let stderrFailure: Error | null = null;

export function stderrCarriesOutput(): void {
  stderrAsked = true;
}

export function stderrFailed(e: Error): void {
  stderrFailure ??= e;
}

/** True when something asked for on stderr could not be written. */
export function stderrOutputLost(): boolean {
  return stderrAsked && stderrFailure !== null;
}
