/**
 * Canada's IEEPA duty on energy and energy resources (9903.01.13: 10% in place of the 25%, from
 * 1 Aug 2025 35%, of 9903.01.10), issue 20.
 *
 * The law names the goods in words only: heading 9903.01.13 and U.S. note 2(j) of the HTSUS 2026 Rev 6
 * text repeat EO 14156 sec. 8(a) (90 FR 8433), "crude oil, natural gas, … and critical minerals, as
 * defined by 30 U.S.C. 1606(a)(3)". CBP's lists of subheadings (the spreadsheets of CSMS 64472173,
 * 64514918 and 65054354) were not at hand, so the bundled product list is a peer's (Yale Budget Lab,
 * data/sources/README.md says where the law's list was looked for). These tests check:
 *
 * - that the law's text still gives no list (if a revision adds one, the build must read it instead);
 * - that the goods the law names by the very name the HTSUS gives them are in the scope: crude oil
 *   (2709.00, "Petroleum oils … crude"), natural gas (2711.11.00, 2711.21.00, "Natural gas"), coal
 *   (2701.11.00-2701.19.00) and uranium ores (2612.10.00, "Uranium ores and concentrates");
 * - the dates: from 12:01 a.m. 4 Mar 2025 (CSMS 64297449), not moved by the 35% of 1 Aug 2025
 *   (EO 14325, FR Doc 2025-14999, which raised 9903.01.10 only), ended for entries from 24 Feb 2026
 *   (CSMS 67834313); USMCA goods exempt when claimed from 7 Mar 2025 (9903.01.14, EO 14231);
 * - that Mexico has no energy rate (EO 14194: 9903.01.01 at 25%).
 *
 * Value 10,000.00 throughout: 10% = 1,000.00, 25% = 2,500.00, 35% = 3,500.00.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Breakdown } from '../../../src/core/types.js';
import type { ScheduleIndex } from '../../../src/schedule/schedule-index.js';
import { bundledIndexFast, price, ROOT, ship } from '../../helpers.js';

let ix: ScheduleIndex;
beforeAll(() => {
  ix = bundledIndexFast();
});

/** crude oil pays a specific MFN rate per barrel: those lines get a quantity */
const on = (hts: string, date: string, origin = 'CA', claim?: string): Breakdown => {
  const crude = hts.startsWith('2709');
  return price(
    ix,
    'as-entered',
    ship({
      hts,
      origin,
      value: '10000',
      mode: 'truck',
      date,
      ...(crude ? { qty: '150', unit: 'bbl' } : {}),
      ...(claim ? { elections: { claim } } : {}),
    }),
  );
};
const fentanyl = (b: Breakdown): [string, number][] => b.lines.filter((l) => l.authority === 'ieepa-fentanyl' && l.amount > 0).map((l) => [l.ref, l.amount]);

