/**
 * Loading schedule and overlay files: read, parse, validate with zod, check what zod cannot
 * (duplicate ids, references, windows), compile. Every problem is reported with the file, the
 * line and the JSON path, and a hint; the CLI exits 78.
 */
import { fsReason } from '../io/fs-words.js';
import type { Problem } from '../core/issues.js';
import { existsSync, readFileSync } from 'node:fs';
import type { z } from 'zod';
import { basename, dirname, join } from 'node:path';
import type { LineShards, Schedule, Scenario } from '../core/types.js';
import { ScheduleError } from '../errors.js';
import { readInputFile } from '../io/read-input.js';
import { compileLine, compileSchedule, compileScenario } from './compile.js';
import { duplicateKey, jsonLocator, pathText, syntaxErrorAt } from './json-locate.js';
import { sha256Hex, sha256HexNative } from './load-digest.js';
import { noteLoad } from './load-notes.js';
import { checkCompiled, compiledSchedulePath, compiledShards, readReused, shardFile, sourceIdOf, type Compiled, type CompiledShards } from './load-compiled.js';

export { pathText };
import type { RawLine, RawOverlay, RawScenario, RawSchedule } from './schema.js';

/** Files larger than this are refused before parsing (exit 78): a schedule of the whole HTS is ~15 MB; also the cap of scenario files and HTS exports, and of a pipe given as one. */
export const MAX_SCHEDULE_BYTES = 64 * 1024 * 1024;
/** Deeper nesting than this is not a schedule; refusing it keeps a crafted file from exhausting the stack. */
export const MAX_DEPTH = 32;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** a problem of a schedule file: the one problem shape of the core */
export type { Problem };

/** The bytes of a schedule, overlay or HTS export file: see io/read-input.ts (FIFOs, devices, the cap). */
export function readScheduleBytes(file: string, what: string): Promise<Buffer> {
  return readInputFile(file, what, MAX_SCHEDULE_BYTES);
}

/** The file's bytes and its text (a byte order mark dropped). */
export async function readJsonFile(file: string, what: string): Promise<{ text: string; bytes: Buffer }> {
  const bytes = await readScheduleBytes(file, what);
  return { text: jsonText(bytes), bytes };
}

function jsonText(bytes: Buffer): string {
  return bytes.toString('utf8').replace(/^\uFEFF/, '');
}

/** JSON.parse with the position of a syntax error turned into line:column, and hostile keys refused. */
export function parseJson(text: string, file: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    const msg = (e as Error).message;
    const at = syntaxErrorAt(text);
    const before = text.slice(0, at);
    const where = `:${before.split('\n').length}:${at - before.lastIndexOf('\n')}`;
    throw new ScheduleError(`${file}${where}: not valid JSON: ${msg.split(',')[0]}`, [
      'fix the syntax (a trailing comma or a missing quote is the usual cause)',
    ]);
  }
  const bad = hostileKey(value);
  if (bad) throw new ScheduleError(`${file}: ${bad.path}: ${bad.message}`, [bad.hint ?? '']);
  const dup = duplicateKey(text);
  if (dup) {
    throw new ScheduleError(`${file}:${dup.line}: ${dup.path}: duplicate key (also on line ${dup.firstLine}); JSON keeps only the last, silently`, [
      'keep one: a doubled key is almost always a copy-paste left behind',
    ]);
  }
  return value;
}

/**
 * A key that would reach Object.prototype, or nesting too deep. The path is written only for the
 * problem found: a string per value made this walk a tenth of a large schedule's check.
 */
function hostileKey(v: unknown, at: (string | number)[] = []): Problem | undefined {
  if (at.length > MAX_DEPTH) {
    return { code: 'too-deep', path: pathText(at), message: `nested deeper than ${MAX_DEPTH} levels`, hint: 'a schedule is never this deep; check the file' };
  }
  if (v === null || typeof v !== 'object') return undefined;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      at.push(i);
      const p = hostileKey(v[i], at);
      at.pop();
      if (p) return p;
    }
    return undefined;
  }
  for (const k of Object.keys(v)) {
    at.push(k);
    const p = FORBIDDEN_KEYS.has(k)
      ? { code: 'forbidden-key', path: pathText(at), message: `the key "${k}" is not allowed`, hint: 'remove it: no schedule field has this name' }
      : hostileKey((v as Record<string, unknown>)[k], at);
    at.pop();
    if (p) return p;
  }
  return undefined;
}

