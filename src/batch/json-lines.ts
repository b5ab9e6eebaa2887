/** NDJSON input: one object per line, mapped onto the header's keys (the first object's). */
import { columnKey } from './columns.js';
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
    // numbers keep their JSON text's shortest form, which is exact for up to 15 digits
    const fields = keys.map((k) => (rec[k] === undefined || rec[k] === null ? '' : String(rec[k])));
    const unknown: string[] = [];
    for (const k of Object.keys(rec)) {
      if (keys.includes(k)) continue;
      // another spelling of a column the header has ("entry_date" for "date")
      const ck = columnKey(k);
      const i = ck === undefined ? -1 : keys.findIndex((h) => columnKey(h) === ck);
      if (i >= 0 && fields[i] === '') fields[i] = rec[k] === undefined || rec[k] === null ? '' : String(rec[k]);
      else if (i < 0 && strictKeys) unknown.push(k);
    }
    if (unknown.length)
      on({
        line: at,
        fields: [],
        error: `unknown key${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}: not a column tariff reads and not in the first object — put every key you need echoed in the first object, or fix the spelling`,
      });
    else on({ line: at, fields });
  }
}
