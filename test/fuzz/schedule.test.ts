/**
 * Hostile schedule files. In process: `checkScheduleFile` / `loadScheduleFile` (src/schedule/load.ts)
 * on random JSON values, random text and structurally mutated copies of the fixture schedule
 * (keys deleted, types changed, `__proto__` / `constructor` / `prototype` keys inserted anywhere,
 * array entries dropped or repeated, strings replaced by edge values of their own kind) either
 * succeed or throw a ScheduleError (exit code 78) — never another exception — and never pollute
 * Object.prototype. A schedule that loads can be used: its index builds, every scenario resolves or
 * reports an issue, and pricing returns a result or an issue without throwing. A few of the same
 * files go through the CLI's `schedule check`.
 *
 * Seeded (42); FC_RUNS sets the number of runs (default: 1,000 a property in process — 2,000 before
 * the suite had to run in 3 minutes: FC_RUNS=2000 or more for a longer search — and 15 schedule
 * files through the CLI, in one process).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { landedCost } from '../../src/core/landed-cost.js';
import { resolveScenario } from '../../src/core/scenario.js';
import type { Schedule } from '../../src/core/types.js';
import { ScheduleError, TariffError } from '../../src/errors.js';
import { checkScheduleFile, loadOverlayFile, loadScheduleFile } from '../../src/schedule/load.js';
import { ScheduleIndex } from '../../src/schedule/schedule-index.js';
import { runMany, SPAWN_ALL } from '../cli-runner.js';
import { bundledIndexFast, FIXTURE, run, type RunResult } from '../helpers.js';

const FC = Number(process.env.FC_RUNS) > 0 ? Number(process.env.FC_RUNS) : 0;
const runs = (dflt: number): number => FC || dflt;
const STACK = /^\s+at .+:\d+:\d+\)?$/m;

const dir = mkdtempSync(join(tmpdir(), 'tariff-fuzz-schedule-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let seq = 0;
const writeTemp = (text: string): string => {
  const f = join(dir, `s-${seq++}.json`);
  writeFileSync(f, text);
  return f;
};

const FIXTURE_TEXT = readFileSync(FIXTURE, 'utf8');
const fixture = (): any => JSON.parse(FIXTURE_TEXT);

// the checks of a run in few assertions (one expect() costs ~25 µs under vitest, more than most of
// what it checks; tens of thousands a property): each collects what fails, then asserts it once
function unpolluted(): void {
  expect({
    object: ({} as any).polluted,
    ownOfPrototype: Object.hasOwn(Object.prototype, 'polluted'),
    Object: (Object as any).polluted,
    array: ([] as any).polluted,
  }).toEqual({ object: undefined, ownOfPrototype: false, Object: undefined, array: undefined });
}

/** Loads a file both ways: each either succeeds or throws a ScheduleError (code 78). */
async function loadOrScheduleError(text: string): Promise<Schedule | null> {
  const f = writeTemp(text);
  try {
    let checked = true;
    try {
      await checkScheduleFile(f);
    } catch (e) {
      checked = false;
      expectScheduleError(e);
    }
    unpolluted();
    try {
      const s = await loadScheduleFile(f);
      // validation and loading agree on what is a valid schedule
      expect(checked, 'checkScheduleFile rejected what loadScheduleFile accepted').toBe(true);
      return s;
    } catch (e) {
      expectScheduleError(e);
      expect(checked, 'checkScheduleFile accepted what loadScheduleFile rejected').toBe(false);
      return null;
    } finally {
      unpolluted();
    }
  } finally {
    rmSync(f, { force: true });
  }
}

function expectScheduleError(e: unknown): void {
  if (!(e instanceof ScheduleError)) {
    throw new Error(`expected a ScheduleError, got ${(e as Error)?.constructor?.name}: ${(e as Error)?.message}\n${(e as Error)?.stack}`);
  }
  expect(e.exitCode).toBe(78);
  expect(e).toBeInstanceOf(TariffError);
  expect(typeof e.message).toBe('string');
  expect(e.details.filter((d) => typeof d !== 'string')).toEqual([]);
}

