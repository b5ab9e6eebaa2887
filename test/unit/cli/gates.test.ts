/**
 * The gates' one reader (src/cli/gates.ts), shared by calc and compare: a bad percentage is
 * refused in the same words whichever flag or command. (Their judging and wording:
 * test/unit/core/gates.test.ts.) Expected texts worked by hand.
 */
import { describe, expect, it } from 'vitest';
import { parseGates, percentGate } from '../../../src/cli/gates.js';
import type { Dec } from '../../../src/core/decimal.js';
import { UsageError } from '../../../src/errors.js';

const pct = (n: number, s: number): Dec => ({ n, s });

describe('percentGate / parseGates: one reader, one wording', () => {
  it.each([
    ['--max-effective-rate', 'calc'],
    ['--max-effective-rate', 'compare'],
    ['--fail-above', 'compare'],
  ])('%s of %s: "ten" is refused as a percentage, pointing to the command\'s help', (flag, command) => {
    let e: unknown;
    try {
      percentGate('ten', flag, command);
    } catch (x) {
      e = x;
    }
    expect(e).toBeInstanceOf(UsageError);
    expect((e as UsageError).message).toBe(`${flag} "ten": expected a percentage such as 50 or 50%`);
    expect((e as UsageError).details).toEqual([`see tariff ${command} --help`]);
  });

  it('reads "20", "20%" and " 7.5 " as fractions; nothing when the flag is absent', () => {
    expect(percentGate('20', '--fail-above', 'compare')).toEqual(pct(2, 1));
    expect(percentGate('20%', '--fail-above', 'compare')).toEqual(pct(2, 1));
    expect(percentGate(' 7.5 ', '--fail-above', 'compare')).toEqual(pct(75, 3));
    expect(percentGate(undefined, '--fail-above', 'compare')).toBeUndefined();
    expect(parseGates({ maxEffectiveRate: '30' }, 'compare')).toEqual({ maxRate: pct(3, 1), maxRateText: '30' });
  });
});