const HINTS: Record<string, string> = {
  unrecognized_keys: 'remove the key or fix its spelling; see `tariff schedule schema` for the fields',
  invalid_type: 'see `tariff schedule schema` for the expected type',
  invalid_union: 'the value matches none of the allowed shapes; see `tariff schedule schema`',
  too_small: 'add at least one entry',
};

/** zod issues → problems, flattening unions to their most specific branch. */
export function zodProblems(error: z.ZodError): Problem[] {
  const out: Problem[] = [];
  const visit = (issue: z.core.$ZodIssue, prefix: readonly PropertyKey[]): void => {
    const path = [...prefix, ...issue.path];
    if (issue.code === 'invalid_union' && 'errors' in issue && issue.errors.length) {
      // report the branch that got furthest (the most nested path): that is the shape the author meant
      let best = issue.errors[0] as z.core.$ZodIssue[];
      const depth = (list: z.core.$ZodIssue[]): number => Math.max(...list.map((i) => i.path.length));
      for (const branch of issue.errors as z.core.$ZodIssue[][]) if (depth(branch) > depth(best)) best = branch;
      if (depth(best) > 0) {
        for (const i of best) visit(i, path);
        return;
      }
    }
    let message = issue.message;
    if (issue.code === 'unrecognized_keys') message = `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
    const hint = HINTS[issue.code];
    out.push({ code: issue.code, path: pathText(path), message, ...(hint ? { hint } : {}) });
  };
  for (const issue of error.issues) visit(issue, []);
  return out;
}

/** What zod cannot see: duplicate ids, dangling references, empty windows, unknown importers. */
export function semanticProblems(raw: RawSchedule): Problem[] {
  const importers = new Set(Object.keys(raw.importers));
  /** each measure id and the index of its first measure */
  const ids = new Map<string, number>();
  return [
    ...amountProblems(raw),
    ...measureProblems(raw.measures, importers, ids),
    ...referenceProblems(raw.measures, ids),
    ...lineProblems(raw.lines, importers),
    ...scenarioProblems(raw.scenarios ?? [], '$.scenarios'),
    ...programmeProblems(raw.programmes ?? []),
  ];
}

/**
 * The amounts of the schedule (a measure's threshold, a rate's floor and cap, the informal-entry
 * limits, and those of its scenarios' overrides) in no more decimals than their importer's currency
 * has: they are read in its minor units, and a third decimal of a dollar would be rounded away
 * without a word.
 */
function amountProblems(raw: RawSchedule): Problem[] {
  const digitsOf = (importer: string): number => raw.importers[importer]?.minorDigits ?? 2;
  const out = raw.measures.flatMap((m, i) => measureAmountProblems(m, digitsOf(m.importer), `$.measures[${i}]`));
  for (const [id, imp] of Object.entries(raw.importers)) {
    const digits = imp.minorDigits ?? 2;
    out.push(...amountProblem(imp.informalEntry?.max, digits, `$.importers.${id}.informalEntry.max`));
    out.push(...amountProblem(imp.informalEntry?.chapter99Max, digits, `$.importers.${id}.informalEntry.chapter99Max`));
  }
  return [...out, ...overrideAmountProblems(raw.scenarios ?? [], '$.scenarios', digitsOf)];
}

/** The amounts of scenarios' overrides: an added measure's by its importer, a set rate's by the two decimals it is read in (compile.ts). */
export function overrideAmountProblems(scenarios: readonly RawScenario[], at: string, digitsOf: (importer: string) => number): Problem[] {
  return scenarios.flatMap((s, i) =>
    (s.overrides ?? []).flatMap((o, j) => {
      const path = `${at}[${i}].overrides[${j}]`;
      if ('add' in o) return measureAmountProblems(o.add, digitsOf(o.add.importer), `${path}.add`);
      if ('set' in o) return [...amountProblem(o.rate.min, 2, `${path}.rate.min`), ...amountProblem(o.rate.max, 2, `${path}.rate.max`)];
      return [];
    }),
  );
}

function measureAmountProblems(m: RawSchedule['measures'][number], digits: number, at: string): Problem[] {
  return [
    ...amountProblem(m.threshold, digits, `${at}.threshold`),
    ...amountProblem(m.rate.min, digits, `${at}.rate.min`),
    ...amountProblem(m.rate.max, digits, `${at}.rate.max`),
  ];
}

function amountProblem(text: string | undefined, digits: number, path: string): Problem[] {
  const decimals = text?.split('.')[1]?.length ?? 0;
  if (text === undefined || decimals <= digits) return [];
  return [
    {
      code: 'amount-decimals',
      path,
      message: `"${text}" has ${decimals} decimals; the currency has ${digits}`,
      hint: 'write the amount in the minor unit of the currency: the schedule is never rounded silently',
    },
  ];
}

/** a programme's own window and its gaps: each gap non-empty, inside the window, in order and apart */
function programmeProblems(programmes: NonNullable<RawSchedule['programmes']>): Problem[] {
  const out: Problem[] = [];
  programmes.forEach((p, i) => {
    const at = `$.programmes[${i}]`;
    if (p.from !== undefined && p.to !== undefined && p.to <= p.from)
      out.push({
        code: 'empty-window',
        path: `${at}.to`,
        message: `"to" (${p.to}) must be after "from" (${p.from}); the window is [from, to)`,
        hint: 'fix the dates',
      });
    (p.limits ?? []).forEach((l, j) => {
      if (!p.codes.includes(l.code))
        out.push({
          code: 'unknown-programme-code',
          path: `${at}.limits[${j}].code`,
          message: `limit for "${l.code}", which is not one of the programme's codes (${p.codes.join(', ')})`,
          hint: "add the code to the programme's codes, or fix the limit's code",
        });
    });
    (p.gaps ?? []).forEach((g, j) => {
      const gat = `${at}.gaps[${j}]`;
      if (g.to <= g.from)
        out.push({
          code: 'empty-window',
          path: `${gat}.to`,
          message: `"to" (${g.to}) must be after "from" (${g.from}); the gap is [from, to)`,
          hint: 'fix the dates',
        });
      if ((p.from !== undefined && g.from < p.from) || (p.to !== undefined && g.to > p.to))
        out.push({
          code: 'gap-outside-programme',
          path: gat,
          message: `the gap [${g.from}, ${g.to}) is not inside the programme's dates [${p.from ?? 'always'}, ${p.to ?? 'open'})`,
          hint: 'a lapse before or after the programme is its "from" or "to", not a gap',
        });
      const prev = p.gaps?.[j - 1];
      if (prev !== undefined && g.from < prev.to)
        out.push({
          code: 'overlapping-gaps',
          path: `${gat}.from`,
          message: `the gap from ${g.from} starts before the one before it ends (${prev.to})`,
          hint: 'list the gaps in date order, each after the last; merge overlapping ones',
        });
    });
  });
  return out;
}

