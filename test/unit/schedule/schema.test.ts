/** Broken schedules: each problem is reported with its code and JSON path (exit 78 from the CLI: test/cli/schedule-check.test.ts). */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { schedule } from '../../../src/schedule/schema.js';
import { semanticProblems, zodProblems } from '../../../src/schedule/load.js';
import { FIXTURE, BUNDLED } from '../../helpers.js';

const base = (): any => JSON.parse(readFileSync(FIXTURE, 'utf8'));

function problems(mutate: (s: any) => void): { code: string; path: string }[] {
  const s = base();
  mutate(s);
  const r = schedule.safeParse(s);
  if (!r.success) return zodProblems(r.error).map((p) => ({ code: p.code, path: p.path }));
  return semanticProblems(r.data).map((p) => ({ code: p.code, path: p.path }));
}

/** a programme with its dates [2000-10-01, 2027-01-01) and the gaps given, as the schedule's only programme */
function withGaps(s: any, gaps: unknown[], extra: Record<string, string> = {}): void {
  s.programmes = [
    {
      codes: ['D'],
      names: ['agoa'],
      title: 'AGOA',
      importer: 'US',
      instrument: 'GN 16',
      from: '2000-10-01',
      to: '2027-01-01',
      ...extra,
      gaps,
      sources: ['https://hts.usitc.gov/'],
    },
  ];
}
const gap = (from: string, to: string) => ({ from, to, note: 'lapsed', sources: ['https://uscode.house.gov/'] });

