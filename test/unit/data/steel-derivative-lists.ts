/**
 * The Section 232 steel derivative lists of U.S. note 16(n) that several data tests price, typed
 * from their sources (not read from the build they check):
 * - 16(n)(1), 9903.81.91: the 12 subheadings the HTSUS 2026 Rev 4 text lists before item (2)
 *   (CBP's list of 11 Mar 2025, CSMS 64384423, names the same 12);
 * - 16(n)(2): the 11 provisions of the BIS notice of 16 Jun 2025 (FR Doc 2025-11067, 90 FR 25208;
 *   CSMS 65405824), effective 23 Jun 2025.
 */
export const NOTE_16N1 = [
  '8431.31.00',
  '8431.42.00',
  '8431.49.10',
  '8431.49.90',
  '8432.10.00',
  '8432.90.00',
  '8547.90.00',
  '9403.20.00',
  '9405.99.20',
  '9405.99.40',
  '9406.20.00',
  '9406.90.01',
];

export const NOTE_16N2 = [
  '8418.10.00',
  '8418.30.00',
  '8418.40.00',
  '8422.11.00',
  '8450.11.00',
  '8450.20.00',
  '8451.21.00',
  '8451.29.00',
  '8509.80.20',
  '8516.60.40',
  '9403.99.9020',
];