/** each measure on its own: its id (recorded in `ids`), importer, window, threshold and rate */
function measureProblems(measures: RawSchedule['measures'], importers: Set<string>, ids: Map<string, number>): Problem[] {
  const out: Problem[] = [];
  measures.forEach((m, i) => {
    const at = `$.measures[${i}]`;
    if (ids.has(m.id))
      out.push({
        code: 'duplicate-id',
        path: `${at}.id`,
        message: `measure id "${m.id}" is also used at $.measures[${ids.get(m.id)}]`,
        hint: 'give each measure its own id',
      });
    else ids.set(m.id, i);
    if (!importers.has(m.importer))
      out.push({
        code: 'unknown-importer',
        path: `${at}.importer`,
        message: `importer "${m.importer}" is not defined in $.importers`,
        hint: `define it or use one of ${[...importers].join(', ')}`,
      });
    if (m.to !== undefined && m.to <= m.from)
      out.push({
        code: 'empty-window',
        path: `${at}.to`,
        message: `"to" (${m.to}) must be after "from" (${m.from}); the window is [from, to)`,
        hint: 'fix the dates',
      });
    if (m.kind === 'exemption' && m.threshold === undefined)
      out.push({
        code: 'missing-threshold',
        path: `${at}.threshold`,
        message: 'an exemption needs a threshold',
        hint: 'add "threshold": "800" (goods value at or below which it applies)',
      });
    if (m.kind === 'prohibition' && (m.rate.adValorem !== '0%' || m.rate.specific || m.rate.specifics || m.rate.topUpTo || m.rate.min || m.rate.max))
      out.push({
        code: 'prohibition-rate',
        path: `${at}.rate`,
        message: 'a prohibition charges nothing: the goods may not be entered',
        hint: 'write "rate": { "adValorem": "0%" }',
      });
  });
  return out;
}

