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
