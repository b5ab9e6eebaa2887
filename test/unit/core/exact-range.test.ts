/**
 * Amounts beyond what every output carries to the cent are refused (issue code
 * `amount-out-of-range`, exit 65), never printed rounded or in exponent notation.
 *
 * The limit is 15 significant digits of minor units (9,999,999,999,999.99 USD): any decimal of up
 * to 15 significant digits survives the round trip through an IEEE double, i.e. a JSON number.
 * What the CLI prints at and beyond the limit: test/cli/exact-range.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { MAX_EXACT_MINOR } from '../../../src/core/decimal.js';
import { fixtureIndex, priceIssue, ship } from '../../helpers.js';

// mini-schedule line 0101.00.00: MFN 5% ad valorem; origin DE and date 2026-01-01 meet no other
// measure of the fixture. value 9,523,809,523,809.51: landed cost exactly the limit (the arithmetic:
// test/cli/exact-range.test.ts, which prints it); one cent more is over.
const AT_LIMIT = '9523809523809.51';
const OVER = '9523809523809.52';

describe('the exact range of amounts', () => {
  it('the limit is 15 digits of minor units', () => {
    expect(MAX_EXACT_MINOR).toBe(10 ** 15 - 1);
  });

  it('one cent more is refused with amount-out-of-range', async () => {
    const index = await fixtureIndex();
    expect(priceIssue(index, 'as-entered', ship({ hts: '0101.00.00', origin: 'DE', value: OVER, date: '2026-01-01' }))).toBe('amount-out-of-range');
    expect(priceIssue(index, 'as-entered', ship({ hts: '0101.00.00', origin: 'DE', value: AT_LIMIT, date: '2026-01-01' }))).toBe('ok');
  });
});
