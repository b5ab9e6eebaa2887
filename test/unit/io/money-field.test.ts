/**
 * parseMoneyField returns the Result that parseShipment returns: { ok: true, value } in minor
 * units, or { ok: false, issue } with the issue's code, path and message.
 */
import { describe, expect, it } from 'vitest';
import { plainMoney } from '../../../src/core/decimal.js';
import { fastMoney, MAX_CENTS, maxMinor, parseMoneyField, parseShipment } from '../../../src/io/shipment-input.js';

describe('parseMoneyField: a Result', () => {
  it.each([
    // "10000.50" dollars = 10000 × 100 + 50 = 1,000,050 cents
    ['10000.50', 2, 1_000_050],
    // "12" with 2 minor digits = 12 × 100 = 1,200
    ['12', 2, 1_200],
    // the slow path: spaces around, 1 decimal → 7.5 × 100 = 750
    [' 7.5 ', 2, 750],
    // a currency of no minor digits (JPY): "1500" = 1,500 units
    ['1500', 0, 1_500],
    // three minor digits (KWD): "2.125" = 2 × 1000 + 125 = 2,125
    ['2.125', 3, 2_125],
  ])('%j (%i minor digits) → %i', (text, minor, value) => {
    expect(parseMoneyField(text, 'value', minor)).toEqual({ ok: true, value });
  });

  it.each([
    ['-5', 'must not be negative'],
    ['1e3', 'not a plain decimal number'],
    ['1,000', 'no thousands separators'],
    ['12.345', 'has more than 2 decimals'],
    ['abc', 'is not a decimal number'],
    ['99999999999999', 'larger than the supported maximum'],
  ])('%j → not ok, value-invalid: %s', (text, why) => {
    const r = parseMoneyField(text, 'duty_paid', 2);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issue.code).toBe('value-invalid');
    expect(r.issue.path).toBe('duty_paid');
    expect(r.issue.message).toContain('duty_paid');
    expect(r.issue.message).toContain(why);
    expect(r.issue.hint).toBeTruthy();
  });

  it('fails with the same issue parseShipment gives for the same value', () => {
    const field = parseMoneyField('12.345', 'value', 2);
    const shipment = parseShipment({ hts: '9503.00.00', origin: 'CN', value: '12.345' }, (f) => f, { importer: 'US', minorDigits: 2 });
    expect(field.ok).toBe(false);
    expect(shipment.ok).toBe(false);
    if (field.ok || shipment.ok) return;
    expect(shipment.issue).toEqual(field.issue);
  });
});

describe('maxMinor: one limit for the fast readers and parseMoneyField', () => {
  it.each([
    // 10^13 major units × 10^0 = 10,000,000,000,000 (JPY)
    [0, 10_000_000_000_000],
    // 10^13 × 10^2 = 1,000,000,000,000,000 cents (= MAX_CENTS)
    [2, 1_000_000_000_000_000],
    // 10^13 × 10^3 = 10^16 is past 2^53 − 1 = 9,007,199,254,740,991: the exact-integer limit
    [3, 9_007_199_254_740_991],
  ])('%i minor digits → %i', (minor, max) => {
    expect(maxMinor(minor)).toBe(max);
  });

  it('MAX_CENTS is maxMinor(2)', () => {
    expect(MAX_CENTS).toBe(maxMinor(2));
  });

  it.each([
    // 0 digits: 10^13 is the limit itself; 10^13 + 1 is past it (the old fast limit, 10^15, let it through)
    ['10000000000000', 0, 10_000_000_000_000],
    ['10000000000001', 0, undefined],
    // 2 digits (16 characters, the most plainMoney reads): 9,999,999,999,999.99 = 999,999,999,999,999 cents < 10^15;
    // 10^13 + 1 major = 1,000,000,000,000,100 cents > 10^15
    ['9999999999999.99', 2, 999_999_999_999_999],
    ['10000000000001', 2, undefined],
    // 3 digits: 5 × 10^12 major = 5 × 10^15 minor, under 2^53 (the old fast limit, 10^15, refused it)
    ['5000000000000', 3, 5_000_000_000_000_000],
  ])('%j with %i minor digits: fastMoney and parseMoneyField agree (%s)', (text, minor, value) => {
    const slow = parseMoneyField(text, 'value', minor);
    expect(slow.ok ? slow.value : undefined).toBe(value);
    if (!slow.ok) expect(slow.issue.message).toContain('larger than the supported maximum');
    // the fast reader gives the amount or nothing (the slow path then words the refusal)
    expect(fastMoney(text, minor)).toBe(value);
    if (value !== undefined) expect(plainMoney(text, 0, text.length, minor, maxMinor(minor))).toBe(value);
  });
});
