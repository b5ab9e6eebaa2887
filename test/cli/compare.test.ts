/** `tariff compare`: deltas worked by hand, gates, formats, overlays equal to an edited schedule. */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runIn } from '../cli-runner.js';
import { BUNDLED } from '../helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'tariff-compare-'));
const TOY = ['--hts', '9503.00.00', '--origin', 'CN', '--value', '10000', '--mode', 'air'];

describe('tariff compare, one shipment', () => {
  it('peak-145 minus geneva-30 is exactly 115% of customs value for a non-exempt Chinese good', () => {
    // peak: 20% + 125% = 145%; geneva: 20% + 10% = 30%; fees are equal (same value, same FY) → Δ = 115% × 10,000
    const r = runIn(['compare', ...TOY, '--scenario', 'geneva-30,peak-145', '--format', 'json']);
    expect(r.exitCode).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.baseline).toBe('geneva-30');
    expect(doc.scenarios.map((s: any) => [s.id, s.duty, s.delta])).toEqual([
      ['geneva-30', 3000, 0],
      ['peak-145', 14500, 11500],
    ]);
    // Δ% = 11,500 ÷ 13,034.64 (10,000 + 3,000 + MPF 34.64; air: no HMF) = 0.88226449 → 0.882264
    expect(doc.scenarios[1].deltaPct).toBe(0.882264);
  });

  it('defaults to every dated bundled scenario in date order', () => {
    const doc = JSON.parse(runIn(['compare', ...TOY, '--format', 'json']).stdout);
    expect(doc.scenarios.map((s: any) => s.id)).toEqual(['pre-2025', 'peak-145', 'geneva-30', 'snapback-34', 'busan-20', 's122-2026']);
  });

  it('--baseline picks the reference column', () => {
    const doc = JSON.parse(runIn(['compare', ...TOY, '--scenario', 'pre-2025,geneva-30', '--baseline', 'geneva-30', '--format', 'json']).stdout);
    expect(doc.scenarios.map((s: any) => s.delta)).toEqual([-3000, 0]);
  });

  it('markdown output (expected table written by hand)', () => {
    const r = runIn(['compare', ...TOY, '--scenario', 'pre-2025,geneva-30', '--format', 'markdown']);
    // pre-2025: no duty, MPF 34.64 → 10,034.64; geneva-30: 3,000 → 13,034.64; Δ% = 3,000 ÷ 10,034.64 = 29.896...% → 29.90%
    expect(r.stdout).toBe(
      [
        '| | pre-2025 | geneva-30 |',
        '|---|---:|---:|',
        '| Law of | 2025-01-01 | 2025-05-14 |',
        '| Duty: MFN | $0.00 | $0.00 |',
        '| Duty: IEEPA fentanyl | $0.00 | $2,000.00 |',
        '| Duty: IEEPA reciprocal | $0.00 | $1,000.00 |',
        '| Duty | $0.00 | $3,000.00 |',
        '| Fees | $34.64 | $34.64 |',
        '| Taxes | $0.00 | $0.00 |',
        '| Landed cost | $10,034.64 | $13,034.64 |',
        '| Effective rate | 0% | 30% |',
        '| Δ vs pre-2025 | $0.00 | +$3,000.00 |',
        '| Δ% vs pre-2025 | 0% | +29.9% |', // tables: at most two decimals
        '',
      ].join('\n'),
    );
  });

  it('CSV output (expected rows written by hand)', () => {
    const r = runIn(['compare', ...TOY, '--scenario', 'geneva-30,busan-20', '--format', 'csv']);
    // busan-20 (2025-11-10): 10% + 10% = 2,000; MPF FY2026 0.3464% × 10,000 = 34.64 (≥ 33.58)
    expect(r.stdout).toBe(
      [
        'metric,geneva-30,busan-20',
        'law_of,2025-05-14,2025-11-10',
        'duty_mfn,0.00,0.00',
        'duty_ieepa_fentanyl,2000.00,1000.00',
        'duty_ieepa_reciprocal,1000.00,1000.00',
        'duty,3000.00,2000.00',
        'fees,34.64,34.64',
        'taxes,0.00,0.00',
        'landed_cost,13034.64,12034.64',
        'effective_rate,0.300000,0.200000', // fractions with six decimals
        'delta,0.00,-1000.00',
        // -1,000 ÷ 13,034.64 = -0.0767186... → -0.076719
        'delta_pct,0.000000,-0.076719',
        '',
      ].join('\n'),
    );
  });

  it('the table has a bar chart and marks what-if scenarios', () => {
    const r = runIn(['compare', ...TOY, '--scenario', 'geneva-30,snapback-34']);
    expect(r.stdout).toMatch(/landed cost\ngeneva-30\s+█+.* \$13,034\.64\nsnapback-34\* █+.* \$15,434\.64/);
    expect(r.stdout).toMatch(/\* what-if: scenario snapback-34: us-ieepa-recip-10-geneva rate set to 34%/);
  });
});

