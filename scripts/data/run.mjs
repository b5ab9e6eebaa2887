// `npm run data [-- --check]`: compile the TypeScript data build with esbuild, then run it.
import { build } from 'esbuild';
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const outdir = `${root}node_modules/.cache/tariff-data`;
mkdirSync(outdir, { recursive: true });
const outfile = `${outdir}/build.mjs`;
const bundle = await build({
  absWorkingDir: root,
  entryPoints: ['scripts/data/build.ts'],
  outfile,
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning',
  metafile: true,
});
// the modules of src/ the build bundles are inputs of the data too (data/inputs.json)
const srcModules = Object.keys(bundle.metafile.inputs)
  .filter((f) => f.startsWith('src/'))
  .sort();
writeFileSync(`${outdir}/src-modules.json`, JSON.stringify(srcModules));
process.argv.splice(2, 0); // arguments pass through to the build
await import(pathToFileURL(outfile).href);
