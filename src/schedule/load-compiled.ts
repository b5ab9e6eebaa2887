/**
 * The bundled schedule, compiled at build time (scripts/build.mjs writes dist/schedule.compiled.json
 * once data/schedule.json has been validated). Reading data/schedule.json at run time meant parsing
 * 380 kB of pretty-printed JSON and compiling every rate, money amount and HTS code (~7 ms of a
 * calc); the compiled form is the Schedule itself as compact JSON, so a start parses it and
 * turns a few arrays back into Sets and Maps.
 *
 * Nothing in it is trusted without a check of content (never size and time: a same-size edit of
 * either file kept its time and was used). Its first line is a header:
 *   tariff-compiled-schedule FORMAT SOURCE_BYTES SOURCE_SHA256 SOURCE_CRC32 BODY_CRC32
 * The body (everything after the header) must have BODY_CRC32, so a flipped byte or a cut file is
 * caught; the schedule file must have SOURCE_BYTES and SOURCE_CRC32, so a compiled form of other
 * bytes (data rebuilt without `npm run build`) is not used. A form that fails a check is ignored:
 * the schedule file is compiled instead, and the reason is given for `-v`. The same form serves
 * `--schedule FILE` when FILE has those very bytes (a CI that pins data/schedule.json), which then
 * needs no validation: the build validated them.
 *
 * CRC-32 (zlib, native) catches every flipped byte and burst, and costs far less than loading
 * node:crypto; the SHA-256 of the source, checked with it, is the schedule's published hash.
 */
