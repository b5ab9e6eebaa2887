// Writes dist/cli.cjs.cache (run by scripts/build.mjs): compiles dist/cli.cjs the way bin/tariff.js
// does, runs one `tariff calc` for one shipment (the start-up that matters most: a script that
// prices shipments one at a time), then saves V8's code cache, which then holds the bytecode of
// every function that run compiled. The cache starts with the header bin/tariff.js checks: the
// CRC-32 of the first line of the dist/cli.cjs it was made from (which names its build and the
// CRC-32 of the rest) and the CRC-32 of the bytecode.
'use strict';
const { writeFileSync } = require('node:fs');
const { crc32 } = require('node:zlib');
const { loadCli } = require('../bin/tariff.js');

const { cli, script, id, cache, header } = loadCli({ useCache: false });
if (id === null) throw new Error('dist/cli.cjs has no build id on its first line');
const argv = [process.execPath, 'tariff', 'calc', '--hts', '9503.00.00', '--origin', 'CN', '--value', '10000', '--mode', 'ocean', '--scenario', 'geneva-30'];
cli.main(argv).then(() => {
  if (process.exitCode) throw new Error(`the calc run for the code cache failed (exit ${process.exitCode})`);
  const data = script.createCachedData();
  writeFileSync(cache, Buffer.concat([header(crc32(data)), data]));
});
