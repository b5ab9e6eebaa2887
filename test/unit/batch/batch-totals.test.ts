/**
 * batch/pricer.ts `BatchTotals`: the fast path's rows (`addFast`, summed per currency by authority
 * number and added in `settle`) and the full path's (`add`, straight into the maps) must give the
 * totals, and the order of the currencies and of the authorities in each map, that adding every row
 * to the maps in input order gives: the summary prints them in that order. The reference below is
 * that plain model. Rows of programs with up to 40 authorities (more than the 16 a currency's sums
 * start with, numbered while sums exist), several currencies, exempt rows, settles at any row, a
 * hint shared by several programs; and a batch cut into chunks whose totals are copied as a worker
 * posts them (structuredClone) and merged (`mergeTotals`). Review of 55849dc.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BatchTotals, mergeTotals, type SumsHint } from '../../../src/batch/pricer.js';
import type { Program, Run } from '../../../src/core/program.js';
import type { Breakdown } from '../../../src/core/types.js';

const CURRENCIES = ['USD', 'CNY', 'EUR'];
const AUTHORITIES = Array.from({ length: 40 }, (_, i) => `a${i}`);

interface Op {
  fast: boolean;
  currency: number;
  /** indexes into AUTHORITIES, in the program's order (distinct) */
  authorities: number[];
  amounts: number[];
  exempt: boolean;
  settle: boolean;
}

const op: fc.Arbitrary<Op> = fc
  .record({
    fast: fc.boolean(),
    currency: fc.nat({ max: CURRENCIES.length - 1 }),
    authorities: fc.uniqueArray(fc.nat({ max: AUTHORITIES.length - 1 }), { maxLength: 6 }),
    exempt: fc.boolean(),
    settle: fc.boolean(),
    seed: fc.nat({ max: 1_000_000 }),
  })
  .map(({ seed, ...o }) => ({ ...o, exempt: o.fast && o.exempt, amounts: o.authorities.map((a, i) => (seed * (a + 1) * (i + 3)) % 100_000) }));

type Figures = { rows: number; customsValue: number; duty: number; fees: number; taxes: number; landedCost: number; dutyByAuthority: [string, number][] };

/** the plain model: every row into the maps at once, in input order */
function reference(ops: readonly Op[]): [string, Figures][] {
  const by = new Map<string, Omit<Figures, 'dutyByAuthority'> & { dutyByAuthority: Map<string, number> }>();
  for (const o of ops) {
    const cur = CURRENCIES[o.currency] as string;
    let t = by.get(cur);
    if (!t) by.set(cur, (t = { rows: 0, customsValue: 0, duty: 0, fees: 0, taxes: 0, landedCost: 0, dutyByAuthority: new Map() }));
    const f = figures(o);
    t.rows += 1;
    t.customsValue += f.customsValue;
    t.duty += f.duty;
    t.fees += f.fees;
    t.taxes += f.taxes;
    t.landedCost += f.landedCost;
    if (o.exempt) continue;
    o.authorities.forEach((a, i) => {
      const name = AUTHORITIES[a] as string;
      t.dutyByAuthority.set(name, (t.dutyByAuthority.get(name) ?? 0) + (o.amounts[i] as number));
    });
  }
  return [...by].map(([c, t]) => [c, { ...t, dutyByAuthority: [...t.dutyByAuthority] }]);
}

function figures(o: Op) {
  const duty = o.exempt ? 0 : o.amounts.reduce((a, b) => a + b, 0);
  return { customsValue: 10_000 + o.currency, duty, fees: 321, taxes: 7, landedCost: 10_328 + o.currency + duty };
}

/** one program object per (currency, authorities): the fast path meets the same program again */
const programs = new Map<string, Program>();
function programOf(o: Op): Program {
  const key = `${o.currency}:${o.authorities.join(',')}`;
  let p = programs.get(key);
  if (!p) {
    p = { importer: { currency: CURRENCIES[o.currency], minorDigits: 2 }, authorities: o.authorities.map((a) => AUTHORITIES[a]) } as unknown as Program;
    programs.set(key, p);
  }
  return p;
}

function apply(t: BatchTotals, ops: readonly Op[], hint: SumsHint): void {
  for (const o of ops) {
    const f = figures(o);
    if (o.fast) {
      const run = { ...f, exempt: o.exempt, byAuthority: o.exempt ? o.amounts.map(() => 0) : [...o.amounts] } as unknown as Run;
      t.addFast(programOf(o), run, o.currency === 0 ? hint : undefined);
    } else {
      const dutyByAuthority: Record<string, number> = {};
      o.authorities.forEach((a, i) => {
        dutyByAuthority[AUTHORITIES[a] as string] = o.amounts[i] as number;
      });
      t.add({ ...f, currency: CURRENCIES[o.currency], minorDigits: 2, dutyByAuthority } as unknown as Breakdown);
    }
    if (o.settle) t.settle();
  }
  t.settle();
}

const seen = (t: BatchTotals): [string, Figures][] =>
  [...t.byCurrency].map(([c, x]) => [
    c,
    {
      rows: x.rows,
      customsValue: x.customsValue,
      duty: x.duty,
      fees: x.fees,
      taxes: x.taxes,
      landedCost: x.landedCost,
      dutyByAuthority: [...x.dutyByAuthority],
    },
  ]);

describe('BatchTotals: fast-path and full-path rows give the totals and map order of the plain model', () => {
  it('one chunk, settled at any row', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        const t = new BatchTotals();
        apply(t, ops, { sumsProgram: null, sums: undefined });
        expect(seen(t)).toEqual(reference(ops));
      }),
      { numRuns: 300 },
    );
  });

  it('chunks copied as a worker posts them and merged in order', () => {
    fc.assert(
      fc.property(fc.array(fc.array(op, { maxLength: 25 }), { minLength: 1, maxLength: 4 }), (chunks) => {
        const all = new BatchTotals();
        const hint: SumsHint = { sumsProgram: null, sums: undefined };
        for (const ops of chunks) {
          const t = new BatchTotals();
          apply(t, ops, hint);
          mergeTotals(all, structuredClone(t));
        }
        expect(seen(all)).toEqual(reference(chunks.flat()));
      }),
      { numRuns: 200 },
    );
  });

  it('an example by hand: the order is first met, duty of exempt rows not listed', () => {
    const t = new BatchTotals();
    const usd = (authorities: string[]) => ({ importer: { currency: 'USD', minorDigits: 2 }, authorities }) as unknown as Program;
    const run = (byAuthority: number[], exempt = false) =>
      ({ customsValue: 100, duty: byAuthority.reduce((a, b) => a + b, 0), fees: 0, taxes: 0, landedCost: 100, exempt, byAuthority }) as unknown as Run;
    t.addFast(usd(['s301', 'mfn']), run([0, 0], true)); // exempt: counted, authorities not listed
    t.addFast(usd(['mfn', 's301']), run([3, 25])); // listed now, summed at the settle
    t.add({
      currency: 'USD',
      minorDigits: 2,
      customsValue: 100,
      duty: 5,
      fees: 0,
      taxes: 0,
      landedCost: 105,
      dutyByAuthority: { s232: 5 },
    } as unknown as Breakdown);
    t.settle();
    const u = t.byCurrency.get('USD');
    expect([...(u?.dutyByAuthority ?? [])]).toEqual([
      ['mfn', 3],
      ['s301', 25],
      ['s232', 5],
    ]);
    // rows 3; duty 0 + 5 + 28 = 33
    expect([u?.rows, u?.duty]).toEqual([3, 33]);
  });
});
