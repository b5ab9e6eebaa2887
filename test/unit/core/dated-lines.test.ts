/**
 * The core on what the whole tariff brought: a line's general rate by edition (mfnChanges), a code
 * that left the tariff (until), a rate the tool does not compute (mfnText, --mfn), the "15%
 * inclusive of MFN" floor (rate.topUpTo), elections offered by a measure (claim usmca), and a
 * chapter-at-a-time index. Made-up rates on a schedule built here; every figure worked by hand.
 */
import { describe, expect, it } from 'vitest';
import { parsePercent } from '../../../src/core/decimal.js';
import { landedCost } from '../../../src/core/landed-cost.js';
import { resolveScenario } from '../../../src/core/scenario.js';
import type { Breakdown, Rate, Shipment } from '../../../src/core/types.js';
import { compileSchedule } from '../../../src/schedule/compile.js';
import { ScheduleIndex } from '../../../src/schedule/schedule-index.js';
import { schedule as scheduleSchema, type RawSchedule } from '../../../src/schedule/schema.js';

const src = 'https://example.test/s';
const raw: RawSchedule = {
  schemaVersion: 1,
  meta: { title: 'dated lines', version: 't', verifiedThrough: '2026-06-30' },
  importers: { US: { name: 'United States', currency: 'USD', valuation: 'transaction-value', sources: [src] } },
  lines: [
    {
      importer: 'US',
      hts: '1111.11.11',
      description: 'rate changes in 2026',
      mfn: { adValorem: '5%' },
      mfnChanges: [{ from: '2026-01-01', rate: { adValorem: '7.5%' } }],
      coverageFrom: '2025-01-01',
      sources: [src],
    },
    {
      importer: 'US',
      hts: '2222.22.22',
      description: 'left the tariff in 2026',
      mfn: { adValorem: '3%' },
      coverageFrom: '2025-01-01',
      until: '2026-01-01',
      sources: [src],
    },
    { importer: 'US', hts: '3333.33.33', description: 'not computed', mfnText: '3.7¢/kg on drained weight', coverageFrom: '2025-01-01', sources: [src] },
    { importer: 'US', hts: '4444.44.44', description: 'MFN 20%', mfn: { adValorem: '20%' }, sources: [src] },
    { importer: 'US', hts: '5555.55.55', description: 'specific MFN', mfn: { specific: { amount: '0.10', per: 'kg' } }, sources: [src] },
  ],
  measures: [
    {
      id: 'floor',
      authority: 'ieepa-reciprocal',
      title: 'EU floor 15%',
      importer: 'US',
      origins: ['DE'],
      hts: ['*'],
      from: '2025-08-07',
      rate: { topUpTo: '15%' },
      ref: '9903.02.19/.20',
      instrument: 'i',
      sources: [src],
    },
    {
      id: 'mx',
      authority: 'ieepa-fentanyl',
      title: 'Mexico 25%',
      importer: 'US',
      origins: ['MX'],
      hts: ['*'],
      from: '2025-03-04',
      rate: { adValorem: '25%' },
      ref: '9903.01.01',
      instrument: 'i',
      sources: [src],
    },
    {
      id: 'mx-usmca',
      authority: 'ieepa-fentanyl',
      title: 'USMCA goods exempt',
      importer: 'US',
      origins: ['MX'],
      hts: ['*'],
      from: '2025-03-07',
      rate: { adValorem: '0%' },
      replaces: ['mx'],
      election: { group: 'claim', option: 'usmca' },
      ref: '9903.01.04',
      instrument: 'i',
      sources: [src],
    },
  ],
  scenarios: [{ id: 'as-entered', title: 'As entered', description: '', asOf: null }],
};
const parsed = scheduleSchema.safeParse(raw);
if (!parsed.success) throw new Error(JSON.stringify(parsed.error.issues));
const index = new ScheduleIndex(compileSchedule(parsed.data, 'test'));
const scenario = (() => {
  const r = resolveScenario(index.schedule.scenarios, 'as-entered');
  if (!r.ok) throw new Error(r.issue.message);
  return r.value;
})();