describe('schedule validation', () => {
  it('the fixture and the bundled schedule are valid', () => {
    expect(problems(() => {})).toEqual([]);
    // …and so is a programme with one gap inside its dates, or two in order
    expect(problems((s) => withGaps(s, [gap('2025-10-01', '2026-02-03')]))).toEqual([]);
    expect(problems((s) => withGaps(s, [gap('2025-10-01', '2026-02-03'), gap('2026-02-03', '2026-03-01')]))).toEqual([]);
    const bundled = schedule.safeParse(JSON.parse(readFileSync(BUNDLED, 'utf8')));
    expect(bundled.success ? semanticProblems(bundled.data) : zodProblems(bundled.error)).toEqual([]);
  });

  it.each([
    ['unknown key', (s: any) => (s.measures[0].exlcude = ['01']), 'unrecognized_keys', '$.measures[0]'],
    ['rate not a percent string', (s: any) => (s.measures[2].rate.adValorem = '25'), 'invalid_format', '$.measures[2].rate.adValorem'],
    ['rate as a number', (s: any) => (s.measures[2].rate.adValorem = 0.25), 'invalid_type', '$.measures[2].rate.adValorem'],
    ['empty rate', (s: any) => (s.measures[2].rate = {}), 'custom', '$.measures[2].rate'],
    ['floor qualifier without a floor', (s: any) => (s.measures[2].rate.topUpCounts = 'general'), 'custom', '$.measures[2].rate.topUpCounts'],
    [
      'floor qualifier not "general"',
      (s: any) => (s.measures[2].rate = { topUpTo: '15%', topUpCounts: 'special' }),
      'invalid_value',
      '$.measures[2].rate.topUpCounts',
    ],
    ['bad date', (s: any) => (s.measures[2].from = '2025-02-30'), 'custom', '$.measures[2].from'],
    ['bad country', (s: any) => (s.measures[2].origins = ['XX']), 'custom', '$.measures[2].origins[0]'],
    ['HTS lost its leading zero', (s: any) => (s.lines[0].hts = '101.00.00'), 'invalid_format', '$.lines[0].hts'],
    ['source not a URL', (s: any) => (s.measures[2].sources = ['see notes']), 'invalid_format', '$.measures[2].sources[0]'],
    ['no source', (s: any) => (s.measures[2].sources = []), 'too_small', '$.measures[2].sources'],
    ['wrong schemaVersion', (s: any) => (s.schemaVersion = 2), 'invalid_value', '$.schemaVersion'],
    ['unknown mode', (s: any) => (s.measures[1].modes = ['boat']), 'invalid_value', '$.measures[1].modes[0]'],
    ['override of unknown shape', (s: any) => (s.scenarios[2].overrides = [{ drop: 's301' }]), 'unrecognized_keys', '$.scenarios[2].overrides[0]'],
    ['duplicate measure id', (s: any) => (s.measures[3].id = 'list'), 'duplicate-id', '$.measures[3].id'],
    ['replaces names nothing', (s: any) => (s.measures[3].replaces = ['lst']), 'dangling-reference', '$.measures[3].replaces[0]'],
    ['notWith names nothing', (s: any) => (s.measures[6].notWith = ['s233']), 'dangling-reference', '$.measures[6].notWith[0]'],
    ['empty window', (s: any) => (s.measures[6].to = '2025-04-05'), 'empty-window', '$.measures[6].to'],
    ['measure for an undefined importer', (s: any) => (s.measures[2].importer = 'GB'), 'unknown-importer', '$.measures[2].importer'],
    ['duplicate line', (s: any) => s.lines.push({ ...s.lines[0], hts: '01010000' }), 'duplicate-line', '$.lines[9].hts'],
    ['exemption without threshold', (s: any) => delete s.measures[8].threshold, 'missing-threshold', '$.measures[8].threshold'],
    // the US importer's currency has 2 decimals: a third would be rounded away (32.715 → 32.72)
    ['a floor in thousandths of a dollar', (s: any) => (s.measures[0].rate.min = '32.715'), 'amount-decimals', '$.measures[0].rate.min'],
    ['a cap in thousandths of a dollar', (s: any) => (s.measures[0].rate.max = '634.625'), 'amount-decimals', '$.measures[0].rate.max'],
    ['a threshold in thousandths of a dollar', (s: any) => (s.measures[8].threshold = '800.001'), 'amount-decimals', '$.measures[8].threshold'],
    [
      "a scenario's set rate capped in thousandths (read in cents)",
      (s: any) => (s.scenarios[2].overrides = [{ set: 's301', rate: { adValorem: '10%', max: '1.005' } }]),
      'amount-decimals',
      '$.scenarios[2].overrides[0].rate.max',
    ],
    [
      "a scenario's added measure with a threshold in thousandths",
      (s: any) => (s.scenarios[2].overrides = [{ add: { ...s.measures[8], id: 'dm2', threshold: '800.001' } }]),
      'amount-decimals',
      '$.scenarios[2].overrides[0].add.threshold',
    ],
    [
      'an informal-entry limit in thousandths',
      (s: any) => (s.importers.US.informalEntry = { max: '2500.005', sources: ['https://www.ecfr.gov/current/title-19/section-143.21'] }),
      'amount-decimals',
      '$.importers.US.informalEntry.max',
    ],
    ['duplicate scenario', (s: any) => (s.scenarios[1].id = 'as-entered'), 'duplicate-id', '$.scenarios[1].id'],
    // a programme's gaps (AGOA's lapse of 1 October 2025 to 3 February 2026): [from, to), inside its dates, in order
    ['programme gap ends before it starts', (s: any) => withGaps(s, [gap('2026-02-03', '2025-10-01')]), 'empty-window', '$.programmes[0].gaps[0].to'],
    ['programme gap of no days', (s: any) => withGaps(s, [gap('2025-10-01', '2025-10-01')]), 'empty-window', '$.programmes[0].gaps[0].to'],
    ['programme gap after its end', (s: any) => withGaps(s, [gap('2026-12-01', '2027-02-01')]), 'gap-outside-programme', '$.programmes[0].gaps[0]'],
    ['programme gap before its start', (s: any) => withGaps(s, [gap('1999-01-01', '2000-12-01')]), 'gap-outside-programme', '$.programmes[0].gaps[0]'],
    [
      'programme gaps overlapping',
      (s: any) => withGaps(s, [gap('2025-10-01', '2026-02-03'), gap('2026-01-15', '2026-03-01')]),
      'overlapping-gaps',
      '$.programmes[0].gaps[1].from',
    ],
    [
      'programme gap without a source',
      (s: any) => withGaps(s, [{ ...gap('2025-10-01', '2026-02-03'), sources: [] }]),
      'too_small',
      '$.programmes[0].gaps[0].sources',
    ],
    [
      'programme gap without a note',
      (s: any) => withGaps(s, [{ from: '2025-10-01', to: '2026-02-03', sources: ['https://uscode.house.gov/'] }]),
      'invalid_type',
      '$.programmes[0].gaps[0].note',
    ],
    ['programme window empty', (s: any) => withGaps(s, [], { from: '2027-01-01' }), 'empty-window', '$.programmes[0].to'],
  ])('%s', (_what, mutate, code, path) => {
    expect(problems(mutate)).toContainEqual({ code, path });
  });
});
