/**
 * A row's shipment for a command that prices it its own way (timeline prices it on every date),
 * read as `BatchPricer` reads it: a malformed record, a ragged row (`raggedIssue`), then the
 * fields with the flags' defaults parsed by `parseShipment` under the row's importer, a bad field
 * said with its hint (`issueText`). One reading of a row, so the words of a refusal are calc's.
 */
import { DEFAULT_IMPORTER } from '../core/countries.js';
import type { Schedule, Shipment } from '../core/types.js';
import { issueText, parseShipment } from '../io/shipment-input.js';
import { columnName, rowFields, type Columns, type FieldDefaults } from './columns.js';
import { raggedIssue } from './pricer.js';
import type { Row } from './row-source.js';

export type RowShipment = { ok: true; shipment: Shipment } | { ok: false; message: string; code: string };

/** `allowLong`: as `raggedIssue`'s (undefined: the command has no --allow-ragged). */
export function rowShipment(row: Row, cols: Columns, defaults: FieldDefaults, importers: Schedule['importers'], allowLong?: boolean): RowShipment {
  if (row.error !== undefined) return { ok: false, message: row.error, code: 'record-malformed' };
  if (row.fields.length !== cols.names.length) {
    const ragged = raggedIssue(cols, row.fields.length, defaults, allowLong);
    if (ragged !== null) return { ok: false, message: ragged, code: 'row-ragged' };
  }
  const fields = rowFields(cols, row.fields, defaults);
  const importer = (fields.importer ?? DEFAULT_IMPORTER).toUpperCase();
  const parsed = parseShipment(fields, (f) => columnName(cols, f), { importer, minorDigits: importers.get(importer)?.minorDigits ?? 2 });
  return parsed.ok ? { ok: true, shipment: parsed.value } : { ok: false, message: issueText(parsed.issue), code: parsed.issue.code };
}
