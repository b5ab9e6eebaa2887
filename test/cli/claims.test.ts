/**
 * Facts a code cannot show are claims: without one the stated default holds, and `--explain` (and
 * the JSON) say what each claim on offer would change. Figures worked by hand from the notes.
 */
import { describe, expect, it } from 'vitest';
import { batch, runIn } from '../cli-runner.js';

const json = (args: string[]) => {
  const r = runIn(['calc', ...args, '--format', 'json']);
  expect(r.exitCode).toBe(0);
  return JSON.parse(r.stdout);
};

describe('claims not made', () => {
  // beer of Canada, 2026-09-20, $10,000: MFN Free; note 51(b)(1) 50% = 5,000.00; note 52 Canada 10% = 1,000.00;
  // fees unclaimed MPF 34.64 + HMF 12.50 = 47.14; claimed usmca: no MPF (19 U.S.C. 58c(b)(10)(B)), HMF 12.50 →
  // landed 10,000.00 + 5,000.00 + 12.50 = 15,012.50
  const beer = ['--hts', '2203.00.00', '--origin', 'CA', '--value', '10000', '--date', '2026-09-20', '--mode', 'ocean'];

  // the plain runs of this block, in one process (test/cli-runner.ts)
  const R = batch({
    r1: { args: ['calc', ...beer, '--explain'] },
    r2: { args: ['calc', '--hts', '2203.00.00', '--origin', 'CA', '--value', '10000', '--date', '2026-10-01'] },
  });

  it('the JSON lists each claim on offer with the duty it would give: usmca lifts note 52 only (5,000.00)', () => {
    const doc = json(beer);
    expect(doc.duty).toBe(6000);
    const usmca = doc.claimsNotMade.find((c: { claim: string }) => c.claim === 'usmca');
    expect(usmca).toEqual({ claim: 'usmca', refs: ['9903.05.93'], programme: null, specialRate: null, duty: 5000, landedCost: 15012.5, issue: null });
  });

  it('a claim made is not offered again, and prices as the claim says', () => {
    const doc = json([...beer, '--claim', 'usmca']);
    expect(doc.duty).toBe(5000);
    expect(doc.claimsNotMade.map((c: { claim: string }) => c.claim)).not.toContain('usmca');
  });

  it('--explain lists them under "Claims not made"', () => {
    const r = R.r1;
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('Claims not made');
    expect(r.stdout).toContain('--claim usmca (9903.05.93): duty $6,000.00 → $5,000.00, landed cost $15,012.50');
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
    const r = R.r2;
    expect(r.exitCode).toBe(3);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('may not be imported on 2026-10-01');
    expect(r.stderr).toContain('Proclamation 11061');
    expect(r.stderr).toContain('claim bulk');
    // claimed in bulk it is priced: 50% + 10% of 10,000.00
    expect(json(['--hts', '2203.00.00', '--origin', 'CA', '--value', '10000', '--date', '2026-10-01', '--claim', 'bulk']).duty).toBe(6000);
  });
});