/** A schedule that loaded: index, every scenario, a shipment on every line from every origin named. */
function useSchedule(s: Schedule): void {
  // every price's result is checked; the ones that fail are asserted once, at the end
  const wrong: string[] = [];
  const index = new ScheduleIndex(s);
  const origins = new Set<string>(['CN', 'US', 'DE']);
  for (const m of s.measures) for (const o of m.origins ?? []) origins.add(o);
  for (const sc of s.scenarios) {
    const r = resolveScenario(s.scenarios, sc.id);
    if (!r.ok) continue;
    for (const line of s.lines.slice(0, 6)) {
      for (const origin of [...origins].slice(0, 4)) {
        for (const date of ['2025-07-01', '2018-01-01']) {
          const res = landedCost(
            {
              hts: line.hts.padEnd(8, '0'),
              origin,
              importer: line.importer,
              value: 1_000_000,
              freight: 5_000,
              insurance: 0,
              qty: { n: 12, s: 1 },
              unit: 'kg',
              mode: 'ocean',
              date,
            },
            r.value,
            index,
          );
          const ok: unknown = res.ok;
          if (typeof ok !== 'boolean') wrong.push(`${sc.id} ${line.hts} ${origin} ${date}: ok is ${typeof ok}`);
          else if (res.ok && !Number.isSafeInteger(res.value.landedCost))
            wrong.push(`${sc.id} ${line.hts} ${origin} ${date}: landed cost ${res.value.landedCost}`);
        }
      }
    }
  }
  expect(wrong).toEqual([]);
}

// ---------------------------------------------------------------------------------------------
// structural mutation of the fixture

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Path = (string | number)[];

/** Every container (object or array) of the document, with its path. */
function containers(v: Json, path: Path = [], out: Path[] = []): Path[] {
  if (v !== null && typeof v === 'object') {
    out.push(path);
    if (Array.isArray(v)) v.forEach((x, i) => void containers(x, [...path, i], out));
    else for (const k of Object.keys(v)) containers(v[k] as Json, [...path, k], out);
  }
  return out;
}
/** Every leaf string, with its path. */
function strings(v: Json, path: Path = [], out: Path[] = []): Path[] {
  if (typeof v === 'string') out.push(path);
  else if (v !== null && typeof v === 'object') {
    if (Array.isArray(v)) v.forEach((x, i) => void strings(x, [...path, i], out));
    else for (const k of Object.keys(v)) strings(v[k] as Json, [...path, k], out);
  }
  return out;
}
const at = (root: Json, path: Path): Json => path.reduce<Json>((v, k) => (v as any)[k], root);
/** Own, enumerable data property even for "__proto__" (plain assignment would set the prototype). */
const define = (obj: object, key: string, value: Json): void => {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
};

const HOSTILE_KEYS = ['__proto__', 'constructor', 'prototype'] as const;
const protoPayload = (): Json => {
  const o = {};
  define(o, '__proto__', { polluted: true });
  return o as Json;
};
const payload: fc.Arbitrary<Json> = fc.constantFrom<Json>(
  { polluted: true },
  { prototype: { polluted: true } },
  protoPayload(),
  'polluted',
  [{ polluted: true }],
  null,
);

type Mutation =
  | { kind: 'delete'; target: number; pick: number }
  | { kind: 'retype'; target: number; pick: number; value: Json }
  | { kind: 'hostile'; target: number; key: (typeof HOSTILE_KEYS)[number]; value: Json }
  | { kind: 'drop'; target: number; pick: number }
  | { kind: 'repeat'; target: number; pick: number }
  | { kind: 'unknown-key'; target: number; key: string; value: Json };

const smallJson = fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>;
const structural: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), target: fc.nat(), pick: fc.nat() }),
  fc.record({ kind: fc.constant('retype' as const), target: fc.nat(), pick: fc.nat(), value: smallJson }),
  fc.record({ kind: fc.constant('hostile' as const), target: fc.nat(), key: fc.constantFrom(...HOSTILE_KEYS), value: payload }),
  fc.record({ kind: fc.constant('drop' as const), target: fc.nat(), pick: fc.nat() }),
  fc.record({ kind: fc.constant('repeat' as const), target: fc.nat(), pick: fc.nat() }),
  fc.record({ kind: fc.constant('unknown-key' as const), target: fc.nat(), key: fc.string({ maxLength: 8 }), value: smallJson }),
);