describe('CI gates', () => {
  // snapback-34 vs geneva-30: Δ = 2,400 ÷ 13,034.64 = 18.4125%; snapback effective rate 54%
  it.each([
    [['--fail-above', '15'], 1, /snapback-34: landed cost 15434\.64 is 18\.4125% above baseline geneva-30 \(13034\.64\); limit --fail-above 15%/],
    [['--fail-above', '18.4125%'], 0, /^$/],
    [['--fail-above', '18.4124'], 1, /18\.4125% above/],
    // calc's wording (core/gates.ts gateFailures): the duty and the customs value follow the rate
    [['--max-effective-rate', '50'], 1, /scenario snapback-34: effective rate 54% \(duty \$5,400\.00 on \$10,000\.00\) exceeds --max-effective-rate 50%/],
    [['--max-effective-rate', '54'], 0, /^$/],
    // calc's wording of a bad percentage, with compare's help
    [['--fail-above', 'ten'], 2, /--fail-above "ten": expected a percentage such as 50 or 50%\n.*see tariff compare --help/],
    [['--max-effective-rate', '5O'], 2, /--max-effective-rate "5O": expected a percentage such as 50 or 50%\n.*see tariff compare --help/],
  ])('%j → exit %i', (flags, code, message) => {
    const r = runIn(['compare', ...TOY, '--scenario', 'geneva-30,snapback-34', '--format', 'csv', ...(flags as string[])]);
    expect(r.exitCode).toBe(code);
    expect(r.stderr).toMatch(message);
    // output is written in full before the gate decides the exit code
    if (code !== 2) expect(r.stdout).toMatch(/^metric,geneva-30,snapback-34\n[\s\S]*delta_pct,0\.000000,0\.184125\n$/);
  });
});

