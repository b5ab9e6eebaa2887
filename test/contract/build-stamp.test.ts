/**
 * `npm test` skips the build only when the stamp of scripts/build-if-stale.mjs says nothing the
 * build reads or writes has changed. The stamp must change with any byte, file or path of them.
 */
import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a build script in plain JavaScript, without declarations
import { INPUTS, OUTPUTS, stampOf } from '../../scripts/build-if-stale.mjs';

const root = mkdtempSync(join(tmpdir(), 'tariff-stamp-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const put = (rel: string, text: string): void => {
  mkdirSync(join(root, rel, '..'), { recursive: true });
  writeFileSync(join(root, rel), text);
};
put('src/a.ts', 'export const a = 1;\n');
put('src/core/b.ts', 'export const b = 2;\n');
put('data/schedule.json', '{}');
const stamp = (): string => stampOf(root, ['src', 'data/schedule.json', 'scripts/build.mjs']) as string;

describe('the build stamp', () => {
  it('covers the sources, data, build scripts, lock file and outputs', () => {
    for (const p of [
      'src',
      'bin',
      'data/schedule.json',
      'data/lines',
      'scripts/build.mjs',
      'scripts/code-cache.cjs',
      'package-lock.json',
      'node_modules/.package-lock.json',
    ])
      expect(INPUTS).toContain(p);
    expect(OUTPUTS).toEqual(['dist', 'man']);
  });

  it('is the same for the same files, and changes with any change', () => {
    const first = stamp();
    expect(stamp()).toBe(first);
    const changes: [string, () => void, () => void][] = [
      ['one byte of a file', () => put('src/a.ts', 'export const a = 2;\n'), () => put('src/a.ts', 'export const a = 1;\n')],
      ['a file added', () => put('src/core/c.ts', ''), () => unlinkSync(join(root, 'src/core/c.ts'))],
      ['a file removed', () => unlinkSync(join(root, 'src/core/b.ts')), () => put('src/core/b.ts', 'export const b = 2;\n')],
      [
        'a file renamed, same bytes',
        () => {
          unlinkSync(join(root, 'src/core/b.ts'));
          put('src/core/b2.ts', 'export const b = 2;\n');
        },
        () => {
          unlinkSync(join(root, 'src/core/b2.ts'));
          put('src/core/b.ts', 'export const b = 2;\n');
        },
      ],
      // the bytes of one file moved to the end of the one before cannot give the same stamp
      [
        'bytes moved between two files',
        () => {
          put('src/a.ts', 'export const a = 1;\nexport const b = 2;\n');
          put('src/core/b.ts', '');
        },
        () => {
          put('src/a.ts', 'export const a = 1;\n');
          put('src/core/b.ts', 'export const b = 2;\n');
        },
      ],
      ['a missing input that appears', () => put('scripts/build.mjs', ''), () => rmSync(join(root, 'scripts'), { recursive: true })],
    ];
    for (const [what, change, undo] of changes) {
      change();
      expect(stamp(), what).not.toBe(first);
      undo();
      expect(stamp(), `${what}, undone`).toBe(first);
    }
  });
});
