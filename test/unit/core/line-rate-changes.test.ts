/**
 * A timeline names the changes of a line's own rates (src/core/law-changes.ts): the general rate
 * of a new edition (mfnChanges), the special rates of the programmes claimed (specialChanges: the
 * staged rates of 1 January), the column 2 windows of the origins (general note 3(b)), and, for
 * anything still unnamed, a row wherever the total moves (silentChanges).
 * The bundled line 2008.11.15 (peanut butter, data/lines/US-2008.json): special column of the
 * 2025 editions "Free (AU,BH,CL,JO,KR,…)", CO 8.7%, PA 13.1%; from 2026-01-01 CO and PA Free too.
 */
import { describe, expect, it } from 'vitest';
import { parsePercent } from '../../../src/core/decimal.js';
import { lineRateChanges, silentChanges, TouchedLines } from '../../../src/core/law-changes.js';
import type { Importer, Rate, TariffLine } from '../../../src/core/types.js';
import { bundledIndexFast } from '../../helpers.js';

const ix = bundledIndexFast();
const US = ix.schedule.importers.get('US') as Importer;
const pct = (p: string): Rate => ({ kind: 'ad-valorem', adValorem: parsePercent(p) as NonNullable<ReturnType<typeof parsePercent>> });
const peanutButter = (): TariffLine => {
  const r = ix.findLine('US', '2008.11.15'.replaceAll('.', ''));
  if (!r.ok) throw new Error(r.issue.message);
  return r.value;
};

describe('lineRateChanges: the special rates of the claimed programmes, by date', () => {
  it.each([
    // codes claimed → the events between 2025-12-01 and 2026-03-01
    [['CO'], { '2026-01-01': ['special rate of 2008.11.15: CO 8.7% → Free'] }],
    [['PA', 'CO'], { '2026-01-01': ['special rate of 2008.11.15: CO 8.7% → Free, PA 13.1% → Free'] }],
    // KR was Free before and after: nothing to name
    [['KR'], {}],
    // no claim: a special rate moves no total
    [[], {}],
    // a code the column never names
    [['ZZ'], {}],
  ])('claimed %j', (codes, expected) => {
    const got = lineRateChanges(peanutButter(), US, new Set(codes), '2025-12-01', '2026-03-01');
    expect(Object.fromEntries(got)).toEqual(expected);
  });

  it('only inside (from, to]: the change on `from` itself is the start of the timeline, one after `to` is not shown', () => {
    expect(lineRateChanges(peanutButter(), US, new Set(['CO']), '2026-01-01', '2026-03-01').size).toBe(0);
    expect(lineRateChanges(peanutButter(), US, new Set(['CO']), '2025-06-01', '2025-12-31').size).toBe(0);
    expect([...lineRateChanges(peanutButter(), US, new Set(['CO']), '2025-12-31', '2026-01-01').keys()]).toEqual(['2026-01-01']);
  });

  it('the general rate of each edition, as from → to; an edition that keeps it is not named', () => {
    const line = {
      ...peanutButter(),
      mfn: pct('5%'),
      mfnChanges: [
        { from: '2025-07-01', rate: pct('5%') },
        { from: '2026-01-01', rate: pct('7.5%') },
      ],
      specialChanges: [],
    } as TariffLine;
    expect(Object.fromEntries(lineRateChanges(line, US, new Set(), '2025-01-01', '2026-12-31'))).toEqual({
      '2026-01-01': ['general rate of 2008.11.15: 5% → 7.5%'],
    });
  });
});

describe('TouchedLines: the lines of the shipments taken, with their claims and origins', () => {
  it('a CO claim names CO’s rate; a shipment of the same line from KR without a claim adds nothing', () => {
    const t = new TouchedLines(ix);
    t.add({ importer: 'US', hts: '20081115', origin: 'KR', date: '2025-12-05' });
    expect(t.changes('2025-12-01', '2026-03-01').size).toBe(0);
    t.add({ importer: 'US', hts: '20081115', origin: 'CO', date: '2025-12-05', elections: { claim: 'co' } });
    expect(Object.fromEntries(t.changes('2025-12-01', '2026-03-01'))).toEqual({ '2026-01-01': ['special rate of 2008.11.15: CO 8.7% → Free'] });
  });

  it('a programme claimed by its name counts as its code (ctpa: the Colombia TPA, code CO)', () => {
    const t = new TouchedLines(ix);
    const named = ix.schedule.programmes.find((p) => p.codes.includes('CO'))?.names[0];
    expect(named).toBeDefined();
    t.add({ importer: 'US', hts: '20081115', origin: 'CO', date: '2025-12-05', elections: { claim: named as string } });
    expect([...t.changes('2025-12-01', '2026-03-01').keys()]).toEqual(['2026-01-01']);
  });

  it('column 2 (general note 3(b)): Russia from 2022-04-09 (Public Law 117-110), named for a shipment from RU only', () => {
    const t = new TouchedLines(ix);
    t.add({ importer: 'US', hts: '20081115', origin: 'CN', date: '2022-01-01' });
    expect(t.changes('2022-01-01', '2022-12-31').size).toBe(0);
    t.add({ importer: 'US', hts: '20081115', origin: 'RU', date: '2022-01-01' });
    const got = t.changes('2022-01-01', '2022-12-31');
    expect([...got.keys()]).toEqual(['2022-04-09']);
    expect(got.get('2022-04-09')?.[0]).toMatch(/^starts: column 2 rates for RU \(HTSUS general note 3\(b\); Suspending Normal Trade Relations/);
  });
});

describe('silentChanges: a date whose total moves and that no event names', () => {
  const dates = ['2025-01-01', '2025-04-05', '2025-06-01', '2026-01-01'];
  it.each([
    // totals per date, dates with events → the dates shown all the same
    [['a', 'b', 'b', 'c'], ['2025-04-05'], ['2026-01-01']],
    [['a', 'b', 'b', 'c'], ['2025-04-05', '2026-01-01'], []],
    [['a', 'a', 'a', 'a'], [], []],
    // a total that moves back is a change too
    [['a', 'b', 'a', 'a'], [], ['2025-04-05', '2025-06-01']],
  ])('%j with events on %j', (keys, withEvents, expected) => {
    expect(silentChanges(dates, keys, new Map(withEvents.map((d) => [d, []])), '2025-01-01')).toEqual(expected);
  });
});
