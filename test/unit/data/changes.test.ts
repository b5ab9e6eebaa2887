/**
 * `npm run data -- --changes`: what changed between two builds, from two sets of built files.
 * Small made-up schedules; the expected lines are read off the inputs by hand.
 */
import { describe, expect, it } from 'vitest';
import { scheduleChanges } from '../../../scripts/data/lib/changes.js';

const schedule = (verifiedThrough: string, measures: object[]): string => JSON.stringify({ meta: { verifiedThrough }, measures });
const shard = (lines: object[], scopes: Record<string, string[]> = {}): string => JSON.stringify({ lines, scopes });
const m = (id: string, extra: object = {}) => ({
  id,
  title: `T ${id}`,
  ref: `9903.00.${id}`,
  from: '2026-01-01',
  rate: { adValorem: '10%' },
  origins: ['CN'],
  hts: ['9503.00.00'],
  ...extra,
});

describe('scheduleChanges', () => {
  const before = new Map([
    ['data/schedule.json', schedule('2026-06-30', [m('01'), m('02'), m('03', { hts: ['95'], scopeInLineShards: true })])],
    [
      'data/lines/US-9503.json',
      shard(
        [
          { hts: '9503.00.00', mfn: { adValorem: '0%' } },
          { hts: '9504.10.00', mfn: { adValorem: '1%' } },
        ],
        { '03': ['95030000', '95041000'] },
      ),
    ],
  ]);
  const after = new Map([
    [
      'data/schedule.json',
      schedule('2026-10-07', [
        m('01', { to: '2026-07-24' }),
        m('03', { hts: ['95'], scopeInLineShards: true, rate: { adValorem: '12.5%' } }),
        m('04', { from: '2026-07-24' }),
      ]),
    ],
    [
      'data/lines/US-9503.json',
      shard(
        [
          { hts: '9503.00.00', mfn: { adValorem: '2%' } },
          { hts: '9505.10.00', mfn: { adValorem: '0%' } },
        ],
        { '03': ['95030000', '95051000'] },
      ),
    ],
  ]);
  const lines = scheduleChanges(before, after);

  it('says the new verifiedThrough first', () => {
    expect(lines[0]).toBe('- verified through 2026-06-30 → 2026-10-07');
  });
  it('a measure added, one removed, one ended', () => {
    expect(lines).toContain('- new: 04 (9903.00.04) T 04: adValorem:10% from 2026-07-24; 1 codes');
    expect(lines).toContain('- removed: 02 (9903.00.02) T 02');
    expect(lines).toContain('- changed: 01 (9903.00.01): to open → 2026-07-24');
  });
  it('a rate changed and the codes of a list kept in the line files, added and removed', () => {
    expect(lines).toContain('- changed: 03 (9903.00.03): rate adValorem:10% → adValorem:12.5%; +1 codes (95051000); −1 codes (95041000)');
  });
  it('tariff lines added, removed and re-rated', () => {
    expect(lines).toContain('- tariff lines added: 1 (9505.10.00)');
    expect(lines).toContain('- tariff lines removed: 1 (9504.10.00)');
    expect(lines).toContain('- tariff lines re-rated or ended: 1 (9503.00.00)');
  });
  it('a line whose description or a suffix description changed (the shard prefix put back)', () => {
    const file = (prefix: string, suffix: string): Map<string, string> =>
      new Map([
        ['data/schedule.json', schedule('2026-10-07', [])],
        [
          'data/lines/US-3004.json',
          JSON.stringify({
            prefix,
            lines: [{ hts: '3004.90.92', description: 'Other', suffixes: [{ hts: '3004.90.9261', description: suffix }] }],
            scopes: {},
          }),
        ],
      ]);
    const a = file('Medicaments: ', 'Preparations pimarily affecting the electrolytic balance');
    expect(scheduleChanges(a, file('Medicaments: ', 'Preparations primarily affecting the electrolytic balance'))).toEqual([
      '- tariff lines re-described (the line or its statistical suffixes): 1 (3004.90.92)',
    ]);
    expect(scheduleChanges(a, file('Medicaments (all): ', 'Preparations pimarily affecting the electrolytic balance'))).toHaveLength(1);
    expect(scheduleChanges(a, a)).toEqual(['- no change to measures or lines']);
  });
  it('an origin excepted from a measure, and the exception lifted again', () => {
    const one = (extra: object) => new Map([['data/schedule.json', schedule('2026-10-07', [m('05', { origins: ['*'], ...extra })])]]);
    // the UK left out of a measure for all origins: no code and no rate changes, only who pays
    expect(scheduleChanges(one({}), one({ exceptOrigins: ['GB'] }))).toEqual(['- changed: 05 (9903.00.05): origins excepted none → GB']);
    expect(scheduleChanges(one({ exceptOrigins: ['GB'] }), one({}))).toEqual(['- changed: 05 (9903.00.05): origins excepted GB → none']);
  });
  it('the same build twice: no change', () => {
    expect(scheduleChanges(before, before)).toEqual(['- no change to measures or lines']);
  });
});