function applyStructural(doc: Json, muts: readonly Mutation[]): Json {
  for (const m of muts) {
    const all = containers(doc);
    const path = all[m.target % all.length] as Path;
    const c = at(doc, path) as any;
    const keys = Array.isArray(c) ? c.map((_: unknown, i: number) => i) : Object.keys(c);
    const key = keys.length ? keys[('pick' in m ? m.pick : 0) % keys.length] : undefined;
    switch (m.kind) {
      case 'delete':
        if (key === undefined) break;
        if (Array.isArray(c)) c.splice(key as number, 1);
        else delete c[key];
        break;
      case 'retype':
        if (key !== undefined) c[key] = m.value;
        break;
      case 'hostile':
        if (Array.isArray(c)) c.push(Object.defineProperty({}, m.key, { value: m.value, enumerable: true, writable: true, configurable: true }));
        else define(c, m.key, m.value);
        break;
      case 'drop':
        if (Array.isArray(c) && key !== undefined) c.splice(key as number, 1);
        break;
      case 'repeat':
        if (Array.isArray(c) && key !== undefined) c.push(structuredClone(c[key as number]));
        break;
      case 'unknown-key':
        if (!Array.isArray(c) && !HOSTILE_KEYS.includes(m.key as any)) c[m.key] = m.value;
        break;
    }
  }
  return doc;
}

/** Edge values of the kind of string found at a position (a percent stays a percent, a date a date, …). */
function edgesFor(path: Path, limit15: boolean): string[] {
  const key = [...path].reverse().find((k) => typeof k === 'string') as string;
  switch (key) {
    case 'adValorem':
      return ['0%', '100%', '9999%', '0.00000001%', '9999.99999999%', '1000.5%', '00%'];
    case 'min':
    case 'max':
    case 'amount':
    case 'threshold':
    case 'rate':
      return limit15
        ? ['0', '0.00000001', '999999999999999', '9999999.99999999', '1', '00000000000001.5', '0000000000000.00000000']
        : ['9999999999999.99999999', '1234567890123.12345678'];
    case 'from':
    case 'to':
    case 'date':
    case 'since':
    case 'verifiedThrough':
    case 'asOf':
    case 'coverageFrom':
      return ['0000-01-01', '1900-02-28', '2024-02-29', '2025-02-28', '9999-12-31', '2026-02-24'];
    case 'hts':
    case 'exclude':
      return ['00', '0000.00.0000', '9999999999', '01', '99.99.99.99.99', '*'];
    case 'sources':
      return ['https://x', 'http://a.b/c?d#e', 'https://例え.テスト/'];
    case 'origins':
    case 'exceptOrigins':
    case 'importer':
      return ['ZZ', 'AA', 'US', 'CN', 'XK', '*'];
    case 'id':
    case 'authority':
    case 'replaces':
    case 'notWith':
    case 'set':
    case 'disable':
    case 'extends':
      return ['a', 'mfn', 'x'.repeat(80), 'as-entered', 'fee', 'list', 'recip', 's301', '0', 'a.b-c'];
    case 'per':
      return ['kg', 'a', 'x'.repeat(16)];
    default:
      return ['', ' ', 'x'.repeat(500), '\u0000', '\uFEFF', 'é'];
  }
}
const edgeMutation = fc.record({ target: fc.nat(), pick: fc.nat() });
function applyEdges(doc: Json, muts: readonly { target: number; pick: number }[], limit15: boolean): Json {
  for (const m of muts) {
    const all = strings(doc);
    if (!all.length) break;
    const path = all[m.target % all.length] as Path;
    const parent = at(doc, path.slice(0, -1)) as any;
    const key = path[path.length - 1] as string | number;
    const options = edgesFor(path, limit15);
    parent[key] = options[m.pick % options.length];
  }
  return doc;
}

// ---------------------------------------------------------------------------------------------

