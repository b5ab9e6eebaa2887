/** NDJSON input: one object per line, mapped onto the header's keys (the first object's). */
import type { Row } from './row-source.js';

export function jsonLines(text: string, firstLine: number, keys: readonly string[], on: (row: Row) => void, strictKeys: boolean): void {
  let line = firstLine;
  for (const raw of text.split('\n')) {
    const at = line++;
    if (raw.trim() === '') continue;
    let obj: unknown;
    try {
      obj = JSON.parse(raw);
    } catch {
      on({ line: at, fields: [], error: 'not a JSON object (invalid JSON)' });
      continue;
    }
    if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) {
      on({ line: at, fields: [], error: 'not a JSON object' });
      continue;
    }
    const rec = obj as Record<string, unknown>;
    const extra = strictKeys ? Object.keys(rec).filter((k) => !keys.includes(k)) : [];
    // numbers keep their JSON text's shortest form, which is exact for up to 15 digits
    if (extra.length) on({ line: at, fields: [], error: `keys not in the first object: ${extra.join(', ')}` });
    else on({ line: at, fields: keys.map((k) => (rec[k] === undefined || rec[k] === null ? '' : String(rec[k]))) });
  }
}
