/** Opening a batch input, and the shape of one input row. */
import { closeSync, createReadStream, openSync, statSync } from 'node:fs';
import { InputFileError } from '../errors.js';

export interface Row {
  line: number;
  fields: string[];
  /** set when the record itself is malformed (bad quoting, a field over the size limit) */
  error?: string;
}

export const MAX_FIELD_CHARS = 1_048_576;
/** a record longer than this (quoted line breaks gone wrong) stops the batch rather than memory */
export const MAX_RECORD_BYTES = 64 * 1024 * 1024;

/** The input stream: a file, or stdin for "-"; `size` (bytes) when known, for progress. */
export function openInput(file: string): { stream: NodeJS.ReadableStream; name: string; size: number | null } {
  if (file === '-') return { stream: process.stdin, name: 'stdin', size: null };
  let size: number;
  let fd: number;
  try {
    const st = statSync(file);
    if (st.isDirectory()) throw new InputFileError(`${file}: is a directory, not an input file`);
    size = st.size;
    // open now, so that a permission error is an input-file error here, not a stream error later
    fd = openSync(file, 'r');
  } catch (e) {
    if (e instanceof InputFileError) throw e;
    throw new InputFileError(`${file}: cannot read the input file (${(e as NodeJS.ErrnoException).code ?? 'error'})`, ['check the path and permissions']);
  }
  try {
    return { stream: createReadStream(file, { fd, highWaterMark: 1 << 16 }), name: file, size };
  } catch (e) {
    closeSync(fd);
    throw e;
  }
}

/** The input's chunks; a read error (EIO, EACCES on a special file ...) is an input-file error (66). */
export async function* readable(input: { stream: NodeJS.ReadableStream; name: string }): AsyncGenerator<Buffer> {
  try {
    for await (const chunk of input.stream) yield chunk as Buffer;
  } catch (e) {
    throw new InputFileError(`${input.name}: cannot read the input file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, ['check the path and permissions']);
  }
}
