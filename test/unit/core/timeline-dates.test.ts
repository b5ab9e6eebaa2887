/**
 * The dates a timeline prices (core/law-changes.ts lawAndRateDates) are all the dates on which a
 * shipment's total can change: priced on every day from 2018-01-02 to 2026-12-06, each shipment
 * below costs what it costs on the last timeline date at or before that day. A day that differs
 * is a change the timeline would show late, under the next date's events (as the end of the $250
 * informal-entry limit on 2025-04-30 and the yuan's rate of 2025-08-28 were shown, before they were
 * dates of their own). The shipments: lines and origins that measures of 2018–2026 reach (Section 301
 * lists 1 and 3 and the 2024 review, 232 steel, autos and wood, IEEPA, de minimis, the postal duty,
 * column 2), values around the $250/$800/$2,500 limits, each transport mode, and three amounts
 * in yuan at the schedule's rates. Many law dates move none of them (a change of other lines or
 * origins): this checks that no change comes late, not that every date is needed.
 */
import { describe, expect, it } from 'vitest';
import { landedCost } from '../../../src/core/landed-cost.js';
import { lawAndRateDates } from '../../../src/core/law-changes.js';
import { AS_ENTERED } from '../../../src/core/scenario.js';
import { parseShipment } from '../../../src/io/shipment-input.js';
import { bundledIndexFast, scenarioOf } from '../../helpers.js';

const ix = bundledIndexFast();
const scenario = scenarioOf(ix as never, AS_ENTERED);
const FROM = '2018-01-01';
const TO = '2026-12-06';

// hts, origin, value, mode, currency
const SHIPMENTS: [string, string, string, string, string?][] = [
  ['9503.00.00', 'CN', '1000', 'ocean'],
  ['9503.00.00', 'CN', '200', 'postal'],
  ['9503.00.00', 'CN', '240', 'postal'],
  ['9503.00.00', 'CN', '600', 'air'],
  ['9503.00.00', 'HK', '260', 'air'],
  ['9503.00.00', 'VN', '2000', 'ocean'],
  ['8703.80.00', 'DE', '30000', 'ocean'],
  ['7308.90.95', 'MX', '5000', 'truck'],
  ['8471.30.01', 'CN', '900', 'air'],
  ['6109.10.00', 'IN', '3000', 'ocean'],
  ['9401.61.6011', 'CA', '1500', 'truck'],
  ['2204.21.50', 'FR', '2400', 'ocean'],
  ['8507.60.0020', 'CN', '10000', 'ocean'],
  ['0901.11.00', 'BR', '800', 'air'],
  ['8708.99.81', 'KR', '2600', 'ocean'],
  ['9503.00.00', 'RU', '1000', 'ocean'],
  ['9401.61.6011', 'CN', '1000', 'ocean'],
  ['8482.10.50', 'CN', '1000', 'ocean'],
  ['7208.51.00', 'DE', '10000', 'ocean'],
  ['9503.00.00', 'CN', '7000', 'ocean', 'CNY'],
  ['9503.00.00', 'CN', '1800', 'air', 'CNY'],
  ['7308.90.95', 'CA', '20000', 'truck', 'CNY'],
];

describe('a timeline prices every date on which a total can change', () => {
  const dates = lawAndRateDates(ix, scenario, FROM, TO);

  it.each(SHIPMENTS.map((c) => [`${c[0]} from ${c[1]}, ${c[4] ?? 'USD'} ${c[2]} by ${c[3]}`, ...c] as const))(
    '%s: every day costs what its timeline date costs',
    (_name, hts, origin, value, mode, currency) => {
      const parsed = parseShipment({ hts, origin, value, mode, currency }, (f) => f, { importer: 'US', minorDigits: 2 });
      if (!parsed.ok) throw new Error(parsed.issue.message);
      const total = (date: string): string => {
        const r = landedCost({ ...parsed.value, date }, scenario, ix);
        return r.ok ? `${r.value.duty} ${r.value.fees} ${r.value.taxes} ${r.value.landedCost}` : r.issue.code;
      };
      const late: string[] = [];
      let at = 0;
      let expected = total(FROM);
      for (let t = Date.parse(`${FROM}T00:00:00Z`) + 86_400_000; t <= Date.parse(`${TO}T00:00:00Z`); t += 86_400_000) {
        const day = new Date(t).toISOString().slice(0, 10);
        if ((dates[at + 1] ?? '9999') <= day) {
          while ((dates[at + 1] ?? '9999') <= day) at++;
          expected = total(dates[at] as string);
        }
        const got = total(day);
        if (got !== expected) {
          late.push(`${day}: ${got}, but ${dates[at]} (the timeline's date) ${expected}`);
          expected = got;
        }
      }
      expect(late).toEqual([]);
    },
  );
});
