// Build: bundle the CLI and the library with esbuild, emit type declarations with tsc, then
// validate the bundled schedule with the schemas just built (the CLI trusts it at run time).
import { build } from 'esbuild';
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { crc32 } from 'node:zlib';

const root = fileURLToPath(new URL('..', import.meta.url));
const requireHere = createRequire(import.meta.url);
const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

// cli-table3 requires @colors/colors only to colour heads and borders, which we never ask it to do
// (we colour with chalk); a stub keeps 70 kB of unused code out of every start.
const noColorsPackage = {
  name: 'no-colors-package',
  setup(b) {
    b.onResolve({ filter: /^@colors\/colors/ }, () => ({ path: 'colors-stub', namespace: 'stub' }));
    b.onLoad({ filter: /^colors-stub$/, namespace: 'stub' }, () => ({
      contents: 'module.exports = new Proxy(function (s) { return s; }, { get: (t) => t });',
      loader: 'js',
    }));
  },
};

// Node's built-in modules that a one-shipment `calc` never calls but that modules it initialises
// import: loaded on first use instead of at start. Each costs every run its compilation:
// node:crypto ~5 ms (atomic writes name their temporary file with randomBytes), node:fs/promises
// ~3 ms with the readline modules it pulls in (input files are opened with it), node:child_process
// ~4 ms (commander's executable subcommands, which tariff does not use), node:worker_threads
// (--jobs). The stub has the module's properties (their names taken from the node that builds) as
// getters that load it when first read: named imports compile to property reads at the call
// (`(0, import_node_crypto.randomBytes)(…)`), and esbuild's __toESM copies getters as getters.
const LAZY_BUILTINS = ['node:child_process', 'node:crypto', 'node:fs/promises', 'node:worker_threads'];
const lazyBuiltins = {
  name: 'lazy-builtins',
  setup(b) {
    const filter = new RegExp(`^(${LAZY_BUILTINS.join('|')})$`);
    // the stub's own require is of the module itself
    b.onResolve({ filter }, (args) =>
      args.namespace === 'lazy-builtin' ? { path: args.path, external: true } : { path: args.path, namespace: 'lazy-builtin' },
    );
    b.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, (args) => ({
      contents: `let m;
const load = () => (m ??= require(${JSON.stringify(args.path)}));
for (const k of ${JSON.stringify(Object.keys(requireHere(args.path)))}) Object.defineProperty(module.exports, k, { enumerable: true, get: () => load()[k] });`,
      loader: 'js',
    }));
  },
};

// zod (~750 kB) is only needed to validate a user's schedule or overlay, or to print the JSON
// Schema: the CLI bundle loads it from a file of its own (dist/zod.cjs), on first use, and only
// once its bytes match dist/manifest.json (src/cli/dist-files.ts).
const zodOnDemand = {
  name: 'zod-on-demand',
  setup(b) {
    // a stub inside the bundle, so that `await import('zod')` becomes a plain call (the CLI runs
    // as a classic script, which has no dynamic import())
    b.onResolve({ filter: /^zod$/ }, () => ({ path: 'zod-stub', namespace: 'stub' }));
    b.onLoad({ filter: /^zod-stub$/, namespace: 'stub' }, () => ({
      contents: "module.exports = require('./src/cli/dist-files.ts').requireChecked('zod.cjs');",
      resolveDir: root,
      loader: 'js',
    }));
  },
};

const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  target: 'node20',
  define: { __VERSION__: JSON.stringify(pkg.version) },
  logLevel: 'warning',
  legalComments: 'none',
};

rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
// The library and the batch worker: ES modules sharing chunks. The library's code is
// dist/chunks/lib.js: dist/index.js (written below) checks the chunks before it imports them.
const esm = await build({
  ...common,
  entryPoints: { 'chunks/lib': 'src/index.ts', 'batch-worker': 'src/batch/worker.ts' },
  metafile: true,
  outdir: 'dist',
  splitting: true,
  format: 'esm',
  chunkNames: 'chunks/[name]-[hash]',
  // CommonJS dependencies (cli-table3) need `require` inside an ES module bundle
  banner: { js: "import { createRequire as __tariffCreateRequire } from 'node:module'; const require = __tariffCreateRequire(import.meta.url);" },
  plugins: [noColorsPackage],
});

const hex = (n) => (n >>> 0).toString(16).padStart(8, '0');
const distFile = (name) => new URL(`../dist/${name}`, import.meta.url);