/** `replaces` must name a measure; `notWith` a measure or an authority */
function referenceProblems(measures: RawSchedule['measures'], ids: Map<string, number>): Problem[] {
  const out: Problem[] = [];
  const authorities = new Set(measures.map((m) => m.authority));
  measures.forEach((m, i) => {
    for (const [field, list] of [
      ['replaces', m.replaces],
      ['notWith', m.notWith],
    ] as const) {
      (list ?? []).forEach((ref, j) => {
        if (field === 'replaces' ? !ids.has(ref) : !ids.has(ref) && !authorities.has(ref)) {
          out.push({
            code: 'dangling-reference',
            path: `$.measures[${i}].${field}[${j}]`,
            message: `"${ref}" names no ${field === 'replaces' ? 'measure' : 'measure or authority'}`,
            hint: 'fix the id or remove the reference',
          });
        }
      });
    }
  });
  return out;
}

/** lines of an importer not defined, then codes defined twice for one importer */
function lineProblems(lines: RawSchedule['lines'], importers: Set<string>): Problem[] {
  const out: Problem[] = [];
  lines.forEach((l, i) => {
    if (!importers.has(l.importer))
      out.push({
        code: 'unknown-importer',
        path: `$.lines[${i}].importer`,
        message: `importer "${l.importer}" is not defined in $.importers`,
        hint: `use one of ${[...importers].join(', ')}`,
      });
  });
  const lineKeys = new Map<string, number>();
  lines.forEach((l, i) => {
    const key = `${l.importer}:${l.hts.replace(/\./g, '')}`;
    if (lineKeys.has(key))
      out.push({
        code: 'duplicate-line',
        path: `$.lines[${i}].hts`,
        message: `HTS ${l.hts} (${l.importer}) is also defined at $.lines[${lineKeys.get(key)}]`,
        hint: 'keep one entry per code',
      });
    else lineKeys.set(key, i);
  });
  return out;
}

