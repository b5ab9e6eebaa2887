/**
 * The CAPE declaration's rules (src/core/cape.ts): entry numbers as CBP's template takes them
 * (11 letters and digits, dashes out: CBP QRG Publication 5537-0426 as quoted), 9,999 a file (OMB
 * ICR 202604-1651-002), and the protest deadline, 180 days after liquidation (19 U.S.C.
 * 1514(c)(3)(A)), worked by hand.
 */
import { describe, expect, it } from 'vitest';
import { CAPE_HEADER, CAPE_MAX_ENTRIES, capeEntryNumber, protestDeadline } from '../../../src/core/cape.js';

describe('capeEntryNumber', () => {
  it.each([
    ['ABC-1234567-8', 'ABC12345678'],
    ['abc12345678', 'ABC12345678'],
    [' 123 4567890 1 ', '12345678901'],
    ['ABC-1234567', null], // 10 characters
    ['ABC-1234567-89', null], // 12
    ['ABC_1234567_8', null], // not a dash
    ['', null],
  ])('%j → %j', (text, n) => {
    expect(capeEntryNumber(text)).toBe(n);
  });
});

describe('protestDeadline: liquidation + 180 days', () => {
  it.each([
    // Dec 1 → Dec 31 = 30, + 31 (Jan) = 61, + 28 (Feb) = 89, + 31 (Mar) = 120, + 30 (Apr) = 150, + 30 = May 30
    ['2025-12-01', '2026-05-30'],
    // Sep 1 → Sep 30 = 29, + 31 = 60, + 30 = 90, + 31 = 121, + 31 = 152, + 28 = 180: Feb 28
    ['2025-09-01', '2026-02-28'],
    // into a leap year, before its leap day: 2023-09-01 + 180 = 2024-02-28 (Sep 29, Oct 60, Nov 90, Dec 121, Jan 152, Feb 28 → 180)
    ['2023-09-01', '2024-02-28'],
  ])('liquidated %s: protest by %s', (liq, deadline) => {
    expect(protestDeadline(liq)).toBe(deadline);
  });
});

it('the template: one column "Entry Number", 9,999 entries a declaration', () => {
  expect(CAPE_HEADER).toBe('Entry Number');
  expect(CAPE_MAX_ENTRIES).toBe(9999);
});
