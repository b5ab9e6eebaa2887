/**
 * The whole US tariff, bundled: every line prices for any origin, its general rate agrees with the
 * USITC's own tariff database (a second official file, with the rates already split into numbers),
 * and the CLI finds lines by words, takes a user's MFN rate and a USMCA claim.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseDec, type Dec } from '../../../src/core/decimal.js';
import { mfnRateOn, landedCost } from '../../../src/core/landed-cost.js';
import { resolveScenario } from '../../../src/core/scenario.js';
import type { TariffLine } from '../../../src/core/types.js';
import { csvObjects, readSource } from '../../../scripts/data/lib/read.js';
import type { ScheduleIndex } from '../../../src/schedule/schedule-index.js';
import { bundledIndexFast, ROOT, run } from '../../helpers.js';

let ix: ScheduleIndex;
let lines: TariffLine[];
beforeAll(() => {
  ix = bundledIndexFast();
  lines = ix.linesUnder('US', '');
});

/** an exact decimal, normalised (no trailing zeros), to compare the two files' numbers as text */
const norm = (d: Dec | undefined, extraScale = 0): string => {
  if (!d) return 'none';
  let { n, s } = d;
  s += extraScale;
  while (s > 0 && n % 10 === 0) {
    n /= 10;
    s--;
  }
  return `${n}e-${s}`;
};
const dec = (text: string | undefined): Dec | undefined => parseDec((text ?? '').trim()) ?? undefined;

describe('the US lines of the bundled schedule', () => {
  it('are the rate lines of chapters 01–97 (every chapter but the reserved 77)', () => {
    const chapters = new Set(lines.map((l) => l.hts.slice(0, 2)));
    expect(chapters.size).toBe(96);
    expect(chapters.has('77')).toBe(false);
    expect(lines.length).toBeGreaterThan(11_000);
  });

  it('agree with the USITC tariff database of June 2025 on every ad valorem, free and specific general rate', () => {
    const rows = csvObjects(readSource(ROOT, 'usitc/tariff_database_2025_06062025.csv.gz'), 'tariff_database');
    const byCode = new Map(lines.map((l) => [l.hts, l]));
    let compared = 0;
    const notComputed: string[] = [];
    const disagree: string[] = [];
    for (const r of rows) {
      const code = r.hts8 as string;
      const type = r.mfn_rate_type_code;
      if (code.startsWith('98') || code.startsWith('99') || !['0', '1', '7'].includes(type as string)) continue;
      const line = byCode.get(code);
      if (!line) {
        disagree.push(`${code}: not in the schedule`);
        continue;
      }
      const rate = mfnRateOn(line, '2025-06-06');
      if (rate === null) {
        notComputed.push(code);
        continue;
      }
      compared++;
      // type 7: ad valorem (a fraction: 0.165 for 16.5%); 0: free; 1: specific, dollars per unit
      const ok =
        type === '0'
          ? rate.kind === 'ad-valorem' && rate.adValorem.n === 0
          : type === '7'
            ? rate.kind === 'ad-valorem' && norm(rate.adValorem) === norm(dec(r.mfn_ad_val_rate))
            : rate.kind === 'specific' &&
              // the database gives dollars per unit; the tariff prints "89.6¢/1000" per thousand
              norm(rate.specific.amount, rate.specific.per === 'thousand' ? 3 : 0) === norm(dec(r.mfn_specific_rate));
      if (!ok) disagree.push(`${code}: database "${r.mfn_text_rate}"`);
    }
    expect(disagree).toEqual([]);
    expect(compared).toBeGreaterThan(10_800);
    // what the tool does not compute (per proof liter, on drained weight …) is asked for, never guessed
    expect(notComputed.length).toBeLessThan(60);
  });

  it('a seeded sample of 300 ten-digit codes prices for every origin on any date from 2025 (or asks for --mfn)', () => {
    const codes = lines.flatMap((l) => (l.suffixes.length ? l.suffixes.map((s) => s.hts) : [`${l.hts}00`.slice(0, 10)]));
    const sc = resolveScenario(ix.schedule.scenarios, 'as-entered');
    if (!sc.ok) throw new Error(sc.issue.message);
    const asEntered = sc.value;
    const outcomes = new Map<string, number>();
    fc.assert(
      fc.property(
        fc.nat({ max: codes.length - 1 }),
        fc.constantFrom('CN', 'HK', 'VN', 'MX', 'CA', 'DE', 'JP', 'IN', 'BR', 'KR', 'GB', 'CH'),
        fc.integer({ min: 0, max: 545 }),
        (i, origin, day) => {
          const date = new Date(Date.UTC(2025, 0, 1 + day)).toISOString().slice(0, 10);
          const hts = codes[i] as string;
          const r = landedCost(
            { hts, origin, importer: 'US', value: 1_000_000, freight: 0, insurance: 0, date, qty: { n: 100, s: 0 }, unit: 'kg' },
            asEntered,
            ix,
          );
          const code = r.ok ? 'ok' : r.issue.code;
          outcomes.set(code, (outcomes.get(code) ?? 0) + 1);
          if (r.ok) return true;
          // what may stop a price: a rate the tool does not compute, or a quantity in another unit
          return ['mfn-not-modelled', 'unit-mismatch', 'hts-deleted'].includes(r.issue.code);
        },
      ),
      { seed: 20251130, numRuns: 300 },
    );
    expect(outcomes.get('ok') ?? 0).toBeGreaterThan(250);
  });
});

