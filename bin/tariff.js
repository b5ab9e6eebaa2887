#!/usr/bin/env node
// The CLI lives in dist/ (built by `npm ci` through the prepare script).
import('../dist/cli.js').then((cli) => cli.main(process.argv));
