/**
 * Reads a batch input row by row in this thread (for commands that price each row several ways:
 * compare, refund). Header first, then every record with its line number; output can be flushed
 * between chunks through `afterChunk`.
 */
import { CsvReader } from '../io/csv.js';
import { DataError } from '../errors.js';
import { asCommaCsv } from '../io/delimiter.js';
import { MAX_FIELD_CHARS, MAX_RECORD_BYTES, openInput, readable, type Row } from './row-source.js';
import { ndjsonHeader } from './columns.js';
import { jsonLines } from './json-lines.js';
import { Splitter } from './splitter.js';

/** The progress line of a long batch (cli/progress.ts on a terminal). */
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
  const input = openInput(file);
  const progress = delimiter.progress?.(input.size);
  let bytes = 0;
  let rows = 0;
  const countedRow = (row: Row): void => {
    rows++;
    onRow(row);
  };
  const splitter = new Splitter(format);
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  let header: string[] | null = null;
  const feed = (bytes: Uint8Array, firstLine: number): void => {
    const text = decoder.decode(bytes);
    if (format === 'csv') {
      const reader = new CsvReader({ stripBom: false, firstLine, maxFieldChars: MAX_FIELD_CHARS, lineBreak: splitter.lineBreak });
      reader.push(text, countedRow);
      reader.end(countedRow);
      return;
    }
    jsonLines(text, firstLine, header as string[], countedRow, false);
  };
  const begin = (): void => {
    if (header === null && splitter.header !== null) {
      // NDJSON: later objects may carry optional keys the first one lacks
      header = format === 'ndjson' ? ndjsonHeader(splitter.header, []) : splitter.header;
      onHeader(header, input.name);
    }
  };
  const chunks = format === 'csv' ? asCommaCsv(readable(input), delimiter.flag, (m) => delimiter.note(`${input.name}: ${m}`)) : readable(input);
  try {
    for await (const chunk of chunks) {
      bytes += chunk.length;
      const slice = splitter.push(chunk as Buffer);
      begin();
      if (splitter.pendingBytes > MAX_RECORD_BYTES) throw splitter.tooLong(input.name, MAX_RECORD_BYTES);
      if (slice && header) feed(slice.bytes, slice.firstLine);
      await afterChunk();
      progress?.update(bytes, rows);
    }
  } finally {
    progress?.clear();
  }
  const last = splitter.end();
  begin();
  if (header === null) {
    throw new DataError(
      splitter.headerError ? `${input.name}:1: the header row is malformed: ${splitter.headerError}` : `${input.name}: the input is empty (no header row)`,
      ['the first line must name the columns'],
    );
  }
  if (last) feed(last.bytes, last.firstLine);
  await afterChunk();
  return { name: input.name };
}
