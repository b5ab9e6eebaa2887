/**
 * `compare --input` on calc's fast path (src/batch/compare-fast.ts, src/batch/compare-rows.ts):
 * - hand-worked --per-row rows (plain, quoted, padded, rejected, in input order) through the CLI;
 * - in process, every record of a seeded messy corpus the fast path takes gives the bytes and the
 *   totals the full path (CsvReader → ScenarioRows → perRowCsv) gives for it, and it takes most;
 * - through the CLI, the same input with the fast path and without it (TARIFF_FAST_PATH=0) gives
 *   byte-identical stdout, the same stderr and exit code: --per-row and the totals, LF, CRLF,
 *   stray-CR and semicolon files, flag defaults, --no-escape-formulas.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { mapColumns } from '../../src/batch/columns.js';
import { CompareFast, putSignedCents } from '../../src/batch/compare-fast.js';
import { perRowCsv } from '../../src/batch/compare-rows.js';
import { BatchTotals } from '../../src/batch/pricer.js';
import type { Row } from '../../src/batch/row-source.js';
import { ScenarioRows } from '../../src/batch/scenario-rows.js';
import { centsToPlain } from '../../src/core/decimal.js';
import { AS_ENTERED } from '../../src/core/scenario.js';
import { ByteOut } from '../../src/io/byte-out.js';
import { CsvReader } from '../../src/io/csv.js';
import { LineCuts, LONE_CR, QUOTED_LINE, QUOTED_RECORD } from '../../src/io/csv-grammar.js';
import { chooseScenario } from '../../src/schedule/scenario-choice.js';
import { corpus, semicolons, strayCrs } from '../fast-path-corpus.js';
import { type ByteResult, runIn, runInBytes } from '../cli-runner.js';
import { bundledIndexFast } from '../helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'tariff-compare-fast-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const HEADER = 'id,hts,origin,value,freight,insurance,mode,date,description';

describe('compare --per-row: hand-worked rows', () => {
  // 8507.60.0020 (lithium-ion batteries, 3.4% MFN), $10,000.00 by air, freight $500.00 and insurance
  // $50.00 (landed, not in the customs value), MPF 0.3464% of $10,000.00 = $34.64 (between its
  // $32.71 floor and $634.62 cap), no HMF by air:
  //   DE pre-2025:  10,000.00 + 550.00 + 340.00 (MFN) + 34.64                        = 10,924.64
  //   DE geneva-30: 10,924.64 + 1,000.00 (IEEPA reciprocal 10%)                     = 11,924.64
  //   CN pre-2025:  10,924.64 + 750.00 (Section 301, 7.5%)                           = 11,674.64
  //   CN geneva-30: 11,674.64 + 2,000.00 (IEEPA fentanyl 20%) + 1,000.00 (reciprocal) = 14,674.64
  // with geneva-30 the baseline: DE pre-2025 10,924.64 − 11,924.64 = −1,000.00; CN 11,674.64 − 14,674.64 = −3,000.00
  const input = [
    HEADER,
    'A1,8507.60.0020,DE,10000.00,500.00,50.00,air,2025-06-02,battery pack',
    'A2,8507.60.0020,CN,10000.00,500.00,50.00,air,2025-06-02,"pack, large ""XL"""',
    'A3,9999.99.99,CN,100.00,,,air,2025-06-02,bad code',
    'A4,8507.60.0020,DE,10000.00,500.00,50.00,air,2025-06-02, padded ',
    'A5,8507.60.0020,CN,10000.00,500.00,50.00,air,2025-06-02,plain',
    '',
  ].join('\n');
  const file = join(dir, 'hand.csv');
  writeFileSync(file, input);

  it('landed and delta columns, a negative delta, the quoted and padded echo, the rejected row left out (exit 65)', () => {
    const r = runIn(['compare', '--input', file, '--scenario', 'pre-2025,geneva-30', '--baseline', 'geneva-30', '--per-row']);
    expect(r.exitCode).toBe(65);
    expect(r.stdout).toBe(
      [
        `${HEADER},landed_pre_2025,landed_geneva_30,delta_pre_2025,delta_geneva_30`,
        'A1,8507.60.0020,DE,10000.00,500.00,50.00,air,2025-06-02,battery pack,10924.64,11924.64,-1000.00,0.00',
        'A2,8507.60.0020,CN,10000.00,500.00,50.00,air,2025-06-02,"pack, large ""XL""",11674.64,14674.64,-3000.00,0.00',
        'A4,8507.60.0020,DE,10000.00,500.00,50.00,air,2025-06-02," padded ",10924.64,11924.64,-1000.00,0.00',
        'A5,8507.60.0020,CN,10000.00,500.00,50.00,air,2025-06-02,plain,11674.64,14674.64,-3000.00,0.00',
        '',
      ].join('\n'),
    );
    expect(r.stderr).toMatch(/hand\.csv:4: HTS 9999\.99\.99 is not in the US schedule/);
    expect(r.stderr).toContain('tariff: 1 of 5 rows rejected');
  });

  it('the totals of the same rows (JSON): each scenario sums the four priced rows', () => {
    const r = runIn(['compare', '--input', file, '--scenario', 'pre-2025,geneva-30', '--format', 'json']);
    expect(r.exitCode).toBe(65);
    const doc = JSON.parse(r.stdout) as { scenarios: { id: string; landedCost: number }[] };
    // pre-2025: 2 × 10,924.64 + 2 × 11,674.64 = 45,198.56; geneva-30: 2 × 11,924.64 + 2 × 14,674.64 = 53,198.56
    expect(doc.scenarios.map((s) => [s.id, s.landedCost])).toEqual([
      ['pre-2025', 45198.56],
      ['geneva-30', 53198.56],
    ]);
  });
});

describe('putSignedCents', () => {
  it('writes what centsToPlain writes, with its comma, for negative and positive cents', () => {
    const buf = new Uint8Array(64);
    for (const c of [0, 1, 5, 99, 100, 101, 12345, 999_999_999_999, -1, -5, -99, -100, -101, -12345, -300_000, -999_999_999_999]) {
      const end = putSignedCents(buf, 0, c);
      expect(Buffer.from(buf.subarray(0, end)).toString('latin1')).toBe(`,${centsToPlain(c, 2)}`);
    }
  });
});

describe('in process: the fast path writes and adds what the full path does', () => {
  const index = bundledIndexFast();
  const schedule = index.schedule;
  const TODAY = '2026-05-01';
  const ids = ['pre-2025', 'geneva-30', AS_ENTERED];
  const resolved = ids.map((id) => chooseScenario(schedule.scenarios, id, {}));
  const gen = corpus(7);

  for (const extra of [false, true]) {
    it(`every record it takes, ${extra ? 'with the extra columns' : 'the plain columns'}: the same bytes and totals; it takes most of them`, () => {
      const text = gen.file(1500, extra);
      const headerEnd = text.indexOf('\n') + 1;
      const header = text.slice(0, headerEnd - 1).split(',');
      const cols = mapColumns(header, {});
      const fast = new CompareFast(index, resolved, cols, {}, TODAY, 1, true);
      expect(fast.usable).toBe(true);
      const full = new ScenarioRows(index, resolved, cols, {}, { today: TODAY, fastPath: false });
      const fastTotals = resolved.map(() => new BatchTotals());
      const out = new ByteOut(1024);
      const cuts = new LineCuts(text);
      let taken = 0;
      let records = 0;
      for (let pos = headerEnd; pos < text.length; pos = cuts.next) {
        const kind = cuts.cut(pos);
        if (cuts.end === pos || kind === QUOTED_RECORD || kind === LONE_CR) continue;
        records++;
        out.reset(0);
        if (!fast.row(text, pos, cuts.end, null, kind === QUOTED_LINE, out, fastTotals)) {
          expect(out.length).toBe(0);
          continue;
        }
        taken++;
        const rows: Row[] = [];
        const reader = new CsvReader({ stripBom: false, lineBreak: 'lf' });
        reader.push(text.slice(pos, cuts.end), (r) => rows.push(r));
        reader.end((r) => rows.push(r));
        const costs = full.price(rows[0] as Row);
        if ('message' in costs) throw new Error(`the full path rejects a row the fast path took: ${costs.message}`);
        expect(Buffer.from(out.bytes()).toString('utf8')).toBe(perRowCsv(header, (rows[0] as Row).fields, costs, 1, undefined));
      }
      full.settle();
      for (const t of fastTotals) t.settle();
      // the extra columns (entry type, claim, quantity, content) send a good share to the full path by design
      expect(taken).toBeGreaterThan(records * (extra ? 0.3 : 0.6));
      for (let i = 0; i < resolved.length; i++) {
        const a = [...(fastTotals[i] as BatchTotals).byCurrency.values()].map((t) => ({ ...t, dutyByAuthority: [...t.dutyByAuthority] }));
        const b = [...(full.totals[i] as BatchTotals).byCurrency.values()].map((t) => ({ ...t, dutyByAuthority: [...t.dutyByAuthority] }));
        expect(a).toEqual(b);
      }
    });
  }
});

describe('through the CLI: with the fast path and without it (TARIFF_FAST_PATH=0), the same output', { timeout: 120_000 }, () => {
  const gen = corpus(42);
  const files: Record<string, string> = {
    plain: gen.file(1200, false),
    // without the rows of a CN importer: a batch of two importers' currencies is refused (exit 2)
    extra: gen.file(1000, true).replace(/^[^,\n]*,[^,\n]*,US,.*\n/gm, ''),
    crlf: gen.file(1000, false, '\r\n'),
    semicolon: semicolons(gen.file(800, false)),
    strayCr: strayCrs(gen.file(800, false)),
    noOrigin: gen.noOrigin(800),
  };
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, `${name}.csv`), text);

  function both(args: string[]): void {
    // in the test file's runner process (test/cli-runner.ts; TARIFF_FAST_PATH is read on each run)
    const once = (fast: boolean): ByteResult => runInBytes(['compare', ...args], { env: fast ? {} : { TARIFF_FAST_PATH: '0' } });
    const a = once(true);
    const b = once(false);
    expect(a.exitCode === 0 || a.exitCode === 65, a.stderr.slice(0, 500)).toBe(true);
    expect(a.stdout.length).toBeGreaterThan(0);
    expect(a).toEqual(b);
  }

  const perRow = ['--scenario', 'pre-2025,geneva-30,as-entered', '--baseline', 'geneva-30', '--per-row'];
  for (const name of ['plain', 'extra', 'crlf', 'semicolon', 'strayCr']) {
    it(`${name}: --per-row under three scenarios`, () => both(['--input', join(dir, `${name}.csv`), ...perRow]));
  }
  it('plain: --per-row with --no-escape-formulas', () => both(['--input', join(dir, 'plain.csv'), ...perRow, '--no-escape-formulas']));
  it('plain: --per-row with flag defaults (--mode, --date)', () =>
    both(['--input', join(dir, 'plain.csv'), ...perRow, '--mode', 'air', '--date', '2025-08-01']));
  it('no origin column: --origin stands in', () => both(['--input', join(dir, 'noOrigin.csv'), '--origin', 'VN', ...perRow]));
  it('plain: the totals as JSON', () => both(['--input', join(dir, 'plain.csv'), '--scenario', 'pre-2025,geneva-30,busan-20', '--format', 'json']));
  it('extra: the totals as CSV', () => both(['--input', join(dir, 'extra.csv'), '--scenario', 'pre-2025,geneva-30,busan-20', '--format', 'csv']));
});