export function scenarioProblems(
  scenarios: RawSchedule['scenarios'],
  at: string,
  others: readonly { id: string; extends?: string | null | undefined }[] = [],
): Problem[] {
  const out: Problem[] = [];
  const seen = new Map<string, number>();
  const list = scenarios ?? [];
  list.forEach((s, i) => {
    if (seen.has(s.id))
      out.push({
        code: 'duplicate-id',
        path: `${at}[${i}].id`,
        message: `scenario id "${s.id}" is also used at ${at}[${seen.get(s.id)}]`,
        hint: 'give each scenario its own id',
      });
    else seen.set(s.id, i);
  });
  // "extends" must name a scenario (of this file, or of the schedule an overlay goes with) and not loop
  const parent = new Map<string, string | null>();
  for (const s of others) parent.set(s.id, s.extends ?? null);
  for (const s of list) parent.set(s.id, s.extends ?? null);
  list.forEach((s, i) => {
    if (s.extends === undefined) return;
    if (!parent.has(s.extends)) {
      out.push({
        code: 'dangling-reference',
        path: `${at}[${i}].extends`,
        message: `scenario "${s.id}" extends "${s.extends}", which is not a scenario`,
        hint: `use one of: ${[...parent.keys()].join(', ')}`,
      });
      return;
    }
    const chain = [s.id];
    for (let cur: string | null | undefined = s.extends; cur; cur = parent.get(cur)) {
      if (chain.includes(cur)) {
        out.push({
          code: 'extends-cycle',
          path: `${at}[${i}].extends`,
          message: `scenario "${s.id}" extends itself: ${[...chain, cur].join(' → ')}`,
          hint: 'remove the cycle',
        });
        break;
      }
      chain.push(cur);
    }
  });
  return out;
}

function fail(file: string, text: string, problems: Problem[], what: string): never {
  const locate = jsonLocator(text);
  const lines = problems.map((p) => {
    const line = locate(p.path);
    return `${file}${line ? `:${line}` : ''}: ${p.path}: ${p.message}${p.hint ? ` — ${p.hint}` : ''}`;
  });
  throw new ScheduleError(`${file}: invalid ${what}: ${problems.length} problem${problems.length > 1 ? 's' : ''}`, lines);
}

function sha(bytes: Buffer): string {
  return sha256Hex(bytes).slice(0, 12);
}

/** The bytes of one line shard named in `lineShards.files`, checked against its sha256. */
function readShard(file: string, rel: string, expected: string, digest: (bytes: Buffer) => string = sha256Hex): Buffer {
  const path = join(dirname(file), rel);
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    throw new ScheduleError(`${path}: cannot read the schedule's line file (${fsReason(e)})`, [
      `${file} names it in lineShards.files; reinstall the package or rebuild the data with npm run data`,
    ]);
  }
  const actual = digest(bytes);
  if (actual !== expected) {
    throw new ScheduleError(`${path}: the line file does not match its sha256 in ${file}`, [
      'the data was changed after it was built: rebuild it with npm run data, or reinstall the package',
    ]);
  }
  return bytes;
}

/**
 * A line file: `{ lines, scopes }` (or, as first written, an array of lines). Its lines share the
 * start of their description path (the heading's text), written once as `prefix`.
 */
function shardContent(value: unknown, path: string): { lines: unknown[]; scopes: Record<string, unknown> } {
  if (Array.isArray(value)) return { lines: value, scopes: {} };
  if (value !== null && typeof value === 'object' && Array.isArray((value as { lines?: unknown }).lines)) {
    const scopes = (value as { scopes?: unknown }).scopes;
    const prefix = (value as { prefix?: unknown }).prefix;
    const raw = (value as { lines: unknown[] }).lines;
    const lines =
      typeof prefix === 'string' && prefix !== ''
        ? raw.map((l) =>
            l !== null && typeof l === 'object' && typeof (l as { description?: unknown }).description === 'string'
              ? { ...l, description: prefix + (l as { description: string }).description }
              : l,
          )
        : raw;
    return { lines, scopes: scopes !== null && typeof scopes === 'object' ? (scopes as Record<string, unknown>) : {} };
  }
  throw new ScheduleError(`${path}: expected a line file: {"lines": [...], "scopes": {...}}`);
}

/**
 * A schedule with `lineShards` made whole: the shards' lines joined to `lines` and the scopes kept
 * in them given back to their measures, so that it is validated and used exactly like a
 * single-file schedule.
 */
