/**
 * The whole US tariff, bundled: every line prices for any origin, its general rate agrees with the
 * USITC's own tariff database (a second official file, with the rates already split into numbers).
 * The CLI on the whole tariff (lookup by words, a user's MFN rate, a USMCA claim): test/cli/whole-tariff.test.ts.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseDec, type Dec } from '../../../src/core/decimal.js';
import { mfnRateOn, landedCost } from '../../../src/core/landed-cost.js';
import { resolveScenario } from '../../../src/core/scenario.js';
import type { TariffLine } from '../../../src/core/types.js';
import { csvObjects, readSource } from '../../../scripts/data/lib/read.js';
import type { ScheduleIndex } from '../../../src/schedule/schedule-index.js';
import { bundledIndexFast, ROOT } from '../../helpers.js';

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