describe('tariff lookup --search', () => {
  it('finds lines by every word of the query, in tariff order, and says how many', () => {
    const r = run(['lookup', '--search', 'lithium batteries']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/US lines? match "lithium batteries"/);
    expect(r.stdout).toContain('8507.60.00');
    expect(r.stdout.indexOf('8506.50.00')).toBeLessThan(r.stdout.indexOf('8507.60.00'));
  });
  it('JSON, with the statistical suffix that matched', () => {
    const doc = JSON.parse(run(['lookup', '--search', 'purebred horses', '--format', 'json']).stdout);
    expect(doc.lines.map((l: any) => l.line)).toContain('0101.21.00');
  });
  it('no code and no words is a usage error; no match says so on stderr', () => {
    expect(run(['lookup']).exitCode).toBe(2);
    const none = run(['lookup', '--search', 'zzqxv']);
    expect(none.exitCode).toBe(0);
    expect(none.stderr).toMatch(/no US line has all of: zzqxv/);
  });
});

describe('--mfn and --claim', () => {
  it('a line whose rate the tool does not compute asks for --mfn (exit 65) and prices with it, echoed as an assumption', () => {
    const base = ['calc', '--hts', '0711.20.18', '--origin', 'MX', '--value', '1000', '--date', '2025-06-01'];
    const no = run(base);
    expect(no.exitCode).toBe(65);
    expect(no.stderr).toMatch(/"3\.7¢\/kg on drained weight", which this tool cannot compute/);
    const yes = run([...base, '--mfn', '3.7¢/kg', '--qty', '500', '--unit', 'kg', '--format', 'json']);
    expect(yes.exitCode).toBe(0);
    const doc = JSON.parse(yes.stdout);
    // MFN $0.037 × 500 kg = 18.50; IEEPA Mexico 25% × 1,000.00 = 250.00 → 268.50
    expect(doc.duty).toBe(268.5);
    expect(doc.notes.join(' ')).toMatch(/assumption: general \(MFN\) rate \$0\.037\/kg as given/);
  });
  it('--mfn replaces a known rate too, and says what the schedule has', () => {
    const doc = JSON.parse(
      run(['calc', '--hts', '6109.10.00', '--origin', 'VN', '--value', '1000', '--date', '2025-06-15', '--mfn', '10%', '--format', 'json']).stdout,
    );
    // 10% × 1,000.00 = 100.00 + baseline 10% 100.00 = 200.00
    expect(doc.duty).toBe(200);
    expect(doc.notes.join(' ')).toMatch(/the schedule's rate is 16\.5%/);
  });
  it('a bad --mfn is a usage error (2) naming the flag, as every bad flag value', () => {
    const r = run(['calc', '--hts', '6109.10.00', '--origin', 'VN', '--value', '1000', '--mfn', 'ten percent']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/--mfn "ten percent" is not a rate/);
  });
  it('--claim usmca removes the IEEPA Mexico duty from 2025-03-07 (9903.01.04), not before', () => {
    const at = (date: string, claim: boolean): any =>
      JSON.parse(
        run(['calc', '--hts', '9503.00.00', '--origin', 'MX', '--value', '10000', '--date', date, '--format', 'json', ...(claim ? ['--claim', 'usmca'] : [])])
          .stdout,
      );
    expect(at('2025-06-15', false).duty).toBe(2500); // 25% × 10,000.00
    expect(at('2025-06-15', true).duty).toBe(0);
    // 2025-03-04 – 03-06: USMCA goods paid the full rate (EO 14231 from 2025-03-07)
    expect(at('2025-03-05', true).duty).toBe(2500);
  });
  it('a claim that changes nothing says so', () => {
    const doc = JSON.parse(
      run(['calc', '--hts', '9503.00.00', '--origin', 'VN', '--value', '10000', '--date', '2025-06-15', '--claim', 'patented', '--format', 'json']).stdout,
    );
    expect(doc.notes.join(' ')).toMatch(/claim patented changes nothing for this shipment/);
  });
  it('a programme claim from an origin that is not a member is refused (issue 23): USMCA from Viet Nam', () => {
    const r = run(['calc', '--hts', '9503.00.00', '--origin', 'VN', '--value', '10000', '--date', '2025-06-15', '--claim', 'usmca']);
    expect(r.exitCode).toBe(65);
    expect(r.stderr).toContain('claim usmca refused: VN is not a member of S/S+');
  });
  it('batch: claim and mfn_rate columns', () => {
    const csv = 'hts,origin,value,date,claim,mfn_rate\n9503.00.00,MX,10000,2025-06-15,usmca,\n0711.20.18,MX,1000,2025-06-01,,8%\n';
    const r = run(['calc', '--format', 'ndjson'], { input: csv });
    expect(r.exitCode).toBe(0);
    const [a, b] = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(a.duty).toBe(0);
    // 8% × 1,000.00 = 80.00 + 25% × 1,000.00 = 250.00 → 330.00
    expect(b.duty).toBe(330);
  });
});
