import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { landedCost } from '../src/core/landed-cost.js';
import { resolveScenario, type ExtraOverrides } from '../src/core/scenario.js';
import type { Breakdown, ResolvedScenario, Shipment } from '../src/core/types.js';
import { parseDec } from '../src/core/decimal.js';
import { loadBundledSchedule, loadScheduleFile } from '../src/schedule/load.js';
import { ScheduleIndex } from '../src/schedule/schedule-index.js';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const BIN = fileURLToPath(new URL('../bin/tariff.js', import.meta.url));
export const FIXTURE = fileURLToPath(new URL('./fixtures/mini-schedule.json', import.meta.url));
export const BUNDLED = fileURLToPath(new URL('../data/schedule.json', import.meta.url));

export async function fixtureIndex(): Promise<ScheduleIndex> {
  return new ScheduleIndex(await loadScheduleFile(FIXTURE));
}

let bundledValidated: Promise<ScheduleIndex> | undefined;
/**
 * The bundled schedule validated with zod, as the build does (~1.7 s): loaded once per vitest
 * worker (isolate: false) and shared by the files that ask — they read it, and what they cache
 * (a PlanCache, a BatchPricer) they make themselves.
 */
export function bundledIndex(): Promise<ScheduleIndex> {
  bundledValidated ??= loadScheduleFile(BUNDLED).then((s) => new ScheduleIndex(s));
  return bundledValidated;
}

let bundledCompiled: ScheduleIndex | undefined;
/**
 * The bundled schedule as the CLI loads it (dist/schedule.compiled.json, its line files read as
 * a code asks for them): made once per vitest worker (isolate: false) and shared by the files that
 * ask, as bundledIndex() is. Safe while they read it: no test assigns to the schedule or index it
 * gives (what they cache, a PlanCache or a BatchPricer, they make themselves); the line files it
 * has read stay read, as in a CLI run that prices many rows. A test that needs a fresh load calls
 * loadBundledSchedule itself.
 */
export function bundledIndexFast(): ScheduleIndex {
  bundledCompiled ??= new ScheduleIndex(loadBundledSchedule(BUNDLED));
  return bundledCompiled;
}

/** A shipment from plain numbers: value etc. in dollars as strings to keep them exact. */
export function ship(
  p: Partial<Omit<Shipment, 'value' | 'freight' | 'insurance' | 'qty'>> & { value: string; freight?: string; insurance?: string; qty?: string },
): Shipment {
  const cents = (s: string | undefined): number => {
    if (s === undefined) return 0;
    const d = parseDec(s);
    if (!d || d.s > 2) throw new Error(`bad amount ${s}`);
    return d.n * 10 ** (2 - d.s);
  };
  const { value, freight, insurance, qty, ...rest } = p;
  const out: Shipment = {
    origin: 'CN',
    importer: 'US',
    ...rest,
    hts: (rest.hts ?? '').replace(/\./g, ''),
    value: cents(value),
    freight: cents(freight),
    insurance: cents(insurance),
  };
  if (qty !== undefined) out.qty = parseDec(qty);
  return out;
}

/** a scenario of the index's schedule, resolved (a test's setup: throws on a name it lacks) */
export function scenarioOf(index: ScheduleIndex, scenario: string, extra: ExtraOverrides = {}): ResolvedScenario {
  const sc = resolveScenario(index.schedule.scenarios, scenario, extra);
  if (!sc.ok) throw new Error(sc.issue.message);
  return sc.value;
}

export function price(index: ScheduleIndex, scenario: string, s: Shipment, extra: ExtraOverrides = {}): Breakdown {
  const r = landedCost(s, scenarioOf(index, scenario, extra), index);
  if (!r.ok) throw new Error(`${r.issue.code}: ${r.issue.message}`);
  return r.value;
}

export function priceIssue(index: ScheduleIndex, scenario: string, s: Shipment): string {
  const sc = resolveScenario(index.schedule.scenarios, scenario);
  if (!sc.ok) return sc.issue.code;
  const r = landedCost(s, sc.value, index);
  return r.ok ? 'ok' : r.issue.code;
}

export function amounts(b: Breakdown): Record<string, number> {
  const out: Record<string, number> = {};
  for (const l of b.lines) out[l.measure] = l.amount;
  return out;
}

export interface RunResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export function run(args: string[], opts: { input?: string; env?: Record<string, string> } = {}): RunResult {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    input: opts.input ?? '',
    encoding: 'utf8',
    env: cleanEnv(opts.env),
    maxBuffer: 256 * 1024 * 1024,
  });
  return { exitCode: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** The environment of a user's shell, without colour settings inherited from the test runner. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, TARIFF_TODAY: '2026-05-01' };
  delete env.NO_COLOR;
  delete env.FORCE_COLOR;
  return { ...env, ...extra };
}

/**
 * A deterministic mix of lines, origins, dates and modes (the law changes often in 2025–2026) for
 * the tests that compare a batch with single calculations: the rows as cells, and the CSV lines
 * (header first) that carry them.
 */
export function mixedShipments(n: number): { shipments: string[][]; lines: string[] } {
  const codes = ['9503.00.00', '6109.10.00', '8471.30.01', '8703.80.00', '8507.60.0010', '8507.60.0020', '9401.61.60', '8541.43.00'];
  const origins = ['CN', 'HK', 'VN', 'MX'];
  const modes = ['ocean', 'air', 'truck'];
  const lines = ['hts,origin,value,freight,mode,date'];
  let seed = 7;
  const rnd = (k: number): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % k;
  };
  const shipments: string[][] = [];
  for (let i = 0; i < n; i++) {
    const day = new Date(Date.UTC(2025, 0, 1) + rnd(540) * 86_400_000).toISOString().slice(0, 10);
    const row = [
      codes[rnd(codes.length)] as string,
      origins[rnd(4)] as string,
      `${rnd(300000) + 1}.${String(rnd(100)).padStart(2, '0')}`,
      `${rnd(900)}.00`,
      modes[rnd(3)] as string,
      day,
    ];
    shipments.push(row);
    lines.push(row.join(','));
  }
  return { shipments, lines };
}

/** The lines that are not JSON (NDJSON output checked in one assertion: an expect() per line costs more than the parse). */
export function notJsonLines(lines: readonly string[]): string[] {
  return lines.filter((l) => {
    try {
      JSON.parse(l);
      return false;
    } catch {
      return true;
    }
  });
}
