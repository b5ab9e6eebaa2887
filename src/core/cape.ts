/**
 * CBP's CAPE declaration (Consolidated Administration and Processing of Entries): the entries of
 * an IEEPA refund, declared in ACE as a CSV file of entry summary numbers.
 *
 * The file, as CBP documents it:
 * - "an IOR, or their broker, will submit a Comma-Separated Values (CSV) file with a list of entry
 *   summary numbers to the CAPE tool through the ACE Portal ... (there is a limit of 9,999 entries
 *   per Declaration)": CBP's information collection for CAPE (OMB ICR 202604-1651-002, April 2026).
 * - The upload template of the ACE CAPE tab (ACEP_CapeEntryNumberUploadTemplate), described in
 *   CBP's Quick Reference Guide "ACE Portal: Consolidated Administration and Processing of Entries
 *   (CAPE) Declarations" (Publication No. 5537-0426, April 2026): one column with the header
 *   "Entry Number", one entry number per row, 11 characters (filer code and number; dashes are
 *   taken out before the check). The guide itself was read here only as quoted in copies
 *   (capeportalguide.com, mycustomsinfo.com): compare with the template in ACE before uploading.
 *
 * Which entries: the phase of each on the as-of date (src/core/refund.ts liquidationPhase). CAPE
 * Phase 1 takes unliquidated entries and entries liquidated within the program's days (CSMS
 * 68315804); an entry liquidated before that needs a protest, within 180 days after the date of
 * liquidation (19 U.S.C. 1514(c)(3)(A)).
 */
import { addDays } from './dates.js';

/** Entry numbers per declaration file (CBP: "a limit of 9,999 entries per Declaration"). */
export const CAPE_MAX_ENTRIES = 9_999;

/** The header of the template's one column. */
export const CAPE_HEADER = 'Entry Number';

/** Days after liquidation within which a protest is filed (19 U.S.C. 1514(c)(3)(A)). */
export const PROTEST_DAYS = 180;

/**
 * An entry number as the template takes it: dashes and spaces out, upper case, 11 letters or
 * digits ("ABC-1234567-8" → "ABC12345678"); null when it is not one.
 */
export function capeEntryNumber(text: string): string | null {
  const n = text.replace(/[-\s]/g, '').toUpperCase();
  return /^[A-Z0-9]{11}$/.test(n) ? n : null;
}

/** The last day to protest an entry liquidated on `liquidationDate`: 180 days after it. */
export function protestDeadline(liquidationDate: string): string {
  return addDays(liquidationDate, PROTEST_DAYS);
}
