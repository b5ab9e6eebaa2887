/**
 * What a data build read, each file with its SHA-256: every file of data/src, data/sources and
 * scripts/data, and the modules of src/ the build bundles (its schema, rate parser, loader).
 * `npm run data` writes it to data/inputs.json; the suite compares it with the files as they are
 * (test/contract/data-rebuild.test.ts) — a check of a second that the committed data was built
 * from today's inputs, where a rebuild takes a quarter of a minute. The rebuild byte for byte is
 * `npm run data -- --check` (CI runs it before the suite).
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

export const INPUT_DIRS = ['data/src', 'data/sources', 'scripts/data'] as const;

/** An editor's or a merge's leftovers (".DS_Store", "x.json~", "x.swp", "x.orig"), never an input. */
const JUNK = /^\.|~$|\.(swp|orig|rej)$/;

/** The files under `dir` (relative to `root`, `/`-separated), sorted. */
function filesUnder(root: string, dir: string): string[] {
  return readdirSync(join(root, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && !JUNK.test(e.name))
    .map((e) => relative(root, join(e.parentPath ?? e.path, e.name)).replaceAll('\\', '/'))
    .sort();
}

const digest = (root: string, rel: string): string =>
  createHash('sha256')
    .update(readFileSync(join(root, rel)))
    .digest('hex');

/** The inputs as they are now: the three folders and the given modules of src/. */
export function inputDigests(root: string, srcModules: readonly string[]): Record<string, string> {
  const files = [...new Set([...INPUT_DIRS.flatMap((d) => filesUnder(root, d)), ...srcModules])].sort();
  return Object.fromEntries(files.map((f) => [f, digest(root, f)]));
}

export function inputsText(digests: Record<string, string>): string {
  const note = 'The files `npm run data` built data/schedule.json and data/lines from, with their SHA-256 (scripts/data/lib/inputs.ts).';
  return `${JSON.stringify({ note, files: digests }, null, 2)}\n`;
}

/** The src/ modules a recorded data/inputs.json names (the build bundles them). */
export const srcModulesOf = (recorded: Record<string, string>): string[] => Object.keys(recorded).filter((f) => f.startsWith('src/'));

/** How the inputs differ from what the last build recorded: files changed, added and removed. */
export function inputChanges(root: string, recorded: Record<string, string>): string[] {
  const now = inputDigests(
    root,
    srcModulesOf(recorded).filter((f) => existsSync(join(root, f))),
  );
  const out: string[] = [];
  for (const [f, h] of Object.entries(now)) {
    if (recorded[f] === undefined) out.push(`${f} (new)`);
    else if (recorded[f] !== h) out.push(`${f} (changed)`);
  }
  for (const f of Object.keys(recorded)) if (now[f] === undefined) out.push(`${f} (gone)`);
  return out;
}
