// Build: bundle the CLI and the library with esbuild, emit type declarations with tsc, then
// validate the bundled schedule with the schemas just built (the CLI trusts it at run time).
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

// cli-table3 requires @colors/colors only to colour heads and borders, which we never ask it to do
// (we colour with chalk); a stub keeps 70 kB of unused code out of every start.
const noColorsPackage = {
  name: 'no-colors-package',
  setup(b) {
    b.onResolve({ filter: /^@colors\/colors/ }, () => ({ path: 'colors-stub', namespace: 'stub' }));
    b.onLoad({ filter: /^colors-stub$/, namespace: 'stub' }, () => ({ contents: 'module.exports = new Proxy(function (s) { return s; }, { get: (t) => t });', loader: 'js' }));
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

rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: { cli: 'src/cli/main.ts', index: 'src/index.ts', 'batch-worker': 'src/batch/worker.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  chunkNames: 'chunks/[name]-[hash]',
  define: { __VERSION__: JSON.stringify(pkg.version) },
  // CommonJS dependencies (cli-table3) need `require` inside an ES module bundle
  banner: { js: "import { createRequire as __tariffCreateRequire } from 'node:module'; const require = __tariffCreateRequire(import.meta.url);" },
  logLevel: 'warning',
  legalComments: 'none',
  plugins: [noColorsPackage, lazyChildProcess],
});

execFileSync(process.execPath, [fileURLToPath(new URL('../node_modules/typescript/bin/tsc', import.meta.url)), '-p', 'tsconfig.json'], {
  cwd: root,
  stdio: 'inherit',
});

// the man page, from the help of the program just built (shipped in the package: `man tariff`)
const { manPageText } = await import(new URL('../dist/cli.js', import.meta.url));
mkdirSync(new URL('../man', import.meta.url), { recursive: true });
writeFileSync(new URL('../man/tariff.1', import.meta.url), await manPageText());

const { loadSchedule } = await import(new URL('../dist/index.js', import.meta.url));
try {
  const s = await loadSchedule(fileURLToPath(new URL('../data/schedule.json', import.meta.url)));
  console.log(`built tariff-cli ${pkg.version}; bundled schedule ${s.meta.version} valid (${s.lines.length} lines, ${s.measures.length} measures)`);
} catch (e) {
  console.error(`the bundled schedule data/schedule.json is invalid:\n${e.message}\n  ${(e.details ?? []).join('\n  ')}`);
  process.exit(1);
}