describe('CI gates: a rate a hair above its limit reads above it, in calc and compare alike', () => {
  // geneva-30 on toys from CN (20% + 10%, each layer rounded): $10,000 → 2,000.00 + 1,000.00; $1.05 → 0.21 + 0.11
  // (21 cents and 10.5 → 11 cents, half-up). Totals: duty 300,032 cents on 1,000,105 = 0.30000049997…: above 0.3
  // (300032 · 10 = 3000320 > 3 · 1000105 = 3000315), printed 0.300000 at 6 decimals, 0.3000005 at 7 → 30.00005%
  const f = join(dir, 'hair.csv');
  writeFileSync(f, 'id,hts,origin,value\nA,9503.00.00,CN,10000\nB,9503.00.00,CN,1.05\n');
  const words = 'effective rate 30.00005% (duty $3,000.32 on $10,001.05) exceeds --max-effective-rate 30%';

  it('calc: the totals fail --max-effective-rate 30 and say 30.00005%, not 30%', () => {
    const r = runIn(['calc', f, '--scenario', 'geneva-30', '--format', 'csv', '--max-effective-rate', '30']);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain(`USD totals (2 rows): ${words}`);
  });

  it('--fail-above on the exact change: 88.2264% fails a change that prints 0.882264, and the message shows why', () => {
    // peak-145 vs geneva-30: Δ = 11,500.00 on 13,034.64 = 1150000 / 1303464 = 0.88226448908…, printed 0.882264 at
    // 6 decimals; above 0.882264 (1150000 · 10^6 = 1.15·10^12 > 882264 · 1303464 = 1,149,999,362,496), so it fails;
    // at 7 decimals 0.8822645 (half-up) reads above → "88.22645%"
    const r = runIn(['compare', ...TOY, '--scenario', 'geneva-30,peak-145', '--format', 'csv', '--fail-above', '88.2264']);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toContain('delta_pct,0.000000,0.882264\n');
    expect(r.stderr).toContain('scenario peak-145: landed cost 24534.64 is 88.22645% above baseline geneva-30 (13034.64); limit --fail-above 88.2264%');
    // 88.22645% is above the change (0.8822645 > 0.88226449): passes
    expect(runIn(['compare', ...TOY, '--scenario', 'geneva-30,peak-145', '--format', 'csv', '--fail-above', '88.22645']).exitCode).toBe(0);
  });

  it('compare: the same totals, the same words, for the scenario', () => {
    const r = runIn(['compare', '--input', f, '--scenario', 'geneva-30', '--format', 'csv', '--max-effective-rate', '30']);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain(`scenario geneva-30: ${words}`);
  });
});

describe('batch compare', () => {
  const csv = join(dir, 'two.csv');
  writeFileSync(csv, 'id,hts,origin,value\nA,9503.00.00,CN,10000\nB,6109.10.00,CN,10000\nC,9503.00.00,XX,1\n');

  it('totals per scenario, rejected rows counted, exit 65', () => {
    const r = runIn(['compare', '--input', csv, '--scenario', 'pre-2025,geneva-30', '--format', 'json']);
    expect(r.exitCode).toBe(65);
    const doc = JSON.parse(r.stdout);
    expect(doc.rows).toEqual({ read: 3, priced: 2, rejected: 1 });
    // pre-2025: A 0; B MFN 1,650 + 4A 750 = 2,400. geneva-30: A 3,000; B 2,400 + 3,000 = 5,400
    expect(doc.scenarios.map((s: any) => [s.id, s.duty, s.delta])).toEqual([
      ['pre-2025', 2400, 0],
      ['geneva-30', 8400, 6000],
    ]);
  });

  it('--per-row: landed and delta per scenario for every row', () => {
    const r = runIn(['compare', '--input', csv, '--scenario', 'pre-2025,geneva-30', '--per-row']);
    expect(r.stdout.split('\n').slice(0, 3)).toEqual([
      'id,hts,origin,value,landed_pre_2025,landed_geneva_30,delta_pre_2025,delta_geneva_30',
      'A,9503.00.00,CN,10000,10034.64,13034.64,0.00,3000.00',
      // B: 10,000 + 2,400 + 34.64 = 12,434.64 → + 3,000 under geneva-30
      'B,6109.10.00,CN,10000,12434.64,15434.64,0.00,3000.00',
    ]);
  });
});