await build({ ...common, stdin: { contents: "export * from 'zod';", resolveDir: root, loader: 'js' }, outfile: 'dist/zod.cjs', format: 'cjs' });
// dist/cli.js: the CLI as an ES module (the man page below is built from it); it loads dist/cli.cjs
// through bin/tariff.js, so that it is checked as when the CLI runs
writeFileSync(
  distFile('cli.js'),
  "// The CLI is dist/cli.cjs (one CommonJS file, see scripts/build.mjs); this is its ES module face.\nimport { createRequire } from 'node:module';\nconst { cli } = createRequire(import.meta.url)('../bin/tariff.js').loadCli();\nexport const { main, buildProgram, manPageText } = cli;\n",
);

// dist/manifest.json: the CRC-32 of every file of dist/ that runs after a start was checked —
// zod.cjs, the batch worker and the chunks, cli.js. The CLI trusts it because its CRC-32 is in
// dist/cli.cjs (checked by bin/tariff.js), the library because it is in dist/index.js (which checks
// itself); each file is checked against it before it is loaded (src/cli/dist-files.ts, below), but
// for cli.js, which nothing in the package loads (it is not in package.json's exports).
const executed = ['batch-worker.js', 'cli.js', 'zod.cjs', ...readdirSync(distFile('chunks')).map((f) => `chunks/${f}`)].sort();
const manifestText = `${JSON.stringify({ 'tariff-cli': pkg.version, crc32: Object.fromEntries(executed.map((f) => [f, hex(crc32(readFileSync(distFile(f))))])) }, null, 2)}\n`;
writeFileSync(distFile('manifest.json'), manifestText);
const manifestCrc = hex(crc32(Buffer.from(manifestText, 'latin1')));
writeFileSync(distFile('index.js'), libraryEntry(manifestCrc, esm.metafile.outputs['dist/chunks/lib.js'].exports));

/**
 * dist/index.js, the library's entry. ES modules link every static import before any code runs,
 * so the entry has none of the library's: it checks itself (the CRC-32 on its first line), the
 * manifest and every chunk, and only then imports the library. A damaged installation is an
 * Error with code TARIFF_DAMAGED at import, not a library that runs damaged code.
 */
function libraryEntry(manifestCrc, names) {
  if (names.includes('default')) throw new Error('the library has a default export, which dist/index.js does not re-export');
  const body = `// The library's entry, written by scripts/build.mjs: the library (chunks/lib.js) is imported only
// once this file, dist/manifest.json and every chunk match their checksums.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as zlib from 'node:zlib';

const MANIFEST_CRC32 = '${manifestCrc}';
const hex = (n) => (n >>> 0).toString(16).padStart(8, '0');

function damaged(url, why) {
  const e = new Error(\`the installation is damaged: \${fileURLToPath(url)} \${why}; reinstall tariff-cli (npm ci, or npm run build in a checkout)\`);
  e.code = 'TARIFF_DAMAGED';
  return e;
}

function read(url) {
  try {
    return readFileSync(url);
  } catch {
    throw damaged(url, 'cannot be read');
  }
}

function check(crc32) {
  const self = read(new URL(import.meta.url));
  const nl = self.indexOf(10);
  const m = / crc32 ([0-9a-f]{8})$/.exec(self.subarray(0, Math.max(nl, 0)).toString('latin1'));
  if (m === null || hex(crc32(self.subarray(nl + 1))) !== m[1]) throw damaged(import.meta.url, 'does not match the checksum on its first line');
  const manifestUrl = new URL('./manifest.json', import.meta.url);
  const manifest = read(manifestUrl);
  if (hex(crc32(manifest)) !== MANIFEST_CRC32) throw damaged(manifestUrl, 'is not the one this build wrote (its checksum does not match)');
  for (const [name, want] of Object.entries(JSON.parse(manifest.toString('latin1')).crc32)) {
    const url = new URL(\`./\${name}\`, import.meta.url);
    if (name.startsWith('chunks/') && hex(crc32(read(url))) !== want) throw damaged(url, 'does not match its checksum in dist/manifest.json');
  }
}

// a Node without zlib.crc32 (before 20.15) runs without the check, as bin/tariff.js does
if (typeof zlib.crc32 === 'function') check(zlib.crc32);
const lib = await import('./chunks/lib.js');
export const { ${names.join(', ')} } = lib;
`;
  return `// tariff-cli ${pkg.version} library crc32 ${hex(crc32(Buffer.from(body, 'utf8')))}\n${body}`;
}

