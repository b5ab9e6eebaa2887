/**
 * Rows from a CSV or NDJSON input, file or stdin, in batches (one per chunk read) so that the
 * consumer can wait for its output to drain between them: memory stays flat however large the
 * input. Every record keeps its physical line number.
 */
import { createReadStream, statSync } from 'node:fs';
import { CsvReader } from '../io/csv.js';
import { InputFileError } from '../errors.js';

export interface Row {
  line: number;
  fields: string[];
  /** set when the record itself is malformed (bad quoting, a field over the size limit) */
  error?: string;
}

export interface RowSource {
  /** display name for messages: the file, or "stdin" */
  name: string;
  /** total bytes when known (a file), for progress */
  size: number | null;
  header: string[] | null;
  batches(): AsyncGenerator<Row[]>;
  /** bytes consumed so far */
  bytesRead(): number;
}

export const MAX_FIELD_CHARS = 1_048_576;

function open(file: string): { stream: NodeJS.ReadableStream; name: string; size: number | null } {
  if (file === '-') return { stream: process.stdin, name: 'stdin', size: null };
  let size: number;
  try {
    const st = statSync(file);
    if (st.isDirectory()) throw new InputFileError(`${file}: is a directory, not an input file`);
    size = st.size;
  } catch (e) {
    if (e instanceof InputFileError) throw e;
    throw new InputFileError(`${file}: cannot read the input file (${(e as NodeJS.ErrnoException).code ?? 'error'})`, ['check the path and permissions']);
  }
  return { stream: createReadStream(file, { highWaterMark: 1 << 16 }), name: file, size };
}

/**
 * Opens the input and reads its header: the first record of a CSV, the keys of the first object
 * of NDJSON (later objects are mapped onto those keys plus any new ones at the end).
 */
export function rowSource(file: string, format: 'csv' | 'ndjson'): RowSource {
  const { stream, name, size } = open(file);
  let read = 0;
  const src: RowSource = {
    name,
    size,
    header: null,
    bytesRead: () => read,
    async *batches() {
      const decoder = new TextDecoder('utf-8');
      const csv = new CsvReader({ maxFieldChars: MAX_FIELD_CHARS });
      let pending: Row[] = [];
      const keys: string[] = [];
      let line = 0;
      let tail = '';
      const onRecord = (r: { fields: string[]; line: number; error?: string }): void => {
        if (src.header === null && !r.error) {
          src.header = r.fields;
          return;
        }
        pending.push(r.error === undefined ? { line: r.line, fields: r.fields } : { line: r.line, fields: r.fields, error: r.error });
      };
      const onJsonLine = (text: string, at: number): void => {
        if (text.trim() === '') return;
        let obj: unknown;
        try {
          obj = JSON.parse(text);
        } catch {
          pending.push({ line: at, fields: [], error: 'not a JSON object (invalid JSON)' });
          return;
        }
        if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) {
          pending.push({ line: at, fields: [], error: 'not a JSON object' });
          return;
        }
        for (const k of Object.keys(obj)) if (!keys.includes(k)) keys.push(k);
        src.header = keys;
        const rec = obj as Record<string, unknown>;
        // numbers keep their JSON text's shortest form, which is exact for up to 15 digits
        pending.push({ line: at, fields: keys.map((k) => (rec[k] === undefined || rec[k] === null ? '' : String(rec[k]))) });
      };
      try {
        for await (const chunk of stream) {
          const buf = chunk as Buffer;
          read += buf.length;
          const text = decoder.decode(buf, { stream: true });
          if (format === 'csv') {
            csv.push(text, onRecord);
          } else {
            const parts = (tail + text).split('\n');
            tail = parts.pop() as string;
            if (tail.length > MAX_FIELD_CHARS) {
              pending.push({ line: line + 1, fields: [], error: `line longer than ${MAX_FIELD_CHARS} characters` });
              tail = '';
            }
            for (const p of parts) onJsonLine(p, ++line);
          }
          if (pending.length) {
            const out = pending;
            pending = [];
            yield out;
          }
        }
      } catch (e) {
        throw new InputFileError(`${name}: read failed (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
      }
      const rest = decoder.decode();
      if (format === 'csv') {
        if (rest) csv.push(rest, onRecord);
        csv.end(onRecord);
      } else if ((tail + rest).trim() !== '') {
        onJsonLine(tail + rest, ++line);
      }
      if (pending.length) yield pending;
    },
  };
  return src;
}
