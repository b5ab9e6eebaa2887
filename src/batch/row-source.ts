/** Opening a batch input, and the shape of one input row. */
import { fsReason } from '../io/fs-words.js';
import { closeSync, createReadStream, fstatSync, openSync, read, statSync, type Stats } from 'node:fs';
import { wideEncoding } from '../io/wide-encoding.js';
import { DataError, InputFileError } from '../errors.js';

export interface Row {
  line: number;
  fields: string[];
  /** set when the record itself is malformed (bad quoting, a field over the size limit) */
  error?: string;
}

export const MAX_FIELD_CHARS = 1_048_576;
/**
 * The input is handed on in pieces of at most this many bytes (views of the chunks read, no
 * copy), whatever the stream reads at a time: each piece is priced and its output written before
 * the next. A JSON result is ~70 times its input row, so a 64 KB piece made ~5 MB of output text
 * at once; text that big is allocated in the old generation (V8's large-object space), which
 * filled with garbage before a full collection came — faster than ever when stdout is a pipe:
 * 200-260 MB at 1M rows for --format json/ndjson. 4 KB (~300 KB of JSON, ~15 KB of CSV a step)
 * kept every format near the CSV figure (bench/memory.mjs) at no measurable cost in speed; 16 KB
 * was still 150-170 MB for NDJSON into a pipe.
 */
export const PIECE_BYTES = 4 * 1024;
/**
 * CSV out of the fast path is ~2.5 times its input, bytes written as they are: larger pieces cost
 * no memory there and save the per-piece work (300,000 rows: 1.00 s CPU at 64 KB, 1.11 s at 4 KB).
 */
export const CSV_PIECE_BYTES = 64 * 1024;
/** how much of a regular file one read takes (the pieces handed on stay PIECE_BYTES or CSV_PIECE_BYTES) */
export const FILE_READ_BYTES = 1 << 20;
/**
 * how much of a regular file one read takes for the commands that price each row several ways
 * (each-row.ts: refund, compare): a 1 MB chunk lives while its rows are priced (a quarter of a
 * second in refund), long enough to reach V8's old generation, where its memory — outside the JS
 * heap — waits for a full collection: refund held 58 MB of such chunks at 1M rows. A 64 KB chunk
 * is priced and dropped within a young collection.
 */
export const ROW_READ_BYTES = 64 * 1024;
/** a record longer than this (quoted line breaks gone wrong) stops the batch rather than memory */
export const MAX_RECORD_BYTES = 64 * 1024 * 1024;

/**
 * The input stream: a file, or stdin for "-". `size` (bytes) is known for a regular file: for
 * progress, and to notice a file that changes size while it is read.
 */
export function openInput(file: string, readBytes = FILE_READ_BYTES, reuse = false): OpenedInput {
  if (file === '-') return stdinInput();
  let size: number;
  let fd: number;
  try {
    const st = statSync(file);
    if (st.isDirectory()) throw new InputFileError(`${file}: is a directory, not an input file`);
    // a FIFO is opened in the background: opening it blocks until a writer comes, and a blocked
    // main thread would not even see Ctrl-C
    if (st.isFIFO()) return { stream: createReadStream(file, { highWaterMark: 1 << 16 }), name: file, size: null, regular: false };
    size = st.size;
    // open now, so that a permission error is an input-file error here, not a stream error later
    fd = openSync(file, 'r');
    // a file is read 1 MB at a time: each read is a round trip through libuv's thread pool, whose
    // wake-up the main thread waited for at 64 KB (5–15% of a 1M-row run idle, none at 1 MB)
    const stream = reuse && st.isFile() ? fileChunks(fd, readBytes) : createReadStream(file, { fd, highWaterMark: readBytes });
    return { stream, name: file, size: st.isFile() ? size : null, regular: st.isFile() };
  } catch (e) {
    if (e instanceof InputFileError) throw e;
    throw new InputFileError(`${file}: cannot read the input file (${fsReason(e)})`, ['check the path and permissions']);
  }
}

/** an opened input: its chunks, its name for messages, its size (a regular file's) */
export interface OpenedInput {
  stream: AsyncIterable<Buffer>;
  name: string;
  size: number | null;
  regular: boolean;
}

/**
 * A regular file's chunks, read into two buffers of `size` bytes taken in turn (the next read
 * under way while the consumer works on the chunk before): for a consumer that is done with every
 * byte of a chunk (views of it included) before it asks for the next one. A stream reads each
 * chunk into a fresh buffer: 1M rows (76 MB) made 76 buffers of new pages for the kernel to fault
 * in and the GC to free, ~0.2 s of CPU (most of it system time) that two reused buffers do not cost.
 */
