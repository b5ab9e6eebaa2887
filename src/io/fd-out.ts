/**
 * A checked writer for a file descriptor that Node writes synchronously: stdout redirected to a
 * file or a device (`> out.txt`, `> /dev/full`), or a device named by `-o` (`-o /dev/null`).
 *
 * Node's own stream for such a stdout (SyncWriteStream) calls write(2) once per chunk and ignores
 * how many bytes it wrote: under `ulimit -f` the kernel writes what fits and returns the count,
 * and the rest is dropped without an error (a 12 kB table became 1,024 bytes, exit 0). Here every
 * write is repeated until every byte is out; a write that takes nothing, or fails (EFBIG on the
 * next try, ENOSPC, EIO), is an error event, which the caller turns into exit 74.
 *
 * Pipes and terminals keep Node's asynchronous stream: libuv writes partial writes to the end
 * and reports errors itself.
 */
import { writeSync } from 'node:fs';
import { Writable } from 'node:stream';

/** Writes all of `bytes` to `fd`, or throws the error of the write that failed. */
export function writeAllSync(fd: number, bytes: Uint8Array): void {
  let off = 0;
  while (off < bytes.length) {
    const n = writeSync(fd, bytes, off, bytes.length - off);
    if (n <= 0) {
      // a device that takes nothing and says nothing: do not spin on it
      throw Object.assign(new Error('short write: the device took no bytes'), { code: 'EIO' });
    }
    off += n;
  }
}

export class FdOut extends Writable {
  constructor(readonly fd: number) {
    // Writable would otherwise close fd 1 on destroy(): stdout stays open for the exit messages
    super({ decodeStrings: true, autoDestroy: true, emitClose: true });
  }

  override _write(chunk: Buffer, _enc: BufferEncoding, done: (e?: Error | null) => void): void {
    try {
      writeAllSync(this.fd, chunk);
      done();
    } catch (e) {
      done(e as Error);
    }
  }

  override _writev(chunks: { chunk: Buffer }[], done: (e?: Error | null) => void): void {
    try {
      for (const { chunk } of chunks) writeAllSync(this.fd, chunk);
      done();
    } catch (e) {
      done(e as Error);
    }
  }
}

/** True when Node writes `stream` synchronously to a file or a device (its `_type` is 'fs'). */
export function isSyncFileStream(stream: NodeJS.WritableStream): boolean {
  return (stream as { _type?: string })._type === 'fs';
}
