/**
 * Batch numbers equal single calculations, in process: 50,000 rows through the batch layers of
 * `calc --input` (test/batch-run.ts: batch/calc-run.ts's runCalc in process — BatchInput, ChunkProcessor
 * with its plan cache per law-date bucket, the CSV rows of the fast and the full path, the merged totals) against `price` of the library on each shipment. The
 * JSON rows (the full path with its audit trail) through the built CLI on 2,000 rows: test/cli/calc-batch.test.ts.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { TariffError } from '../../../src/errors.js';
import { parseCsv } from '../../../src/io/csv.js';
import { runCalc } from '../../batch-run.js';
import { bundledIndexFast, mixedShipments, price, ship } from '../../helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'tariff-batch-single-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const ix = bundledIndexFast();

describe('batch numbers equal single calculations', () => {
  it('50,000 rows (CSV rows: the fast path and the full path): every row and the totals equal the library on the same shipment', async () => {
    const { shipments, lines } = mixedShipments(50_000);
    const f = join(dir, 'fifty.csv');
    writeFileSync(f, `${lines.join('\n')}\n`);
    const r = await runCalc(f, { scenario: 'as-entered', format: 'csv', index: ix });
    if (r instanceof TariffError) throw r;
    expect(r.rejected).toBe(0);
    const [head, ...rows] = parseCsv(r.out).map((x) => x.fields);
    const at = (name: string): number => (head as string[]).indexOf(name);
    const cols = ['customs_value', 'duty', 'fees', 'landed_cost'].map(at);
    expect(cols.every((c) => c >= 0)).toBe(true);
    const results = rows.map((row) => cols.map((c) => Number(row[c])));
    expect(results).toHaveLength(50_000);
    let duty = 0;
    let landed = 0;
    // the library's figures of every shipment, compared with the batch's rows in one assertion (50,000
    // expect() calls took ~1 s of CPU more than one comparison of the two arrays); a failure names
    // the first row that differs, its input and both figures
    const expected = shipments.map((s) => {
      const b = price(ix, 'as-entered', ship({ hts: s[0], origin: s[1], value: s[2] as string, freight: s[3], mode: s[4] as any, date: s[5] }));
      duty += b.duty;
      landed += b.landedCost;
      return [b.customsValue / 100, b.duty / 100, b.fees / 100, b.landedCost / 100];
    });
    const first = results.findIndex((got, i) => !isDeepStrictEqual(got, expected[i]));
    expect(first < 0 ? null : { row: first + 1, input: lines[first + 1], batch: results[first], library: expected[first] }).toBeNull();
    const usd = r.totals.byCurrency.get('USD');
    expect(usd?.rows).toBe(50_000);
    expect(usd?.duty).toBe(duty);
    expect(usd?.landedCost).toBe(landed);
    // most rows took the fast path (the full path's JSON rows: the CLI test)
    expect(r.totals.fast).toBeGreaterThan(25_000);
  }, 180_000);
});
