/**
 * The CI gates (--max-effective-rate, --max-duty; and the words of compare's --fail-above): is the
 * duty above an amount, is duty ÷ customs value above a rate — for one shipment, a scenario, or a batch's totals
 * per currency (the effective rate of a batch is total duty ÷ total customs value). Compared
 * exactly in integers (bigint), never on a rounded ratio: a rate a millionth above the limit
 * fails. The callers write their output in full first, then report the failures (exit 1).
 */
import { decToString, percentString, pow10, type Dec } from './decimal.js';
import { moneyText } from './words.js';

/**
 * duty / customsValue > limit. With no customs value, any duty is above every rate (a duty on
 * nothing) and no duty is above none.
 */
export function dutyRateExceeds(duty: number, customsValue: number, limit: Dec): boolean {
  // duty / cv > n / 10^s  ⇔  duty · 10^s > n · cv (cv > 0)
  if (customsValue === 0) return duty > 0;
  return BigInt(duty) * BigInt(pow10(limit.s)) > BigInt(limit.n) * BigInt(customsValue);
}

/** duty (minor units of a currency with `minorDigits`) > limit (major units). */
export function dutyExceeds(duty: number, minorDigits: number, limit: Dec): boolean {
  // duty / 10^digits > n / 10^s  ⇔  duty · 10^s > n · 10^digits
  return BigInt(duty) * BigInt(pow10(limit.s)) > BigInt(limit.n) * BigInt(pow10(minorDigits));
}

export interface Gates {
  maxRate?: Dec;
  maxRateText?: string;
  maxDuty?: Dec;
  maxDutyText?: string;
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
        const rate = it.customsValue === 0 ? 'n/a' : ratioAboveText(it.duty, it.customsValue, g.maxRate);
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

/** the most decimals of a fraction `ratioAboveText` prints before it gives the exact fraction */
const MOST_DIGITS = 15;

/**
 * a / b (a ≥ 0, b > 0), a ratio a gate found above `limit`, as a percentage that reads above it:
 * half-up to 6 decimals of the fraction, as the outputs print rates ("33.3333%"), when that already
 * reads above; else to as many more decimals as it takes ("20.00004%" against 20%, which 6
 * decimals would print "20%"); beyond 15 decimals, the exact fraction in lowest terms. In BigInt:
 * a rate far above 100% times 10^15 is beyond exact doubles.
 */
export function ratioAboveText(a: number, b: number, limit: Dec): string {
  const A = BigInt(a);
  const B = BigInt(b);
  const n = BigInt(limit.n);
  const unit = BigInt(pow10(limit.s));
  for (let d = 6; d <= MOST_DIGITS; d++) {
    const scale = 10n ** BigInt(d);
    // half-up: ⌊(2·a·10^d + b) / 2b⌋
    const q = (2n * A * scale + B) / (2n * B);
    // q / 10^d > n / 10^s ⇔ q · 10^s > n · 10^d
    if (q * unit > n * scale) return percentOf(q, d);
  }
  const g = gcd(A, B);
  return `${A / g}/${B / g}`;
}

/** q / 10^d (a fraction) as a percentage, trailing zeros dropped: (200004, 6) → "20.0004%" */
function percentOf(q: bigint, d: number): string {
  const digits = q.toString().padStart(d - 1, '0');
  const int = digits.slice(0, digits.length - (d - 2));
  const frac = digits.slice(digits.length - (d - 2)).replace(/0+$/, '');
  return `${int === '' ? '0' : int}${frac === '' ? '' : `.${frac}`}%`;
}

function gcd(a: bigint, b: bigint): bigint {
  let x = a;
  let y = b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x === 0n ? 1n : x;
}
