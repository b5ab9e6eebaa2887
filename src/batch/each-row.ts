/**
 * Reads a batch input row by row in this thread (for commands that price each row several ways:
 * compare, refund). Header first, then every record with its line number; output can be flushed
 * between chunks through `afterChunk`.
 */
import { CsvReader } from '../io/csv.js';
import { DataError } from '../errors.js';
import { MAX_FIELD_CHARS, MAX_RECORD_BYTES, openInput, readable, type Row } from './row-source.js';
import { jsonLines } from './json-lines.js';
import { Splitter } from './splitter.js';

export async function eachRow(
  file: string,
  format: 'csv' | 'ndjson',
  onHeader: (header: string[], name: string) => void,
  onRow: (row: Row) => void,
  afterChunk: () => Promise<void>,
): Promise<{ name: string }> {
  const input = openInput(file);
  const splitter = new Splitter(format);
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  let header: string[] | null = null;
  const feed = (bytes: Uint8Array, firstLine: number): void => {
    const text = decoder.decode(bytes);
    if (format === 'csv') {
      const reader = new CsvReader({ stripBom: false, firstLine, maxFieldChars: MAX_FIELD_CHARS });
      reader.push(text, onRow);
      reader.end(onRow);
      return;
    }
    jsonLines(text, firstLine, header as string[], onRow, false);
  };
  const begin = (): void => {
    if (header === null && splitter.header !== null) {
      header = splitter.header;
      onHeader(header, input.name);
    }
  };
  for await (const chunk of readable(input)) {
    const slice = splitter.push(chunk as Buffer);
    begin();
    if (splitter.pendingBytes > MAX_RECORD_BYTES) throw splitter.tooLong(input.name, MAX_RECORD_BYTES);
    if (slice && header) feed(slice.bytes, slice.firstLine);
    await afterChunk();
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
