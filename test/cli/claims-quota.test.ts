/**
 * Issue #23: a claim names the Chapter 99 provision the goods are entered under (`--claim PA:9919.04.51`, the
 * `claim` column likewise) where the special column prints a reference of several quotas — Panama's cheese
 * 0406.10.18 "See 9919.04.50, 9919.04.51, 9919.04.61 (PA)": 9919.04.50 Free within U.S. note 6(a) to subchapter XIX
 * of chapter 99, 9919.04.51 56.7¢/kg within note 6(b) (HTSUS 2026 Revision 10). Figures worked by hand below.
 */
import { describe, expect, it } from 'vitest';
import { batch } from '../cli-runner.js';

// 0406.10.18 of Panama, 1,000 kg, $10,000, 2026-12-06, no mode (no HMF); no additional duty applies to goods of
// Panama on the date (test/unit/data/trq-quotas.test.ts); a PA claim lifts the MPF (19 U.S.C. 58c(b)(21))
const cheese = ['--hts', '0406.10.18', '--origin', 'PA', '--value', '10000', '--qty', '1000', '--unit', 'kg', '--date', '2026-12-06'];

const R = batch({
  q51: { args: ['calc', ...cheese, '--claim', 'PA:9919.04.51', '--format', 'json'] },
  bare: { args: ['calc', ...cheese, '--claim', 'PA'] },
  wrong: { args: ['calc', ...cheese, '--claim', 'PA:9919.04.61'] },
  explain: { args: ['calc', ...cheese, '--explain'] },
  rows: {
    args: ['calc', '--format', 'ndjson'],
    input: 'hts,origin,value,date,qty,unit,claim\n0406.10.18,PA,10000,2026-12-06,1000,kg,PA:9919.04.50\n0406.10.18,PA,10000,2026-12-06,1000,kg,PA\n',
  },
  lookup: { args: ['lookup', '0406.10.18', '--origin', 'PA', '--date', '2026-12-06', '--format', 'json', '-q'] },
  compare: { args: ['compare', ...cheese, '--claims', 'none|PA:9919.04.50|PA:9919.04.51', '--format', 'csv'] },
  // a review's findings: a provision after anything but a programme, or on a line without the programme's rate,
  // was dropped silently; spaces around the colon and a bare colon were a usage error; one provision written
  // two ways was "named twice"
  unlisted: { args: ['calc', ...cheese, '--origin', 'CA', '--claim', 'CA:9823.04.02'] },
  option: { args: ['calc', ...cheese, '--claim', 'patented:9919.04.51'] },
  noRate: { args: ['calc', '--hts', '8471.30.01', '--origin', 'PA', '--value', '10000', '--date', '2026-12-06', '--claim', 'PA:9919.04.51'] },
  spaced: { args: ['calc', ...cheese, '--claim', ' pa : 9919 04 51', '--format', 'json'] },
  colon: { args: ['calc', ...cheese, '--claim', 'PA:'] },
  twice: { args: ['calc', ...cheese, '--claim', 'PA:9919.04.51,pa:99190451', '--format', 'json'] },
  // 0406.10.08's PA rate is one in-quota reference of two provisions ("9919.04.40 / 9919.04.41"): the one named is the one shown
  named: { args: ['calc', ...cheese.map((a) => (a === '0406.10.18' ? '0406.10.08' : a)), '--claim', 'PA:9919.04.41'] },
});

describe('a provision is never dropped silently', () => {
  it('after a code whose programme the table lacks: refused as that code (exit 65)', () => {
    expect(R.unlisted.exitCode).toBe(65);
    expect(R.unlisted.stderr).toContain('claim CA refused: CA is a programme');
  });
  it("after a measure's option: refused, the option is not a programme (exit 65)", () => {
    expect(R.option.exitCode).toBe(65);
    expect(R.option.stderr).toContain(
      'claim patented:9919.04.51 refused: only the claim of a preference programme names a Chapter 98/99 provision (as PA:9919.04.51), and "patented" is not a programme the schedule holds',
    );
  });
  it("on a line without the programme's rate (8471.30.01 prints no PA): refused, not a note (exit 65)", () => {
    expect(R.noRate.exitCode).toBe(65);
    expect(R.noRate.stderr).toContain('claim PA:9919.04.51 refused: 8471.30.01 has no PA rate on 2026-12-06, so there is no provision of it to name');
  });
  it('spaces around the colon and inside the number are the same claim: 56.7¢/kg × 1,000 kg = 567.00', () => {
    expect(R.spaced.exitCode).toBe(0);
    expect(JSON.parse(R.spaced.stdout).duty).toBe(567);
  });
  it('a colon with nothing after it: refused with what to write (exit 65, not a usage error)', () => {
    expect(R.colon.exitCode).toBe(65);
    expect(R.colon.stderr).toContain('after the colon is not a Chapter 98/99 subheading');
  });
  it('the provision named is the one the line reports', () => {
    expect(R.named.exitCode).toBe(0);
    expect(R.named.stdout).toContain('United States tariff 0406.10.08, special (PA), in quota 9919.04.41 ');
  });
  it('one provision written two ways is one claim: 567.00', () => {
    expect(R.twice.exitCode).toBe(0);
    expect(JSON.parse(R.twice.stdout).duty).toBe(567);
  });
});

