/**
 * Layers point down only: a module imports from its own folder or from a layer below it, never
 * from one above. The order is the one of docs (core, the pure law; io, bytes in and out; schedule,
 * loading the law; render, documents; batch, many rows; library and cli, the two doors).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers.js';

const ORDER = ['core', 'io', 'schedule', 'render', 'batch', 'library', 'cli'];
const SRC = join(ROOT, 'src');

function layerOf(file: string): number {
  const top = relative(SRC, file).split('/')[0] as string;
  // errors.ts is shared by every layer; index.ts is the library's door
  if (top === 'errors.ts') return -1;
  if (top === 'index.ts') return ORDER.indexOf('library');
  return ORDER.indexOf(top);
}

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

describe('layers point down', () => {
  const files = sources(SRC);
  it('every folder of src is a known layer', () => {
    expect(files.filter((f) => layerOf(f) === -1 && !f.endsWith('errors.ts')).map((f) => relative(SRC, f))).toEqual([]);
  });

  it('no import reaches a layer above its own', () => {
    const up: string[] = [];
    for (const f of files) {
      const text = readFileSync(f, 'utf8');
      for (const m of text.matchAll(/(?:from|import|require)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)) {
        const target = resolve(join(f, '..'), m[1] as string);
        if (layerOf(target) > layerOf(f)) up.push(`${relative(SRC, f)} → ${relative(SRC, target)}`);
      }
    }
    expect(up).toEqual([]);
  });

  it('only the CLI reads the environment: the layers below are given what it says', () => {
    // a switch read deep in a layer (a test's TARIFF_… or $CI) is a dependency the caller cannot see
    const readers = files.filter((f) => !relative(SRC, f).startsWith('cli/') && /process\.env\b/.test(readFileSync(f, 'utf8')));
    expect(readers.map((f) => relative(SRC, f))).toEqual([]);
  });
});