const sh = (hts: string, origin: string, date: string, extra: Partial<Shipment> = {}): Shipment => ({
  hts: hts.replace(/\./g, ''),
  origin,
  importer: 'US',
  value: 1_000_000,
  freight: 0,
  insurance: 0,
  date,
  ...extra,
});
const priced = (s: Shipment): Breakdown => {
  const r = landedCost(s, scenario, index);
  if (!r.ok) throw new Error(`${r.issue.code}: ${r.issue.message}`);
  return r.value;
};
const issue = (s: Shipment): string => {
  const r = landedCost(s, scenario, index);
  return r.ok ? 'ok' : r.issue.code;
};
const pct = (text: string): Rate => ({ kind: 'ad-valorem', adValorem: parsePercent(text) as NonNullable<ReturnType<typeof parsePercent>> });

describe('general rate by edition', () => {
  it.each([
    ['2025-12-31', 50_000], // 5% × $10,000.00 = $500.00
    ['2026-01-01', 75_000], // 7.5% × $10,000.00 = $750.00
  ])('on %s the duty is %i cents', (date, duty) => {
    expect(priced(sh('1111.11.11', 'FR', date)).duty).toBe(duty);
  });
  it('before coverageFrom the result warns', () => {
    expect(priced(sh('1111.11.11', 'FR', '2024-06-01')).notes.join(' ')).toMatch(/only from 2025-01-01/);
  });
});

describe('a code that left the tariff', () => {
  it('prices before `until` (3% × $10,000.00 = $300.00) and is refused from it', () => {
    expect(priced(sh('2222.22.22', 'FR', '2025-12-31')).duty).toBe(30_000);
    expect(issue(sh('2222.22.22', 'FR', '2026-01-01'))).toBe('hts-deleted');
  });
});

describe('a rate the tool does not compute', () => {
  it('needs the user rate, then prices with it and says so', () => {
    expect(issue(sh('3333.33.33', 'FR', '2025-06-01'))).toBe('mfn-not-modelled');
    const b = priced(sh('3333.33.33', 'FR', '2025-06-01', { mfnRate: pct('4%') }));
    expect(b.duty).toBe(40_000); // 4% × $10,000.00 = $400.00
    expect(b.notes.join(' ')).toMatch(/assumption: general \(MFN\) rate 4% as given/);
  });
});

describe('the 15% floor inclusive of MFN (topUpTo)', () => {
  it.each([
    // [line, MFN amount, floor amount] on $10,000.00 from DE, 2025-09-01
    ['1111.11.11', 50_000, 100_000], // MFN 5% = 500.00; floor 1,500.00 − 500.00 = 1,000.00
    ['4444.44.44', 200_000, 0], // MFN 20% = 2,000.00 ≥ 1,500.00: nothing added
  ])('%s: MFN %i, floor adds %i', (hts, mfn, floor) => {
    const b = priced(sh(hts, 'DE', '2025-09-01'));
    expect(b.dutyByAuthority.mfn).toBe(mfn);
    expect(b.dutyByAuthority['ieepa-reciprocal']).toBe(floor);
    expect(b.duty).toBe(mfn + floor);
  });
  it('on a specific MFN rate it tops up the MFN duty itself (its ad valorem equivalent)', () => {
    // 100 kg × $0.10 = $10.00 MFN; floor 15% × $10,000.00 = $1,500.00 − $10.00 = $1,490.00
    const b = priced(sh('5555.55.55', 'DE', '2025-09-01', { qty: { n: 100, s: 0 }, unit: 'kg' }));
    expect(b.dutyByAuthority['ieepa-reciprocal']).toBe(149_000);
    expect(b.lines.find((l) => l.measure === 'floor')?.formula).toBe('15% × $10,000.00 − MFN $10.00');
  });
  it('not before its date', () => {
    expect(priced(sh('1111.11.11', 'DE', '2025-08-06')).dutyByAuthority['ieepa-reciprocal']).toBeUndefined();
  });
});

describe('a claim is an election the schedule offers', () => {
  it('removes the Mexico duty when claimed (25% × $10,000.00 = $2,500.00 otherwise)', () => {
    expect(priced(sh('1111.11.11', 'MX', '2025-06-01')).dutyByAuthority['ieepa-fentanyl']).toBe(250_000);
    expect(priced(sh('1111.11.11', 'MX', '2025-06-01', { elections: { claim: 'usmca' } })).dutyByAuthority['ieepa-fentanyl']).toBe(0);
  });
  it('before the exemption existed, the claim changes nothing and the result says so', () => {
    const b = priced(sh('1111.11.11', 'MX', '2025-03-05', { elections: { claim: 'usmca' } }));
    expect(b.dutyByAuthority['ieepa-fentanyl']).toBe(250_000);
    expect(b.notes.join(' ')).toMatch(/claim usmca changes nothing/);
  });
});