describe("claims of a special programme (issue 23): the line's special rate in place of the general rate", () => {
  // asses 0101.30.00: general 6.8%, special "Free (A+,AU,BH,CL,CO,D,E,IL,JO,KR,MA,OM,P,PA,PE,S,SG)"
  const asses = (origin: string, date = '2025-01-15') => ['--hts', '0101.30.00.00', '--origin', origin, '--value', '10000', '--date', date, '--mode', 'air'];

  // the plain runs of this block, in one process (test/cli-runner.ts)
  const R = batch({
    r1: { args: ['calc', '--format', 'ndjson'], input: 'hts,origin,value,date,claim\n0101.30.00.00,KR,10000,2025-01-15,KR\n' },
    r2: { args: ['calc', ...asses('JP'), '--claim', 'KR'] },
    r3: { args: ['calc', ...asses('TH'), '--claim', 'gsp'] },
    au: {
      args: ['calc', '--hts', '0406.10.18', '--origin', 'PA', '--value', '5000', '--qty', '1000', '--unit', 'kg', '--date', '2025-01-15', '--claim', 'PA'],
    },
    none: {
      args: ['calc', '--hts', '0402.21.50', '--origin', 'MX', '--value', '5000', '--qty', '1000', '--unit', 'kg', '--date', '2025-01-15', '--claim', 'S'],
    },
    r4: {
      args: ['calc', '--format', 'ndjson'],
      input: 'hts,origin,value,date,claim\n0101.30.00.00,KR,10000,2025-01-15,KR\n0101.30.00.00,JP,10000,2025-01-15,KR\n',
    },
    t: { args: ['lookup', '0402.21.50', '--origin', 'KR', '-q'] },
    x1: { args: ['lookup', '0402.21.50', '--origin', 'KR', '--format', 'json', '-q'] },
    x2: { args: ['lookup', '0402.21.50', '--origin', 'JP', '--format', 'json', '-q'] },
  });

  it('--claim KR, --claim korus and a claim column: Free (KR) replaces 6.8% (680.00 → 0)', () => {
    expect(json(asses('KR')).duty).toBe(680);
    for (const claim of ['KR', 'kr', 'korus']) {
      const doc = json([...asses('KR'), '--claim', claim]);
      expect(doc.duty).toBe(0);
      expect(doc.dutyByAuthority.mfn).toBe(0);
    }
    const r = R.r1;
    expect(r.exitCode).toBe(0);
    expect(JSON.parse(r.stdout.trim()).duty).toBe(0);
  });

  it('a programme and a measure\'s claim together: "KR;patented" (and "KR,patented")', () => {
    expect(json([...asses('KR'), '--claim', 'KR;patented']).duty).toBe(0);
    expect(json([...asses('KR'), '--claim', 'KR,patented']).duty).toBe(0);
  });

  it('a specific special rate: 0402.21.50 KR 2025 7.2¢/kg × 1,000 kg = 72.00; Free from the 2026 edition (staged)', () => {
    const milk = ['--hts', '0402.21.50', '--origin', 'KR', '--value', '5000', '--qty', '1000', '--unit', 'kg', '--mode', 'air', '--claim', 'KR'];
    expect(json([...milk, '--date', '2025-01-15']).dutyByAuthority.mfn).toBe(72);
    expect(json([...milk, '--date', '2026-01-15']).dutyByAuthority.mfn).toBe(0);
  });

  it('USMCA: --claim usmca takes the S rate for Mexico (680.00 → 0) and still lifts Section 122 (1,000.00 → 0)', () => {
    const args = ['--hts', '0101.30.00.00', '--origin', 'MX', '--value', '10000', '--date', '2026-07-01', '--mode', 'air'];
    expect(json(args).dutyByAuthority).toMatchObject({ mfn: 680, s122: 1000 });
    expect(json([...args, '--claim', 'usmca']).duty).toBe(0);
  });

  it('refused, exit 65, when the origin is not a member: says which and what the special column offers', () => {
    const r = R.r2;
    expect(r.exitCode).toBe(65);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('claim KR refused: JP is not a member of KR (United States-Korea Free Trade Agreement (KORUS)) on 2025-01-15');
    expect(r.stderr).toContain('offers: Free (A+, AU, BH, CL, CO, D, E, IL, JO, KR, MA, OM, P, PA, PE, S, SG)');
  });

  it('refused when the programme has lapsed: GSP after 2020-12-31', () => {
    const r = R.r3;
    expect(r.exitCode).toBe(65);
    expect(r.stderr).toContain('claim gsp refused: A/A*/A+ (Generalized System of Preferences (GSP)) has lapsed — it applies to entries before 2021-01-01');
  });

  it('refused when the line has no preference under it, or one the tool does not compute', () => {
    // 0406.10.18 prints PA as "See 9919.04.50, 9919.04.51, 9919.04.61": two in-quota provisions (U.S. notes
    // 6(a) and 6(b) to subchapter XIX of chapter 99) at different rates, so a claim of PA alone is refused with the
    // provisions to name (test/unit/data/trq-quotas.test.ts prices PA:9919.04.50 and PA:9919.04.51)
    const au = R.au;
    expect(au.exitCode).toBe(65);
    expect(au.stderr).toContain(
      'claim PA refused: the PA rate of 0406.10.18 on 2025-01-15 ("See 9919.04.50, 9919.04.51, 9919.04.61") depends on the quota the goods are entered under — name it: PA:9919.04.50 Free in quota (U.S. note 6(a) to subchapter XIX of chapter 99), PA:9919.04.51 $0.851/kg in quota (U.S. note 6(b) to subchapter XIX of chapter 99)',
    );
    // 0402.21.50 prints no "S" (only "S+", a Chapter 98 reference): a claim of S is refused, naming S+ and usmca
    const none = R.none;
    expect(none.exitCode).toBe(65);
    expect(none.stderr).toContain('claim S refused: 0402.21.50 lists S/S+ (United States-Mexico-Canada Agreement (USMCA)) as S+, not S');
    expect(none.stderr).toContain('claim S+ (or usmca); the special column of 0402.21.50');
  });

  it('in a batch a refused claim is a rejected row, the others are priced', () => {
    const r = R.r4;
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('stdin:3: claim KR refused: JP is not a member');
  });

  it('lookup --origin KR lists the preferences open to Korea, with their rates and the claim (table and JSON)', () => {
    const t = R.t;
    expect(t.exitCode).toBe(0);
    expect(t.stdout).toContain('Special 2025-01-01 → 2026-01-01: Free (BH, CL, JO, MA, OM, P, PE, SG) · $0.072/kg (CO, KR, PA)');
    expect(t.stdout).toContain('Preferences open to KR:');
    expect(t.stdout).toMatch(/KR\s+│ United States-Korea Free Trade Agreement \(KORUS\)\s+│ \$0\.072\/kg/);
    const doc = JSON.parse(R.x1.stdout);
    expect(doc.preferences.map((p: { code: string; rate: string; from: string; claim: string }) => [p.code, p.rate, p.from, p.claim])).toEqual([
      ['KR', '$0.072/kg', '2025-01-01', '--claim KR'],
      ['KR', 'Free', '2026-01-01', '--claim KR'],
    ]);
    expect(doc.special[0].groups[1]).toEqual({
      codes: ['CO', 'KR', 'PA'],
      rate: '$0.072/kg',
      rateSpec: { specific: { amount: '0.072', per: 'kg' } },
      inQuota: null,
      uncomputed: null,
      byOrigin: null,
      byProvision: null,
      lineOf: null,
    });
    // Japan: KORUS and the others of the table are closed to it
    expect(JSON.parse(R.x2.stdout).preferences).toEqual([]);
  });
});

