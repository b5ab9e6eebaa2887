/**
 * schedule/schedule-index.ts `candidatesFrom`: the measures a plan starts from (core/plan.ts
 * candidateMeasures, and the claims a line offers) — the importer's own `candidates` of the code that
 * can reach goods of the origin — are the same list, in the same order, as filtering `candidates`
 * each time, on the bundled tariff, for codes of several chapters and origins with and without
 * measures of their own (China: Section 301, IEEPA; Mexico and Canada: USMCA, fentanyl; Russia:
 * column 2; Germany: the EU floor). The index then hands out the list it kept.
 */
import { describe, expect, it } from 'vitest';
import { reachesOrigin } from '../../../src/core/applicability.js';
import { bundledIndexFast } from '../../helpers.js';

const index = bundledIndexFast();
const CODES = ['9503000000', '8471300100', '7208101500', '8703800000', '6110202010', '2204300000', '0101210010', '8507600020'];
const ORIGINS = ['CN', 'MX', 'CA', 'DE', 'RU', 'JP', 'BR', 'IN', 'KR', 'AU'];

describe('candidatesFrom = candidates filtered by importer and origin', () => {
  for (const code of CODES) {
    it(code, () => {
      for (const origin of ORIGINS) {
        const want = index.candidates('US', code).filter((m) => m.importer === 'US' && reachesOrigin(m, origin));
        const got = index.candidatesFrom('US', code, origin);
        expect(got.map((m) => m.id)).toEqual(want.map((m) => m.id));
        expect(index.candidatesFrom('US', code, origin)).toBe(got);
      }
      // the lists differ by origin: the filter is not a no-op on this tariff
      expect(new Set(ORIGINS.map((o) => index.candidatesFrom('US', code, o).length)).size).toBeGreaterThan(1);
    });
  }
});