describe('the index, a chapter at a time', () => {
  it('finds a line and its measures whichever chapter is asked first, and lists every line under ""', () => {
    const fresh = new ScheduleIndex(compileSchedule(parsed.data, 'test'));
    expect(fresh.candidates('US', '4444444400').map((m) => m.id)).toEqual(['floor', 'mx', 'mx-usmca']);
    expect(fresh.linesUnder('US', '').map((l) => l.hts)).toEqual(['11111111', '22222222', '33333333', '44444444', '55555555']);
  });

  it.each([
    ['DE', ['floor']],
    ['MX', ['mx', 'mx-usmca']],
    ['CN', []],
  ])('the measures that can reach goods of %s, found once and kept (candidatesFrom)', (origin, ids) => {
    const fresh = new ScheduleIndex(compileSchedule(parsed.data, 'test'));
    const list = fresh.candidatesFrom('US', '4444444400', origin);
    expect(list.map((m) => m.id)).toEqual(ids);
    expect(fresh.candidatesFrom('US', '4444444400', origin)).toBe(list);
    expect(fresh.candidatesFrom('XX', '4444444400', origin)).toEqual([]);
  });
});

describe('column 2 origins (general note 3(b))', () => {
  const withCol2: RawSchedule = {
    ...raw,
    importers: {
      US: {
        ...(raw.importers.US as RawSchedule['importers'][string]),
        column2: [{ origins: ['RU'], from: '2022-04-09', ref: 'general note 3(b)', sources: [src] }],
      },
    },
    lines: [
      { importer: 'US', hts: '6666.66.66', description: 'with a column 2 rate', mfn: { adValorem: '16.5%' }, column2: { adValorem: '90%' }, sources: [src] },
      ...raw.lines,
    ],
  };
  const p = scheduleSchema.safeParse(withCol2);
  if (!p.success) throw new Error(JSON.stringify(p.error.issues));
  const ix2 = new ScheduleIndex(compileSchedule(p.data, 'test'));
  const cost = (origin: string, date: string, hts = '6666666600'): string | number => {
    const r = landedCost(sh(hts, origin, date), scenario, ix2);
    return r.ok ? r.value.duty : r.issue.code;
  };
  it.each([
    ['RU', '2022-04-09', 900_000], // 90% × $10,000.00 = $9,000.00
    ['RU', '2022-04-08', 165_000], // the day before: general 16.5% = $1,650.00
    ['FR', '2025-06-01', 165_000],
  ])('%s on %s pays %i cents', (origin, date, duty) => {
    expect(cost(origin, date)).toBe(duty);
  });
  it('a line without a column 2 rate asks for --mfn rather than charging the general rate', () => {
    expect(cost('RU', '2025-06-01', '1111111100')).toBe('mfn-not-modelled');
  });
});

describe('the floor on part of the value (beside a content-based duty)', () => {
  const withMetal: RawSchedule = {
    ...raw,
    measures: [
      ...raw.measures.map((m) => (m.id === 'floor' ? { ...m, notWith: ['metal'] } : m)),
      {
        id: 'metal',
        authority: 's232',
        title: 'steel content 50%',
        importer: 'US',
        origins: ['*'],
        hts: ['1111'],
        from: '2025-06-04',
        rate: { adValorem: '50%' },
        base: { content: 'steel' },
        ref: '9903.81.91',
        instrument: 'i',
        sources: [src],
      },
    ],
  };
  const p = scheduleSchema.safeParse(withMetal);
  if (!p.success) throw new Error(JSON.stringify(p.error.issues));
  const ix3 = new ScheduleIndex(compileSchedule(p.data, 'test'));
  it('counts the MFN on the same value: (15% − 5%) × the non-steel $6,000.00', () => {
    const r = landedCost(sh('1111.11.11', 'DE', '2025-09-01', { content: { steel: { value: 400_000 } } }), scenario, ix3);
    if (!r.ok) throw new Error(r.issue.message);
    // MFN 5% × 10,000.00 = 500.00; steel 50% × 4,000.00 = 2,000.00;
    // floor on 6,000.00: 15% × 6,000.00 = 900.00 − MFN on it 500.00 × 6,000 ÷ 10,000 = 300.00 → 600.00
    // (= (15% − 5%) × 6,000.00; counting the whole MFN would give 400.00)
    expect(r.value.dutyByAuthority['ieepa-reciprocal']).toBe(60_000);
    expect(r.value.duty).toBe(50_000 + 200_000 + 60_000);
  });
});
