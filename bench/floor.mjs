#!/usr/bin/env node
/**
 * The bare-Node floor of the batch benchmark: what a hand-written loop costs that does the flat
 * arithmetic of the Miller DSL (bench/batch.mjs) and nothing else — no schedule, no validation,
 * no audit trail. Integer cents, half-up: duty = 30% of value, MPF = clamp(value × 0.3464%,
 * 32.71, 634.62), HMF = value × 0.125% when the mode is ocean, landed = value + freight +
 * insurance + duty + MPF + HMF.
 *
 *   node bench/floor.mjs FILE > out.csv
 *
 * Reads the seeded file of bench/gen.mjs (its money columns come before the one quoted column,
 * so cutting at the first eight commas is enough) in 1 MB chunks and writes each line with the
 * four figures appended, waiting for stdout to drain.
 */
import { createReadStream } from 'node:fs';

const file = process.argv[2];
if (!file) {
  console.error('usage: node bench/floor.mjs FILE');
  process.exit(2);
}

/** "123.45" or "123" at text[a, b) → cents */
function cents(text, a, b) {
  let v = 0;
  let dec = -1;
  for (let i = a; i < b; i++) {
    const c = text.charCodeAt(i);
    if (c === 46) dec = 0;
    else {
      v = v * 10 + (c - 48);
      if (dec >= 0) dec++;
    }
  }
  if (dec < 0) return v * 100;
  return dec === 1 ? v * 10 : v;
}

const money = (c) => `${Math.floor(c / 100)}.${String(c % 100).padStart(2, '0')}`;

let rest = '';
let header = true;
let out = '';
const stream = createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 });
for await (const chunk of stream) {
  const text = rest + chunk;
  let pos = 0;
  for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', pos)) {
    if (header) {
      out += `${text.slice(pos, nl)},duty,mpf,hmf,landed\n`;
      header = false;
      pos = nl + 1;
      continue;
    }
    // id,hts,origin,value,freight,insurance,mode,date,description
    const c1 = text.indexOf(',', pos);
    const c2 = text.indexOf(',', c1 + 1);
    const c3 = text.indexOf(',', c2 + 1);
    const c4 = text.indexOf(',', c3 + 1);
    const c5 = text.indexOf(',', c4 + 1);
    const c6 = text.indexOf(',', c5 + 1);
    const c7 = text.indexOf(',', c6 + 1);
    const v = cents(text, c3 + 1, c4);
    const f = cents(text, c4 + 1, c5);
    const ins = cents(text, c5 + 1, c6);
    const ocean = c7 - c6 === 6 && text.startsWith('ocean', c6 + 1);
    const d = Math.floor((v * 30 + 50) / 100);
    const m = Math.min(Math.max(Math.floor((v * 3464 + 500000) / 1000000), 3271), 63462);
    const h = ocean ? Math.floor((v * 125 + 50000) / 100000) : 0;
    out += `${text.slice(pos, nl)},${money(d)},${money(m)},${money(h)},${money(v + f + ins + d + m + h)}\n`;
    pos = nl + 1;
  }
  rest = text.slice(pos);
  if (!process.stdout.write(out)) await new Promise((r) => process.stdout.once('drain', r));
  out = '';
}
