/**
 * The habits of spreadsheet and pipeline users (issue 13), end to end through the built bin:
 * a positional input file, semicolon/tab/pipe input (given or sniffed), CSV for Excel (BOM, CRLF),
 * CI gates on calc, and compare across origins.
 *
 * The reference figures are the toy example worked by hand:
 *   9503.00.00 from CN, $10,000, geneva-30: fentanyl 20% + reciprocal 10% = $3,000.00 duty (no 301
 *   on toys, MFN free); MPF 0.3464% × 10,000 = $34.64; by ocean also HMF 0.125% × 10,000 = $12.50.
 *   Not by ocean: landed 10,000 + 3,000 + 34.64 = 13,034.64.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/io/csv.js';
import { batch, runIn } from '../cli-runner.js';

const dir = mkdtempSync(join(tmpdir(), 'tariff-habits-'));
const file = (name: string, text: string | Buffer): string => {
  const f = join(dir, name);
  writeFileSync(f, text);
  return f;
};

const COMMA = 'id,hts,origin,value,note\nA1,9503.00.00,CN,10000,toys\n';
const colOf = (csv: string, name: string): string[] => {
  const rows = parseCsv(csv).map((r) => r.fields);
  const i = (rows[0] as string[]).indexOf(name);
  return rows.slice(1).map((r) => r[i] as string);
};

describe('a positional input file, as jq, xsv and csvkit take it', () => {
  const POS = file('pos.csv', COMMA);
  const POS2 = file('pos2.csv', COMMA);
  // the plain runs of this block, in one process (test/cli-runner.ts)
  const R = batch({
    a: { args: ['calc', POS, '--scenario', 'geneva-30'] },
    b: { args: ['calc', '--input', POS, '--scenario', 'geneva-30'] },
    c: { args: ['compare', POS2, '--scenario', 'pre-2025,geneva-30', '--format', 'json'] },
    t: { args: ['timeline', POS2, '--from', '2025-05-14', '--to', '2025-05-14', '--format', 'json'] },
    r1: { args: ['refund', file('past.csv', 'hts,origin,value,date\n9503.00.00,CN,10000,2025-06-02\n'), '--format', 'json'] },
    r2: { args: ['calc', file('a.csv', COMMA), '--input', 'other.csv'] },
  });

  it('tariff calc FILE is tariff calc --input FILE', () => {
    const a = R.a;
    const b = R.b;
    expect(a.exitCode).toBe(0);
    expect(a.stderr).toBe('');
    expect(a.stdout).toBe(b.stdout);
    expect(colOf(a.stdout, 'landed_cost')).toEqual(['13034.64']);
  });

  it('compare, timeline and refund take it too', () => {
    const c = R.c;
    expect(c.exitCode).toBe(0);
    expect(JSON.parse(c.stdout).scenarios.map((s: { landedCost: number }) => s.landedCost)).toEqual([10034.64, 13034.64]);
    const t = R.t;
    expect(t.exitCode).toBe(0);
    expect(JSON.parse(t.stdout).steps[0].landedCost).toBe(13034.64);
    const r = R.r1;
    expect(r.exitCode).toBe(0);
    // entered under Geneva: fentanyl 20% + reciprocal 10% = $3,000.00 of IEEPA duty
    expect(JSON.parse(r.stdout).entries[0].ieepaDuty).toBe(3000);
  });

  it('a file and a different --input is a usage error naming the command', () => {
    const r = R.r2;
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('give the input once');
    expect(r.stderr).toContain('tariff calc --help');
  });
});

describe('semicolon, tab and pipe separated input', () => {
  // a European export: semicolons, a decimal comma in a text column
  const SEMI = 'id;hts;origin;value;note\nA1;9503.00.00;CN;10000;toys, plastic\nA2;9503.00.00;CN;"10000";"say ""hi""; ok"\n';

  const tab = 'hts\torigin\tvalue\n9503.00.00\tCN\t10000\n\n9503.00.00\tCN\t12,5O0\n';
  // the plain runs of this block, in one process (test/cli-runner.ts)
  const R = batch({
    r1: { args: ['calc', file('semi.csv', SEMI), '--delimiter', ';', '--scenario', 'geneva-30'] },
    r2: { args: ['calc', file('semi2.csv', SEMI), '--scenario', 'geneva-30'] },
    x: { args: ['calc', file('semi3.csv', SEMI), '--scenario', 'geneva-30', '-q'] },
    r3: { args: ['calc', file('tab.tsv', tab), '--scenario', 'geneva-30'] },
    p: { args: ['calc', file('pipe.txt', 'hts|origin|value\n9503.00.00|CN|10000\n'), '--delimiter', 'pipe', '--scenario', 'geneva-30'] },
    r4: { args: ['compare', '--scenario', 'geneva-30', '--format', 'json', '--delimiter', ';'], input: 'hts;origin;value\n9503.00.00;CN;10000\n' },
    r5: { args: ['calc', file('x.csv', COMMA), '--delimiter', 'x'] },
  });

  it('--delimiter ";" reads it; text with commas comes out quoted and intact', () => {
    const r = R.r1;
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toBe('');
    expect(colOf(r.stdout, 'note')).toEqual(['toys, plastic', 'say "hi"; ok']);
    expect(colOf(r.stdout, 'landed_cost')).toEqual(['13034.64', '13034.64']);
  });

  it('without --delimiter a header with no commas is sniffed, with a note on stderr', () => {
    const r = R.r2;
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toMatch(/note: .*semi2\.csv: the header has no commas; reading the input as semicolon-separated/);
    expect(colOf(r.stdout, 'landed_cost')).toEqual(['13034.64', '13034.64']);
    expect(R.x.stderr).toBe('');
  });

  it('tab and pipe files; line numbers in rejections stay those of the file', () => {
    const r = R.r3;
    expect(r.exitCode).toBe(65);
    expect(r.stderr).toContain('reading the input as tab-separated');
    // line 4: the blank line 3 is skipped but counted
    expect(r.stderr).toMatch(/tab\.tsv:4: value "12,5O0"/);
    expect(colOf(r.stdout, 'landed_cost')).toEqual(['13034.64']);
    const p = R.p;
    expect(p.exitCode).toBe(0);
    expect(colOf(p.stdout, 'landed_cost')).toEqual(['13034.64']);
  });

  it('from stdin, and for compare', () => {
    const r = R.r4;
    expect(r.exitCode).toBe(0);
    expect(JSON.parse(r.stdout).scenarios[0].landedCost).toBe(13034.64);
  });

  it('an unknown delimiter is a usage error', () => {
    const r = R.r5;
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('--delimiter "x"');
  });
});

describe('CSV for Excel: --bom and --crlf', () => {
  const NASTY = 'id,hts,origin,value,note\nA1,9503.00.00,CN,10000,"two\nlines"\nA2,9503.00.00,CN,1O,bad\n';

  // the plain runs of this block, in one process (test/cli-runner.ts)
  const R = batch({
    r: { args: ['calc', file('n.csv', NASTY), '--scenario', 'geneva-30', '--bom', '--crlf'] },
    c: { args: ['compare', '--hts', '9503.00.00', '--origin', 'CN', '--value', '10000', '--scenario', 'geneva-30', '--format', 'csv', '--crlf'] },
    j: { args: ['compare', '--hts', '9503.00.00', '--origin', 'CN', '--value', '10000', '--format', 'json', '--bom'] },
  });

  it('stdout starts with a BOM and ends records with CRLF; a line break inside a field stays LF', () => {
    const r = R.r;
    expect(r.exitCode).toBe(65);
    const out = r.stdout;
    expect(out.startsWith('\uFEFFid,hts,')).toBe(true);
    expect(out).toContain('"two\nlines"');
    expect(out.split('\r\n')).toHaveLength(3); // header, A1, and the empty string after the last CRLF
    expect(out.replace(/"[^"]*"/g, '').replace(/\r\n/g, '')).not.toContain('\n');
  });

  it('the -o file and the --rejects file get them too (the em dash of a rejection reads right in Excel)', () => {
    const o = join(dir, 'priced.csv');
    const rej = join(dir, 'rejects.csv');
    const r = runIn(['calc', file('n2.csv', NASTY), '--scenario', 'geneva-30', '--bom', '--crlf', '-o', o, '--rejects', rej, '-q']);
    expect(r.exitCode).toBe(65);
    const body = readFileSync(o);
    expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rejects = readFileSync(rej, 'utf8');
    expect(rejects.startsWith('\uFEFFid,hts,origin,value,note,line,error\r\n')).toBe(true);
    expect(rejects).toContain('—');
    expect(rejects.endsWith('\r\n')).toBe(true);
  });

  it('compare --format csv takes them; a JSON format refuses them (exit 2)', () => {
    const c = R.c;
    expect(c.exitCode).toBe(0);
    expect(c.stdout.startsWith('metric,geneva-30\r\n')).toBe(true);
    const j = R.j;
    expect(j.exitCode).toBe(2);
    expect(j.stderr).toContain('--bom and --crlf are for CSV output');
  });
});

describe('CI gates on calc: --max-effective-rate and --max-duty, exit 1 after the output', () => {
  const ONE = ['calc', '--hts', '9503.00.00', '--origin', 'CN', '--value', '10000', '--scenario', 'geneva-30'];

  // two toys at $10,000 and $5,000 under geneva-30: duty 3,000 + 1,500 = 4,500 on 15,000 (30%)
  const GATE = file('gate.csv', 'hts,origin,value\n9503.00.00,CN,10000\n9503.00.00,CN,5000\n');
  // the plain runs of this block, in one process (test/cli-runner.ts)
  const R = batch({
    x1: { args: [...ONE, '--max-effective-rate', '30'] },
    r1: { args: [...ONE, '--max-effective-rate', '29.99%', '--format', 'json'] },
    d: { args: [...ONE, '--max-duty', '2999.99'] },
    x2: { args: [...ONE, '--max-duty', '3000'] },
    r2: { args: ['calc', GATE, '--scenario', 'geneva-30', '--max-duty', '4499.99'] },
    x3: { args: ['calc', GATE, '--scenario', 'geneva-30', '--max-duty', '4500', '--max-effective-rate', '30'] },
    x4: { args: [...ONE, '--max-duty', 'lots'] },
  });

  it('one shipment: 30% passes a 30% limit and fails a 29.99% one; $3,000.00 fails a 2,999.99 cap', () => {
    expect(R.x1.exitCode).toBe(0);
    const r = R.r1;
    expect(r.exitCode).toBe(1);
    expect(JSON.parse(r.stdout).duty).toBe(3000); // the output is complete
    expect(r.stderr).toContain('effective rate 30% (duty $3,000.00 on $10,000.00) exceeds --max-effective-rate 29.99%');
    const d = R.d;
    expect(d.exitCode).toBe(1);
    expect(d.stderr).toContain('duty $3,000.00 exceeds --max-duty 2999.99 USD');
    expect(R.x2.exitCode).toBe(0);
  });

  it('a batch is judged on its totals, after every row is written', () => {
    // GATE: duty 4,500 on 15,000 (30%)
    const f = GATE;
    const r = R.r2;
    expect(r.exitCode).toBe(1);
    expect(colOf(r.stdout, 'duty')).toEqual(['3000.00', '1500.00']);
    expect(r.stderr).toContain('USD totals (2 rows): duty $4,500.00 exceeds --max-duty 4499.99 USD');
    expect(R.x3.exitCode).toBe(0);
    const o = join(dir, 'gated.csv');
    const w = runIn(['calc', f, '--scenario', 'geneva-30', '--max-effective-rate', '25', '-o', o]);
    expect(w.exitCode).toBe(1);
    expect(colOf(readFileSync(o, 'utf8'), 'landed_cost')).toHaveLength(2);
  });

  it('a malformed threshold is a usage error', () => {
    expect(R.x4.exitCode).toBe(2);
  });
});

describe('compare across origins', () => {
  // law of 2026-05-01 (TARIFF_TODAY of the tests): Section 122 +10% on every origin, IEEPA gone.
  //   CN $10,000: duty 1,000.00; MPF 34.64; HMF 12.50 → 11,047.14
  //   VN $12,500: duty 1,250.00; MPF 0.3464% × 12,500 = 43.30; HMF 0.125% × 12,500 = 15.625 → 15.63
  //               → fees 58.93, landed 13,808.93; Δ vs CN = +2,761.79
  // the plain runs of this block, in one process (test/cli-runner.ts)
  const R = batch({
    r1: { args: ['compare', '--hts', '9503.00.00', '--origin', 'CN,VN', '--value', '10000,12500', '--mode', 'ocean', '--format', 'json'] },
    t: { args: ['compare', '--hts', '9503.00.00', '--origin', 'CN,VN,MX,IN', '--value', '10000', '--mode', 'ocean', '--no-color'] },
    m: { args: ['compare', '--hts', '9503.00.00', '--origin', 'CN,VN', '--value', '10000', '--scenario', 'geneva-30,s122-2026', '--format', 'csv'] },
    r2: { args: ['compare', '--hts', '9503.00.00', '--origin', 'CN,VN,MX', '--value', '10000,12500'] },
  });

  it('--origin CN,VN --value 10000,12500: one column each, each at its own price', () => {
    const r = R.r1;
    expect(r.exitCode).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.baseline).toBe('CN');
    expect(doc.columns.map((c: { column: string; landedCost: number; delta: number }) => [c.column, c.landedCost, c.delta])).toEqual([
      ['CN', 11047.14, 0],
      ['VN', 13808.93, 2761.79],
    ]);
  });

  it('a table with one column per origin; several scenarios give origin × scenario', () => {
    const t = R.t;
    expect(t.exitCode).toBe(0);
    expect(t.stdout).toMatch(/│\s+│\s+CN │\s+VN │\s+MX │\s+IN │/);
    const m = R.m;
    expect(m.exitCode).toBe(0);
    expect(m.stdout.split('\n')[0]).toBe('metric,CN geneva-30,CN s122-2026,VN geneva-30,VN s122-2026');
  });

  it('values that do not match the origins are a usage error', () => {
    const r = R.r2;
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('3 origins but 2 values');
  });
});

describe('the same formats on every command where they make sense', () => {
  const TOY = ['--hts', '9503.00.00', '--origin', 'CN', '--value', '10000', '--scenario', 'geneva-30'];

  // the plain runs of this block, in one process (test/cli-runner.ts)
  const R = batch({
    c: { args: ['calc', ...TOY, '--format', 'csv'] },
    n: { args: ['calc', ...TOY, '--format', 'ndjson'] },
    m: { args: ['calc', ...TOY, '--format', 'markdown'] },
    r1: { args: ['calc', file('md.csv', 'id,hts,origin,value\nA1,9503.00.00,CN,10000\n'), '--scenario', 'geneva-30', '--format', 'markdown'] },
    r2: { args: ['compare', ...TOY.slice(0, 6), '--scenario', 'pre-2025,geneva-30', '--format', 'ndjson'] },
    t: { args: ['timeline', ...TOY.slice(0, 6), '--from', '2025-05-14', '--to', '2025-05-14', '--format', 'ndjson'] },
    tm: { args: ['timeline', ...TOY.slice(0, 6), '--from', '2025-05-14', '--to', '2025-05-14', '--format', 'markdown'] },
    s: { args: ['sweep', ...TOY, '--vary', 'ieepa-reciprocal=0..20%:10', '--format', 'ndjson'] },
    sm: { args: ['sweep', ...TOY, '--vary', 'ieepa-reciprocal=0..20%:10', '--format', 'markdown'] },
    l: { args: ['lookup', '9503.00.00', '--origin', 'CN', '--date', '2025-05-14', '--format', 'csv'] },
    ln: { args: ['lookup', '9503.00.00', '--origin', 'CN', '--date', '2025-05-14', '--format', 'ndjson'] },
    sc: { args: ['scenarios', '--format', 'csv'] },
    sn: { args: ['scenarios', '--format', 'ndjson'] },
    x: { args: ['scenarios', '--format', 'markdown'] },
  });

  it('calc, one shipment: csv (the row a one-line batch gives), ndjson (one line), markdown', () => {
    const c = R.c;
    expect(c.exitCode).toBe(0);
    expect(colOf(c.stdout, 'landed_cost')).toEqual(['13034.64']);
    expect(colOf(c.stdout, 'duty_ieepa_fentanyl')).toEqual(['2000.00']); // 20% × 10,000
    expect(colOf(c.stdout, 'effective_rate')).toEqual(['0.300000']);
    const n = R.n;
    expect(n.stdout.trim().split('\n')).toHaveLength(1);
    expect(JSON.parse(n.stdout)).toMatchObject({ schemaVersion: 2, duty: 3000, fees: 34.64, landedCost: 13034.64 });
    const m = R.m;
    expect(m.stdout).toContain('| IEEPA fentanyl | 9903.01.24 | 20% | $10,000.00 | $2,000.00 | 20% × $10,000.00 |');
    expect(m.stdout).toContain('| **Landed cost** | $13,034.64 |');
    expect(m.stdout).toContain('| Effective duty rate | 30% |');
  });

  it('calc, a batch: markdown as well as table, csv, ndjson and json', () => {
    const r = R.r1;
    expect(r.exitCode).toBe(0);
    expect(r.stdout.split('\n')[2]).toBe('| 2 | A1 | 9503.00.00 | CN | 2025-05-14 | $10,000.00 | $3,000.00 | $34.64 | $0.00 | $13,034.64 | 30% |');
  });

  it('compare --format ndjson: one object per scenario', () => {
    const r = R.r2;
    expect(r.exitCode).toBe(0);
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    // pre-2025: toys carry no duty: 10,000 + MPF 34.64
    expect(lines.map((l) => [l.id, l.landedCost, l.delta])).toEqual([
      ['pre-2025', 10034.64, 0],
      ['geneva-30', 13034.64, 3000],
    ]);
  });

  it('timeline, sweep, lookup and scenarios: csv, ndjson and markdown', () => {
    const t = R.t;
    expect(t.exitCode).toBe(0);
    expect(JSON.parse(t.stdout)).toMatchObject({ date: '2025-05-14', duty: 3000, landedCost: 13034.64, effectiveRate: 0.3 });
    const tm = R.tm;
    expect(tm.stdout).toContain('| 2025-05-14 | (start of the timeline) | $3,000.00 | $34.64 | $0.00 | $13,034.64 | 30% |');
    // reciprocal at 0%, 10%, 20%: duty = 20% fentanyl + the step, on 10,000
    const s = R.s;
    expect(s.exitCode).toBe(0);
    expect(
      s.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l)),
    ).toEqual([
      { at: 0, duty: 2000, landedCost: 12034.64 },
      { at: 0.1, duty: 3000, landedCost: 13034.64 },
      { at: 0.2, duty: 4000, landedCost: 14034.64 },
    ]);
    const sm = R.sm;
    expect(sm.stdout).toContain('| 10% | $3,000.00 | $13,034.64 |');
    const l = R.l;
    expect(l.exitCode).toBe(0);
    expect(l.stdout.split('\n')[0]).toBe('hts,measure,kind,authority,title,ref,from,to,rate,base,stacking,source');
    expect(colOf(l.stdout, 'measure')).toEqual(expect.arrayContaining(['mfn', 'us-ieepa-fent-20', 'us-ieepa-recip-10-geneva']));
    const ln = R.ln;
    expect(
      ln.stdout
        .trim()
        .split('\n')
        .map((x) => JSON.parse(x).measure),
    ).toContain('us-ieepa-fent-20');
    const sc = R.sc;
    expect(sc.stdout.split('\n')[0]).toBe('id,title,as_of,what_if,us_on_cn,cn_on_us,description');
    expect(colOf(sc.stdout, 'id')).toContain('geneva-30');
    const sn = R.sn;
    expect(
      sn.stdout
        .trim()
        .split('\n')
        .map((x) => JSON.parse(x))
        .find((x) => x.id === 'geneva-30'),
    ).toMatchObject({ asOf: '2025-05-14', whatIf: false });
    expect(R.x.stdout).toMatch(/^\| Scenario \| Title \| Law of \|/);
  });
});

describe('one naming rule for columns and fields', () => {
  // the plain runs of this block, in one process (test/cli-runner.ts)
  const R = batch({
    r1: { args: ['calc', file('names7.csv', COMMA), '--scenario', 'geneva-30'] },
    r2: { args: ['compare', file('pr.csv', COMMA), '--scenario', 'pre-2025,geneva-30', '--per-row'] },
    r3: { args: ['compare', '--hts', '9503.00.00', '--origin', 'CN', '--value', '10000', '--scenario', 'pre-2025,geneva-30', '--no-color'] },
    c: {
      args: [
        'compare',
        '--hts',
        '9503.00.00',
        '--origin',
        'CN',
        '--value',
        '10000',
        '--scenario',
        'pre-2025,geneva-30',
        '--fail-above',
        '35',
        '--max-effective-rate',
        '50%',
        '--format',
        'json',
      ],
    },
    s: {
      args: [
        'sweep',
        '--hts',
        '9503.00.00',
        '--origin',
        'CN',
        '--value',
        '10000',
        '--mode',
        'ocean',
        '--scenario',
        'geneva-30',
        '--vary',
        'ieepa-reciprocal=0..150%:10',
        '--alt-origin',
        'VN',
        '--alt-value',
        '12500',
        '--format',
        'json',
      ],
    },
  });

  it('batch CSV columns are snake_case, rates fractions with six decimals', () => {
    const r = R.r1;
    const header = r.stdout.split('\n')[0] as string;
    for (const col of header.split(',')) expect(col, col).toMatch(/^[a-z0-9_]+$/);
    expect(header).toContain('duty_ieepa_fentanyl');
    expect(colOf(r.stdout, 'effective_rate')).toEqual(['0.300000']);
  });

  it('compare --per-row: landed_pre_2025, delta_geneva_30', () => {
    const r = R.r2;
    expect(r.stdout.split('\n')[0]).toBe('id,hts,origin,value,note,landed_pre_2025,landed_geneva_30,delta_pre_2025,delta_geneva_30');
  });

  it('tables show percentages with at most two decimals', () => {
    // landed 13,034.64 vs 10,034.64: +3,000 ÷ 10,034.64 = 29.8964...% → 29.9%
    const r = R.r3;
    expect(r.stdout).toMatch(/Δ% vs pre-2025\s+│\s+0% │\s+\+29\.9% │/);
  });

  it("JSON thresholds and break-even rates are numbers (fractions); the flags' text stays beside them", () => {
    const c = R.c;
    expect(c.exitCode).toBe(0);
    expect(JSON.parse(c.stdout).gates).toEqual({ failAbove: '35', maxEffectiveRate: '50%', limits: { failAbove: 0.35, maxEffectiveRate: 0.5 }, failures: [] });
    // toys at $10,000 from CN vs $12,500 from VN under geneva-30 by sea, varying the China reciprocal rate;
    // the break-even 17.62% is worked out in timeline-sweep.test.ts
    const s = R.s;
    expect(JSON.parse(s.stdout).breakEven).toMatchObject({ found: true, rate: '17.62%', value: 0.1762 });
  });
});

describe('--lenient: spreadsheet spellings, opt-in and echoed', () => {
  // each row is a geneva-30 toy from China (20% + 10%), not by sea unless said:
  //   A1 12,500.00 by Ocean: duty 3,750.00; MPF 0.3464% × 12,500 = 43.30; HMF 0.125% × 12,500 = 15.625 → 15.63
  //   A2 $8,900 by OCEAN: duty 2,670.00; MPF 0.3464% × 8,900 = 30.8296 → FY2025 minimum 32.71;
  //      HMF 0.125% × 8,900 = 11.125 → 11.13; fees 43.84; landed 8,900 + 2,670 + 43.84 = 11,613.84
  const SHEET = `id,hts,origin,value,mode\nA1,'9503.00.00,China,"12,500.00",Ocean\nA2,9503.00.00,PRC,"$8,900",OCEAN\n`;

  // the plain runs of this block, in one process (test/cli-runner.ts)
  const R = batch({
    r1: { args: ['calc', file('sheet.csv', SHEET), '--scenario', 'geneva-30'] },
    r2: { args: ['calc', file('sheet2.csv', SHEET), '--scenario', 'geneva-30', '--lenient'] },
    j: { args: ['calc', file('sheet3.csv', SHEET), '--scenario', 'geneva-30', '--lenient', '--format', 'json'] },
    r3: {
      args: ['calc', '--scenario', 'geneva-30', '--lenient', '--decimal-comma', '--format', 'ndjson', '-q'],
      input: 'hts;origin;value\n9503.00.00;Viet Nam;1.234,56\n9503.00.00;CN;1.234,56\n',
    },
    x: { args: ['calc', '--hts', '9503.00.00', '--origin', 'CN', '--value', '1', '--decimal-comma'] },
    r4: { args: ['calc', '--hts', '9503.00.00', '--origin', 'china', '--value', '€3000', '--scenario', 'geneva-30', '--lenient'] },
    ok: { args: ['calc', '--hts', '9503.00.00', '--origin', 'China', '--value', '$10,000', '--scenario', 'geneva-30', '--lenient', '--format', 'json'] },
    r5: { args: ['calc', file('bad.csv', 'hts,origin,value\n9503.00.00,CN,"12,5O0"\n9503.00.00,Korea,100\n'), '--scenario', 'geneva-30', '--lenient'] },
  });

  it('strict by default: the same file is rejected row by row', () => {
    const r = R.r1;
    expect(r.exitCode).toBe(65);
    expect(r.stderr).toContain('tariff: 2 of 2 rows rejected');
  });

  it('with --lenient: separators, symbols, country names, the apostrophe and the mode case are read; a note says so', () => {
    const r = R.r2;
    expect(r.exitCode).toBe(0);
    expect(colOf(r.stdout, 'duty')).toEqual(['3750.00', '2670.00']);
    expect(colOf(r.stdout, 'fees')).toEqual(['58.93', '43.84']);
    expect(colOf(r.stdout, 'landed_cost')).toEqual(['16308.93', '11613.84']);
    expect(r.stderr).toContain('note: --lenient: 2 of 2 rows had a value read leniently');
    const j = R.j;
    expect(JSON.parse(j.stdout).assumptions.join(' ')).toContain('--lenient');
  });

  it('--decimal-comma reads 1.234,56 (and needs --lenient)', () => {
    // 1,234.56 × 30% = 370.368 → 370.37
    const r = R.r3;
    expect(r.exitCode).toBe(0);
    const rows = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(rows.map((x) => [x.origin, x.goodsValue])).toEqual([
      ['VN', 1234.56],
      ['CN', 1234.56],
    ]);
    expect(rows[1].duty).toBe(370.37);
    expect(R.x.exitCode).toBe(2);
  });

  it('one shipment: a currency symbol sets the currency, so no amount changes currency silently', () => {
    const r = R.r4;
    // the schedule has no EUR rate: the run stops rather than price euros as dollars
    expect(r.exitCode).toBe(65);
    expect(r.stderr).toContain('--currency set to "EUR"');
    expect(r.stderr).toContain('no EUR→USD exchange rate');
    const ok = R.ok;
    expect(ok.exitCode).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ origin: 'CN', duty: 3000, landedCost: 13034.64 });
    expect(ok.stderr).toContain('--value "$10,000" read as "10000"');
  });

  it('a malformed number stays rejected, and a name that could be two countries is not guessed', () => {
    const r = R.r5;
    expect(r.exitCode).toBe(65);
    expect(r.stderr).toContain('tariff: 2 of 2 rows rejected');
  });
});
