/**
 * parseMoneyField returns the Result that parseShipment returns: { ok: true, value } in minor
 * units, or { ok: false, issue } with the issue's code, path and message.
 */
import { describe, expect, it } from 'vitest';
import { parseMoneyField, parseShipment } from '../../../src/io/shipment-input.js';

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