function withShardLines(file: string, json: unknown): unknown {
  if (json === null || typeof json !== 'object' || !('lineShards' in json)) return json;
  const shards = (json as { lineShards?: { files?: unknown } }).lineShards;
  const files = shards && typeof shards === 'object' && shards.files && typeof shards.files === 'object' ? (shards.files as Record<string, unknown>) : {};
  const extra: unknown[] = [];
  const scopes = new Map<string, string[]>();
  for (const [rel, hash] of Object.entries(files)) {
    if (!/^lines\/[A-Z]{2}-\d{2}(\d{2})?\.json$/.test(rel) || typeof hash !== 'string') continue; // the schema reports it
    // every line file is read here: node:crypto pays for itself
    const bytes = readShard(file, rel, hash, sha256HexNative);
    const path = join(dirname(file), rel);
    const content = shardContent(parseJson(bytes.toString('utf8'), path), path);
    extra.push(...content.lines);
    for (const [id, codes] of Object.entries(content.scopes)) if (Array.isArray(codes)) scopes.set(id, [...(scopes.get(id) ?? []), ...codes.map(String)]);
  }
  const { lineShards: _shards, ...rest } = json as Record<string, unknown>;
  const measures = Array.isArray(rest.measures)
    ? rest.measures.map((m) => {
        if (m === null || typeof m !== 'object' || (m as { scopeInLineShards?: unknown }).scopeInLineShards !== true) return m;
        const { scopeInLineShards: _in, ...whole } = m as Record<string, unknown>;
        return { ...whole, hts: scopes.get(String(whole.id)) ?? [] };
      })
    : rest.measures;
  return { ...rest, measures, lines: [...extra, ...(Array.isArray(rest.lines) ? rest.lines : [])] };
}

/** Validates without compiling; returns the raw schedule for lint and summaries. */
export async function checkScheduleFile(file: string, given?: Buffer): Promise<{ raw: RawSchedule; hash: string; bytes: Buffer }> {
  const { text, bytes } = given ? { bytes: given, text: jsonText(given) } : await readJsonFile(file, 'schedule');
  const json = withShardLines(file, parseJson(text, file));
  const { schedule } = await import('./schema.js');
  const parsed = schedule.safeParse(json);
  if (!parsed.success) fail(file, text, zodProblems(parsed.error), 'schedule');
  const problems = semanticProblems(parsed.data);
  if (problems.length) fail(file, text, problems, 'schedule');
  return { raw: parsed.data, hash: sha(bytes), bytes };
}

/** A user's schedule: fully validated, then compiled. */
export async function loadScheduleFile(file: string, given?: Buffer): Promise<Schedule> {
  const { raw, hash } = await checkScheduleFile(file, given);
  return compileSchedule(raw, hash, file);
}

/** The schedule of a compiled form that passed its checks; its line files are read beside `file`. */
function fromCompiled(file: string, c: Compiled): Schedule {
  const s = c.schedule;
  return {
    meta: s.meta,
    hash: c.hash,
    importers: s.importers,
    lines: s.lines,
    lineShards: c.shards ? lazyShards(file, c.shards) : null,
    measures: s.measures,
    fx: s.fx,
    scenarios: s.scenarios,
    refunds: s.refunds,
    programmes: s.programmes ?? [],
  };
}

/**
 * The bundled schedule: its compiled form (load-compiled.ts) when it passes its checks for these
 * very bytes; otherwise parsed and compiled without zod, because it was validated when the package
 * was built (scripts/build.mjs) and is validated again by the tests. `compiledFile` is for tests.
 */
export function loadBundledSchedule(file: string, compiledFile?: string): Schedule {
  // read where the compiled form is then read (readReused): only its size and CRC-32 are kept
  const c = checkCompiled(sourceIdOf(readBundled(file, readReused)), compiledFile);
  if (c.ok) return fromCompiled(file, c.compiled);
  const bytes = readBundled(file, readFileSync);
  const { schedule, raw } = compileBundled(bytes);
  const shards = compiledShards(raw);
  if (shards) schedule.lineShards = lazyShards(file, shards);
  // the hash is only printed in some outputs: compute it when first asked for
  let hash: string | undefined;
  Object.defineProperty(schedule, 'hash', { enumerable: true, get: () => (hash ??= sha(bytes)) });
  noteLoad(schedule, `the compiled schedule ${compiledFile ?? compiledSchedulePath()} is not used: ${c.reason}; compiled ${file} instead`);
  return schedule;
}