export async function* fileChunks(fd: number, size: number): AsyncGenerator<Buffer> {
  const bufs = [Buffer.allocUnsafeSlow(size), Buffer.allocUnsafeSlow(size)];
  let turn = 0;
  let next: Promise<number> | null = readInto(fd, bufs[0] as Buffer);
  try {
    for (;;) {
      const n: number = await next;
      next = null;
      if (n === 0) return;
      const b = bufs[turn] as Buffer;
      turn ^= 1;
      next = readInto(fd, bufs[turn] as Buffer);
      yield b.subarray(0, n);
    }
  } finally {
    // a consumer that stops early: the read under way ends before the file is closed
    if (next !== null) await next.catch(() => 0);
    closeSync(fd);
  }
}

function readInto(fd: number, b: Buffer): Promise<number> {
  return new Promise((resolve, reject) => read(fd, b, 0, b.length, null, (e, n) => (e ? reject(e) : resolve(n))));
}

const NO_INPUT_HINT = 'pipe the input in (… | tariff …), redirect a file (< FILE) or name it with --input FILE';

/** True for the null device: st is a character device, and the same one as /dev/null. */
function isDevNull(st: { isCharacterDevice(): boolean; rdev: number }): boolean {
  if (!st.isCharacterDevice()) return false;
  try {
    return statSync('/dev/null').rdev === st.rdev;
  } catch {
    return false; // no /dev/null (not a POSIX system): nothing to compare with
  }
}

/**
 * stdin: a directory, a closed descriptor or /dev/null is no input (66), not an empty one (65).
 * Node reopens a closed fd 0 (`<&-`) on /dev/null before any code runs, so the two cannot be told
 * apart: both mean that nothing was given to read (an empty pipe or file still is an empty input).
 */
function stdinInput(): OpenedInput {
  let st: Stats;
  try {
    st = fstatSync(0);
  } catch (e) {
    throw new InputFileError(`stdin: cannot read the input (${fsReason(e)}: stdin is closed)`, [NO_INPUT_HINT]);
  }
  if (st.isDirectory()) throw new InputFileError('stdin: is a directory, not an input file', ['redirect a file, not a folder: --input FILE or < FILE']);
  if (isDevNull(st)) throw new InputFileError('stdin: no input to read: stdin is closed or is /dev/null', [NO_INPUT_HINT]);
  // not checked for size: a redirected file may be read from where a previous reader left it
  return { stream: process.stdin, name: 'stdin', size: null, regular: false };
}

/**
 * A chunk read, in pieces of at most `size` bytes, each cut just after its last LF when that lies
 * in its second half: most pieces then end where a record ends, and the splitter hands them on as
 * they are instead of joining each one to the partial record the piece before left (a copy of the
 * whole piece). Where a piece is cut changes nothing else: the splitter takes any cut.
 */
export function* pieces(b: Buffer, size: number): Generator<Buffer> {
  for (let at = 0; at < b.length; ) {
    let end = Math.min(b.length, at + size);
    if (end < b.length) {
      const lf = b.lastIndexOf(LF_BYTE, end - 1);
      if (lf >= at + (size >> 1)) end = lf + 1;
    }
    yield b.subarray(at, end);
    at = end;
  }
}

const LF_BYTE = 10;

/**
 * The input's chunks; a read error (EIO, EACCES on a special file ...) is an input-file error (66),
 * and so is a regular file that shrank or grew while it was read: its last rows would be priced
 * cut short, or half-written.
 */
export async function* readable(
  input: { stream: AsyncIterable<unknown>; name: string; size?: number | null; regular?: boolean },
  pieceBytes = PIECE_BYTES,
): AsyncGenerator<Buffer> {
  let bytes = 0;
  try {
    for await (const chunk of input.stream) {
      const b = chunk as Buffer;
      const wide = bytes === 0 ? wideEncoding(b) : null;
      if (wide !== null) {
        // read as UTF-8 it would be one malformed header and rows of NUL bytes
        const family = wide.slice(0, 6);
        throw new DataError(`${input.name}: the input is ${wide}; tariff reads UTF-8`, [
          `save it as "CSV UTF-8" (Excel) or convert it: iconv -f ${family}${wide.includes('little') ? 'LE' : 'BE'} -t UTF-8 FILE`,
        ]);
      }
      bytes += b.length;
      if (b.length <= pieceBytes) yield b;
      else yield* pieces(b, pieceBytes);
    }
  } catch (e) {
    if (e instanceof DataError) throw e;
    throw new InputFileError(`${input.name}: cannot read the input file (${fsReason(e)})`, ['check the path and permissions']);
  }
  if (input.regular && typeof input.size === 'number' && bytes !== input.size) {
    throw new InputFileError(`${input.name}: the file changed while it was read (${input.size} bytes when opened, ${bytes} read)`, [
      'price a finished file: copy it first if something is still writing it',
    ]);
  }
}
