/**
 * The CI gates of `calc` (one shipment or a batch): --max-effective-rate PCT and --max-duty AMOUNT.
 * A batch is judged on its totals per currency (as `compare` judges a batch): the effective rate
 * is total duty ÷ total customs value. Compared exactly (integers), never on a rounded ratio.
 * The caller writes its output in full first, then throws the failures (exit 1).
 */
import { decToString, parseDec, parsePercent, percentString, ratioDec, type Dec } from '../core/decimal.js';
import { dutyExceeds, dutyRateExceeds } from '../core/gates.js';
import { moneyText } from '../core/words.js';
import { UsageError } from '../errors.js';

export interface Gates {
  maxRate?: Dec;
  maxRateText?: string;
  maxDuty?: Dec;
  maxDutyText?: string;
}

export function parseGates(opts: { readonly maxEffectiveRate?: string | undefined; readonly maxDuty?: string | undefined }, command: string): Gates {
  const g: Gates = {};
  if (typeof opts.maxEffectiveRate === 'string') {
    const p = parsePercent(opts.maxEffectiveRate.trim());
    if (!p)
      throw new UsageError(`--max-effective-rate ${JSON.stringify(opts.maxEffectiveRate)}: expected a percentage such as 50 or 50%`, [
        `see tariff ${command} --help`,
      ]);
    g.maxRate = p;
    g.maxRateText = opts.maxEffectiveRate.trim();
  }
  if (typeof opts.maxDuty === 'string') {
    const d = parseDec(opts.maxDuty.trim());
    if (!d)
      throw new UsageError(`--max-duty ${JSON.stringify(opts.maxDuty)}: expected an amount such as 5000 or 5000.50 (in the importer's currency)`, [
        `see tariff ${command} --help`,
      ]);
    g.maxDuty = d;
    g.maxDutyText = opts.maxDuty.trim();
  }
  return g;
}

export function hasGates(g: Gates): boolean {
  return g.maxRate !== undefined || g.maxDuty !== undefined;
}

export interface Judged {
  /** what the failure is about: "the shipment", "USD totals" */
  label: string;
  currency: string;
  minorDigits: number;
  customsValue: number;
  duty: number;
}

/** The failures, each in words with the figures. */
export function gateFailures(items: readonly Judged[], g: Gates): string[] {
  const out: string[] = [];
  for (const it of items) {
    if (g.maxRate !== undefined) {
      if (dutyRateExceeds(it.duty, it.customsValue, g.maxRate)) {
        const rate = it.customsValue === 0 ? 'n/a' : percentString(ratioDec(it.duty, it.customsValue, 6));
        out.push(
          `${it.label}: effective rate ${rate} (duty ${moneyText(it.duty, it.currency, it.minorDigits)} on ${moneyText(it.customsValue, it.currency, it.minorDigits)}) exceeds --max-effective-rate ${percentString(g.maxRate)}`,
        );
      }
    }
    if (g.maxDuty !== undefined) {
      if (dutyExceeds(it.duty, it.minorDigits, g.maxDuty))
        out.push(`${it.label}: duty ${moneyText(it.duty, it.currency, it.minorDigits)} exceeds --max-duty ${g.maxDutyText} ${it.currency}`);
    }
  }
  return out;
}

/** The gates asked for, as the JSON frame's checks[] names them: [flag, value as given, limit]. */
export function gateList(g: Gates): [string, string, number][] {
  const out: [string, string, number][] = [];
  if (g.maxRate !== undefined) out.push(['--max-effective-rate', g.maxRateText ?? '', Number(decToString(g.maxRate))]);
  if (g.maxDuty !== undefined) out.push(['--max-duty', g.maxDutyText ?? '', Number(decToString(g.maxDuty))]);
  return out;
}
