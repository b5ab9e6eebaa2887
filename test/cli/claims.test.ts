/**
 * Facts a code cannot show are claims: without one the stated default holds, and `--explain` (and
 * the JSON) say what each claim on offer would change. Figures worked by hand from the notes.
 */
import { describe, expect, it } from 'vitest';
import { run } from '../helpers.js';

const json = (args: string[]) => {
  const r = run(['calc', ...args, '--format', 'json']);
  expect(r.exitCode).toBe(0);
  return JSON.parse(r.stdout);
};

describe('claims not made', () => {
  // beer of Canada, 2026-09-20, $10,000: MFN Free; note 51(b)(1) 50% = 5,000.00; note 52 Canada 10% = 1,000.00
  const beer = ['--hts', '2203.00.00', '--origin', 'CA', '--value', '10000', '--date', '2026-09-20', '--mode', 'ocean'];

  it('the JSON lists each claim on offer with the duty it would give: usmca lifts note 52 only (5,000.00)', () => {
    const doc = json(beer);
    expect(doc.duty).toBe(6000);
    const usmca = doc.claimsNotMade.find((c: { claim: string }) => c.claim === 'usmca');
    expect(usmca).toEqual({ claim: 'usmca', refs: ['9903.05.93'], duty: 5000, landedCost: 15047.14, issue: null });
  });

  it('a claim made is not offered again, and prices as the claim says', () => {
    const doc = json([...beer, '--claim', 'usmca']);
    expect(doc.duty).toBe(5000);
    expect(doc.claimsNotMade.map((c: { claim: string }) => c.claim)).not.toContain('usmca');
  });

  it('--explain lists them under "Claims not made"', () => {
    const r = run(['calc', ...beer, '--explain']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('Claims not made');
    expect(r.stdout).toContain('--claim usmca (9903.05.93): duty $6,000.00 → $5,000.00, landed cost $15,047.14');
  });

  it('a patented medicine of India after 2026-09-29: 100% inclusive of MFN 6.5% only when claimed', () => {
    // 2918.99.3000 is on note 40(c) (Rev 20); MFN 6.5% × 10,000 = 650.00; note 52 India 10% = 1,000.00 unclaimed.
    // Claimed patented: 9903.04.60 brings 6.5% to 100%: 9,350.00; note 52(f) drops note 52 on 232 goods: 650 + 9,350 = 10,000.00
    const args = ['--hts', '2918.99.3000', '--origin', 'IN', '--value', '10000', '--date', '2026-10-15', '--mode', 'air'];
    const plain = json(args);
    expect(plain.duty).toBe(1650);
    expect(plain.claimsNotMade.find((c: { claim: string }) => c.claim === 'patented')?.duty).toBe(10000);
    expect(json([...args, '--claim', 'patented']).duty).toBe(10000);
  });

  it('goods excluded from importation: exit 3 with the claim that would lift it in the hint', () => {
    const r = run(['calc', '--hts', '2203.00.00', '--origin', 'CA', '--value', '10000', '--date', '2026-10-01']);
    expect(r.exitCode).toBe(3);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('may not be imported on 2026-10-01');
    expect(r.stderr).toContain('Proclamation 11061');
    expect(r.stderr).toContain('claim bulk');
    // claimed in bulk it is priced: 50% + 10% of 10,000.00
    expect(json(['--hts', '2203.00.00', '--origin', 'CA', '--value', '10000', '--date', '2026-10-01', '--claim', 'bulk']).duty).toBe(6000);
  });
});