describe('a programme code the table does not hold', () => {
  // the plain runs of this block, in one process (test/cli-runner.ts)
  const R = batch({
    r: {
      args: ['calc', '--hts', '0201.10.05', '--origin', 'JM', '--value', '10000', '--qty', '1000', '--unit', 'kg', '--date', '2025-01-15', '--claim', 'W'],
    },
  });

  it('is refused, never ignored: W (no code of general note 3(c)(i), printed by no edition) names the programmes a claim may use', () => {
    const r = R.r;
    expect(r.exitCode).toBe(65);
    expect(r.stderr).toContain('claim W refused: W is not a programme of general note 3(c)(i) (the note lists no W)');
    expect(r.stderr).toContain(
      'the programmes a claim may name: KR, AU, CL, CO, PA, S/S+, A/A*/A+, D, IL, JO, SG, MA, BH, OM, PE, P/P+, JP, E/E*, R, NP, J/J*/J+, B, C, K, L',
    );
  });
});

describe('the programmes an unclaimed shipment could claim (issue 23 item 5)', () => {
  // auto part 8708.99.81 of Korea, 2026-09-01, $10,000 by air: 2.5% (250.00) + Section 232 25% (2,500.00) = 2,750.00;
  // with KR: Free (KR) + 2,500.00; MPF 34.64 unclaimed, lifted by the claim (19 U.S.C. 58c(b)(19)) → landed 12,500.00
  const part = ['--hts', '8708.99.81', '--origin', 'KR', '--value', '10000', '--date', '2026-09-01', '--mode', 'air'];

  // the plain runs of this block, in one process (test/cli-runner.ts)
  const R = batch({
    r: { args: ['calc', ...part, '--explain'] },
  });

  it('--explain: "--claim KR (KORUS): special rate Free; duty … → …"', () => {
    const r = R.r;
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain(
      '--claim KR (United States-Korea Free Trade Agreement (KORUS)): special rate Free; duty $2,750.00 → $2,500.00, landed cost $12,500.00',
    );
  });

  it('the JSON: claimsNotMade holds it with its programme and special rate', () => {
    const doc = json(part);
    expect(doc.claimsNotMade.find((c: { claim: string }) => c.claim === 'KR')).toEqual({
      claim: 'KR',
      refs: [],
      programme: 'United States-Korea Free Trade Agreement (KORUS)',
      specialRate: 'Free',
      duty: 2500,
      landedCost: 12500,
      issue: null,
    });
    // claimed, no programme is offered again
    expect(json([...part, '--claim', 'KR']).claimsNotMade.map((c: { claim: string }) => c.claim)).not.toContain('KR');
  });

  it('Chile, asses 2026-09-01: CL takes off the 6.8%, note 52 Chile 12.5% stays (1,930.00 → 1,250.00)', () => {
    const doc = json(['--hts', '0101.30.00.00', '--origin', 'CL', '--value', '10000', '--date', '2026-09-01', '--mode', 'air']);
    expect(doc.duty).toBe(1930);
    expect(
      doc.claimsNotMade.filter((c: { programme: string | null }) => c.programme !== null).map((c: { claim: string; duty: number }) => [c.claim, c.duty]),
    ).toEqual([['CL', 1250]]);
  });

  it('--claim S on goods of Mexico lifts the fentanyl duty as --claim usmca does (9903.01.04)', () => {
    const args = ['--hts', '0101.30.00.00', '--origin', 'MX', '--value', '10000', '--date', '2025-06-01', '--mode', 'air'];
    expect(json(args).duty).toBe(3180);
    expect(json([...args, '--claim', 'S']).dutyByAuthority).toEqual({ mfn: 0, 'ieepa-fentanyl': 0 });
    expect(json([...args, '--claim', 'usmca']).duty).toBe(0);
  });
});

