/**
 * The CI gates of `calc` (one shipment, or a batch's totals per currency): is the duty above an
 * amount, is duty ÷ customs value above a rate. Compared exactly in integers (bigint), never on a
 * rounded ratio: a rate a millionth above the limit fails.
 */
import { pow10, type Dec } from './decimal.js';

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