describe('fuzz: schedule files, in process', () => {
  it('the fixture loads', async () => {
    expect(await loadOrScheduleError(FIXTURE_TEXT)).not.toBeNull();
  });

  it('random JSON values: loaded or a ScheduleError', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), async (v) => {
        expect(await loadOrScheduleError(JSON.stringify(v))).toBeNull();
      }),
      { seed: 42, numRuns: runs(1000) },
    );
  });

  it('random text (mostly not JSON), deep nesting, big numbers: a ScheduleError', async () => {
    const text = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.string({ unit: fc.constantFrom('{', '}', '[', ']', '"', ':', ',', ' ', '\n', '1', 'e', '-', 'a', '\\', 'null', 'true', '__proto__'), maxLength: 200 }),
      fc.integer({ min: 1, max: 5000 }).map((n) => `${'['.repeat(n)}${']'.repeat(n)}`),
      fc.integer({ min: 1, max: 5000 }).map((n) => `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`),
      fc.constantFrom('1e999', '-0', '123456789012345678901234567890', '"\\ud800"', '\uFEFF{}', '\uFEFF\uFEFF{}'),
    );
    await fc.assert(
      fc.asyncProperty(text, async (t) => {
        expect(await loadOrScheduleError(t)).toBeNull();
      }),
      { seed: 42, numRuns: runs(1000) },
    );
  });

  it('structurally mutated fixture (delete keys, change types, hostile and unknown keys, array entries): loaded or a ScheduleError; a loaded one is usable', async () => {
    let loaded = 0;
    let total = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(structural, { minLength: 1, maxLength: 5 }), async (muts) => {
        const doc = applyStructural(fixture(), muts);
        const text = JSON.stringify(doc, null, 2);
        const s = await loadOrScheduleError(text);
        total++;
        if (s) {
          loaded++;
          useSchedule(s);
        }
        // a hostile key anywhere is always refused
        if (/"(__proto__|constructor|prototype)":/.test(text)) expect(s).toBeNull();
        unpolluted();
      }),
      { seed: 42, numRuns: runs(1000) },
    );
    // the generator also makes valid schedules (deleting an optional key, dropping a line …)
    if (total >= 100) expect(loaded / total).toBeGreaterThan(0.05);
  });

  it('hostile keys at every depth of the fixture are refused with their JSON path and pollute nothing', async () => {
    const paths = containers(fixture());
    for (const [i, path] of paths.entries()) {
      const key = HOSTILE_KEYS[i % 3] as string;
      const doc = applyStructural(fixture(), [{ kind: 'hostile', target: i, key: key as any, value: { polluted: true } }]);
      const f = writeTemp(JSON.stringify(doc));
      const err = await loadScheduleFile(f).then(
        () => null,
        (e: unknown) => e,
      );
      expect(err, `${key} at ${JSON.stringify(path)}`).toBeInstanceOf(ScheduleError);
      expect((err as Error).message).toContain(`"${key}" is not allowed`);
      unpolluted();
    }
  });

  it('strings replaced by edge values of their kind (at most 15 significant digits): loaded or a ScheduleError; a loaded one is usable', async () => {
    let loaded = 0;
    let total = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(edgeMutation, { minLength: 1, maxLength: 6 }), async (muts) => {
        const s = await loadOrScheduleError(JSON.stringify(applyEdges(fixture(), muts, true)));
        total++;
        if (s) {
          loaded++;
          useSchedule(s);
        }
      }),
      { seed: 42, numRuns: runs(1000) },
    );
    if (total >= 100) expect(loaded / total).toBeGreaterThan(0.05);
  });

  // was a DEFECT, fixed in 943e102: the schema accepted up to 21 significant digits in amounts,
  // compile.ts (parseDec) at most 15: checkScheduleFile said ok, loadScheduleFile threw a plain Error
  it('amounts of more than 15 significant digits: loaded or a ScheduleError', async () => {
    const example = [{ target: strings(fixture()).findIndex((p) => p.join('.') === 'lines.3.mfn.max'), pick: 0 }];
    await fc.assert(
      fc.asyncProperty(fc.array(edgeMutation, { minLength: 1, maxLength: 4 }), async (muts) => {
        await loadOrScheduleError(JSON.stringify(applyEdges(fixture(), muts, false)));
      }),
      { seed: 42, numRuns: runs(200), examples: [[example]] },
    );
  });
});