import { closeSync, existsSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as zlib from 'node:zlib';
import type { Schedule } from '../core/types.js';
import { sha256HexNative } from './load-digest.js';
import type { RawSchedule } from './schema.js';

export const COMPILED_FORMAT = 5;
const MAGIC = 'tariff-compiled-schedule';

/** zlib's CRC-32 (Node 20.15 and later), or null: without it no compiled form is trusted. */
export function crc32Of(): ((bytes: Uint8Array) => number) | null {
  const f = (zlib as { crc32?: (b: Uint8Array) => number }).crc32;
  return typeof f === 'function' ? (b) => f(b) >>> 0 : null;
}
const hex8 = (n: number): string => n.toString(16).padStart(8, '0');

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

/**
 * The Sets and Maps back, in place, at the places listed. By index, without destructuring: it runs
 * once a start, in cold code, where `[kind, ...path]` goes through the iterator protocol for each
 * of its two thousand places.
 */
function revived(schedule: Record<string, unknown>, revive: readonly Revival[]): unknown {
  for (let r = 0; r < revive.length; r++) {
    const place = revive[r] as Revival;
    let parent: Record<string | number, unknown> = schedule;
    for (let i = 1; i < place.length - 1; i++) parent = parent[place[i] as string | number] as Record<string | number, unknown>;
    const key = place[place.length - 1] as string | number;
    parent[key] = place[0] === 's' ? new Set(parent[key] as unknown[]) : new Map(parent[key] as [unknown, unknown][]);
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
    schedule: plainSchedule,
    revive,
    shards: shards && { ...shards, files: '' },
  };
  // pure ASCII: node decodes an ASCII file in half the time of one with accents and dashes
  const body = `${JSON.stringify(form)}\n${shards?.files ?? ''}`.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  const crc32 = crc32Of();
  if (crc32 === null) throw new Error('building the compiled schedule needs zlib.crc32 (Node 20.15 or later)');
  const header = [MAGIC, COMPILED_FORMAT, bytes.length, sha256HexNative(bytes), hex8(crc32(bytes)), hex8(crc32(Buffer.from(body, 'latin1')))].join(' ');
  return `${header}\n${body}`;
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

export type CompiledResult = { ok: true; compiled: Compiled } | { ok: false; reason: string };

/** What the compiled form's header says of the schedule file it was compiled from: its size and CRC-32. */
export interface SourceId {
  length: number;
  /** null on a Node without zlib.crc32 (then no compiled form is used) */
  crc: number | null;
}

export function sourceIdOf(bytes: Uint8Array): SourceId {
  return { length: bytes.length, crc: crc32Of()?.(bytes) ?? null };
}

/**
 * Memory that the bundled schedule file and then its compiled form are read into, one after the
 * other (readReused): a new buffer's memory costs the kernel a page fault per 4 kB on first touch,
 * memory already touched does not, and the two files are 1.5 MB that a start reads only to check
 * and parse them once.
 */
let scratch: Buffer | null = null;

/** Memory for readReused from its caller (bin/tariff.js), which will not touch it again. */
export function offerReadMemory(memory: Buffer): void {
  if (scratch === null || memory.length > scratch.length) scratch = memory;
}

/**
 * The bytes of `file` in the shared scratch memory: valid only until the next call, so used at
 * once (a checksum, a string made of them) and never kept.
 */
export function readReused(file: string): Buffer {
  const fd = openSync(file, 'r');
  try {
    // one byte more than the size: a file that grew since is read whole all the same
    const want = fstatSync(fd).size + 1;
    // room for the larger compiled form after the schedule file (memory not yet touched costs nothing)
    if (scratch === null || scratch.length < want) scratch = Buffer.allocUnsafeSlow(Math.max(2 * want, 2 << 20));
    let n = 0;
    for (;;) {
      const r = readSync(fd, scratch, n, scratch.length - n, null);
      if (r === 0) return scratch.subarray(0, n);
      n += r;
      if (n === scratch.length) {
        // a memory of its own (allocUnsafeSlow, never Node's shared pool): it is reused whole
        const more = Buffer.allocUnsafeSlow(2 * scratch.length);
        scratch.copy(more);
        scratch = more;
      }
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * The compiled form at `compiledFile` if it passes its checks and was compiled from `source` (the
 * bytes of the schedule file, or their size and CRC-32); otherwise why not, for `-v`.
 */
export function checkCompiled(source: Uint8Array | SourceId, compiledFile = compiledSchedulePath()): CompiledResult {
  const crc32 = crc32Of();
  if (crc32 === null) return { ok: false, reason: 'this Node has no zlib.crc32 to check it with' };
  const id = source instanceof Uint8Array ? sourceIdOf(source) : source;
  let bytes: Buffer;
  try {
    // `source` is used no more: a source read with readReused may be overwritten
    bytes = readReused(compiledFile);
  } catch (e) {
    return { ok: false, reason: `it cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'})` };
  }
  const nl = bytes.indexOf(10);
  const head = bytes
    .subarray(0, nl < 0 ? Math.min(bytes.length, 200) : nl)
    .toString('latin1')
    .split(' ');
  if (head[0] !== MAGIC || head.length !== 6) return { ok: false, reason: 'it has no header (cut short, or not a compiled schedule)' };
  if (head[1] !== String(COMPILED_FORMAT)) return { ok: false, reason: `it is of format ${head[1]}, not ${COMPILED_FORMAT}` };
  const body = bytes.subarray(nl + 1);
  if (hex8(crc32(body)) !== head[5]) return { ok: false, reason: 'it is damaged (its checksum does not match)' };
  if (String(id.length) !== head[2] || id.crc === null || hex8(id.crc) !== head[4])
    return { ok: false, reason: 'it was compiled from other bytes of the schedule file' };
  // pure ASCII (compiledFormText): latin1 is the fastest exact decoding
  const text = body.toString('latin1');
  const end = text.indexOf('\n');
  let form: CompiledForm;
  try {
    form = JSON.parse(end < 0 ? text : text.slice(0, end)) as CompiledForm;
  } catch {
    return { ok: false, reason: 'it is not valid JSON' };
  }
  const shards = form.shards && { ...form.shards, files: text.slice(end + 1) };
  return { ok: true, compiled: { schedule: revived(form.schedule, form.revive) as Compiled['schedule'], hash: (head[3] as string).slice(0, 12), shards } };
}

/** The compiled form at `compiledFile`, if it was compiled from `scheduleFile` as it is now and passes its checks; else null. */
export function readCompiled(scheduleFile: string, compiledFile = compiledSchedulePath()): Compiled | null {
  let source: Buffer;
  try {
    source = readFileSync(scheduleFile);
  } catch {
    return null;
  }
  const r = checkCompiled(source, compiledFile);
  return r.ok ? r.compiled : null;
}