describe('lookup names a long replaces list by its first measures and count, and lists its sources one a line', () => {
  // the plain runs of this block, in one process (test/cli-runner.ts)
  const R = batch({
    x: { args: ['lookup', '2917.11.00', '--origin', 'CU', '--format', 'json', '-q'] },
    t: { args: ['lookup', '2917.11.00', '--origin', 'CU', '-q'] },
  });

  it('9903.05.91 replaces every note 52 duty: the table names three and says how many more; the JSON lists them all', () => {
    const doc = JSON.parse(R.x.stdout);
    const donation = doc.measures.find((m: { ref: string }) => m.ref === '9903.05.91');
    expect(donation.replaces.length).toBeGreaterThan(4);
    const [a, b, c] = donation.replaces as string[];
    const t = R.t;
    expect(t.exitCode).toBe(0);
    // n ids: the first three by name, then n − 3 as a count
    expect(t.stdout).toContain(`replaces ${a}, ${b}, ${c} and ${donation.replaces.length - 3} more (--format json lists them)`);
    expect(t.stdout).not.toContain((donation.replaces as string[]).slice(0, 5).join(', '));
    // the sources under the table: one a line, each whole (a URL is never cut or run together),
    // the first source of every measure once
    const lines = t.stdout.split('\n');
    const tail = lines.slice(lines.findIndex((l) => l.endsWith('measures; sources:')));
    expect(tail[0]).toBe(`${doc.measures.length} measures; sources:`);
    const listed = tail.slice(1).filter((l) => l !== '');
    for (const l of listed) expect(l).toMatch(/^ {2}https?:\/\/\S+$/);
    const first = new Set(doc.measures.map((m: { sources: string[] }) => m.sources[0]).filter(Boolean));
    expect(listed.map((l) => l.trim())).toEqual([...first]);
  });
});
