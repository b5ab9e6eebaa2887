/** Reading the source files under data/sources/: gzip, Latin-1 text, CSV with a header. */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { parseCsv } from '../../../src/io/csv.js';

export function readSource(root: string, rel: string, encoding: 'utf8' | 'latin1' = 'utf8'): string {
  const bytes = readFileSync(`${root}/data/sources/${rel}`);
  const raw = rel.endsWith('.gz') ? gunzipSync(bytes) : bytes;
  return raw.toString(encoding).replace(/^\uFEFF/, '');
}

/** CSV text → one object per record, keyed by the header's names. */
export function csvObjects(text: string, file: string): Record<string, string>[] {
  const records = parseCsv(text);
  const header = records[0]?.fields ?? [];
  return records.slice(1).map((r) => {
    if (r.error) throw new Error(`${file}:${r.line}: ${r.error}`);
    const o: Record<string, string> = {};
    header.forEach((h, i) => {
      o[h] = r.fields[i] ?? '';
    });
    return o;
  });
}
