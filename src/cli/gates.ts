/**
 * The flags of the CI gates (--max-effective-rate PCT, --max-duty AMOUNT, compare's --fail-above)
 * read into core/gates.ts's `Gates`: one reader and one wording of a bad value for every command.
 * What a gate means and how a failure is worded is core's (gateFailures), so that calc, compare
 * and a batch judge alike.
 */
import { parseDec, parsePercent, type Dec } from '../core/decimal.js';
import type { Gates } from '../core/gates.js';
import { UsageError } from '../errors.js';

/**
 * A percentage flag of a gate (--max-effective-rate, --fail-above) as a fraction; undefined when
 * not given. The one reader and the one wording of every command's gates.
 */
export function percentGate(text: string | undefined, flag: string, command: string): Dec | undefined {
  if (text === undefined) return undefined;
  const p = parsePercent(text.trim());
  if (!p) throw new UsageError(`${flag} ${JSON.stringify(text)}: expected a percentage such as 50 or 50%`, [`see tariff ${command} --help`]);
  return p;
}

export function parseGates(opts: { readonly maxEffectiveRate?: string | undefined; readonly maxDuty?: string | undefined }, command: string): Gates {
  const g: Gates = {};
  if (typeof opts.maxEffectiveRate === 'string') {
    g.maxRate = percentGate(opts.maxEffectiveRate, '--max-effective-rate', command);
    g.maxRateText = opts.maxEffectiveRate.trim();
  }
  if (typeof opts.maxDuty === 'string') {
    const d = parseDec(opts.maxDuty.trim());
    if (!d)
      throw new UsageError(`--max-duty ${JSON.stringify(opts.maxDuty)}: expected an amount such as 5000 or 5000.50 (in the importer's currency)`, [
        `see tariff ${command} --help`,
      ]);
    g.maxDuty = d;
    g.maxDutyText = opts.maxDuty.trim();
  }
  return g;
}