describe('what-if overlays', () => {
  it('an overlay scenario gives the same figures as an edited copy of the schedule', () => {
    const overlay = join(dir, 'overlay.json');
    writeFileSync(
      overlay,
      JSON.stringify({
        schemaVersion: 1,
        scenarios: [
          {
            id: 'list4a-25',
            title: '4A at 25%',
            description: 'what-if',
            asOf: '2025-05-14',
            whatIf: true,
            overrides: [{ set: 'us-s301-list4a', rate: { adValorem: '25%' } }],
          },
        ],
      }),
    );
    const edited = JSON.parse(readFileSync(BUNDLED, 'utf8'));
    edited.measures.find((m: any) => m.id === 'us-s301-list4a').rate.adValorem = '25%';
    const editedFile = join(dir, 'edited.json');
    writeFileSync(editedFile, JSON.stringify(edited));
    // the bundled schedule keeps its US lines in per-chapter files beside it (lineShards)
    cpSync(join(dirname(BUNDLED), 'lines'), join(dir, 'lines'), { recursive: true });
    const args = ['--hts', '6109.10.00', '--origin', 'CN', '--value', '10000', '--format', 'json'];
    const viaOverlay = JSON.parse(runIn(['calc', ...args, '--scenario-file', overlay, '--scenario', 'list4a-25']).stdout);
    const viaEdit = JSON.parse(runIn(['calc', ...args, '--schedule', editedFile, '--scenario', 'geneva-30']).stdout);
    // MFN 1,650 + 4A 25% 2,500 + 2,000 + 1,000 = 7,150
    expect(viaOverlay.duty).toBe(7150);
    expect([viaOverlay.duty, viaOverlay.landedCost, viaOverlay.dutyByAuthority]).toEqual([viaEdit.duty, viaEdit.landedCost, viaEdit.dutyByAuthority]);
    expect(viaOverlay.assumptions).toContain('scenario list4a-25: us-s301-list4a rate set to 25%');
  });

  it('an invalid overlay exits 78 with its JSON path', () => {
    const bad = join(dir, 'bad-overlay.json');
    writeFileSync(bad, JSON.stringify({ schemaVersion: 1, scenarios: [{ id: 'x', title: 'x', description: '', asOf: '2025-13-01' }] }));
    const r = runIn(['calc', ...TOY, '--scenario-file', bad, '--scenario', 'x']);
    expect(r.exitCode).toBe(78);
    expect(r.stderr).toMatch(/\$\.scenarios\[0\]\.asOf/);
  });
});

