/**
 * The bundled schedule, compiled at build time (scripts/build.mjs writes dist/schedule.compiled.json
 * once data/schedule.json has been validated). Reading data/schedule.json at run time meant parsing
 * 380 kB of pretty-printed JSON and compiling every rate, money amount and HTS code (~7 ms of a
 * calc); the compiled form is the Schedule itself as compact JSON, so a start parses it and
 * turns a few arrays back into Sets and Maps.
 *
 * It is used only for the very bytes it was compiled from. `source` records their size and
 * sha256, and the build gives the compiled file the schedule file's modification time: same size
 * and same time (npm pack gives both files the same time too) is taken as the same file; otherwise
 * the schedule file is hashed, and a different hash means the compiled form is stale (data rebuilt
 * without `npm run build`) and is not used.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Schedule } from '../core/types.js';
import { sha256HexNative } from './load-digest.js';
import type { RawSchedule } from './schema.js';

export const COMPILED_FORMAT = 3;

/** The line files of `lineShards`, one line per file: "PART REL SHA256" (looked up, never parsed whole). */
export interface CompiledShards {
  importer: string;
  count: number;
  dates: string[];
  minorDigits: number;
  /** sorted */
  parts: string[];
  files: string;
}

export interface CompiledForm {
  format: number;
  source: { bytes: number; sha256: string };
  /** the compiled schedule without `hash` and `lineShards`, its Sets and Maps as arrays */
  schedule: Record<string, unknown>;
  /** where those Sets and Maps are */
  revive: Revival[];
  shards: CompiledShards | null;
}

/** Where a Set (an array in JSON) or a Map (an array of [key, value]) is, from the top of `schedule`. */
type Revival = [kind: 's' | 'm', ...path: (string | number)[]];

/**
 * The schedule as plain JSON: each Set becomes an array and each Map an array of entries, and
 * their places are listed, innermost first (a Map's values are revived before the Map), so that a
 * start revives just those places instead of walking thousands of objects.
 */
function plain(value: unknown, path: (string | number)[], revive: Revival[]): unknown {
  if (value instanceof Set) {
    revive.push(['s', ...path]);
    return [...value];
  }
  if (value instanceof Map) {
    const entries = [...value].map(([k, v], i) => [k, plain(v, [...path, i, 1], revive)]);
    revive.push(['m', ...path]);
    return entries;
  }
  if (Array.isArray(value)) return value.map((v, i) => plain(v, [...path, i], revive));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = plain(v, [...path, k], revive);
    return out;
  }
  return value;
}

/** The Sets and Maps back, in place, at the places listed. */
function revived(schedule: Record<string, unknown>, revive: readonly Revival[]): unknown {
  for (const [kind, ...path] of revive) {
    let parent: Record<string | number, unknown> = schedule;
    for (let i = 0; i < path.length - 1; i++) parent = parent[path[i] as string | number] as Record<string | number, unknown>;
    const key = path[path.length - 1] as string | number;
    parent[key] = kind === 's' ? new Set(parent[key] as unknown[]) : new Map(parent[key] as [unknown, unknown][]);
  }
  return schedule;
}

/**
 * The compiled form of the bundled schedule file `bytes`: `schedule` is what the loader compiles
 * from them (loadBundledSchedule without a compiled form), `raw` their JSON.
 */
export function compiledFormText(schedule: Schedule, raw: RawSchedule, bytes: Uint8Array): string {
  const { hash: _hash, lineShards: _shards, ...rest } = schedule;
  const revive: Revival[] = [];
  const plainSchedule = plain(rest, [], revive) as Record<string, unknown>;
  const shards = compiledShards(raw);
  // the list of line files (120 kB) follows the JSON, after its last line: taken as a slice of the
  // text read, it is neither parsed nor copied at start
  const form: CompiledForm = {
    format: COMPILED_FORMAT,
    source: { bytes: bytes.length, sha256: sha256HexNative(bytes) },
    schedule: plainSchedule,
    revive,
    shards: shards && { ...shards, files: '' },
  };
  // pure ASCII: node decodes an ASCII file in half the time of one with accents and dashes
  return `${JSON.stringify(form)}\n${shards?.files ?? ''}`.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** "lines/US-9503.json" → "9503" */
export function partOf(rel: string): string {
  return rel.slice(rel.lastIndexOf('-') + 1, -'.json'.length);
}

/** The file and sha256 of one part in `shards.files`, or undefined. */
export function shardFile(shards: CompiledShards, part: string): { rel: string; sha256: string } | undefined {
  const files = shards.files;
  const key = `${part} `;
  let at = 0;
  if (!files.startsWith(key)) {
    const nl = files.indexOf(`\n${key}`);
    if (nl < 0) return undefined;
    at = nl + 1;
  }
  const [, rel, sha256] = files.slice(at, files.indexOf('\n', at)).split(' ');
  return rel && sha256 ? { rel, sha256 } : undefined;
}

/** `lineShards` of a schedule file in the form the loader reads (one file per part: the last named). */
export function compiledShards(raw: RawSchedule): CompiledShards | null {
  const s = raw.lineShards;
  if (!s) return null;
  const byPart = new Map<string, string>();
  for (const rel of Object.keys(s.files)) byPart.set(partOf(rel), rel);
  return {
    importer: s.importer,
    count: s.lines,
    dates: [...s.dates],
    minorDigits: raw.importers[s.importer]?.minorDigits ?? 2,
    parts: [...byPart.keys()].sort(),
    files: [...byPart].map(([part, rel]) => `${part} ${rel} ${s.files[rel]}\n`).join(''),
  };
}

/** dist/schedule.compiled.json, next to the bundle this module is in (dist/ or dist/chunks/). */
export function compiledSchedulePath(): string {
  const here = fileURLToPath(new URL('./schedule.compiled.json', import.meta.url));
  return existsSync(here) ? here : fileURLToPath(new URL('../schedule.compiled.json', import.meta.url));
}

export interface Compiled {
  schedule: Omit<Schedule, 'hash' | 'lineShards'>;
  hash: string;
  shards: CompiledShards | null;
}

/**
 * The compiled form at `compiledFile`, if it was compiled from `scheduleFile` as it is now; null
 * when there is none (tests run from src/), or it is of another format or stale.
 */
export function readCompiled(scheduleFile: string, compiledFile = compiledSchedulePath()): Compiled | null {
  let text: string;
  let sameTime: boolean;
  let size: number;
  try {
    const c = statSync(compiledFile);
    const s = statSync(scheduleFile);
    // setting a time keeps it to about a microsecond, not to the nanosecond the file system keeps
    sameTime = Math.abs(c.mtimeMs - s.mtimeMs) < 1;
    size = s.size;
    text = readFileSync(compiledFile, 'utf8');
  } catch {
    return null;
  }
  const end = text.indexOf('\n');
  const form = JSON.parse(end < 0 ? text : text.slice(0, end)) as CompiledForm;
  if (form.format !== COMPILED_FORMAT || form.source.bytes !== size) return null;
  if (!sameTime) {
    // copied, checked out, or rebuilt by `npm run data`: the bytes decide
    let bytes: Buffer;
    try {
      bytes = readFileSync(scheduleFile);
    } catch {
      return null;
    }
    if (sha256HexNative(bytes) !== form.source.sha256) return null;
  }
  const shards = form.shards && { ...form.shards, files: text.slice(end + 1) };
  return { schedule: revived(form.schedule, form.revive) as Compiled['schedule'], hash: form.source.sha256.slice(0, 12), shards };
}