describe('the law names the energy goods in words, not by subheading (HTSUS 2026 Rev 6)', () => {
  const text = gunzipSync(readFileSync(join(ROOT, 'data/sources/usitc/chapter99_2026_revision_6.txt.gz')))
    .toString('latin1')
    .replace(/\s+/g, ' ');
  const codesIn = (s: string): string[] => [...s.matchAll(/\b\d{4}\.\d{2}(?:\.\d{2})?\b/g)].map((m) => m[0]);

  it('heading 9903.01.13 is the words of EO 14156 sec. 8(a)', () => {
    const at = text.indexOf('9903.01.13 1/');
    expect(at).toBeGreaterThan(0);
    expect(text.slice(at, at + 400)).toContain(
      '9903.01.13 1/ Crude oil, natural gas, lease condensates, natural gas liquids, refined petroleum products, uranium, coal, biofuels, geothermal heat, the kinetic movement of flowing water, and critical minerals, as defined by 30 U.S.C. 1606(a)(3)',
    );
  });

  it('U.S. note 2(j) says "the covered products of Canada" and names no subheading of chapters 1-97', () => {
    const from = text.indexOf('(j) For the purposes of heading 9903.01.10');
    const to = text.indexOf('(k) Heading 9903.01.11');
    expect(from).toBeGreaterThan(0);
    expect(to).toBeGreaterThan(from);
    const note = text.slice(from, to);
    expect(note).toContain(
      'For the purposes of heading 9903.01.13, the covered products of Canada shall be subject to an additional 10% ad valorem rate of duty',
    );
    // only Chapter 99 headings and the Chapter 98 provisions the note excepts
    expect(codesIn(note)).toContain('9903.01.13');
    expect(codesIn(note).filter((c) => !c.startsWith('9903.') && !c.startsWith('9802.'))).toEqual([]);
  });

  it("the measure names the three CBP lists and says its product list is a peer's", () => {
    const m = ix.schedule.measures.find((x) => x.id === 'us-ieepa-fent-ca-energy-10');
    expect(m?.ref).toBe('9903.01.13');
    for (const csms of ['64472173', '64514918', '65054354']) expect(m?.instrument).toContain(csms);
    expect(m?.note).toMatch(/^Product list: a peer's/);
  });
});

describe('goods the law names by their HTSUS name pay 10% under 9903.01.13 (Canada, 2025-06-02)', () => {
  const NAMED = [
    '2709.00.10', // crude, testing under 25 degrees A.P.I.
    '2709.00.20', // crude, 25 degrees A.P.I. or more
    '2711.11.00', // natural gas, liquefied
    '2711.21.00', // natural gas, in gaseous state
    '2701.11.00', // anthracite
    '2701.12.00', // bituminous coal
    '2701.19.00', // other coal
    '2612.10.00', // uranium ores and concentrates
  ];
  it.each(NAMED)('%s: 10% × 10,000.00 = 1,000.00', (hts) => {
    expect(fentanyl(on(hts, '2025-06-02'))).toEqual([['9903.01.13', 100_000]]);
  });
});

describe('the dates of 9903.01.13: natural gas 2711.21.00 (MFN Free) against wooden furniture 9403.60.80 (MFN Free)', () => {
  it('nothing before 2025-03-04 (CSMS 64297449: from 12:01 a.m. 4 Mar 2025)', () => {
    expect(fentanyl(on('2711.21.00', '2025-03-03'))).toEqual([]);
    expect(fentanyl(on('9403.60.80', '2025-03-03'))).toEqual([]);
  });

  it('on 2025-03-04: energy 10% = 1,000.00, other goods 25% = 2,500.00', () => {
    expect(fentanyl(on('2711.21.00', '2025-03-04'))).toEqual([['9903.01.13', 100_000]]);
    expect(fentanyl(on('9403.60.80', '2025-03-04'))).toEqual([['9903.01.10', 250_000]]);
  });

  it('the 35% of 2025-08-01 raises 9903.01.10 only: 2,500.00 → 3,500.00, energy stays 1,000.00', () => {
    expect(fentanyl(on('9403.60.80', '2025-07-31'))).toEqual([['9903.01.10', 250_000]]);
    expect(fentanyl(on('9403.60.80', '2025-08-01'))).toEqual([['9903.01.10', 350_000]]);
    expect(fentanyl(on('2711.21.00', '2025-07-31'))).toEqual([['9903.01.13', 100_000]]);
    expect(fentanyl(on('2711.21.00', '2025-08-01'))).toEqual([['9903.01.13', 100_000]]);
  });

  it('charged on 2026-02-23, ended for entries from 2026-02-24 (CSMS 67834313)', () => {
    expect(fentanyl(on('2711.21.00', '2026-02-23'))).toEqual([['9903.01.13', 100_000]]);
    expect(fentanyl(on('2711.21.00', '2026-02-24'))).toEqual([]);
  });
});

describe('USMCA and Mexico', () => {
  it('a USMCA claim lifts 9903.01.13 from 2025-03-07 (9903.01.14, EO 14231), not on 2025-03-06', () => {
    expect(fentanyl(on('2711.21.00', '2025-03-06', 'CA', 'usmca'))).toEqual([['9903.01.13', 100_000]]);
    expect(fentanyl(on('2711.21.00', '2025-03-07', 'CA', 'usmca'))).toEqual([]);
  });

  it('crude oil of Mexico has no energy rate: 25% under 9903.01.01 (EO 14194), 2,500.00', () => {
    expect(fentanyl(on('2709.00.20', '2025-06-02', 'MX'))).toEqual([['9903.01.01', 250_000]]);
  });
});
