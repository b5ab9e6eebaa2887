/**
 * Reading a whole input file that is expected to be a file (a schedule, a scenario overlay, an HTS
 * export): a regular file up to a cap; a pipe or FIFO (`--schedule <(gen)`, /dev/stdin) read
 * asynchronously, so that SIGINT, SIGTERM and SIGHUP end a run whose FIFO has no writer (the wait
 * is on a libuv thread, never on the main one), and only up to the cap; a device (/dev/zero,
 * /dev/urandom, a disk) or a socket refused at once, before a byte is read.
 */
import { statSync, readFileSync, type Stats } from 'node:fs';
import { open } from 'node:fs/promises';
import { InputFileError, ScheduleError } from '../errors.js';
import { fsReason } from './fs-words.js';

/** "no such file or folder (ENOENT)": the one wording of file-system errors (fs-words.ts) */
export const readReason = fsReason;

const MiB = 1024 * 1024;

/** What is refused as an input file, in words; undefined for a regular file, a pipe or a FIFO. */
function notAFile(st: Stats): string | undefined {
  if (st.isDirectory()) return 'a directory';
  if (st.isCharacterDevice()) return 'a device';
  if (st.isBlockDevice()) return 'a disk device';
  if (st.isSocket()) return 'a socket';
  return undefined;
}

/**
 * The bytes of `file`, the `what` file of the run ("schedule", "scenario", "HTS export"). A file
 * or pipe over `cap` bytes is refused with exit 78 (the data the run depends on is invalid);
 * anything that cannot be read, or is not a file or a pipe, with exit 66.
 */
export async function readInputFile(file: string, what: string, cap: number): Promise<Buffer> {
  let st: Stats;
  try {
    st = statSync(file);
  } catch (e) {
    throw new InputFileError(`${file}: cannot read the ${what} file: ${readReason(e)}`, ['check the path and permissions']);
  }
  const kind = notAFile(st);
  if (kind)
    throw new InputFileError(`${file}: is ${kind}, not ${/^(HTS|[aeiou])/i.test(what) ? 'an' : 'a'} ${what} file`, [
      `give the path of the ${what} file (a file, or a pipe)`,
    ]);
  const tooBig = (size: string): ScheduleError =>
    new ScheduleError(`${file}: the ${what} file is ${size}, over the limit of ${cap / MiB} MiB`, ['check that it is the file you meant, or split it']);
  if (st.isFile()) {
    if (st.size > cap) throw tooBig(`${st.size} bytes`);
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
    } catch (e) {
      throw new InputFileError(`${file}: cannot read the ${what} file: ${readReason(e)}`);
    }
    // it grew after the stat
    if (bytes.length > cap) throw tooBig(`over ${bytes.length} bytes`);
    return bytes;
  }
  return readPipe(file, what, cap, tooBig);
}

async function readPipe(file: string, what: string, cap: number, tooBig: (size: string) => Error): Promise<Buffer> {
  let fh: Awaited<ReturnType<typeof open>>;
  try {
    fh = await open(file, 'r');
  } catch (e) {
    throw new InputFileError(`${file}: cannot read the ${what} file: ${readReason(e)}`);
  }
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for (;;) {
      const buf = Buffer.allocUnsafe(MiB);
      const { bytesRead } = await fh.read(buf, 0, buf.length, null);
      if (bytesRead === 0) break;
      total += bytesRead;
      // stop reading at the cap: a writer that never stops must not fill the memory
      if (total > cap) throw tooBig(`over ${cap} bytes (read from a pipe)`);
      chunks.push(buf.subarray(0, bytesRead));
    }
  } catch (e) {
    if (e instanceof ScheduleError) throw e;
    throw new InputFileError(`${file}: cannot read the ${what} file: ${readReason(e)}`);
  } finally {
    await fh.close().catch(() => {});
  }
  return Buffer.concat(chunks, total);
}
