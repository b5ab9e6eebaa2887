// Build: bundle the CLI and the library with esbuild, emit type declarations with tsc, then
// validate the bundled schedule with the schemas just built (the CLI trusts it at run time).
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { crc32 } from 'node:zlib';

const root = fileURLToPath(new URL('..', import.meta.url));
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

// commander loads node:child_process at start-up for executable subcommands, which tariff does not
// use; loading it only on first use saves ~4 ms on every run.
const lazyChildProcess = {
  name: 'lazy-child-process',
  setup(b) {
    b.onResolve({ filter: /^node:child_process$/ }, (args) =>
      /commander/.test(args.importer) ? { path: 'lazy-child-process', namespace: 'stub' } : undefined,
    );
    b.onLoad({ filter: /^lazy-child-process$/, namespace: 'stub' }, () => ({
      contents: "let cp; module.exports = new Proxy({}, { get: (_t, k) => (cp ??= require('node:child_process'))[k] });",
      loader: 'js',
    }));
  },
};

// zod (~750 kB) is only needed to validate a user's schedule or overlay, or to print the JSON
// Schema: the CLI bundle requires it from a file of its own (dist/zod.cjs), on first use.
const zodOnDemand = {
  name: 'zod-on-demand',
  setup(b) {
    // a stub inside the bundle, so that `await import('zod')` becomes a plain require (the CLI
    // runs as a classic script, which has no dynamic import())
    b.onResolve({ filter: /^zod$/ }, () => ({ path: 'zod-stub', namespace: 'stub' }));
    b.onLoad({ filter: /^zod-stub$/, namespace: 'stub' }, () => ({ contents: "module.exports = require('./zod.cjs');", loader: 'js' }));
    b.onResolve({ filter: /^\.\/zod\.cjs$/ }, () => ({ path: './zod.cjs', external: true }));
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
// The library and the batch worker: ES modules sharing chunks.
await build({
  ...common,
  entryPoints: { index: 'src/index.ts', 'batch-worker': 'src/batch/worker.ts' },
  outdir: 'dist',
  splitting: true,
  format: 'esm',
  chunkNames: 'chunks/[name]-[hash]',
  // CommonJS dependencies (cli-table3) need `require` inside an ES module bundle
  banner: { js: "import { createRequire as __tariffCreateRequire } from 'node:module'; const require = __tariffCreateRequire(import.meta.url);" },
  plugins: [noColorsPackage],
});

// The CLI: one CommonJS file, every command in it (modules run when first imported), so that a
// start reads, resolves and compiles one file instead of a graph of thirty chunks, and Node's ES
// module loader is never started. bin/tariff.js runs it with a V8 code cache (below).
const cli = await build({
  ...common,
  entryPoints: { cli: 'src/cli/main.ts' },
  outdir: 'dist',
  outExtension: { '.js': '.cjs' },
  format: 'cjs',
  write: false,
  define: { ...common.define, 'import.meta.url': '__tariffModuleUrl' },
  banner: { js: "const __tariffModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
  plugins: [noColorsPackage, lazyChildProcess, zodOnDemand],
});
// the first line names this build by its content: bin/tariff.js uses a code cache only if it was
// made from the same build (V8 itself checks no more than the source's length)
// and it is pure ASCII (esbuild keeps a few characters of regular expressions and comments as they
// are): node reads an ASCII file in a fraction of the time, and V8 keeps it at one byte a character
const cliText = cli.outputFiles[0].text.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
// and the CRC-32 of the rest, which bin/tariff.js checks before it runs the file (a flipped byte
// or a same-length edit is refused, not run with the bytecode of the old file)
writeFileSync(
  new URL('../dist/cli.cjs', import.meta.url),
  `// tariff-cli ${pkg.version} build ${createHash('sha256').update(cliText).digest('hex').slice(0, 16)} crc32 ${crc32(Buffer.from(cliText, 'latin1')).toString(16).padStart(8, '0')}\n${cliText}`,
);
await build({ ...common, stdin: { contents: "export * from 'zod';", resolveDir: root, loader: 'js' }, outfile: 'dist/zod.cjs', format: 'cjs' });
// dist/cli.js: the CLI as an ES module (the man page below is built from it)
writeFileSync(
  new URL('../dist/cli.js', import.meta.url),
  "// The CLI is dist/cli.cjs (one CommonJS file, see scripts/build.mjs); this is its ES module face.\nimport { createRequire } from 'node:module';\nconst cli = createRequire(import.meta.url)('./cli.cjs');\nexport const { main, buildProgram, manPageText } = cli;\n",
);

execFileSync(process.execPath, [fileURLToPath(new URL('../node_modules/typescript/bin/tsc', import.meta.url)), '-p', 'tsconfig.json'], {
  cwd: root,
  stdio: 'inherit',
});

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
