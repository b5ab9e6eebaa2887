/**
 * CsvRows.fastRow writes the end of a row (zero duty columns after the program's last own one,
 * currency, law date, notes cell, report_hts cell) as one copy of bytes kept per program, for
 * the law date of the program's first row and up to four notes/report pairs, and part by part
 * otherwise (src/render/batch-output.ts `rowEnd`, `suffixOf`). Here ONE program prices many rows
 * in turn — the same CsvRows, so the kept ends are reused — with notes that change from row to
 * row (the informal-entry note below $2,500 of goods, the stale-rates warning after the
 * schedule's verifiedThrough date), on the first law date and on others; each row must be byte
 * for byte what the full path writes (`CsvRows.row` of the breakdown `price` gives).
 */
import { describe, expect, it } from 'vitest';
import { planShipment, price } from '../../../src/core/landed-cost.js';
import { emptyRun, programOf, runProgram } from '../../../src/core/program.js';
import type { Shipment } from '../../../src/core/types.js';
import { ByteOut } from '../../../src/io/byte-out.js';
import { CsvRows, dutyAuthorities } from '../../../src/render/batch-output.js';
import { chooseScenario } from '../../../src/schedule/scenario-choice.js';
import { bundledIndexFast } from '../../helpers.js';

const index = bundledIndexFast();
const schedule = index.schedule;
const VERIFIED = schedule.meta.verifiedThrough;
const NONE: ReadonlyMap<string, number> = new Map();
const scenario = chooseScenario(schedule.scenarios, 'as-entered', {});

/** the day after the schedule's verifiedThrough date: a row priced then carries the stale-rates warning */
function dayAfter(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

const cents = (c: number): string => `${Math.floor(c / 100)}.${String(c % 100).padStart(2, '0')}`;

describe('CsvRows.fastRow: the kept row ends', () => {
  it('one program, rows in turn with other notes and law dates: every row as the full path writes it', () => {
    const csv = new CsvRows(dutyAuthorities(schedule), true, []);
    // 9401.61.60 (upholstered seats) from China, ocean: MFN and Chapter 99 duties, MPF and HMF
    const planned = planShipment(index, scenario, {
      importer: 'US',
      hts: '9401616011',
      origin: 'CN',
      date: '2025-06-02',
      mode: 'ocean',
      elections: undefined,
      mfnRate: undefined,
    });
    expect(planned.ok).toBe(true);
    if (!planned.ok) return;
    const lp = programOf(planned.value);
    expect(lp.uniform).toBe(true);
    const later = dayAfter(VERIFIED);
    // goods in cents: 1,999.99 and 2,500.00 are informal entries (a note), 2,500.01 and 15,000.00 formal
    // (no note); dates: the first row's (its end kept), another before verifiedThrough, one after it
    // (the stale warning): 4 × 3 rows, then the same again, so that kept ends are reused
    const values = [199_999, 250_001, 250_000, 1_500_000];
    const dates = ['2025-06-02', '2025-07-15', later];
    const notesSeen = new Set<string>();
    for (let round = 0; round < 2; round++) {
      for (const date of dates) {
        for (const goods of values) {
          const sh: Shipment = { hts: '9401616011', origin: 'CN', importer: 'US', value: goods, freight: 1234, insurance: 56, mode: 'ocean', date };
          const record = `S1,9401.61.6011,CN,${cents(goods)},12.34,0.56,ocean,${date}`;
          const fields = record.split(',');
          const full = price(index, planned.value, sh, { lawDate: date, detail: false });
          expect(full.ok).toBe(true);
          if (!full.ok) return;
          const want = csv.row(fields, fields.length, full.value);
          const r = emptyRun();
          const money = {
            goods,
            freight: 1234,
            insurance: 56,
            customsValue: lp.importer.valuation === 'cif' ? goods + 1290 : goods,
            content: NONE,
            undeclared: NONE,
          };
          expect(runProgram(lp, money, {}, date, VERIFIED, r, [], null)).toBeNull();
          const out = new ByteOut(64);
          csv.fastRow(out, record, 0, record.length, null, lp, r, date, sh.hts);
          expect(Buffer.from(out.bytes()).toString('utf8'), `${record} (round ${round})`).toBe(want);
          notesSeen.add(full.value.notes.join('; '));
        }
      }
    }
    // the rows did differ in their notes: none, the informal-entry note, the stale warning, both
    expect(notesSeen.size).toBeGreaterThanOrEqual(4);
  });
});
