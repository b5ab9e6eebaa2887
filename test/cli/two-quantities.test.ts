/**
 * A shipment with two quantities (--qty/--unit and --qty2/--unit2; qty, unit, qty2, unit2 columns)
 * for a rate of two specific parts: 2204.30.00 other grape must, general "4.4¢/liter + 31.4¢/pf.
 * liter", JO "1.9¢/liter + 13.9¢/pf. liter" (HTSUS 2026 Revision 10, heading 2204). Every figure is
 * worked by hand beside it. The batch is priced with and without the fast path, byte for byte.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { batch, runIn } from '../cli-runner.js';

const dir = mkdtempSync(join(tmpdir(), 'tariff-two-qty-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const CALC = ['calc', '--hts', '2204.30.00', '--value', '5000', '--date', '2026-03-01'];
const LITERS = ['--qty', '1000', '--unit', 'liters'];
const PROOF = ['--qty2', '120', '--unit2', 'pf.liters'];

const CSV = join(dir, 'must.csv');
writeFileSync(
  CSV,
  [
    'id,hts,origin,value,date,qty,unit,qty2,unit2,claim',
    // 4.4¢ × 1,000 + 31.4¢ × 120 = $44.00 + $37.68 = $81.68
    'A,2204.30.00,FR,5000,2026-03-01,1000,liters,120,pf.liters,',
    // the quantities the other way round, JO claimed: 1.9¢ × 1,000 + 13.9¢ × 120 = $19.00 + $16.68 = $35.68
    'B,2204.30.00,JO,5000,2026-03-01,120,pf.liters,1000,liters,JO',
    // no proof liters: rejected
    'C,2204.30.00,FR,5000,2026-03-01,1000,liters,,,',
    // a line that needs no quantity: the fast path's
    'D,9503.00.00,CN,1000,2026-03-01,,,,,',
    // rum 2208.40.20, 23.7¢/pf.liter: charged on the second quantity, 23.7¢ × 120 = $28.44
    'E,2208.40.20,FR,5000,2026-03-01,1000,liters,120,pf.liters,',
    '',
  ].join('\n'),
);

const R = batch({
  general: { args: [...CALC, '--origin', 'FR', ...LITERS, ...PROOF, '--format', 'json'] },
  jo: { args: [...CALC, '--origin', 'JO', '--claim', 'JO', '--qty', '120', '--unit', 'pf.liters', '--qty2', '1000', '--unit2', 'liters', '--format', 'json'] },
  noSecond: { args: [...CALC, '--origin', 'FR', ...LITERS] },
  none: { args: [...CALC, '--origin', 'FR'] },
  wrongUnits: { args: [...CALC, '--origin', 'FR', '--qty', '1000', '--unit', 'kg', ...PROOF] },
  noUnit2: { args: [...CALC, '--origin', 'FR', ...LITERS, '--qty2', '120'] },
  noFirst: { args: [...CALC, '--origin', 'FR', ...PROOF] },
  sameUnit: { args: [...CALC, '--origin', 'FR', ...LITERS, '--qty2', '120', '--unit2', 'Liters'] },
  // the same unit written otherwise (review finding: it passed, then failed at pricing, or on rum dropped a quantity)
  sameUnitWritten: { args: [...CALC, '--origin', 'FR', ...LITERS, '--qty2', '120', '--unit2', 'liter'] },
  sameProof: {
    args: [
      'calc',
      '--hts',
      '2208.40.20',
      '--origin',
      'FR',
      '--value',
      '1000',
      '--qty',
      '120',
      '--unit',
      'pf.liters',
      '--qty2',
      '130',
      '--unit2',
      'proof liters',
    ],
  },
  badQty2: { args: [...CALC, '--origin', 'FR', ...LITERS, '--qty2', '-5', '--unit2', 'pf.liters'] },
});

interface Line {
  authority: string;
  amount: number;
  formula: string;
  rateText: string;
}
const mfnLine = (stdout: string): Line => (JSON.parse(stdout).lines as Line[]).find((l) => l.authority === 'mfn') as Line;

describe('calc with two quantities', () => {
  it('the general rate: 4.4¢ × 1,000 liters + 31.4¢ × 120 proof liters = $44.00 + $37.68 = $81.68', () => {
    expect(R.general.exitCode).toBe(0);
    const l = mfnLine(R.general.stdout);
    expect(l.amount).toBe(81.68);
    expect(l.formula).toBe('$0.044/liter × 1,000 liter + $0.314/pf.liter × 120 pf.liter');
  });

  it('JO claimed, the quantities given the other way round: 1.9¢ × 1,000 + 13.9¢ × 120 = $19.00 + $16.68 = $35.68', () => {
    expect(R.jo.exitCode).toBe(0);
    const l = mfnLine(R.jo.stdout);
    expect(l.amount).toBe(35.68);
    expect(l.formula).toBe('$0.019/liter × 1,000 liter + $0.139/pf.liter × 120 pf.liter');
  });

  it('a missing second quantity is refused (65), naming both units', () => {
    expect(R.noSecond.exitCode).toBe(65);
    expect(R.noSecond.stderr).toContain('it needs a quantity in liter and a quantity in pf.liter');
    expect(R.noSecond.stderr).toContain('give --qty N --unit liter --qty2 N --unit2 pf.liter');
    expect(R.none.exitCode).toBe(65);
    expect(R.none.stderr).toContain('it needs a quantity in liter and a quantity in pf.liter');
  });

  it('quantities in other units are refused (65), saying what was given', () => {
    expect(R.wrongUnits.exitCode).toBe(65);
    expect(R.wrongUnits.stderr).toContain('is charged per liter and per pf.liter, but the quantity is in kg and pf.liters');
  });

  it.each<[keyof typeof R, string]>([
    ['noUnit2', 'two quantities need a unit each (--unit and --unit2)'],
    ['noFirst', '--qty2 is given without --qty'],
    ['sameUnit', '--unit and --unit2 are the same unit "liters"'],
    ['sameUnitWritten', '--unit "liters" and --unit2 "liter" are the same unit (liter)'],
    ['sameProof', '--unit "pf.liters" and --unit2 "proof liters" are the same unit (pf.liter)'],
    ['badQty2', '--qty2 "-5" is not a non-negative quantity'],
  ])('a flag that cannot be read is a usage error (2): %s', (name, message) => {
    expect(R[name].exitCode).toBe(2);
    expect(R[name].stderr).toContain(message);
  });
});

describe('a batch with qty2 and unit2 columns', () => {
  const fast = runIn(['calc', CSV]);
  const full = runIn(['calc', CSV], { env: { TARIFF_FAST_PATH: '0' } });

  it('prices each row; the row without proof liters is rejected (65)', () => {
    expect(fast.exitCode).toBe(65);
    const rows = fast.stdout.trim().split('\n');
    const header = (rows[0] as string).split(',');
    const mfn = header.indexOf('duty_mfn');
    const byId = new Map(rows.slice(1).map((r) => [r.split(',')[0], r.split(',')[mfn]]));
    expect(byId.get('A')).toBe('81.68');
    expect(byId.get('B')).toBe('35.68');
    expect(byId.has('C')).toBe(false);
    expect(byId.get('D')).toBe('0.00');
    expect(byId.get('E')).toBe('28.44');
    expect(fast.stderr).toContain('must.csv:4: MFN (general rate)');
    expect(fast.stderr).toContain('it needs a quantity in liter and a quantity in pf.liter');
    expect(fast.stderr).toContain('1 of 5 rows rejected');
  });

  it('--unit and --unit2 as batch defaults for rows that give qty and qty2 without units (review finding: refused before)', () => {
    const bare = join(dir, 'bare.csv');
    writeFileSync(bare, 'id,hts,origin,value,qty,qty2\nW,2204.30.00,FR,10000,1000,120\nT,6109.10.00,CN,1000,,\n');
    const r = runIn(['calc', bare, '--unit', 'liters', '--unit2', 'pf.liters', '--date', '2025-03-01']);
    expect(r.exitCode, r.stderr).toBe(0);
    const rows = r.stdout.trim().split('\n');
    const mfn = (rows[0] as string).split(',').indexOf('duty_mfn');
    // 4.4¢ × 1,000 liters + 31.4¢ × 120 proof liters = $44.00 + $37.68 = $81.68
    expect((rows[1] as string).split(',')[mfn]).toBe('81.68');
    expect(rows).toHaveLength(3);
  });

  it('the fast path and the full path give the same bytes', () => {
    expect(fast.stdout).toBe(full.stdout);
    expect(fast.stderr).toBe(full.stderr);
    expect(fast.exitCode).toBe(full.exitCode);
  });
});