describe('compare --claims: the same shipment with and without a claim (issue 23)', () => {
  // auto part 8708.99.81 of Korea, 2026-09-01, $10,000 by air: none = 2.5% (250.00) + Section 232 25% (2,500.00);
  // KR = Free (KR) + 2,500.00 (note 16(b): 232 in addition to any special rate); MPF 34.64 unclaimed, none claimed
  // (19 U.S.C. 58c(b)(19)): landed none 12,784.64, KR 12,500.00, Δ = −250.00 − 34.64 = −284.64
  const part = ['compare', '--hts', '8708.99.81', '--origin', 'KR', '--value', '10000', '--date', '2026-09-01', '--mode', 'air'];

  it('one column per alternative, the first the baseline: JSON', () => {
    const r = runIn([...part, '--claims', 'none|KR', '--format', 'json']);
    expect(r.exitCode).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.baseline).toBe('none');
    expect(doc.columns.map((c: { column: string; duty: number; landedCost: number; delta: number }) => [c.column, c.duty, c.landedCost, c.delta])).toEqual([
      ['none', 2750, 12784.64, 0],
      ['KR', 2500, 12500, -284.64],
    ]);
    expect(doc.columns[1].dutyByAuthority).toEqual({ mfn: 0, s232: 2500 });
  });

  it('the table, and --baseline naming a claim', () => {
    const r = runIn([...part, '--claims', 'none | KR', '--baseline', 'KR']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/│\s+none\s+│\s+KR\s+│/);
    expect(r.stdout).toContain('Δ vs KR');
    expect(r.stdout).toContain('$250.00');
    // --format csv --long: one row per alternative, the claim first
    const csv = runIn([...part, '--claims', 'none|KR;donation', '--format', 'csv', '--long']);
    expect(csv.exitCode).toBe(0);
    const rows = csv.stdout.trim().split('\n');
    expect(rows[0]?.startsWith('claim,law_of,currency,')).toBe(true);
    expect(rows.slice(1).map((r) => r.split(',')[0])).toEqual(['none', 'KR;donation']);
  });

  it('an alternative of several claims ("KR;donation"), and the KR floor of 2025-12-01 where the claim saves the MPF only', () => {
    const r = runIn([...part, '--claims', 'none|KR;donation', '--format', 'json']);
    expect(JSON.parse(r.stdout).columns.map((c: { column: string }) => c.column)).toEqual(['none', 'KR;donation']);
    // asses 0101.30.00 KR: none 6.8% + 8.2% = 1,500.00; KR Free + 15% (U.S. note 2(v)(xxiv)(a)) = 1,500.00;
    // the claim lifts the MPF 34.64 (19 U.S.C. 58c(b)(19)): Δ landed −34.64
    const floor = runIn([
      'compare',
      '--hts',
      '0101.30.00.00',
      '--origin',
      'KR',
      '--value',
      '10000',
      '--date',
      '2025-12-01',
      '--mode',
      'air',
      '--claims',
      'none|KR',
      '--format',
      'json',
    ]);
    expect(JSON.parse(floor.stdout).columns.map((c: { duty: number; delta: number }) => [c.duty, c.delta])).toEqual([
      [1500, 0],
      [1500, -34.64],
    ]);
  });

  it('a claim refused in one column is an error, exit 65, naming the column', () => {
    const r = runIn([...part, '--claims', 'none|AU']);
    expect(r.exitCode).toBe(65);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('--claims AU: claim AU refused: KR is not a member of AU');
  });

  it('usage errors (exit 2): one alternative, "none" with a claim, --claim beside --claims, several origins, a batch', () => {
    const cases: [string[], string][] = [
      [['--claims', 'KR'], 'expected two or more alternatives separated by "|"'],
      [['--claims', 'none|none;KR'], 'mixes none with a claim'],
      [['--claims', 'KR|kr'], 'is given twice'],
      [['--claims', 'none|KR', '--claim', 'KR'], '--claim and --claims together'],
    ];
    for (const [extra, text] of cases) {
      const r = runIn([...part, ...extra]);
      expect(r.exitCode, extra.join(' ')).toBe(2);
      expect(r.stderr).toContain(text);
    }
    const origins = runIn(['compare', '--hts', '8708.99.81', '--origin', 'KR,JP', '--value', '10000', '--claims', 'none|KR']);
    expect(origins.exitCode).toBe(2);
    expect(origins.stderr).toContain('--claims compares one origin');
    const batch = runIn(['compare', '--claims', 'none|KR', '--input', '-'], { input: 'hts,origin,value\n8708.99.81,KR,10000\n' });
    expect(batch.exitCode).toBe(2);
    expect(batch.stderr).toContain('--claims is for one shipment');
  });
});

describe("compare --input without a column it needs: calc's refusal (requiredColumns), exit 65", () => {
  it('no hts and no value column: both named, plural', () => {
    const f = join(dir, 'no-hts-value.csv');
    writeFileSync(f, 'id,origin\nA,CN\n');
    const r = runIn(['compare', '--input', f, '--scenario', 'pre-2025,geneva-30']);
    expect(r.exitCode).toBe(65);
    expect(r.stdout).toBe('');
    expect(r.stderr.slice(r.stderr.indexOf('tariff: '))).toBe(
      [
        `tariff: ${f}: the input has no hts and value columns`,
        '  columns found: id, origin; tariff compare needs hts, origin (or --origin) and value columns',
        '  to fix: add the columns, or map a column of another name to one with --columns "Your Name=hts"',
        '',
      ].join('\n'),
    );
  });

  it('a long row: the words of calc without --allow-ragged, which compare does not take', () => {
    const f = join(dir, 'long-row.csv');
    writeFileSync(f, 'id,hts,origin,value\nA,9503.00.00,CN,1,000.00\nB,9503.00.00,CN,100\n');
    const r = runIn(['compare', '--input', f, '--scenario', 'pre-2025,geneva-30', '--per-row']);
    expect(r.exitCode).toBe(65);
    expect(r.stderr).toContain(`${f}:2: the row has 5 fields, the header 4: the extra field would be dropped — quote fields that contain commas\n`);
    expect(r.stderr).not.toContain('--allow-ragged');
  });
});
