/**
 * The calculation core on a small fixture schedule (test/fixtures/mini-schedule.json) whose rates
 * are made up to exercise every mechanism. Every expected figure is worked by hand in a comment.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { landedCost as libraryLandedCost } from '../../../src/library/landed-cost.js';
import { parseShipment } from '../../../src/io/shipment-input.js';
import { resolveScenario } from '../../../src/core/scenario.js';
import type { ScheduleIndex } from '../../../src/schedule/schedule-index.js';
import { landedCost } from '../../../src/core/landed-cost.js';
import { amounts, fixtureIndex, price, priceIssue, scenarioOf, ship } from '../../helpers.js';

let ix: ScheduleIndex;
beforeAll(async () => {
  ix = await fixtureIndex();
});

describe('rate forms', () => {
  it.each([
    // [what, shipment fields, measure, expected cents, formula fragment]
    ['ad valorem: 5% × $1,000.00 = $50.00', { hts: '0101.00.00', value: '1000' }, 'mfn-us-01010000', 5000, '5% × $1,000.00'],
    [
      'specific: $0.375/kg × 1,200 kg = $450.00',
      { hts: '0202.00.00', value: '2000', qty: '1200', unit: 'kg' },
      'mfn-us-02020000',
      45000,
      '$0.375/kg × 1,200 kg',
    ],
    [
      'specific, the unit as the tariff prints it: $0.375/kg × 1,200 kilograms = $450.00',
      { hts: '0202.00.00', value: '2000', qty: '1200', unit: 'Kilograms' },
      'mfn-us-02020000',
      45000,
      '$0.375/kg × 1,200 kg',
    ],
    // compound, one rounding: 2.9% × $100.14 = 2.904060 + $0.37 × 0.12 = 0.0444 → 2.948460 → $2.95
    // (rounding each part first would give 2.90 + 0.04 = $2.94)
    [
      'compound rounds once: $2.95',
      { hts: '0303.00.00', value: '100.14', qty: '0.12', unit: 'kg', date: '2025-09-01' },
      'mfn-us-03030000',
      295,
      '2.9% × $100.14 + $0.37/kg × 0.12 kg',
    ],
    // 10% × $20.00 = $2.00 < min $5.00
    ['minimum: raised to $5.00', { hts: '0404.00.00', value: '20', date: '2025-09-01' }, 'mfn-us-04040000', 500, 'raised to the minimum $5.00'],
    // 10% × $1,000.00 = $100.00 > max $50.00
    ['maximum: capped at $50.00', { hts: '0404.00.00', value: '1000' }, 'mfn-us-04040000', 5000, 'capped at the maximum $50.00'],
    // 1% × $0.50 = 0.5 cent → half-up → 1 cent
    ['half a cent rounds up', { hts: '9900.00.00', value: '0.50', date: '2025-09-01' }, 'mfn-us-99000000', 1, '1% × $0.50'],
    // 1% × $1.49 = 1.49 cents → 1 cent
    ['1.49 cents rounds down', { hts: '9900.00.00', value: '1.49', date: '2025-09-01' }, 'mfn-us-99000000', 1, ''],
    // 1% × $1.50 = 1.5 cents → 2 cents
    ['1.5 cents rounds up', { hts: '9900.00.00', value: '1.50', date: '2025-09-01' }, 'mfn-us-99000000', 2, ''],
  ])('%s', (_what, fields, measure, cents, formula) => {
    const b = price(ix, 'as-entered', ship({ origin: 'DE', date: '2025-07-01', mode: 'air', ...fields }));
    const line = b.lines.find((l) => l.measure === measure);
    expect(line?.amount).toBe(cents);
    if (formula) expect(line?.formula).toContain(formula);
  });
});

describe('MPF floor and cap, HMF by mode', () => {
  it.each([
    // 0.3464% × $5,000.00 = $17.32 → min $32.71
    ['5000', 3271],
    // 0.3464% × $9,442.84 = $32.70999776 → $32.71 (equal to the minimum, not raised)
    ['9442.84', 3271],
    // 0.3464% × $10,000.00 = $34.64
    ['10000', 3464],
    // 0.3464% × $183,204.00 = $634.6187 → $634.62 (equal to the cap)
    ['183204', 63462],
    // 0.3464% × $183,208.43 = $634.634 → capped at $634.62
    ['183208.43', 63462],
    // 0.3464% × $200,000.00 = $692.80 → capped at $634.62
    ['200000', 63462],
  ])('MPF on $%s = %i cents', (value, cents) => {
    const b = price(ix, 'as-entered', ship({ hts: '0101.00.00', origin: 'DE', value, date: '2025-07-01', mode: 'air' }));
    expect(amounts(b).fee).toBe(cents);
  });

  it.each([
    ['ocean', 1250], // 0.125% × $10,000.00 = $12.50
    ['air', undefined],
    [undefined, undefined],
  ] as const)('HMF for mode %s', (mode, cents) => {
    const b = price(ix, 'as-entered', ship({ hts: '0101.00.00', origin: 'DE', value: '10000', date: '2025-07-01', ...(mode ? { mode } : {}) }));
    expect(amounts(b)['ocean-fee']).toBe(cents);
    if (cents === undefined) expect(b.notApplied.find((n) => n.measure === 'ocean-fee')?.code).toBe('mode');
  });

  it('MPF is not applied outside its fiscal-year window and says when it ended', () => {
    const b = price(ix, 'as-entered', ship({ hts: '0101.00.00', origin: 'DE', value: '10000', date: '2025-10-01' }));
    expect(amounts(b).fee).toBeUndefined();
    expect(b.notApplied.find((n) => n.measure === 'fee')?.code).toBe('ended');
  });
});

describe('valuation, FX and taxes', () => {
  it('converts CNY at the dated rate in force on the entry date', () => {
    // CNY 100,000.00 × 0.1390 (rate of 2025-06-01) = $13,900.00; MFN 5% = $695.00
    const b = price(ix, 'as-entered', ship({ hts: '0101.00.00', origin: 'DE', value: '100000', currency: 'CNY', date: '2025-07-01' }));
    expect(b.customsValue).toBe(1_390_000);
    expect(amounts(b)['mfn-us-01010000']).toBe(69_500);
    expect(b.fx?.date).toBe('2025-06-01');
    // the rate said as it is given (--fx-rate's unit): dollars per yuan, not the market's "USD/CNY" quote
    expect(b.notes).toContain('values converted from CNY at 0.139 USD per CNY (rate of 2025-06-01), rounded once per amount');
    // before 2025-06-01 the earlier rate 0.1370 applies: CNY 100,000.00 → $13,700.00
    const early = price(ix, 'as-entered', ship({ hts: '0101.00.00', origin: 'DE', value: '100000', currency: 'CNY', date: '2025-05-31' }));
    expect(early.customsValue).toBe(1_370_000);
  });

  it('no rate for the law date: the date of the first one, when the schedule has the pair', () => {
    const before = landedCost(ship({ hts: '0101.00.00', origin: 'DE', value: '100', currency: 'CNY', date: '2024-12-31' }), scenarioOf(ix, 'as-entered'), ix);
    expect(before.ok ? null : [before.issue.code, before.issue.message, before.issue.hint]).toEqual([
      'fx-missing',
      'no CNY→USD exchange rate in the schedule for the law date 2024-12-31; its first is dated 2025-01-01',
      'give --fx-rate (USD per CNY), a law date from 2025-01-01, or price in USD',
    ]);
    const none = landedCost(ship({ hts: '0101.00.00', origin: 'DE', value: '100', currency: 'EUR', date: '2025-07-01' }), scenarioOf(ix, 'as-entered'), ix);
    expect(none.ok ? null : [none.issue.code, none.issue.message, none.issue.hint]).toEqual([
      'fx-missing',
      'no EUR→USD exchange rate in the schedule for the law date 2025-07-01',
      'give --fx-rate (USD per EUR), or price in USD',
    ]);
  });

  it('rounds a conversion once: CNY 12,345.67 × 0.1390 = $1,716.04813 → $1,716.05', () => {
    const b = price(ix, 'as-entered', ship({ hts: '0101.00.00', origin: 'DE', value: '12345.67', currency: 'CNY', date: '2025-07-01' }));
    expect(b.goodsValue).toBe(171_605);
  });

  it('--fx-rate overrides the schedule', () => {
    const s = ship({ hts: '0101.00.00', origin: 'DE', value: '1000', currency: 'CNY', date: '2025-07-01' });
    s.fxRate = { n: 15, s: 2 }; // 0.15: CNY 1,000.00 → $150.00
    const b = price(ix, 'as-entered', s);
    expect(b.customsValue).toBe(15_000);
    expect(b.notes).toContain('values converted from CNY at 0.15 USD per CNY (--fx-rate), rounded once per amount');
  });

  it('US customs value excludes freight and insurance; landed cost includes them', () => {
    // customs value $10,000.00; MFN 5% = $500.00; MPF $34.64; landed = 10000 + 800 + 50 + 500 + 34.64
    const b = price(
      ix,
      'as-entered',
      ship({ hts: '0101.00.00', origin: 'DE', value: '10000', freight: '800', insurance: '50', date: '2025-07-01', mode: 'air' }),
    );
    expect(b.customsValue).toBe(1_000_000);
    expect(b.landedCost).toBe(1_138_464);
  });

  it('China: duty on CIF, VAT on CIF + duty', () => {
    // CIF = 100,000 + 5,000 + 300 = CNY 105,300.00
    // MFN 3% = 3,159.00; retaliation 10% = 10,530.00; duty = 13,689.00
    // VAT 9% × (105,300 + 13,689) = 9% × 118,989.00 = 10,709.01
    // landed = 105,300 + 13,689 + 10,709.01 = CNY 129,698.01
    const b = price(
      ix,
      'as-entered',
      ship({ importer: 'CN', origin: 'US', hts: '1201.90.00', value: '100000', freight: '5000', insurance: '300', date: '2025-07-01' }),
    );
    expect(b.currency).toBe('CNY');
    expect(b.customsValue).toBe(10_530_000);
    expect(b.duty).toBe(1_368_900);
    expect(b.taxes).toBe(1_070_901);
    expect(b.landedCost).toBe(12_969_801);
  });
});

describe('stacking driven by data', () => {
  it('content base: 232 on steel content, reciprocal on the rest', () => {
    // value $10,000, steel 40% → steel content $4,000.00
    // list 25% × 10,000 = 2,500; metal 50% × 4,000 = 2,000; reciprocal 10% × (10,000 − 4,000) = 600
    const s = ship({ hts: '7300.00.0010', value: '10000', date: '2025-07-01' });
    s.content = { steel: { share: { n: 4, s: 1 } } };
    const b = price(ix, 'as-entered', s);
    expect(amounts(b)).toMatchObject({ list: 250_000, metal: 200_000, recip: 60_000 });
    expect(b.lines.find((l) => l.measure === 'recip')?.baseLabel).toBe('customs value less steel content');
    expect(b.duty).toBe(510_000);
  });

  it('content value given as money', () => {
    const s = ship({ hts: '7300.00.0010', value: '10000', date: '2025-07-01' });
    s.content = { steel: { value: 250_000 } }; // $2,500.00 → metal 1,250.00; reciprocal 10% × 7,500 = 750.00
    expect(amounts(price(ix, 'as-entered', s))).toMatchObject({ metal: 125_000, recip: 75_000 });
  });

  it('undeclared content: 232 on the full value, reciprocal not applied, with a note', () => {
    const b = price(ix, 'as-entered', ship({ hts: '7300.00.0010', value: '10000', date: '2025-07-01' }));
    expect(amounts(b).metal).toBe(500_000);
    expect(amounts(b).recip).toBeUndefined();
    expect(b.notApplied.find((n) => n.measure === 'recip')?.code).toBe('not-with');
    expect(b.notes.join(' ')).toContain('steel content not declared');
  });

  it('before the 232 measure starts the reciprocal applies in full', () => {
    const b = price(ix, 'as-entered', ship({ hts: '7300.00.0010', value: '10000', date: '2025-06-03' }));
    expect(amounts(b).recip).toBe(100_000);
    expect(b.notApplied.find((n) => n.measure === 'metal')?.code).toBe('not-yet');
  });

  it('a full-value 232 measure blocks the reciprocal (notWith an authority)', () => {
    // autos 25% applies to 8700 from 2025-04-03; the reciprocal names s232 in notWith
    const b = price(ix, 'as-entered', ship({ hts: '8700.00.00', value: '10000', date: '2025-07-01' }));
    expect(amounts(b).autos).toBe(250_000);
    expect(b.notApplied.find((n) => n.measure === 'recip')).toMatchObject({ code: 'not-with' });
  });

  it.each([
    // [date, expected 301 measure, its amount, replaced?]
    ['2024-09-26', 'list', 250_000, false], // the review rate starts the next day
    ['2024-09-27', 'review', 1_000_000, true], // 100% replaces 25%, not 125%
  ])('replaces on %s', (date, measure, cents, replaced) => {
    const b = price(ix, 'as-entered', ship({ hts: '8700.00.00', value: '10000', date }));
    expect(amounts(b)[measure]).toBe(cents);
    expect(b.dutyByAuthority.s301).toBe(cents);
    expect(b.notApplied.some((n) => n.measure === 'list' && n.code === 'replaced')).toBe(replaced);
  });

  it('an excluded code is outside the measure', () => {
    const b = price(ix, 'as-entered', ship({ hts: '7300.00.0020', value: '10000', date: '2025-05-01' }));
    expect(amounts(b).recip).toBeUndefined();
  });

  it('a suspended measure is listed with its reason', () => {
    const b = price(ix, 'as-entered', ship({ hts: '0101.00.00', value: '10000', date: '2025-07-01' }));
    expect(b.notApplied.find((n) => n.measure === 'paused')).toMatchObject({ code: 'suspended' });
    expect(amounts(b).paused).toBeUndefined();
  });
});

describe('date windows at their exact boundaries', () => {
  it.each([
    ['2025-04-04', undefined, 'not-yet'],
    ['2025-04-05', 100_000, undefined], // from is inclusive
    ['2026-02-23', 100_000, undefined],
    ['2026-02-24', undefined, 'ended'], // to is exclusive
  ])('reciprocal on %s', (date, cents, code) => {
    const b = price(ix, 'as-entered', ship({ hts: '0101.00.00', value: '10000', date }));
    expect(amounts(b).recip).toBe(cents);
    if (code) expect(b.notApplied.find((n) => n.measure === 'recip')?.code).toBe(code);
  });
});

describe('de minimis', () => {
  it.each([
    ['800.00', '2025-07-01', true], // at the threshold: exempt
    ['800.01', '2025-07-01', false],
    ['500.00', '2025-08-29', false], // the exemption ended on 2025-08-29
  ])('$%s on %s exempt: %s', (value, date, exempt) => {
    const b = price(ix, 'as-entered', ship({ hts: '0101.00.00', origin: 'DE', value, date }));
    expect(b.duty === 0 && b.fees === 0).toBe(exempt);
    if (exempt) expect(b.notApplied.some((n) => n.code === 'de-minimis')).toBe(true);
  });
});

describe('scenarios and what-ifs', () => {
  it('a dated scenario prices at its own date, whatever the entry date', () => {
    const b = price(ix, 'mid-2025', ship({ hts: '0101.00.00', value: '10000', date: '2024-01-01' }));
    expect(b.date).toBe('2025-07-01');
    expect(amounts(b).recip).toBe(100_000);
  });

  it('disable through a scenario that extends another', () => {
    const b = price(ix, 'no-301', ship({ hts: '8700.00.00', value: '10000' }));
    expect(b.dutyByAuthority.s301).toBeUndefined();
    expect(b.notApplied.find((n) => n.measure === 'review')?.code).toBe('disabled');
    expect(b.assumptions.join()).toContain('s301 disabled');
  });

  it('set a measure rate: 34% × $10,000.00 = $3,400.00', () => {
    const b = price(ix, 'recip-34', ship({ hts: '0101.00.00', value: '10000' }));
    expect(amounts(b).recip).toBe(340_000);
    expect(b.lines.find((l) => l.measure === 'recip')?.overridden).toBe(true);
  });

  it('flags set an authority rate on top of a scenario', () => {
    const b = price(ix, 'mid-2025', ship({ hts: '0101.00.00', value: '10000' }), {
      set: [{ target: 'ieepa-reciprocal', rate: { kind: 'ad-valorem', adValorem: { n: 5, s: 2 } } }],
    });
    expect(amounts(b).recip).toBe(50_000); // 5% × 10,000
  });

  it('an override with nothing to act on says so', () => {
    const b = price(ix, 'as-entered', ship({ hts: '0101.00.00', value: '10000', date: '2024-01-01' }), {
      set: [{ target: 'recip', rate: { kind: 'ad-valorem', adValorem: { n: 5, s: 2 } } }],
    });
    expect(b.notes.join()).toContain('had no effect');
  });
});

describe('shipment problems are issues, never a silent zero', () => {
  it.each([
    [{ hts: '7300.00.00' }, 'hts-ambiguous'],
    [{ hts: '7300' }, 'hts-ambiguous'],
    [{ hts: '1234.56.78' }, 'hts-unknown'],
    [{ hts: '0202.00.00' }, 'qty-required'],
    [{ hts: '0202.00.00', qty: '10', unit: 'doz' }, 'unit-mismatch'],
    // the unit as the tariff prints it, in any case and spacing, is the rate's unit (0202.00.00: per kg)
    [{ hts: '0202.00.00', qty: '10', unit: 'kilograms' }, 'ok'],
    [{ hts: '0202.00.00', qty: '10', unit: ' KG ' }, 'ok'],
    [{ hts: '0202.00.00', qty: '10', unit: 'kgs' }, 'unit-mismatch'],
    [{ hts: '0202.00.00', qty: '10', unit: 'constructor' }, 'unit-mismatch'],
    [{ hts: '0101.00.00', date: undefined }, 'date-invalid'],
    [{ hts: '0101.00.00', currency: 'EUR' }, 'fx-missing'],
    [{ hts: '0101.00.00', importer: 'GB' }, 'importer-unknown'],
    [{ hts: '0101.00.00.90' }, 'ok'], // a longer code falls under its 8-digit line
  ])('%j → %s', (fields, code) => {
    const s = ship({ value: '1000', date: '2025-09-01', ...fields });
    if ('date' in fields && fields.date === undefined) delete s.date;
    expect(priceIssue(ix, 'as-entered', s)).toBe(code);
  });

  it('a unit the tool does not know is named as such, not as another unit', () => {
    try {
      price(ix, 'as-entered', ship({ hts: '0202.00.00', value: '1000', date: '2025-09-01', qty: '10', unit: 'kg.' }));
      expect.unreachable();
    } catch (e) {
      expect(String(e)).toContain('is charged per kg, but the quantity is in "kg.", a unit the tool does not know');
    }
  });

  it('an unknown code names the nearest known codes', () => {
    const r = ix.findLine('US', '0101000090');
    expect(r.ok).toBe(true);
    const u = ix.findLine('US', '02030000');
    expect(u.ok).toBe(false);
    if (!u.ok) expect(u.issue.choices?.[0]).toBe('0202.00.00');
  });

  it('an ambiguous code lists the choices', () => {
    const r = ix.findLine('US', '73000000');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issue.choices).toEqual(['7300.00.0010', '7300.00.0020']);
  });
});

describe('elected alternatives and per-shipment rates (postal duty, bundled schedule)', () => {
  it('the default method applies unless another is elected; either is in lieu of other duties', async () => {
    const { bundledIndexFast } = await import('../../helpers.js');
    const b = bundledIndexFast();
    // 2025-06-01, CN toy of $300 by post: de minimis ended for CN on 2025-05-02
    // ad valorem method (default): 54% × 300 = 162.00; per-item method: $100 per postal item
    const s = () => ship({ hts: '9503.00.00', origin: 'CN', value: '300', mode: 'postal', date: '2025-06-01' });
    const dflt = price(b, 'as-entered', s());
    expect([dflt.duty, dflt.fees]).toEqual([16_200, 0]);
    expect(dflt.notApplied.find((n) => n.authority === 'ieepa-fentanyl')?.code).toBe('in-lieu');
    expect(dflt.notApplied.find((n) => n.measure === 'us-postal-cn-item-54')?.code).toBe('not-elected');
    const item = s();
    item.elections = { 'postal-method': 'per-item' };
    const perItem = price(b, 'as-entered', item);
    expect(perItem.duty).toBe(10_000);
    // on 2025-05-13 the ad valorem method was 120%: 360.00
    expect(price(b, 'as-entered', ship({ hts: '9503.00.00', origin: 'CN', value: '300', mode: 'postal', date: '2025-05-13' })).duty).toBe(36_000);
  });
});

describe("the library's landedCost: the CLI's validator and wording, with the library's field names", () => {
  const base = { hts: '0101.00.00', origin: 'DE', value: 100_000, date: '2025-07-01' };
  const check = (input: unknown) => {
    const sc = resolveScenario(ix.schedule.scenarios, 'as-entered');
    if (!sc.ok) throw new Error(sc.issue.message);
    return libraryLandedCost(input as never, sc.value, ix);
  };
  const MONEY = 'give amounts in minor units (cents), as whole numbers: $10,000.50 is 1000050';

  it('minor units go through the validator and come back the same integers', () => {
    const r = check({ ...base, freight: 5, insurance: 1, content: { steel: { value: 40_000 } } });
    expect(r.ok && [r.value.goodsValue, r.value.freight, r.value.insurance]).toEqual([100_000, 5, 1]);
  });

  it.each([
    [{ ...base, value: 10000.5 }, 'value-invalid', 'value', 'value 10000.5 is not a whole number of minor units', MONEY],
    [{ ...base, value: -1 }, 'value-invalid', 'value', 'value -1 must not be negative', MONEY],
    [{ ...base, value: '1000' }, 'value-invalid', 'value', 'value "1000" is not a whole number of minor units', MONEY],
    [{ ...base, value: undefined }, 'value-invalid', 'value', 'value is required', MONEY],
    [{ ...base, value: 1e15 + 1 }, 'value-invalid', 'value', 'value 1000000000000001 is larger than the supported maximum of 10^13', 'check the value'],
    [{ ...base, value: 1e20 }, 'value-invalid', 'value', 'value 100000000000000000000 is larger than the supported maximum of 10^13', 'check the value'],
    [{ ...base, freight: 1.5 }, 'value-invalid', 'freight', 'freight 1.5 is not a whole number of minor units', MONEY],
    [{ ...base, hts: undefined }, 'hts-invalid', 'hts', 'hts is required', 'give the HTS code, e.g. 9503.00.00'],
    [{ ...base, hts: 9503 }, 'hts-invalid', 'hts', 'hts 9503 is not an HTS code', undefined],
    [{ ...base, origin: 'China' }, 'origin-invalid', 'origin', 'origin "China" is not an ISO 3166-1 country code', 'use two letters, e.g. CN, HK, VN, US'],
    [{ ...base, importer: 7 }, 'importer-unknown', 'importer', 'importer 7 is not an ISO 3166-1 country code', 'use US or CN'],
    [{ ...base, date: '2025-02-30' }, 'date-invalid', 'date', 'date "2025-02-30" is not a calendar date', 'write it as YYYY-MM-DD, e.g. 2025-05-14'],
    [{ ...base, date: '1899-12-31' }, 'date-invalid', 'date', 'date "1899-12-31" is outside 1900–2099', undefined],
    [{ ...base, mode: 'boat' }, 'value-invalid', 'mode', 'mode "boat" is not a transport mode', 'use one of ocean, air, truck, rail, postal'],
    [{ ...base, qty: -1 }, 'value-invalid', 'qty', 'qty -1 is not a non-negative quantity', undefined],
    [{ ...base, fxRate: 0 }, 'value-invalid', 'fxRate', 'fxRate 0 is not a positive exchange rate', undefined],
    [{ ...base, currency: 'EURO' }, 'value-invalid', 'currency', 'currency "EURO" is not an ISO 4217 code', 'e.g. USD, CNY'],
    [{ ...base, entryType: 'x' }, 'value-invalid', 'entryType', 'entryType "x" is not an entry type', undefined],
    [
      { ...base, elections: { 'postal-method': 'Per Item' } },
      'value-invalid',
      'elections',
      'elections {"postal-method":"Per Item"} is not GROUP=OPTION',
      undefined,
    ],
    [{ ...base, elections: 5 }, 'value-invalid', 'elections', 'elections 5 is not GROUP=OPTION', undefined],
    [
      { ...base, content: { steel: { share: 1.5 } } },
      'value-invalid',
      'content.steel.share',
      'content.steel.share 1.5 is not a share between 0% and 100%',
      'e.g. 0.4 for 40%',
    ],
    [{ ...base, content: { steel: { value: -5 } } }, 'value-invalid', 'content.steel.value', 'content.steel.value -5 must not be negative', MONEY],
    [{ ...base, content: { steel: {} } }, 'content-invalid', 'content.steel', 'content.steel needs exactly one of share or value', undefined],
  ])('%j → %s at %s: %s', (input, code, path, message, hint) => {
    const r = check(input);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issue).toMatchObject({ code, path, message });
    if (hint !== undefined) expect(r.issue.hint).toBe(hint);
  });

  it('says what the CLI says, naming the field its own way', () => {
    const cli = parseShipment({ hts: '0101.00.00', origin: 'DE', value: '1000', mode: 'boat' }, (f) => `--${f}`, { importer: 'US' });
    const lib = check({ ...base, mode: 'boat' });
    expect(!lib.ok && lib.issue.message.replace(/^mode/, '--mode')).toBe(cli.ok ? '' : cli.issue.message);
  });
});
