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

export const COMPILED_FORMAT = 1;

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
  /** the compiled schedule without `hash` and `lineShards`; Sets as {"$set": [...]}, Maps as {"$map": [[k, v], ...]} */
  schedule: unknown;
  shards: CompiledShards | null;
}

/** Sets and Maps as JSON (JSON.stringify would write them as {}). */
function encode(_key: string, value: unknown): unknown {
  if (value instanceof Set) return { $set: [...value] };
  if (value instanceof Map) return { $map: [...value] };
  return value;
}

/**
 * The Sets and Maps back, in place. Arrays of the compiled schedule hold one kind of element, so
 * an array whose first element is not an object (the long lists of HTS codes) is skipped whole.
 */
function decode(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    if (value.length === 0 || typeof value[0] !== 'object') return value;
    for (let i = 0; i < value.length; i++) value[i] = decode(value[i]);
    return value;
  }
  const o = value as Record<string, unknown>;
  if ('$set' in o) return new Set(o.$set as unknown[]);
  if ('$map' in o) return new Map((o.$map as [unknown, unknown][]).map(([k, v]) => [k, decode(v)]));
  for (const k in o) {
    const v = o[k];
    if (v !== null && typeof v === 'object') o[k] = decode(v);
  }
  return o;
}

/**
 * The compiled form of the bundled schedule file `bytes`: `schedule` is what the loader compiles
 * from them (loadBundledSchedule without a compiled form), `raw` their JSON.
 */
export function compiledFormText(schedule: Schedule, raw: RawSchedule, bytes: Uint8Array): string {
  const { hash: _hash, lineShards: _shards, ...rest } = schedule;
  const form: CompiledForm = { format: COMPILED_FORMAT, source: { bytes: bytes.length, sha256: sha256HexNative(bytes) }, schedule: rest, shards: compiledShards(raw) };
  // pure ASCII: node decodes an ASCII file in half the time of one with accents and dashes
  return JSON.stringify(form, encode).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
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
  const form = JSON.parse(text) as CompiledForm;
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
  return { schedule: decode(form.schedule) as Compiled['schedule'], hash: form.source.sha256.slice(0, 12), shards: form.shards };
}
