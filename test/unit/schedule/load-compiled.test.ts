/**
 * The compiled form of the bundled schedule (src/schedule/load-compiled.ts): it gives back exactly
 * the schedule the loader compiles from data/schedule.json, and it is not used for other bytes.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  checkCompiled,
  COMPILED_FORMAT,
  compiledFormText,
  compiledShards,
  offerReadMemory,
  readCompiled,
  readReused,
  shardFile,
  sourceIdOf,
} from '../../../src/schedule/load-compiled.js';
import { compileBundled, loadBundledSchedule } from '../../../src/schedule/load.js';
import { BUNDLED } from '../../helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'tariff-compiled-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** data/schedule.json copied to a fresh folder with its compiled form, as the build writes them. */
function setUp(name: string): { schedule: string; compiled: string } {
  const schedule = join(dir, `${name}.json`);
  const compiled = join(dir, `${name}.compiled.json`);
  copyFileSync(BUNDLED, schedule);
  const bytes = readFileSync(schedule);
  const { schedule: s, raw } = compileBundled(bytes);
  writeFileSync(compiled, compiledFormText(s, raw, bytes));
  return { schedule, compiled };
}

describe('the compiled form', () => {
  it('gives back the schedule compiled from the file: every Set, Map, rate and amount', () => {
    const f = setUp('same');
    const c = readCompiled(f.schedule, f.compiled);
    expect(c).not.toBeNull();
    const { hash: _h, lineShards: _l, ...expected } = compileBundled(readFileSync(BUNDLED)).schedule;
    expect(c?.schedule).toStrictEqual(expected);
    expect(c?.schedule.importers.get('US')?.minorDigits).toBe(2);
    expect(c?.schedule.measures.some((m) => m.exceptModes instanceof Set)).toBe(true);
    // the line files, listed after the JSON, are found as the schedule names them
    const rawShards = JSON.parse(readFileSync(BUNDLED, 'utf8')).lineShards.files as Record<string, string>;
    expect(c?.shards?.parts.length).toBe(Object.keys(rawShards).length);
    expect(shardFile(c!.shards!, '9503')).toEqual({ rel: 'lines/US-9503.json', sha256: rawShards['lines/US-9503.json'] });
    expect(shardFile(c!.shards!, c!.shards!.parts[0] as string)?.rel).toBe(`lines/US-${c!.shards!.parts[0]}.json`);
    expect(shardFile(c!.shards!, c!.shards!.parts.at(-1) as string)?.rel).toBe(`lines/US-${c!.shards!.parts.at(-1)}.json`);
  });

  it('is pure ASCII, and the hash it gives is the first 12 hex digits of the file sha256', async () => {
    const f = setUp('ascii');
    // a header, JSON on the next line, then one line per line file
    expect(/^[\x20-\x7e\n]*$/.test(readFileSync(f.compiled, 'latin1'))).toBe(true);
    const { createHash } = await import('node:crypto');
    expect(readCompiled(f.schedule, f.compiled)?.hash).toBe(createHash('sha256').update(readFileSync(BUNDLED)).digest('hex').slice(0, 12));
  });

  it('is used after the file is touched (checked out, copied) if the bytes are the same', () => {
    const f = setUp('touched');
    utimesSync(f.schedule, new Date('2030-01-01T00:00:00Z'), new Date('2030-01-01T00:00:00Z'));
    expect(readCompiled(f.schedule, f.compiled)).not.toBeNull();
  });

  it('is not used once the schedule file has changed, even at the same size', () => {
    const f = setUp('changed');
    const text = readFileSync(f.schedule, 'utf8');
    // one rate changed in place: same size, other bytes
    const changed = text.replace('"adValorem": "0.3464%"', '"adValorem": "0.3465%"');
    expect(changed).not.toBe(text);
    expect(changed.length).toBe(text.length);
    writeFileSync(f.schedule, changed);
    expect(readCompiled(f.schedule, f.compiled)).toBeNull();
    writeFileSync(f.schedule, `${text} `);
    expect(readCompiled(f.schedule, f.compiled)).toBeNull();
  });

  it('is not used when it is missing or of another format', () => {
    const f = setUp('format');
    expect(readCompiled(f.schedule, join(dir, 'none.json'))).toBeNull();
    const text = readFileSync(f.compiled, 'latin1');
    writeFileSync(f.compiled, text.replace(/^tariff-compiled-schedule \d+ /, 'tariff-compiled-schedule 999 '), 'latin1');
    expect(checkCompiled(readFileSync(f.schedule), f.compiled)).toEqual({ ok: false, reason: `it is of format 999, not ${COMPILED_FORMAT}` });
  });

  it('is checked by content, not size and time: an edit of either file at the same size and time is caught', () => {
    const f = setUp('content');
    const text = readFileSync(f.compiled, 'latin1');
    const at = text.indexOf('"adValorem":{"n":2,"s":1}');
    writeFileSync(f.compiled, `${text.slice(0, at)}"adValorem":{"n":6,"s":1}${text.slice(at + 25)}`, 'latin1');
    const { atime, mtime } = statSync(f.schedule);
    utimesSync(f.compiled, atime, mtime);
    expect(checkCompiled(readFileSync(f.schedule), f.compiled)).toEqual({ ok: false, reason: 'it is damaged (its checksum does not match)' });
    writeFileSync(f.compiled, text.slice(0, 5000), 'latin1');
    expect(checkCompiled(readFileSync(f.schedule), f.compiled).ok).toBe(false);
    writeFileSync(f.compiled, '');
    expect(checkCompiled(readFileSync(f.schedule), f.compiled)).toEqual({ ok: false, reason: 'it has no header (cut short, or not a compiled schedule)' });
  });
});