function readBundled(file: string, read: (file: string) => Buffer): Buffer {
  try {
    return read(file);
  } catch (e) {
    throw new ScheduleError(`${file}: cannot read the bundled schedule (${(e as NodeJS.ErrnoException).code ?? 'error'})`, ['reinstall tariff-cli']);
  }
}

/**
 * `--schedule FILE`: the compiled form of the bundled schedule when FILE has its very bytes (a
 * CI that pins data/schedule.json starts as fast as the bundled schedule, and no validation is
 * needed: the build validated those bytes); otherwise fully validated, then compiled.
 */
export async function loadUserSchedule(file: string): Promise<Schedule> {
  const bytes = await readScheduleBytes(file, 'schedule');
  const c = checkCompiled(bytes);
  if (c.ok) return fromCompiled(file, c.compiled);
  // any other schedule built the same way: the compiled form `tariff schedule check --compile`
  // wrote beside it, used only for the very bytes it was validated and compiled from
  const beside = compiledBeside(file);
  if (existsSync(beside)) {
    const own = checkCompiled(bytes, beside);
    if (own.ok) return fromCompiled(file, own.compiled);
    const schedule = await loadScheduleFile(file, bytes);
    noteLoad(
      schedule,
      `the compiled schedule ${beside} is not used: ${own.reason}; validated ${file} instead (tariff schedule check --compile ${file} writes it again)`,
    );
    return schedule;
  }
  return loadScheduleFile(file, bytes);
}

/** Where `tariff schedule check --compile FILE` puts the compiled form of FILE: my.json → my.compiled.json beside it. */
export function compiledBeside(file: string): string {
  return join(dirname(file), `${basename(file).replace(/\.json$/i, '')}.compiled.json`);
}

/** The bundled schedule file's bytes, compiled (as the build compiles them into the compiled form). */
export function compileBundled(bytes: Buffer, origin = 'bundled'): { schedule: Schedule; raw: RawSchedule; bytes: Buffer } {
  const raw = JSON.parse(bytes.toString('utf8').replace(/^\uFEFF/, '')) as RawSchedule;
  return { schedule: compileSchedule(raw, '', origin, null), raw, bytes };
}

/** The bundled schedule's line files, each read (and its hash checked) when first asked for. */
function lazyShards(file: string, shards: CompiledShards): LineShards {
  return {
    importer: shards.importer,
    count: shards.count,
    dates: shards.dates,
    parts: shards.parts,
    load(part: string) {
      const f = shardFile(shards, part);
      if (!f) return { lines: [], scopes: {} };
      const bytes = readShard(file, f.rel, f.sha256);
      const content = shardContent(JSON.parse(bytes.toString('utf8')), f.rel) as { lines: RawLine[]; scopes: Record<string, string[]> };
      return { lines: content.lines.map((l) => compileLine(l, shards.minorDigits)), scopes: content.scopes };
    },
  };
}

/** Named scenarios from an overlay file, validated like a schedule. */
export async function loadOverlayFile(
  file: string,
  digitsOf: (importer: string) => number,
  base: readonly { id: string; extends?: string | null }[] = [],
): Promise<Scenario[]> {
  const { text } = await readJsonFile(file, 'scenario');
  const json = parseJson(text, file);
  const { overlay } = await import('./schema.js');
  const parsed = overlay.safeParse(json);
  if (!parsed.success) fail(file, text, zodProblems(parsed.error), 'scenario file');
  const data: RawOverlay = parsed.data;
  const problems = [
    ...scenarioProblems(
      data.scenarios,
      '$.scenarios',
      base.filter((b) => !data.scenarios.some((s) => s.id === b.id)),
    ),
    ...overrideAmountProblems(data.scenarios, '$.scenarios', digitsOf),
  ];
  if (problems.length) fail(file, text, problems, 'scenario file');
  return data.scenarios.map((s) => compileScenario(s, file, digitsOf));
}
