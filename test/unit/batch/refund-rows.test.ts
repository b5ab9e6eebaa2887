/**
 * `refund --format csv` rows through the fast path (batch/refund-rows.ts): plain records priced in
 * place and written as bytes, the others read in full — hand-worked claim rows, and the same bytes
 * as every row through the full path (TARIFF_FAST_PATH=0).
 *
 * Rates (test/cli/refund.test.ts, reference §1): 9503.00.00 (toys) is free of MFN duty and of 301;
 * from China on 2025-02-04 the IEEPA fentanyl duty is 10% (EO 14195), the reciprocal one not yet in
 * force. The program's window is 2025-02-04 – 2026-02-23. Interest (19 U.S.C. 1505(c), CBP's 6%
 * corporate overpayment rate in 2025 Q1 and Q2, compounded daily), worked in test/cli/refund.test.ts:
 * 1,000.00 from 2025-02-04 to 2025-04-16 (71 days) = 1,000.00 × 0.011738637027 = 11.7386 → $11.74.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runIn } from '../../cli-runner.js';

const dir = mkdtempSync(join(tmpdir(), 'tariff-refund-rows-'));
const HEADER = 'id,hts,origin,value,freight,insurance,mode,date,description';
const ROWS = [
  // China, in the window: fentanyl 10% of 10,000.00 = 1,000.00 refundable; reciprocal 0; other duty 0
  'C1,9503.00.00,CN,10000.00,250.00,40.00,ocean,2025-02-04,toy',
  // the day before the window: outside, no interest
  'O1,9503.00.00,CN,10000.00,250.00,40.00,ocean,2025-02-03,toy',
  // Vietnamese laptop (8471.30.01, MFN free): Annex II (9903.01.32) at 0%, no fentanyl for VN: no IEEPA duty
  'N1,8471.30.01,VN,10000.00,0,0,air,2025-05-15,laptop',
  // $66.12 ≤ $800: exempt by value (de minimis, 19 U.S.C. 1321(a)(2)(C)), nothing collected
  'E1,8507.60.0020,VN,66.12,2.63,0.48,ocean,2025-05-28,battery',
  // a quoted description (a comma and a quote in it), echoed as it came: C1's figures
  'Q1,9503.00.00,CN,10000.00,250.00,40.00,ocean,2025-02-04,"toy, ""deluxe"""',
  // an id quoted without need: written unquoted, C1's figures
  '"Q2",9503.00.00,CN,10000.00,250.00,40.00,ocean,2025-02-04,toy',
  // no entry date: rejected (line 8)
  'R1,9503.00.00,CN,10000.00,250.00,40.00,ocean,,toy',
];
const file = join(dir, 'entries.csv');
writeFileSync(file, `${[HEADER, ...ROWS].join('\n')}\n`);

const ARGS = ['refund', '--input', file, '--refund-date', '2025-04-16', '--format', 'csv'];
const TAIL = 'status,ieepa_duty,ieepa_fentanyl,ieepa_reciprocal,other_duty,interest,interest_from,interest_to,liquidation,difference,flagged,reason';
const INSIDE = '"entered 2025-02-04, inside 2025-02-04 – 2026-02-23"';
const C1_FIGURES = `refundable,1000.00,1000.00,0.00,0.00,11.74,2025-02-04,2025-04-16,,,false,${INSIDE}`;
const ANNEX_II = 'Reciprocal tariff exception: Annex II products (energy, pharmaceuticals, semiconductors, minerals, bullion …) (9903.01.32)';

describe('refund --format csv: the fast path and the full path write the same claim rows', () => {
  const fast = runIn(ARGS);
  const full = runIn(ARGS, { env: { TARIFF_FAST_PATH: '0' } });

  it('hand-worked rows: China with IEEPA duty, outside the window, no IEEPA duty, exempt by value, quoted', () => {
    expect(fast.stdout.split('\n')).toEqual([
      `${HEADER},${TAIL}`,
      `C1,9503.00.00,CN,10000.00,250.00,40.00,ocean,2025-02-04,toy,${C1_FIGURES}`,
      'O1,9503.00.00,CN,10000.00,250.00,40.00,ocean,2025-02-03,toy,outside-window,0.00,0.00,0.00,0.00,,,,,,false,"entered 2025-02-03, outside 2025-02-04 – 2026-02-23"',
      `N1,8471.30.01,VN,10000.00,0,0,air,2025-05-15,laptop,no-ieepa,0.00,0.00,0.00,0.00,,,,,,false,"IEEPA reciprocal: ${ANNEX_II} at 0%; IEEPA reciprocal: replaced by ${ANNEX_II} from 2025-04-05"`,
      'E1,8507.60.0020,VN,66.12,2.63,0.48,ocean,2025-05-28,battery,no-ieepa,0.00,0.00,0.00,0.00,,,,,,false,"IEEPA reciprocal: exempt: value $66.12 ≤ $800.00 (De minimis: shipments valued at $800 or less enter free (all other origins), 19 U.S.C. 1321(a)(2)(C))"',
      `Q1,9503.00.00,CN,10000.00,250.00,40.00,ocean,2025-02-04,"toy, ""deluxe""",${C1_FIGURES}`,
      `Q2,9503.00.00,CN,10000.00,250.00,40.00,ocean,2025-02-04,toy,${C1_FIGURES}`,
      '',
    ]);
  });

  it('the row without a date is rejected with its line; the totals count every row (3 × 1,000.00; 3 × 11.74 = 35.22)', () => {
    expect(fast.exitCode).toBe(65);
    expect(fast.stderr).toContain('entries.csv:8: date is required: the entry date decides which law applied');
    expect(fast.stderr).toContain('entries read 7, reported 6, rejected 1; refundable 3: IEEPA duty 3000.00, interest 35.22 to 2025-04-16 (corporate rate)');
  });

  it('byte for byte what every row through the full path gives', () => {
    expect(fast.stdout).toBe(full.stdout);
    expect(fast.stderr).toBe(full.stderr);
    expect(fast.exitCode).toBe(full.exitCode);
  });

  it('with a liquidation_date column: the phase on --as-of, a bad date rejected, as the full path', () => {
    const f = join(dir, 'liquidated.csv');
    writeFileSync(f, `${HEADER},liquidation_date\n${ROWS[0]},2026-01-15\n${ROWS[0]},2025-12-01\n${ROWS[0]},\n${ROWS[1]},2026-04-01\n${ROWS[0]},someday\n`);
    const args = ['refund', '--input', f, '--refund-date', '2025-04-16', '--as-of', '2026-03-01', '--format', 'csv'];
    const a = runIn(args);
    const b = runIn(args, { env: { TARIFF_FAST_PATH: '0' } });
    const rows = a.stdout.split('\n');
    // the phase takes entries liquidated within 80 days (data/src/refunds.json): 2026-01-15 + 80 days = 2026-04-05 ≥ as-of
    // 2026-03-01: in the phase; 2025-12-01 + 80 days = 2026-02-19 < 2026-03-01: outside it; no date: unliquidated
    expect(rows[1]).toContain(',11.74,2025-02-04,2025-04-16,in-phase,,false,');
    expect(rows[2]).toContain(',11.74,2025-02-04,2025-04-16,outside-phase,,false,');
    expect(rows[3]).toContain(',11.74,2025-02-04,2025-04-16,unliquidated,,false,');
    // liquidated after as-of: not yet
    expect(rows[4]).toContain(',outside-window,0.00,0.00,0.00,0.00,,,,unliquidated,,false,');
    expect(a.stderr).toContain('liquidated.csv:6: liquidation_date "someday" is not a calendar date (YYYY-MM-DD)');
    expect(a.exitCode).toBe(65);
    expect([a.stdout, a.stderr]).toEqual([b.stdout, b.stderr]);
  });
});
