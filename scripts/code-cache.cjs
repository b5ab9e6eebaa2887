// Writes dist/cli.cjs.cache (run by scripts/build.mjs): compiles dist/cli.cjs the way bin/tariff.js
// does, runs one `tariff calc` for one shipment (the start-up that matters most: a script that
// prices shipments one at a time), then saves V8's code cache, which then holds the bytecode of
// every function that run compiled. The cache starts with the build id of dist/cli.cjs.
'use strict';
const { writeFileSync } = require('node:fs');
const { loadCli } = require('../bin/tariff.js');

const { cli, script, id, cache } = loadCli({ useCache: false });
if (id === null) throw new Error('dist/cli.cjs has no build id on its first line');
const argv = [process.execPath, 'tariff', 'calc', '--hts', '9503.00.00', '--origin', 'CN', '--value', '10000', '--mode', 'ocean', '--scenario', 'geneva-30'];
cli.main(argv).then(() => {
  if (process.exitCode) throw new Error(`the calc run for the code cache failed (exit ${process.exitCode})`);
  writeFileSync(cache, Buffer.concat([Buffer.from(id, 'latin1'), script.createCachedData()]));
});
