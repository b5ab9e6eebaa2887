/**
 * rowShipment (batch/row-shipment.ts), timeline's reading of a row, refuses a bad row with the
 * words BatchPricer (calc, compare, refund) gives it: a parse error with its hint ("— write it
 * like 10000 or 10000.50"), a ragged row by raggedIssue (without --allow-ragged, which neither
 * command here has), a malformed record as read.
 */
import { describe, expect, it } from 'vitest';
import { mapColumns } from '../../../src/batch/columns.js';
import { BatchPricer } from '../../../src/batch/pricer.js';
import { rowShipment } from '../../../src/batch/row-shipment.js';
import type { Row } from '../../../src/batch/row-source.js';
import { AS_ENTERED } from '../../../src/core/scenario.js';
import { chooseScenario } from '../../../src/schedule/scenario-choice.js';
import { bundledIndexFast } from '../../helpers.js';

const index = bundledIndexFast();
const cols = mapColumns(['id', 'hts', 'origin', 'value']);
const pricer = new BatchPricer(index, chooseScenario(index.schedule.scenarios, AS_ENTERED, {}), cols, {}, { today: '2026-05-01', detail: false });

describe("rowShipment: a refusal in BatchPricer's words", () => {
  it.each([
    [
      { line: 2, fields: ['A', '9503.00.00', 'CN', '1e5'] },
      'value "1e5" is not a plain decimal number (no exponents, hex, NaN or Infinity) — write it like 10000 or 10000.50',
      'value-invalid',
    ],
    [
      { line: 3, fields: ['B', '9503.00.00', 'CN', '1', '000.00'] },
      'the row has 5 fields, the header 4: the extra field would be dropped — quote fields that contain commas',
      'row-ragged',
    ],
    [
      { line: 4, fields: ['C', '9503.00.00', 'CN'] },
      "the row has 3 of the header's 4 fields: value is missing — the missing cells at the end of a row may only be optional columns",
      'row-ragged',
    ],
    [{ line: 5, fields: ['D'], error: 'a quoted field is not closed' }, 'a quoted field is not closed', 'record-malformed'],
  ] as [Row, string, string][])('line %#: %s', (row, message, code) => {
    expect(rowShipment(row, cols, {}, index.schedule.importers)).toEqual({ ok: false, message, code });
    const priced = pricer.priceRow(row);
    expect(priced.ok).toBe(false);
    if (!priced.ok) expect([priced.rejection.message, priced.rejection.code]).toEqual([message, code]);
  });

  it('a good row gives the shipment BatchPricer prices', () => {
    const row = { line: 6, fields: ['E', '9503.00.00', 'CN', '100.50'] };
    const r = rowShipment(row, cols, {}, index.schedule.importers);
    const priced = pricer.priceRow(row);
    expect(r.ok && priced.ok).toBe(true);
    if (r.ok && priced.ok) expect(r.shipment).toEqual({ ...priced.shipment, date: r.shipment.date });
    // 100.50 dollars = 10,050 cents
    if (r.ok) expect(r.shipment.value).toBe(10_050);
  });
});