describe('fuzz: scenario overlay files, in process', () => {
  const overlay = (): any => ({
    schemaVersion: 1,
    scenarios: [
      {
        id: 'my-what-if',
        title: 'What if',
        description: 'reciprocal back to 34%, no 301, an extra 5% on toys',
        asOf: '2025-06-01',
        extends: 'geneva-30',
        whatIf: true,
        summary: { 'US<-CN': '+34%' },
        overrides: [
          { set: 'ieepa-reciprocal', rate: { adValorem: '34%' } },
          { disable: 's301' },
          { add: { ...fixture().measures[2], id: 'extra-toys', origins: ['CN'], hts: ['9503'], rate: { adValorem: '5%', min: '1.00' } } },
        ],
      },
      {
        id: 'geneva-30',
        title: 'Geneva, redefined',
        description: "a user's own geneva-30",
        asOf: '2025-05-14',
        overrides: [{ set: 'ieepa-fentanyl', rate: { adValorem: '10%' } }],
      },
    ],
  });

  it('mutated overlays: loaded or a ScheduleError; loaded scenarios resolve (or report an issue) and price without throwing', async () => {
    const ix = bundledIndexFast();
    const base = ix.schedule.scenarios;
    let loaded = 0;
    let total = 0;
    const mutations = fc.oneof(
      fc.array(structural, { minLength: 1, maxLength: 4 }).map((m) => (doc: Json) => applyStructural(doc, m)),
      fc.array(edgeMutation, { minLength: 1, maxLength: 4 }).map((m) => (doc: Json) => applyEdges(doc, m, true)),
    );
    await fc.assert(
      fc.asyncProperty(mutations, async (mutate) => {
        const f = writeTemp(JSON.stringify(mutate(overlay())));
        let extra: Awaited<ReturnType<typeof loadOverlayFile>> | null = null;
        try {
          extra = await loadOverlayFile(f, () => 2, base);
        } catch (e) {
          expectScheduleError(e);
        } finally {
          rmSync(f, { force: true });
          unpolluted();
        }
        total++;
        if (!extra) return;
        loaded++;
        const scenarios = [...base];
        for (const sc of extra) {
          const i = scenarios.findIndex((x) => x.id === sc.id);
          if (i >= 0) scenarios[i] = sc;
          else scenarios.push(sc);
        }
        for (const sc of extra) {
          const r = resolveScenario(scenarios, sc.id);
          if (!r.ok) continue;
          const b = landedCost(
            { hts: '95030000', origin: 'CN', importer: 'US', value: 1_000_000, freight: 0, insurance: 0, mode: 'ocean', date: '2025-07-01' },
            r.value,
            ix,
          );
          if (b.ok) expect(b.value.landedCost).toBeGreaterThanOrEqual(b.value.goodsValue);
        }
      }),
      { seed: 42, numRuns: runs(1000) },
    );
    if (total >= 100) expect(loaded / total).toBeGreaterThan(0.05);
  });
});

describe('fuzz: schedule check through the CLI', () => {
  it('mutated fixtures and random JSON: exit 0 (one "ok" line) or 78 (problems on stderr), no stack', async () => {
    const input = fc.oneof(
      fc.array(structural, { minLength: 1, maxLength: 4 }).map((m) => JSON.stringify(applyStructural(fixture(), m), null, 2)),
      fc.array(edgeMutation, { minLength: 1, maxLength: 4 }).map((m) => JSON.stringify(applyEdges(fixture(), m, true), null, 2)),
      fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
      fc.string({ maxLength: 50 }),
    );
    // the first inputs of the seeded sequence, all checked in one process (test/cli-runner.ts: the
    // built CLI's main() per file; TARIFF_TEST_SPAWN_ALL=1 also spawns each and compares)
    const files = fc.sample(input, { seed: 42, numRuns: runs(15) }).map((text) => ({ text, f: writeTemp(text) }));
    const results = runMany(files.map(({ f }) => ({ args: ['schedule', 'check', f] })));
    files.forEach(({ text, f }, i) => {
      const r = results[i] as RunResult;
      if (SPAWN_ALL) expect(r, `in process vs spawned: ${f}`).toEqual(run(['schedule', 'check', f]));
      const ctx = `${r.stderr}; input ${text.slice(0, 300)}`;
      expect([0, 78], ctx).toContain(r.exitCode);
      expect(r.stderr).not.toMatch(STACK);
      if (r.exitCode === 0) {
        expect(r.stdout).toMatch(/^ok .*: schedule /);
        expect(r.stderr).toBe('');
      } else {
        expect(r.stdout).toBe('');
        expect(r.stderr).toMatch(/^tariff: /);
      }
    });
  }, 120_000);
});
