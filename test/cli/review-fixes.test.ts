/**
 * Issue #14 (wrong numbers and broken contracts found by independent review) and #15 item 10: each
 * repro of the issue, through the built CLI or the library. Expected figures are worked by hand in
 * the comments; the rates come from the sources cited on the schedule's measures (EO 14256 /
 * EO 14298 for the postal duty, the June 2025 metals proclamation for Section 232 content).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/io/csv.js';
import { landedCost, loadSchedule, resolveScenario } from '../../src/index.js';
import { runIn } from '../cli-runner.js';
import { run } from '../helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'tariff-review-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string): string => {
  const f = join(dir, name);
  writeFileSync(f, text);
  return f;
};
const json = (args: string[], env?: Record<string, string>): { code: number; doc: any; stderr: string } => {
  const r = runIn([...args, '--format', 'json'], env ? { env } : {});
  return { code: r.exitCode, doc: r.exitCode === 0 ? JSON.parse(r.stdout) : null, stderr: r.stderr };
};
/** CSV output → header-keyed records */
const records = (csv: string): Record<string, string>[] => {
  const [head, ...rows] = parseCsv(csv)
    .map((r) => r.fields)
    .filter((f) => f.length > 1);
  return rows.map((r) => Object.fromEntries((head as string[]).map((h, i) => [h, r[i] ?? ''])));
};

describe('1. postal duty only up to $800', () => {
  it('a $1,000 postal item is an ordinary entry: fentanyl 20% + reciprocal 10% = $300, said in the notes', () => {
    const { code, doc } = json(['calc', '--hts', '9503.00.00', '--origin', 'CN', '--value', '1000', '--mode', 'postal', '--date', '2025-06-01']);
    expect(code).toBe(0);
    // 20% × 1,000 = 200.00; 10% × 1,000 = 100.00; no 54% postal duty (it would be 540.00)
    expect(doc.dutyByAuthority).toEqual({ mfn: 0, 'ieepa-fentanyl': 200, 'ieepa-reciprocal': 100 });
    expect(doc.duty).toBe(300);
    expect(doc.notes.join('\n')).toMatch(/Postal duty .* not collected: the goods are valued above \$800\.00/);
    expect(doc.notApplied.find((n: any) => n.authority === 'postal-duty' && n.code === 'below-threshold')).toBeTruthy();
  });
  it('at $800 the postal duty applies in lieu of the others: 54% × 800 = $432', () => {
    const { doc } = json(['calc', '--hts', '9503.00.00', '--origin', 'CN', '--value', '800', '--mode', 'postal', '--date', '2025-06-01']);
    expect(doc.dutyByAuthority).toEqual({ 'postal-duty': 432 });
  });
});

describe('2. metal content', () => {
  const fridge = ['calc', '--hts', '8418.10.00', '--origin', 'CN', '--value', '50000', '--date', '2025-09-01', '--mode', 'ocean'];
  it('declared contents above the value are refused (exit 65), in a batch as a rejected row', () => {
    const r = runIn([...fridge, '--content', 'steel=70%', '--content', 'aluminum=60%']);
    expect(r.exitCode).toBe(65);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/steel \+ aluminum content \(\$35,000\.00 \+ \$30,000\.00\) \$65,000\.00 exceeds the customs value \$50,000\.00/);
    const rejects = join(dir, 'rej.csv');
    const b = runIn(['calc', '--rejects', rejects], {
      input: 'hts,origin,value,date,steel_content,aluminum_content\n8418.10.00,CN,50000,2025-09-01,70%,60%\n8418.10.00,CN,50000,2025-09-01,70%,30%\n',
    });
    expect(b.exitCode).toBe(65);
    expect(records(b.stdout)).toHaveLength(1);
    expect(readFileSync(rejects, 'utf8')).toMatch(/,2,.*exceeds the customs value/);
  });
  it('undeclared steel and aluminum are charged once on the value, not twice, and the CSV says so', () => {
    const { doc } = json(fridge);
    // 232: the undeclared value 50,000 counted once: 50% × 50,000 = 25,000 (not 2 × 25,000);
    // 301 List 3 25% = 12,500; fentanyl 20% = 10,000; reciprocal on 0 left = 0 → duty 47,500 (95%)
    expect(doc.dutyByAuthority.s232).toBe(25000);
    expect(doc.duty).toBe(47500);
    expect(doc.notes.join('\n')).toMatch(/aluminum content not declared: charged on the full customs value/);
    expect(doc.notes.join('\n')).toMatch(/steel content not declared: the undeclared value is already charged as aluminum content/);
    const csv = runIn(['calc'], { input: 'hts,origin,value,date,mode\n8418.10.00,CN,50000,2025-09-01,ocean\n' });
    const [row] = records(csv.stdout);
    expect(row?.effective_rate).toBe('0.950000'); // CSV rates are fractions with six decimals;
    expect(row?.notes).toMatch(/content not declared/);
  });
});

