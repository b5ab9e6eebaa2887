/**
 * The committed data was built from today's inputs: data/inputs.json, which `npm run data` writes,
 * names every file the data build read (data/src, data/sources, scripts/data and the modules of
 * src/ it bundles) with its SHA-256, and each still has it. An edited measure, source or parser
 * not followed by `npm run data` fails here in a second. That the inputs build the committed
 * bytes (a fresh build, compared byte for byte: `npm run data -- --check`, ~15 s) is CI's step
 * before the suite (.ci/run). The rest of the data build's contract, in process:
 * test/unit/data/data-build.test.ts.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { inputChanges, inputDigests, inputsText } from '../../scripts/data/lib/inputs.js';
import { ROOT } from '../helpers.js';

const recorded = (root: string): Record<string, string> =>
  (JSON.parse(readFileSync(join(root, 'data/inputs.json'), 'utf8')) as { files: Record<string, string> }).files;

describe('the committed data', () => {
  it('was built from the inputs as they are (else: npm run data)', () => {
    const files = recorded(ROOT);
    // the three folders and the parser, schema and loader the build bundles
    expect(Object.keys(files)).toEqual(
      expect.arrayContaining(['data/src/meta.json', 'scripts/data/build.ts', 'src/core/rate-text.ts', 'src/schedule/schema.ts']),
    );
    expect(inputChanges(ROOT, files)).toEqual([]);
  });

  describe('the check itself, on a copy', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tariff-inputs-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    for (const d of ['data/src', 'data/sources', 'scripts/data', 'src/core']) mkdirSync(join(dir, d), { recursive: true });
    writeFileSync(join(dir, 'data/src/meta.json'), '{"a":1}\n');
    writeFileSync(join(dir, 'data/sources/README.md'), 'sources\n');
    writeFileSync(join(dir, 'scripts/data/build.ts'), '// build\n');
    writeFileSync(join(dir, 'src/core/rate-text.ts'), '// parser\n');
    const files = inputDigests(dir, ['src/core/rate-text.ts']);
    writeFileSync(join(dir, 'data/inputs.json'), inputsText(files));

    it('finds nothing when nothing changed, and names a changed, a new and a gone file', () => {
      expect(Object.keys(recorded(dir))).toEqual(['data/sources/README.md', 'data/src/meta.json', 'scripts/data/build.ts', 'src/core/rate-text.ts']);
      expect(inputChanges(dir, recorded(dir))).toEqual([]);
      writeFileSync(join(dir, 'data/src/meta.json'), '{"a":2}\n');
      writeFileSync(join(dir, 'data/src/new.json'), '{}\n');
      // an editor's or a merge's leftovers are not inputs
      for (const junk of ['.DS_Store', 'meta.json~', '.meta.json.swp', 'meta.json.orig']) writeFileSync(join(dir, 'data/src', junk), 'x');
      rmSync(join(dir, 'src/core/rate-text.ts'));
      expect(inputChanges(dir, recorded(dir))).toEqual(['data/src/meta.json (changed)', 'data/src/new.json (new)', 'src/core/rate-text.ts (gone)']);
    });
  });
});
