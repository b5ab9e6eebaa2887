// `npm test` builds through this: the build (scripts/build.mjs: esbuild, the type declarations, the
// schedule checked and compiled, the code cache) costs 5–9 s of a 2-core machine, and `npm ci` has
// just done it when CI runs `npm test`. The build is skipped when a stamp says that dist/ and man/
// were built by this Node from exactly these inputs and have not been touched since: the stamp is a
// SHA-256 over the path and bytes of every input and every output file. Any other case (an edited
// source, new data, another Node, a damaged, added or missing output, no stamp) builds as before,
// and `--force` (npm run build, npm ci's prepare) always builds.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** what the build reads */
export const INPUTS = [
  'src',
  'bin',
  'data/schedule.json',
  'data/lines',
  'scripts/build.mjs',
  'scripts/code-cache.cjs',
  'package.json',
  'package-lock.json',
  'tsconfig.json',
  // what npm installed (esbuild, typescript, zod …): npm rewrites it on every install, link or removal
  'node_modules/.package-lock.json',
];
/** what it writes */
export const OUTPUTS = ['dist', 'man'];

/** every file under `p` (a file or a folder) of `root`, sorted; a missing one is named as missing */
function files(root, p) {
  const abs = join(root, p);
  if (!existsSync(abs)) return [`${p} (missing)`];
  if (!statSync(abs).isDirectory()) return [p];
  // walked by hand: readdirSync's `recursive` needs Node 20.1
  return readdirSync(abs, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? files(root, join(p, e.name)) : e.isFile() ? [join(p, e.name)] : []))
    .sort();
}

/** SHA-256 over this Node and the path and bytes of every file under `paths` of `root` */
export function stampOf(root, paths) {
  const h = createHash('sha256').update(`${process.version} ${process.arch} ${process.platform}\n`);
  for (const p of paths.flatMap((x) => files(root, x))) {
    const bytes = p.endsWith(' (missing)') ? Buffer.alloc(0) : readFileSync(join(root, p));
    // the length first: the path and bytes of one file cannot read as those of another
    h.update(`${p}\n${bytes.length}\n`).update(bytes);
  }
  return h.digest('hex');
}

function main() {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const stampFile = join(root, 'node_modules', '.cache', 'tariff-cli', 'build-stamp');
  const old = existsSync(stampFile) ? readFileSync(stampFile, 'utf8').trim() : '';
  if (!process.argv.includes('--force') && old === `${stampOf(root, INPUTS)} ${stampOf(root, OUTPUTS)}`) {
    console.log('dist/ is current (built by this Node from these very sources and data): not rebuilt');
    return;
  }
  const inputs = stampOf(root, INPUTS);
  try {
    execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'inherit' });
  } catch (e) {
    // the build has said what failed
    process.exit(typeof e.status === 'number' && e.status !== 0 ? e.status : 1);
  }
  mkdirSync(dirname(stampFile), { recursive: true });
  writeFileSync(stampFile, `${inputs} ${stampOf(root, OUTPUTS)}\n`);
}

// run, not imported (the test imports stampOf): by real paths, so a path through a symbolic link runs it too
if (process.argv[1] && realpathSync(fileURLToPath(import.meta.url)) === realpathSync(process.argv[1])) main();
