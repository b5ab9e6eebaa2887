/**
 * Issue #23: the D rate of 2106.90.52 / 2106.90.54 (juices fortified with vitamins or minerals) is printed
 * "The rate applicable to the natural juice in heading 2009" (A*, D) in every edition read; a claim names the
 * natural juice's line, `--claim D:2009.89.65` (the `claim` column likewise), and is priced at the D rate that
 * line gives on the date (2009.89.65: 0.5¢/liter general, "Free (A*,AU,BH,CL,CO,D,…)", HTSUS 2026 Revision 10).
 *
 * South Africa (ZA) is an AGOA member (general note 16(a)); AGOA is in force again from 2026-02-03
 * (Public Law 119-75). On 2026-03-02 the Section 122 surcharge (9903.03.01, 10%) is in force and a D claim
 * keeps it; by air, so no HMF. In process (test/cli-runner.ts).
 */
import { describe, expect, it } from 'vitest';
import { batch } from '../cli-runner.js';

const juice = ['--hts', '2106.90.52', '--origin', 'ZA', '--value', '10000', '--qty', '1000', '--unit', 'liters', '--date', '2026-03-02', '--mode', 'air'];

const R = batch({
  named: { args: ['calc', ...juice, '--claim', 'D:2009.89.65', '--format', 'json'] },
  explain: { args: ['calc', ...juice, '--claim', 'd:20098965', '--explain'] },
  bare: { args: ['calc', ...juice, '--claim', 'D'] },
  wrong: { args: ['calc', ...juice, '--claim', 'D:2010.00.00'] },
  gsp: { args: ['calc', ...juice, '--claim', 'A*:2009.89.65'] },
  rows: {
    args: ['calc', '--format', 'ndjson'],
    input:
      'hts,origin,value,date,mode,qty,unit,claim\n' +
      '2106.90.52,ZA,10000,2026-03-02,air,1000,liters,D:2009.89.65\n' +
      '2106.90.54,ZA,10000,2026-03-02,air,1000,liters,D:2009.90.40\n' +
      '2106.90.52,ZA,10000,2026-03-02,air,1000,liters,D:2009.89.60\n' +
      '2106.90.52,ZA,10000,2026-03-02,air,1000,liters,D\n',
  },
  lookup: { args: ['lookup', '2106.90.52', '--origin', 'ZA', '--date', '2026-03-02', '-q'] },
  // review findings: the form --explain offers typed as it stands; a statistical number; too few digits
  placeholder: { args: ['calc', ...juice, '--claim', 'D:2009.NN.NN'] },
  statistical: { args: ['calc', ...juice, '--claim', 'D:2009.89.6500', '--format', 'json'] },
  short: { args: ['calc', ...juice, '--claim', 'D:2009.90'] },
});

describe('the claim form as printed, a statistical number, too few digits', () => {
  it('D:2009.NN.NN is a usage error (2) that says to put the line in place of the Ns', () => {
    expect(R.placeholder.exitCode).toBe(2);
    expect(R.placeholder.stderr).toContain('--claim "D:2009.NN.NN" names no line: D:2009.NN.NN is the form of the claim');
    expect(R.placeholder.stderr).toContain('tariff lookup 2009 lists the lines');
  });
  it('D:2009.89.6500 names 2009.89.65: the same figures as D:2009.89.65', () => {
    expect(R.statistical.exitCode).toBe(0);
    expect(JSON.parse(R.statistical.stdout).duty).toBe(JSON.parse(R.named.stdout).duty);
    expect(JSON.parse(R.statistical.stdout).lines[0].ref).toBe('United States tariff 2106.90.52, special (D), at the rate of 2009.89.65');
  });
  it('D:2009.90: refused (65), saying 8 digits or a 10-digit statistical number', () => {
    expect(R.short.exitCode).toBe(65);
    expect(R.short.stderr).toContain('expected the 8 digits of a line of heading 2009, or its 10-digit statistical number');
  });
});

describe('--claim D:<line of heading 2009> on a fortified juice', () => {
  it('priced at the D rate of the line named (Free): the duty is Section 122 alone, 10% × $10,000.00 = $1,000.00', () => {
    expect(R.named.exitCode).toBe(0);
    const doc = JSON.parse(R.named.stdout);
    expect(doc.duty).toBe(1000);
    expect(doc.lines[0].ref).toBe('United States tariff 2106.90.52, special (D), at the rate of 2009.89.65');
    expect(doc.lines[0].amount).toBe(0);
    expect(doc.notes.join('\n')).toContain(
      "the D rate of 2009.89.65 on 2026-03-02 (Free) applies, the line named taken as the importer's assertion that the natural juice of the goods is classified there",
    );
  });
  it('--explain says the rate was taken from the line named, as the importer asserts', () => {
    expect(R.explain.exitCode).toBe(0);
    expect(R.explain.stdout).toContain('special (D), at the rate of 2009.89.65');
    expect(R.explain.stdout).toContain(
      'claim D:2009.89.65 on 2106.90.52: the special column prints "The rate applicable to the natural juice in heading 2009"',
    );
  });
  it('D alone: refused (exit 65) with the line to name', () => {
    expect(R.bare.exitCode).toBe(65);
    expect(R.bare.stderr).toContain('claim D refused: the D rate of 2106.90.52 on 2026-03-02 is "The rate applicable to the natural juice in heading 2009"');
    expect(R.bare.stderr).toContain("name the natural juice's line of heading 2009, e.g. D:2009.11.00 (tariff lookup 2009 lists its 31 lines)");
  });
  it('a number outside heading 2009: refused (exit 65) with the same hint', () => {
    expect(R.wrong.exitCode).toBe(65);
    expect(R.wrong.stderr).toContain('claim D:2010.00.00 refused: 2010.00.00 is not a line of heading 2009 in force on 2026-03-02');
    expect(R.wrong.stderr).toContain("name the natural juice's line of heading 2009, e.g. D:2009.11.00");
  });
  it('A* (GSP) stays refused for its lapse (exit 65)', () => {
    expect(R.gsp.exitCode).toBe(65);
    expect(R.gsp.stderr).toContain('claim A* refused: A/A*/A+ (Generalized System of Preferences (GSP)) has lapsed');
  });
  it('the claim column: the lines named are priced, a wrong number and a bare D are rejected rows with their reason', () => {
    expect(R.rows.exitCode).toBe(65);
    const priced = R.rows.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    // rows 2 and 3 (the file's lines): Free under D + Section 122 $1,000.00
    expect(priced.map((d) => [d.line, d.duty])).toEqual([
      [2, 1000],
      [3, 1000],
    ]);
    expect(R.rows.stderr).toContain('stdin:4: claim D:2009.89.60 refused: 2009.89.60 is not a line of heading 2009 in force on 2026-03-02');
    expect(R.rows.stderr).toContain('stdin:5: claim D refused: the D rate of 2106.90.52 on 2026-03-02');
    expect(R.rows.stderr).toContain('2 of 4 rows rejected');
  });
  it('lookup --origin ZA shows the claim form to use', () => {
    expect(R.lookup.exitCode).toBe(0);
    expect(R.lookup.stdout).toContain('--claim D:2009.NN.NN');
    expect(R.lookup.stdout).toContain('(A*, D; by the line claimed: D:2009.NN.NN)');
  });
});