describe('shardFile', () => {
  const raw = {
    importers: { US: { minorDigits: 2 } },
    lineShards: { importer: 'US', lines: 3, dates: [], files: { 'lines/US-0101.json': 'aa', 'lines/US-9503.json': 'bb', 'lines/US-9504.json': 'cc' } },
  };
  const shards = compiledShards(raw as never);

  it('finds the first, a middle and the last file, and no file for a part not listed', () => {
    expect(shards?.parts).toEqual(['0101', '9503', '9504']);
    expect(shardFile(shards!, '0101')).toEqual({ rel: 'lines/US-0101.json', sha256: 'aa' });
    expect(shardFile(shards!, '9503')).toEqual({ rel: 'lines/US-9503.json', sha256: 'bb' });
    expect(shardFile(shards!, '9504')).toEqual({ rel: 'lines/US-9504.json', sha256: 'cc' });
    expect(shardFile(shards!, '9505')).toBeUndefined();
    expect(shardFile(shards!, '950')).toBeUndefined();
    expect(shardFile(shards!, '01')).toBeUndefined();
  });
});

describe('loadBundledSchedule without a compiled form (from src/)', () => {
  it('reads the line files named in the schedule, hash-checked', () => {
    const s = loadBundledSchedule(BUNDLED);
    expect(s.lineShards?.parts.length).toBeGreaterThan(1000);
    expect(s.lineShards?.load('9503').lines.map((l) => l.hts)).toContain('95030000');
    expect(s.hash).toMatch(/^[0-9a-f]{12}$/);
  });
});

describe('readReused: the start-up reads into one memory (issue #21)', () => {
  it('reads each file whole, a larger after a smaller, into the same memory while it fits', () => {
    const small = join(dir, 'small.bin');
    const large = join(dir, 'large.bin');
    writeFileSync(small, 'abc');
    // 3 MiB: more than the first memory (2 MiB, or twice the first file), so it takes a new one
    const big = Buffer.alloc(3 << 20, 7);
    big.write('end', big.length - 3);
    writeFileSync(large, big);
    const a = readReused(small);
    expect(a.toString()).toBe('abc');
    const b = readReused(BUNDLED);
    expect(b.equals(readFileSync(BUNDLED))).toBe(true);
    expect(b.buffer).toBe(a.buffer); // the memory is reused: `a` is no longer what it was
    const c = readReused(large);
    expect(c.equals(big)).toBe(true);
    expect(readReused(small).buffer).toBe(c.buffer);
  });

  it('reads a file whose size the system does not give (/proc) whole', () => {
    if (process.platform !== 'linux') return;
    expect(readReused('/proc/self/cmdline').equals(readFileSync('/proc/self/cmdline'))).toBe(true);
  });

  it('takes the memory offered only when it is larger, and fails on a missing file as readFileSync does', () => {
    const before = readReused(BUNDLED).buffer;
    offerReadMemory(Buffer.allocUnsafeSlow(16));
    expect(readReused(BUNDLED).buffer).toBe(before);
    const offered = Buffer.allocUnsafeSlow(8 << 20);
    offerReadMemory(offered);
    expect(readReused(BUNDLED).buffer).toBe(offered.buffer);
    expect(() => readReused(join(dir, 'none.json'))).toThrow(expect.objectContaining({ code: 'ENOENT' }));
  });

  it('a compiled form is checked against the size and CRC-32 of the schedule file as against its bytes', () => {
    const f = setUp('by-id');
    const bytes = readFileSync(f.schedule);
    expect(checkCompiled(sourceIdOf(bytes), f.compiled).ok).toBe(true);
    expect(checkCompiled({ length: bytes.length, crc: null }, f.compiled)).toEqual({
      ok: false,
      reason: 'it was compiled from other bytes of the schedule file',
    });
    const id = sourceIdOf(bytes);
    expect(checkCompiled({ ...id, crc: ((id.crc as number) ^ 1) >>> 0 }, f.compiled).ok).toBe(false);
  });
});
