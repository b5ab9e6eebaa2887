/**
 * Reads a batch input row by row in this thread (for commands that price each row several ways:
 * compare, refund). Header first, then every record with its line number; output can be flushed
 * between chunks through `afterChunk`.
 */
import { CsvReader } from '../io/csv.js';
import { BatchInput } from './input.js';
import { MAX_FIELD_CHARS, ROW_READ_BYTES, type Row } from './row-source.js';
import { ndjsonHeader } from './columns.js';
import { jsonLines } from './json-lines.js';

/** The progress line of a long batch (batch/progress.ts on a terminal). */
export interface ProgressSink {
  update(bytes: number, rows: number): void;
  clear(): void;
}

export async function eachRow(
  file: string,
  format: 'csv' | 'ndjson',
  onHeader: (header: string[], name: string) => void,
  onRow: (row: Row) => void,
  afterChunk: () => Promise<void>,
  delimiter: { flag?: string; note: (message: string) => void; progress?: (size: number | null) => ProgressSink } = { note: () => {} },
): Promise<{ name: string }> {
  const input = new BatchInput(file, format, { delimiter: delimiter.flag, note: delimiter.note, readBytes: ROW_READ_BYTES });
  const progress = delimiter.progress?.(input.size);
  let rows = 0;
  const countedRow = (row: Row): void => {
    rows++;
    onRow(row);
  };
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  let header: string[] | null = null;
  const feed = (bytes: Uint8Array, firstLine: number): void => {
    const text = decoder.decode(bytes);
    if (format === 'csv') {
      const reader = new CsvReader({ stripBom: false, firstLine, maxFieldChars: MAX_FIELD_CHARS, lineBreak: input.lineBreak });
      reader.push(text, countedRow);
      reader.end(countedRow);
      return;
    }
    jsonLines(text, firstLine, header as string[], countedRow, false);
  };
  try {
    for await (const { slice, last } of input.slices()) {
      if (header === null && input.header !== null) {
        // NDJSON: later objects may carry optional keys the first one lacks
        header = format === 'ndjson' ? ndjsonHeader(input.header, []) : input.header;
        onHeader(header, input.name);
      }
      if (header === null) continue;
      if (slice.bytes.length) feed(slice.bytes, slice.firstLine);
      await afterChunk();
      if (!last) progress?.update(input.bytes, rows);
    }
  } finally {
    progress?.clear();
  }
  const problem = input.headerProblem({ malformed: HEADER_HINT, empty: HEADER_HINT });
  if (problem) throw problem;
  return { name: input.name };
}

const HEADER_HINT = 'the first line must name the columns';