// The CLI: one CommonJS file, every command in it (modules run when first imported), so that a
// start reads, resolves and compiles one file instead of a graph of thirty chunks, and Node's ES
// module loader is never started. bin/tariff.js runs it with a V8 code cache (below). Last of the
// files that run: it holds the CRC-32 of the manifest.
const cli = await build({
  ...common,
  entryPoints: { cli: 'src/cli/main.ts' },
  outdir: 'dist',
  outExtension: { '.js': '.cjs' },
  format: 'cjs',
  write: false,
  define: { ...common.define, 'import.meta.url': '__tariffModuleUrl', __TARIFF_MANIFEST_CRC__: String(Number.parseInt(manifestCrc, 16)) },
  banner: { js: "const __tariffModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
  plugins: [noColorsPackage, lazyBuiltins, zodOnDemand],
});
// the first line names this build by its content: bin/tariff.js uses a code cache only if it was
// made from the same build (V8 itself checks no more than the source's length)
// and it is pure ASCII (esbuild keeps a few characters of regular expressions and comments as they
// are): node reads an ASCII file in a fraction of the time, and V8 keeps it at one byte a character
const cliText = cli.outputFiles[0].text.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
// and the CRC-32 of the rest, which bin/tariff.js checks before it runs the file (a flipped byte
// or a same-length edit is refused, not run with the bytecode of the old file)
writeFileSync(
  distFile('cli.cjs'),
  `// tariff-cli ${pkg.version} build ${createHash('sha256').update(cliText).digest('hex').slice(0, 16)} crc32 ${hex(crc32(Buffer.from(cliText, 'latin1')))}\n${cliText}`,
);

// The type declarations, emitted while the rest of the build runs (it waits for them at the end).
// --noCheck: emit only; the types are checked by `npm run typecheck` and CI (tsconfig.test.json
// checks src and test), which saves a second full check on every build.
const declarations = new Promise((resolve, reject) => {
  const tsc = spawn(process.execPath, [fileURLToPath(new URL('../node_modules/typescript/bin/tsc', import.meta.url)), '-p', 'tsconfig.json', '--noCheck'], {
    cwd: root,
    stdio: 'inherit',
  });
  tsc.on('error', reject);
  tsc.on('exit', (code, signal) => (code === 0 ? resolve() : reject(new Error(`tsc (type declarations) failed: ${signal ?? `exit ${code}`}`))));
});
// handled here, reported at the end: a failure while the rest still runs is not an unhandled rejection
declarations.catch(() => {});

// the man page, from the help of the program just built (shipped in the package: `man tariff`)
const { manPageText } = await import(new URL('../dist/cli.js', import.meta.url));
mkdirSync(new URL('../man', import.meta.url), { recursive: true });
writeFileSync(new URL('../man/tariff.1', import.meta.url), await manPageText());

const { loadSchedule } = await import(new URL('../dist/index.js', import.meta.url));
const scheduleFile = fileURLToPath(new URL('../data/schedule.json', import.meta.url));
try {
  const s = await loadSchedule(scheduleFile);
  console.log(`built tariff-cli ${pkg.version}; bundled schedule ${s.meta.version} valid (${s.lines.length} lines, ${s.measures.length} measures)`);
} catch (e) {
  console.error(`the bundled schedule data/schedule.json is invalid:\n${e.message}\n  ${(e.details ?? []).join('\n  ')}`);
  process.exit(1);
}

// The schedule just validated, compiled once here for every start (src/schedule/load-compiled.ts),
// with a header that names the CRC-32 and SHA-256 of the schedule file's bytes and the CRC-32 of
// the compiled body: the loader checks both by content and ignores a form that fails.
const compiler = await build({
  ...common,
  stdin: {
    contents: "export { compileBundled } from './src/schedule/load.ts'; export { compiledFormText } from './src/schedule/load-compiled.ts';",
    resolveDir: root,
    loader: 'ts',
  },
  format: 'esm',
  write: false,
  outfile: 'dist/schedule-compiler.mjs',
  plugins: [noColorsPackage],
});
const compilerFile = new URL('../dist/schedule-compiler.mjs', import.meta.url);
writeFileSync(compilerFile, compiler.outputFiles[0].text);
const { compileBundled, compiledFormText } = await import(compilerFile);
rmSync(compilerFile);
const scheduleBytes = readFileSync(scheduleFile);
const { schedule, raw } = compileBundled(scheduleBytes);
const compiledFile = new URL('../dist/schedule.compiled.json', import.meta.url);
writeFileSync(compiledFile, compiledFormText(schedule, raw, scheduleBytes));

// The V8 code cache of the CLI: the bytecode of everything a one-shipment `calc` runs, written by
// running one (scripts/code-cache.cjs). Node 20 has no module compile cache; this is the same
// thing done by hand. A node whose V8 differs rejects it and compiles as usual. Last: the run
// reads the compiled schedule.
execFileSync(process.execPath, [fileURLToPath(new URL('./code-cache.cjs', import.meta.url))], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
await declarations;
