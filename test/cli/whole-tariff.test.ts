/**
 * The CLI on the whole bundled US tariff: it finds lines by words, takes a user's MFN rate and a
 * USMCA claim. (The lines themselves, in process: test/unit/data/whole-tariff.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { runIn } from '../cli-runner.js';

describe('tariff lookup --search', () => {
  it('finds lines by every word of the query, in tariff order, and says how many', () => {
    const r = runIn(['lookup', '--search', 'lithium batteries']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/US lines? match "lithium batteries"/);
    expect(r.stdout).toContain('8507.60.00');
    expect(r.stdout.indexOf('8506.50.00')).toBeLessThan(r.stdout.indexOf('8507.60.00'));
  });
  it('JSON, with the statistical suffix that matched', () => {
    const doc = JSON.parse(runIn(['lookup', '--search', 'purebred horses', '--format', 'json']).stdout);
    expect(doc.lines.map((l: any) => l.line)).toContain('0101.21.00');
  });
  it('no code and no words is a usage error; no match says so on stderr', () => {
    expect(runIn(['lookup']).exitCode).toBe(2);
    const none = runIn(['lookup', '--search', 'zzqxv']);
    expect(none.exitCode).toBe(0);
    expect(none.stderr).toMatch(/no US line has all of: zzqxv/);
  });
});

describe('--mfn and --claim', () => {
  it('a line whose rate the tool does not compute asks for --mfn (exit 65) and prices with it, echoed as an assumption', () => {
    const base = ['calc', '--hts', '0711.20.18', '--origin', 'MX', '--value', '1000', '--date', '2025-06-01'];
    const no = runIn(base);
    expect(no.exitCode).toBe(65);
    expect(no.stderr).toMatch(/"3\.7¢\/kg on drained weight", which this tool cannot compute/);
    const yes = runIn([...base, '--mfn', '3.7¢/kg', '--qty', '500', '--unit', 'kg', '--format', 'json']);
    expect(yes.exitCode).toBe(0);
    const doc = JSON.parse(yes.stdout);
    // MFN $0.037 × 500 kg = 18.50; IEEPA Mexico 25% × 1,000.00 = 250.00 → 268.50
    expect(doc.duty).toBe(268.5);
    expect(doc.notes.join(' ')).toMatch(/assumption: general \(MFN\) rate \$0\.037\/kg as given/);
  });
  it('--mfn replaces a known rate too, and says what the schedule has', () => {
    const doc = JSON.parse(
      runIn(['calc', '--hts', '6109.10.00', '--origin', 'VN', '--value', '1000', '--date', '2025-06-15', '--mfn', '10%', '--format', 'json']).stdout,
    );
    // 10% × 1,000.00 = 100.00 + baseline 10% 100.00 = 200.00
    expect(doc.duty).toBe(200);
    expect(doc.notes.join(' ')).toMatch(/the schedule's rate is 16\.5%/);
  });
  it('a bad --mfn is a usage error (2) naming the flag, as every bad flag value', () => {
    const r = runIn(['calc', '--hts', '6109.10.00', '--origin', 'VN', '--value', '1000', '--mfn', 'ten percent']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/--mfn "ten percent" is not a rate/);
  });
  it('--claim usmca removes the IEEPA Mexico duty from 2025-03-07 (9903.01.04), not before', () => {
    const at = (date: string, claim: boolean): any =>
      JSON.parse(
        runIn(['calc', '--hts', '9503.00.00', '--origin', 'MX', '--value', '10000', '--date', date, '--format', 'json', ...(claim ? ['--claim', 'usmca'] : [])])
          .stdout,
      );
    expect(at('2025-06-15', false).duty).toBe(2500); // 25% × 10,000.00
    expect(at('2025-06-15', true).duty).toBe(0);
    // 2025-03-04 – 03-06: USMCA goods paid the full rate (EO 14231 from 2025-03-07)
    expect(at('2025-03-05', true).duty).toBe(2500);
  });
  it('a claim that changes nothing says so', () => {
    const doc = JSON.parse(
      runIn(['calc', '--hts', '9503.00.00', '--origin', 'VN', '--value', '10000', '--date', '2025-06-15', '--claim', 'patented', '--format', 'json']).stdout,
    );
    expect(doc.notes.join(' ')).toMatch(/claim patented changes nothing for this shipment/);
  });
  it('a programme claim from an origin that is not a member is refused (issue 23): USMCA from Viet Nam', () => {
    const r = runIn(['calc', '--hts', '9503.00.00', '--origin', 'VN', '--value', '10000', '--date', '2025-06-15', '--claim', 'usmca']);
    expect(r.exitCode).toBe(65);
    expect(r.stderr).toContain('claim usmca refused: VN is not a member of S/S+');
  });
  it('batch: claim and mfn_rate columns', () => {
    const csv = 'hts,origin,value,date,claim,mfn_rate\n9503.00.00,MX,10000,2025-06-15,usmca,\n0711.20.18,MX,1000,2025-06-01,,8%\n';
    const r = runIn(['calc', '--format', 'ndjson'], { input: csv });
    expect(r.exitCode).toBe(0);
    const [a, b] = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(a.duty).toBe(0);
    // 8% × 1,000.00 = 80.00 + 25% × 1,000.00 = 250.00 → 330.00
    expect(b.duty).toBe(330);
  });
});