describe('--claim CODE:PROVISION on a reference of several quotas', () => {
  it('PA:9919.04.51: 56.7¢/kg × 1,000 kg = 567.00, no MPF → landed 10,567.00', () => {
    expect(R.q51.exitCode).toBe(0);
    const doc = JSON.parse(R.q51.stdout);
    expect([doc.duty, doc.landedCost]).toEqual([567, 10567]);
    expect(doc.notes.join('\n')).toContain(
      'the in-quota rate of 9919.04.51 applies within the quantitative limits of U.S. note 6(b) to subchapter XIX of chapter 99',
    );
  });

  it('PA alone is refused (exit 65) with the provisions to name; a number that is not one of them likewise', () => {
    expect(R.bare.exitCode).toBe(65);
    expect(R.bare.stderr).toContain(
      'name it: PA:9919.04.50 Free in quota (U.S. note 6(a) to subchapter XIX of chapter 99), PA:9919.04.51 $0.567/kg in quota (U.S. note 6(b) to subchapter XIX of chapter 99)',
    );
    expect(R.wrong.exitCode).toBe(65);
    expect(R.wrong.stderr).toContain('claim PA:9919.04.61 refused: 9919.04.61 is not an in-quota provision of the PA rate of 0406.10.18');
  });

  it('--explain offers each quota as a claim: unclaimed $2.269/kg × 1,000 = 2,269.00 → 0.00 (note 6(a)) or 567.00 (note 6(b))', () => {
    expect(R.explain.exitCode).toBe(0);
    expect(R.explain.stdout).toContain(
      '--claim PA:9919.04.50 (United States-Panama Trade Promotion Agreement): special rate Free in quota (9919.04.50); duty $2,269.00 → $0.00, landed cost $10,000.00',
    );
    expect(R.explain.stdout).toContain(
      '--claim PA:9919.04.51 (United States-Panama Trade Promotion Agreement): special rate $0.567/kg in quota (9919.04.51); duty $2,269.00 → $567.00, landed cost $10,567.00',
    );
  });

  it('the claim column: PA:9919.04.50 priced Free; PA alone a rejected row with its reason', () => {
    // a rejected row makes the run's exit 65 (data error); the priced row is still written
    expect(R.rows.exitCode).toBe(65);
    const priced = R.rows.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(priced.map((d) => [d.line, d.duty])).toEqual([[2, 0]]);
    expect(R.rows.stderr).toContain('stdin:3: claim PA refused: the PA rate of 0406.10.18 on 2026-12-06');
    expect(R.rows.stderr).toContain('1 of 2 rows rejected');
  });

  it('lookup --origin PA lists one preference per quota, each with the claim that names it; the group lists them by provision', () => {
    const doc = JSON.parse(R.lookup.stdout);
    const pa = doc.preferences.filter((p: { code: string }) => p.code === 'PA');
    expect(pa.map((p: { rate: string; claim: string }) => [p.rate, p.claim])).toEqual([
      ['Free', '--claim PA:9919.04.50'],
      ['$0.567/kg', '--claim PA:9919.04.51'],
    ]);
    const group = doc.special.at(-1).groups.find((g: { codes: string[] }) => g.codes.includes('PA'));
    expect(group.byProvision.map((b: { claim: string; rate: string }) => [b.claim, b.rate])).toEqual([
      ['PA:9919.04.50', 'Free'],
      ['PA:9919.04.51', '$0.567/kg'],
    ]);
  });

  it('compare --claims "none|PA:9919.04.50|PA:9919.04.51": the two quotas side by side (2,269.00 / 0.00 / 567.00)', () => {
    expect(R.compare.exitCode).toBe(0);
    const rows = R.compare.stdout.split('\n');
    expect(rows[0]).toBe('metric,none,PA:9919.04.50,PA:9919.04.51');
    expect(rows).toContain('duty,2269.00,0.00,567.00');
    expect(rows).toContain('landed_cost,12303.64,10000.00,10567.00');
  });
});