describe('3 and #15.10. notes reach every format', () => {
  // the bundled schedule is verified through 2026-10-07 (meta.verifiedThrough)
  const input = 'id,hts,origin,value,date,mode\nA,9503.00.00,CN,100,2026-11-02,ocean\nB,9503.00.00,CN,100,,ocean\nC,9503.00.00,CN,100,2026-05-01,\n';
  const env = { TARIFF_TODAY: '2026-11-30' };
  it('CSV: a notes column with the stale-data warning (dated or blank date = today) and the missing mode', () => {
    const r = runIn(['calc'], { input, env });
    expect(r.exitCode).toBe(0);
    const [a, b, c] = records(r.stdout);
    expect(a?.notes).toMatch(/2026-11-02 is after the schedule's verifiedThrough date \(2026-10-07\)/);
    expect(b?.law_date).toBe('2026-11-30');
    expect(b?.notes).toMatch(/2026-11-30 is after the schedule's verifiedThrough date/);
    expect(c?.notes).toMatch(/Harbor Maintenance Fee not charged: it applies to ocean shipments only and no transport mode was given/);
    expect(c?.notes).not.toMatch(/verifiedThrough/);
  });
  it('NDJSON, JSON and the table carry the same notes', () => {
    const nd = runIn(['calc', '--format', 'ndjson'], { input, env })
      .stdout.trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(nd[0].notes.join()).toMatch(/verifiedThrough/);
    expect(nd[1].notes.join()).toMatch(/verifiedThrough/);
    const doc = JSON.parse(runIn(['calc', '--format', 'json'], { input, env }).stdout);
    expect(doc.results[1].notes.join()).toMatch(/verifiedThrough/);
    const table = runIn(['calc', '--format', 'table'], { input, env }).stdout;
    expect(table).toMatch(/line 2: warning: 2026-11-02 is after the schedule's verifiedThrough/);
    expect(table).toMatch(/line 4: Harbor Maintenance Fee not charged/);
  });
  it('a single calc has the stale note in its JSON, not only on stderr', () => {
    const { doc, stderr } = json(['calc', '--hts', '9503.00.00', '--origin', 'CN', '--value', '100', '--date', '2026-11-02', '--mode', 'ocean']);
    expect(doc.notes.join()).toMatch(/verifiedThrough/);
    expect(stderr).toMatch(/verifiedThrough/);
  });
  it('an exchange rate weeks older than the law date is flagged', () => {
    // the schedule's latest CNY→USD rate before 2025-06-15 is of 2025-02-24: 111 days earlier
    const { doc } = json(['calc', '--hts', '9503.00.00', '--origin', 'CN', '--value', '1000', '--currency', 'CNY', '--date', '2025-06-15', '--mode', 'ocean']);
    expect(doc.fx.date).toBe('2025-02-24');
    expect(doc.notes.join()).toMatch(/rate is of 2025-02-24, 111 days before the law date 2025-06-15/);
  });
});

describe('7. NDJSON input', () => {
  it('takes the union of keys: a later object may add an optional key', () => {
    const nd =
      '{"hts":"9503.00.00","origin":"CN","value":100}\n{"hts":"9503.00.00","origin":"CN","value":100,"date":"2025-06-01"}\n{"hts":"9503.00.00","origin":"CN","value":100,"entry_date":"2025-06-01","mode":"ocean"}\n';
    const r = runIn(['calc', '--input-format', 'ndjson', '--format', 'ndjson'], { input: nd });
    expect(r.exitCode).toBe(0);
    const out = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(out.map((o) => o.date)).toEqual(['2026-05-01', '2025-06-01', '2025-06-01']); // TARIFF_TODAY of the tests, then the given dates
    // 2025-06-01: fentanyl 20% + reciprocal 10% of 100 = 30.00
    expect(out[1].duty).toBe(30);
    expect(out[2].mode).toBe('ocean');
  });
  it('rejects an unknown key with its name', () => {
    const r = runIn(['calc', '--input-format', 'ndjson'], {
      input: '{"hts":"9503.00.00","origin":"CN","value":100}\n{"hts":"9503.00.00","origin":"CN","value":100,"dte":"2025-06-01"}\n',
    });
    expect(r.exitCode).toBe(65);
    expect(r.stderr).toMatch(/stdin:2: unknown key dte/);
  });
  it('NDJSON piped without --input-format gets a hint', () => {
    const r = runIn(['calc'], { input: '{"hts":"9503.00.00","origin":"CN","value":100}\n' });
    expect(r.exitCode).toBe(65);
    expect(r.stderr).toMatch(/looks like NDJSON .*add --input-format ndjson/);
  });
});

describe('8. --jobs with an imported schedule', () => {
  it('workers set the run up as the main thread does (as-entered is implicit)', () => {
    const imp = join(dir, 'imp.json');
    const r = runIn(['schedule', 'import-hts', 'test/fixtures/hts-export.json', '-o', imp]);
    expect(r.exitCode).toBe(0);
    const rows = Array.from({ length: 3000 }, (_, i) => `0101.30.00,CN,${i + 1}.50,2025-06-01`).join('\n');
    const big = file('big.csv', `hts,origin,value,date\n${rows}\n`);
    const one = runIn(['calc', '--schedule', imp, '--input', big]);
    // spawned: worker threads (--jobs) and TARIFF_WORKER_MIN_BYTES (read once) need a real process
    const two = run(['calc', '--schedule', imp, '--input', big, '--jobs', '2'], { env: { TARIFF_WORKER_MIN_BYTES: '1000' } });
    expect(two.stderr).toBe('');
    expect(two.exitCode).toBe(0);
    expect(records(two.stdout)).toHaveLength(3000);
    expect(two.stdout).toBe(one.stdout);
  });
});

describe('9. import-hts --version', () => {
  it('sets meta.version instead of printing the program version', () => {
    const out = join(dir, 'v.json');
    const r = runIn(['schedule', 'import-hts', 'test/fixtures/hts-export.json', '--version', 't1', '-o', out]);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe('');
    expect(JSON.parse(readFileSync(out, 'utf8')).meta.version).toBe('t1');
    expect(runIn(['--version']).stdout).toMatch(/^\d+\.\d+\.\d+/);
  });
});

describe('10. library landedCost checks its input', async () => {
  const schedule = await loadSchedule();
  const sc = resolveScenario(schedule.scenarios, 'geneva-30');
  if (!sc.ok) throw new Error(sc.issue.message);
  const base = { hts: '9503.00.00', origin: 'CN', value: 1_000_000, mode: 'ocean' as const };
  it('accepts the CLI code forms and defaults (importer US, freight and insurance 0)', () => {
    const r = landedCost(base, sc.value, schedule.index);
    // 10,000 + fentanyl 2,000 + reciprocal 1,000 + MPF 34.64 + HMF 12.50 = 13,047.14
    expect(r.ok && r.value.landedCost).toBe(1_304_714);
    const digits = landedCost({ ...base, hts: '95030000' }, sc.value, schedule.index);
    expect(digits.ok && digits.value.landedCost).toBe(1_304_714);
  });
  it.each([
    [{ ...base, value: 10000.5 }, 'value-invalid', 'value'],
    [{ ...base, value: -1 }, 'value-invalid', 'value'],
    [{ ...base, value: undefined }, 'value-invalid', 'value'],
    [{ ...base, freight: 1.5 }, 'value-invalid', 'freight'],
    [{ ...base, hts: '95.03x' }, 'hts-invalid', 'hts'],
    [{ ...base, hts: 9503 }, 'hts-invalid', 'hts'],
    [{ ...base, origin: 'China' }, 'origin-invalid', 'origin'],
    [{ ...base, importer: 7 }, 'importer-unknown', 'importer'],
    [{ ...base, date: '2025-02-30' }, 'date-invalid', 'date'],
    [{ ...base, mode: 'boat' }, 'value-invalid', 'mode'],
    [{ ...base, content: { steel: { share: 1.5 } } }, 'value-invalid', 'content.steel.share'],
    [null, 'value-invalid', 'shipment'],
  ])('%j → { ok: false } with %s at %s, never a throw', (input, code, path) => {
    const r = landedCost(input as never, sc.value, schedule.index);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.issue.code).toBe(code);
      expect(r.issue.path).toBe(path);
    }
  });
  it('a bad scenario or index is an issue too', () => {
    expect(landedCost(base, {} as never, schedule.index).ok).toBe(false);
    expect(landedCost(base, sc.value, {} as never).ok).toBe(false);
  });
});

describe('4. informal entries', () => {
  const air = ['calc', '--hts', '9503.00.00', '--origin', 'CN', '--value', '500', '--mode', 'air', '--date', '2025-06-01'];
  it('a $500 shipment is informal by default: the FY2025 informal fee $2.62, not the $32.71 formal minimum, and it is said', () => {
    const { doc } = json(air);
    expect(doc.entryType).toBe('informal');
    expect(doc.fees).toBe(2.62);
    expect(doc.notes.join()).toMatch(/informal entry assumed: the goods value is within the \$2,500\.00 limit/);
  });
  it('--entry-type formal charges the formal MPF (0.3464% × 500 = 1.73, raised to the minimum 32.71)', () => {
    const { doc } = json([...air, '--entry-type', 'formal']);
    expect(doc.entryType).toBe('formal');
    expect(doc.fees).toBe(32.71);
  });
  it('an informal entry above $2,500 is refused; an entry_type column works in a batch', () => {
    const r = runIn(['calc', '--hts', '9503.00.00', '--origin', 'CN', '--value', '3000', '--mode', 'air', '--date', '2025-06-01', '--entry-type', 'informal']);
    expect(r.exitCode).toBe(65);
    expect(r.stderr).toMatch(/an informal entry is limited to goods of \$2,500\.00/);
    const b = runIn(['calc'], {
      input:
        'hts,origin,value,mode,date,entry_type\n9503.00.00,CN,500,air,2025-06-01,formal\n9503.00.00,CN,500,air,2025-06-01,\n9503.00.00,CN,500,air,2025-06-01,express\n',
    });
    expect(b.exitCode).toBe(65);
    const [formal, byValue] = records(b.stdout);
    expect([formal?.fees, byValue?.fees]).toEqual(['32.71', '2.62']);
    expect(byValue?.notes).toMatch(/informal entry assumed/);
    expect(b.stderr).toMatch(/stdin:4: entry_type "express" is not an entry type/);
  });
});
