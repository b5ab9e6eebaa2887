#!/usr/bin/env node
/**
 * Batch throughput benchmark (npm run bench).
 *
 * Inputs: seeded shipment CSVs from bench/gen.mjs, cached in bench/out/ (git-ignored) and
 * regenerated when missing or when the HTS list in data/schedule.json changes. Sizes: 100,000 and
 * 1,000,000 rows, or BENCH_ROWS=comma,list.
 *
 * For each file, interleaved round-robin over REPS rounds (default 3, BENCH_REPS):
 *   cat          cat FILE > /dev/null
 *   miller       mlr --icsv --ocsv put '<DSL>' FILE > /dev/null
 *   floor        node bench/floor.mjs FILE > /dev/null   (a bare-Node loop with the DSL's arithmetic)
 *   tariff       node bin/tariff.js calc --input FILE --scenario geneva-30 --format csv > /dev/null
 *   tariff-auto  the same with --jobs auto (worker threads when the input is large and a core is free)
 *   tariff-j2    the same with --jobs 2
 * each under `/usr/bin/time -f '%M %U %S'` for peak RSS (kB) and CPU. Wall time is
 * process.hrtime.bigint() around the spawn. Reported: MEDIAN of the rounds for wall and CPU time,
 * MAX of the rounds for peak RSS. The file is read once with cat before timing, so every tool
 * starts with the input in the page cache.
 *
 * Miller's DSL computes the same figures as tariff does for a flat 30% duty, exact to the cent
 * (integer cents, half-up), for a fair comparison: duty = 30% of value, MPF = clamp(value ×
 * 0.3464%, 32.71, 634.62), HMF = value × 0.125% when mode is ocean, landed = value + freight +
 * insurance + duty + MPF + HMF. BENCH_MLR=float uses a plain float version instead (faster, off by
 * one cent on ~7% of rows).
 *
 * tariff exit codes 0 and 65 (some rows rejected) count as completed runs; anything else fails.
 * Differential check: on the largest file, tariff's output with the fast path is compared, byte
 * for byte (sha256), with its output without it (TARIFF_FAST_PATH=0: every row through the full
 * reader and pricer); a difference fails the benchmark.
 *
 *   tariff-entered: calc under the default scenario (as-entered: each row's own date), the law refund prices under
 *   refund, compare (--per-row, one scenario), timeline: the other commands that read shipments,
 *   timed against calc (refund also against tariff-entered) (timeline only on files of up to BENCH_TIMELINE_ROWS rows, default 100,000)
 * Env: BENCH_ROWS, BENCH_REPS, BENCH_SEED (default 42), BENCH_MLR=exact|float, BENCH_TIMELINE_ROWS,
 *      BENCH_TOOLS (default cat,miller,floor,tariff,tariff-auto,tariff-entered,refund,compare,timeline — BENCH_TOOLS=cat,miller runs without a build),
 *      BENCH_DIFF=0 skips the differential check.
 * Exit 1 when a run fails or the CLI is not built; otherwise 0 whatever the figures.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, existsSync, openSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import { join, relative } from 'node:path';
import { ROOT, envInt, fmtInt, fmtNum, median, requireBuiltCli, shq, table } from './common.mjs';
import { fingerprint, generate, htsCodes } from './gen.mjs';

const OUT_DIR = join(ROOT, 'bench', 'out');
const REPS = envInt('BENCH_REPS', 3);
const SEED = process.env.BENCH_SEED ? Number(process.env.BENCH_SEED) : 42;
const TIME = '/usr/bin/time';
const GOALS = { throughput: 4, stretch: 5, floor: 0.6, rssMB: 128, rssGrowth: 1.3, perCalc: 1.5, timelineS: 10 };
const TIMELINE_MAX_ROWS = envInt('BENCH_TIMELINE_ROWS', 100_000);

/** Miller DSL, exact: everything in integer cents, rounded half-up like a customs calculation. */
const MLR_EXACT = [
  'c = int(round($value * 100));',
  'd = (c * 30 + 50) // 100;',
  'm = min(max((c * 3464 + 500000) // 1000000, 3271), 63462);',
  'h = $mode == "ocean" ? (c * 125 + 50000) // 100000 : 0;',
  '$duty = fmtnum(d / 100, "%.2f");',
  '$mpf = fmtnum(m / 100, "%.2f");',
  '$hmf = fmtnum(h / 100, "%.2f");',
  '$landed = fmtnum((c + int(round($freight * 100)) + int(round($insurance * 100)) + d + m + h) / 100, "%.2f")',
].join(' ');
/** Miller DSL, binary floats: what a quick one-liner would do. */
const MLR_FLOAT = [
  'v = $value;',
  '$duty = fmtnum(v * 0.30, "%.2f");',
  '$mpf = fmtnum(min(max(v * 0.003464, 32.71), 634.62), "%.2f");',
  '$hmf = fmtnum($mode == "ocean" ? v * 0.00125 : 0, "%.2f");',
  '$landed = fmtnum(v + $freight + $insurance + $duty + $mpf + $hmf, "%.2f")',
].join(' ');

function fail(msg, code = 1) {
  console.error(`bench: ${msg}`);
  process.exit(code);
}

// ---------------------------------------------------------------- configuration
const rowCounts = (process.env.BENCH_ROWS || '100000,1000000').split(',').map((s) => {
  const n = Number(s.trim().replace(/_/g, ''));
  if (!Number.isSafeInteger(n) || n <= 0) fail(`BENCH_ROWS: "${s}" is not a positive integer`, 2);
  return n;
});
if (!Number.isSafeInteger(SEED)) fail(`BENCH_SEED=${process.env.BENCH_SEED} is not an integer`, 2);
const mlrVariant = process.env.BENCH_MLR || 'exact';
if (!['exact', 'float'].includes(mlrVariant)) fail(`BENCH_MLR must be "exact" or "float"`, 2);
const TOOLS = ['cat', 'miller', 'floor', 'tariff', 'tariff-auto', 'tariff-j2', 'tariff-entered', 'refund', 'compare', 'timeline'];
const tools = (process.env.BENCH_TOOLS || 'cat,miller,floor,tariff,tariff-auto,tariff-entered,refund,compare,timeline').split(',').map((s) => s.trim());
for (const t of tools) if (!TOOLS.includes(t)) fail(`BENCH_TOOLS: unknown tool "${t}" (${TOOLS.join(', ')})`, 2);

if (tools.some((t) => t.startsWith('tariff'))) requireBuiltCli();

// ---------------------------------------------------------------- environment
function capture(cmd, args) {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  return r.error || r.status !== 0 ? undefined : r.stdout.trim();
}
const nproc = capture('nproc', []) ?? String(os.availableParallelism());
const mlrVersion = capture('mlr', ['--version']);
const haveTime = existsSync(TIME);
console.log(`nproc ${nproc} (${os.cpus()[0]?.model ?? 'unknown CPU'}), node ${process.version}, ${mlrVersion ?? 'mlr not installed'}`);
if (!mlrVersion && tools.includes('miller')) console.log('miller not found: apt-get install miller (Debian package "miller")');
if (!haveTime) console.log(`${TIME} not found (Debian package "time"): peak RSS and CPU time not measured`);

// ---------------------------------------------------------------- inputs
mkdirSync(OUT_DIR, { recursive: true });
const { codes, source: codesSource } = htsCodes();

async function inputFile(rows) {
  const fp = fingerprint(rows, SEED, codes);
  const name = `shipments-${rows}-${fp}.csv`;
  const file = join(OUT_DIR, name);
  if (!existsSync(file)) {
    // Drop stale versions of this size (other seed / HTS list) so bench/out does not grow forever.
    for (const f of readdirSync(OUT_DIR)) {
      if (f.startsWith(`shipments-${rows}-`) && (f.endsWith('.csv') || f.endsWith('.tmp'))) unlinkSync(join(OUT_DIR, f));
    }
    const tmp = `${file}.${process.pid}.tmp`;
    const t0 = process.hrtime.bigint();
    await generate(tmp, rows, SEED, { codes, codesSource });
    renameSync(tmp, file);
    console.log(`generated ${relative(ROOT, file)} (${fmtNum(Number(process.hrtime.bigint() - t0) / 1e9, 1)} s)`);
  }
  return { rows, file, rel: relative(ROOT, file), bytes: statSync(file).size };
}

const inputs = [];
for (const rows of rowCounts) inputs.push(await inputFile(rows));
console.log(`inputs: seed ${SEED}, HTS codes from ${codesSource}`);

// ---------------------------------------------------------------- commands
function commandsFor(input) {
  const all = {
    cat: { tool: 'cat', cmd: 'cat', args: [input.rel], ok: [0] },
    miller: { tool: 'miller', cmd: 'mlr', args: ['--icsv', '--ocsv', 'put', mlrVariant === 'exact' ? MLR_EXACT : MLR_FLOAT, input.rel], ok: [0] },
    tariff: {
      tool: 'tariff',
      cmd: process.execPath,
      shown: 'node',
      args: ['bin/tariff.js', 'calc', '--input', input.rel, '--scenario', 'geneva-30', '--format', 'csv'],
      ok: [0, 65],
    },
    floor: { tool: 'floor', cmd: process.execPath, shown: 'node', args: ['bench/floor.mjs', input.rel], ok: [0] },
    'tariff-auto': {
      tool: 'tariff-auto',
      cmd: process.execPath,
      shown: 'node',
      args: ['bin/tariff.js', 'calc', '--input', input.rel, '--scenario', 'geneva-30', '--format', 'csv', '--jobs', 'auto'],
      ok: [0, 65],
    },
    // calc under the law of each row's own date (the default scenario, as-entered): the law refund
    // prices under, so refund's time is measured against it as well as against geneva-30's
    'tariff-entered': {
      tool: 'tariff-entered',
      cmd: process.execPath,
      shown: 'node',
      args: ['bin/tariff.js', 'calc', '--input', input.rel, '--format', 'csv'],
      ok: [0, 65],
    },
    // the other commands that read shipments, on the same engine, one thread: each against calc
    refund: {
      tool: 'refund',
      cmd: process.execPath,
      shown: 'node',
      args: ['bin/tariff.js', 'refund', '--input', input.rel, '--format', 'csv'],
      ok: [0, 65],
    },
    compare: {
      tool: 'compare',
      cmd: process.execPath,
      shown: 'node',
      args: ['bin/tariff.js', 'compare', '--input', input.rel, '--scenario', 'geneva-30', '--per-row', '--format', 'csv'],
      ok: [0, 65],
    },
    // every row on each date the law changes (~60): run on files of up to TIMELINE_MAX_ROWS rows
    timeline: {
      tool: 'timeline',
      cmd: process.execPath,
      shown: 'node',
      args: ['bin/tariff.js', 'timeline', '--input', input.rel, '--format', 'csv'],
      ok: [0, 65],
    },
    // the same with two worker threads (this machine's cores): faster, more memory
    'tariff-j2': {
      tool: 'tariff-j2',
      cmd: process.execPath,
      shown: 'node',
      args: ['bin/tariff.js', 'calc', '--input', input.rel, '--scenario', 'geneva-30', '--format', 'csv', '--jobs', '2'],
      ok: [0, 65],
    },
  };
  return tools.filter((t) => (t !== 'miller' || mlrVersion) && (t !== 'timeline' || input.rows <= TIMELINE_MAX_ROWS)).map((t) => all[t]);
}
const shown = (c) => `${[c.shown ?? c.cmd, ...c.args].map(shq).join(' ')} > /dev/null`;

console.log(`\ncommands (cwd ${ROOT}), Miller DSL variant: ${mlrVariant}`);
for (const c of commandsFor(inputs[0])) console.log(`  ${c.tool.padEnd(9)}  ${shown(c)}`);

// ---------------------------------------------------------------- measuring
const devNull = openSync('/dev/null', 'w');
const rssFile = join(OUT_DIR, `time-${process.pid}.tmp`);
let failures = 0;

function runOnce(c, input) {
  const errFile = join(OUT_DIR, `${c.tool}-${input.rows}.stderr.log`);
  const errFd = openSync(errFile, 'w');
  const argv = haveTime ? [TIME, '-f', '%M %U %S', '-o', rssFile, c.cmd, ...c.args] : [c.cmd, ...c.args];
  const t0 = process.hrtime.bigint();
  const r = spawnSync(argv[0], argv.slice(1), { cwd: ROOT, stdio: ['ignore', devNull, errFd] });
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  closeSync(errFd);
  let rssKB = NaN;
  let cpu = NaN;
  let signal = r.signal;
  if (haveTime && existsSync(rssFile)) {
    const lines = readFileSync(rssFile, 'utf8').trim().split('\n');
    const m = /^(\d+) ([\d.]+) ([\d.]+)$/.exec(lines.at(-1) ?? '');
    if (m) {
      rssKB = Number(m[1]);
      cpu = Number(m[2]) + Number(m[3]);
    }
    const sig = lines.map((l) => /terminated by signal (\d+)/.exec(l)).find(Boolean);
    if (sig) signal = `signal ${sig[1]}`;
    unlinkSync(rssFile);
  }
  const stderr = readFileSync(errFile, 'utf8');
  return { wall, rssKB, cpu, status: r.status, signal, error: r.error, stderr, errFile };
}

function tail(text, n) {
  return text
    .trimEnd()
    .split('\n')
    .slice(-n)
    .map((l) => `      ${l.length > 300 ? `${l.slice(0, 300)}…` : l}`)
    .join('\n');
}

const results = []; // { input, c, runs: [...] }
for (const input of inputs) {
  const cmds = commandsFor(input);
  spawnSync('cat', [input.file], { stdio: ['ignore', devNull, 'ignore'] }); // page cache
  console.log(`\n${fmtInt(input.rows)} rows, ${fmtNum(input.bytes / 1e6, 1)} MB: ${REPS} rounds of ${cmds.map((c) => c.tool).join(', ')}`);
  const res = cmds.map((c) => ({ input, c, runs: [], failed: false }));
  for (let rep = 0; rep < REPS; rep++) {
    for (const x of res) {
      if (x.failed) continue;
      const r = runOnce(x.c, input);
      x.runs.push(r);
      const completed = !r.error && !r.signal && x.c.ok.includes(r.status);
      if (!completed) {
        x.failed = true;
        failures++;
        const why = r.error ? r.error.message : r.signal ? `killed by ${r.signal}` : `exit code ${r.status}`;
        console.log(`  FAILED: ${x.c.tool} (${why}); stderr (${relative(ROOT, r.errFile)}):`);
        if (r.stderr.trim()) console.log(tail(r.stderr, 20));
      } else if (rep === 0 && (r.status !== 0 || r.stderr.trim())) {
        console.log(`  ${x.c.tool}: exit ${r.status}; stderr (last lines of ${relative(ROOT, r.errFile)}):`);
        console.log(tail(r.stderr, 5));
      }
    }
  }
  results.push(...res);
}
closeSync(devNull);

// ---------------------------------------------------------------- report
const summary = results.map((x) => {
  const ok = !x.failed && x.runs.length > 0;
  const wall = median(x.runs.map((r) => r.wall));
  return {
    ...x,
    ok,
    wall,
    rowsPerS: x.input.rows / wall,
    mbPerS: x.input.bytes / 1e6 / wall,
    cpu: median(x.runs.map((r) => r.cpu)),
    rssMB: Math.max(...x.runs.map((r) => r.rssKB)) / 1024,
    exits: [...new Set(x.runs.map((r) => r.status ?? r.signal))].join('/'),
  };
});

console.log(`\nwall = median of ${REPS} runs; peak RSS = max of ${REPS} runs (MiB = kB/1024); MB/s = input bytes/1e6 per second`);
console.log(
  table(
    ['rows', 'tool', 'wall s', 'min–max s', 'rows/s', 'MB/s', 'CPU s', 'peak RSS MB', 'exit'],
    summary.map((s) => [
      fmtInt(s.input.rows),
      s.c.tool,
      s.ok ? fmtNum(s.wall, 3) : 'FAILED',
      s.ok ? `${fmtNum(Math.min(...s.runs.map((r) => r.wall)), 3)}–${fmtNum(Math.max(...s.runs.map((r) => r.wall)), 3)}` : '—',
      s.ok ? fmtInt(s.rowsPerS) : '—',
      s.ok ? fmtNum(s.mbPerS, 1) : '—',
      s.ok ? fmtNum(s.cpu, 2) : '—',
      s.ok ? fmtNum(s.rssMB, 1) : '—',
      s.exits || '—',
    ]),
  ),
);

const find = (tool, rows) => summary.find((s) => s.c.tool === tool && s.input.rows === rows && s.ok);
const smallest = Math.min(...rowCounts);
const largest = Math.max(...rowCounts);
const verdict = (ok) => (ok ? 'met' : 'NOT met');

console.log('\ngoals');
if (!tools.includes('tariff')) {
  console.log('  (tariff not run: BENCH_TOOLS excludes it)');
} else {
  for (const rows of [...new Set(rowCounts)]) {
    const t = find('tariff', rows);
    const m = find('miller', rows);
    if (!t || !m) {
      console.log(`  throughput tariff ÷ miller @ ${fmtInt(rows)} rows: n/a (${!t ? 'tariff' : 'miller'} has no figure)`);
      continue;
    }
    const ratio = t.rowsPerS / m.rowsPerS;
    const stretch = ratio >= GOALS.stretch ? ', stretch met' : `, stretch ${GOALS.stretch}× not met`;
    console.log(
      `  throughput tariff ÷ miller @ ${fmtInt(rows)} rows: ${fmtNum(ratio, 2)}× (goal ≥ ${GOALS.throughput}×) — ${verdict(ratio >= GOALS.throughput)}${ratio >= GOALS.throughput ? stretch : ''}`,
    );
  }
  const big = find('tariff', largest);
  const small = find('tariff', smallest);
  const note = largest === 1_000_000 ? '' : ` [BENCH_ROWS: largest file is ${fmtInt(largest)} rows, not 1,000,000]`;
  if (big && Number.isFinite(big.rssMB)) {
    console.log(
      `  tariff peak RSS @ ${fmtInt(largest)} rows: ${fmtNum(big.rssMB, 1)} MB (goal ≤ ${GOALS.rssMB} MB) — ${verdict(big.rssMB <= GOALS.rssMB)}${note}`,
    );
  } else console.log(`  tariff peak RSS @ ${fmtInt(largest)} rows: n/a`);
  if (largest === smallest) {
    console.log('  RSS growth: n/a (needs two file sizes)');
  } else if (big && small && Number.isFinite(big.rssMB) && Number.isFinite(small.rssMB)) {
    const g = big.rssMB / small.rssMB;
    console.log(`  tariff RSS(${fmtInt(largest)}) ÷ RSS(${fmtInt(smallest)}): ${fmtNum(g, 2)} (goal ≤ ${GOALS.rssGrowth}) — ${verdict(g <= GOALS.rssGrowth)}`);
  } else console.log('  RSS growth: n/a');
}

for (const rows of [...new Set(rowCounts)]) {
  const t = find('tariff', rows);
  const f = find('floor', rows);
  if (t && f) {
    const ratio = t.rowsPerS / f.rowsPerS;
    console.log(
      `  throughput tariff ÷ bare-Node floor @ ${fmtInt(rows)} rows: ${fmtNum(ratio, 2)}× (goal ≥ ${GOALS.floor}×) — ${verdict(ratio >= GOALS.floor)}`,
    );
  }
}
for (const tool of ['tariff-auto', 'tariff-j2']) {
  if (!tools.includes(tool)) continue;
  for (const rows of [...new Set(rowCounts)]) {
    const t = find(tool, rows);
    const m = find('miller', rows);
    if (t && m) {
      const ratio = t.rowsPerS / m.rowsPerS;
      console.log(`  throughput ${tool} ÷ miller @ ${fmtInt(rows)} rows: ${fmtNum(ratio, 2)}×; peak RSS ${fmtNum(t.rssMB, 1)} MB`);
    }
  }
}

// refund and compare per scenario within 1.5× of calc's time on the same file; timeline under 10 s at 100,000 rows
for (const rows of [...new Set(rowCounts)]) {
  const calc = find('tariff', rows);
  for (const tool of ['refund', 'compare']) {
    const t = find(tool, rows);
    if (!t || !calc) continue;
    const ratio = t.wall / calc.wall;
    // compare runs calc's scenario (geneva-30); refund runs another (each row's own date), so its goal is judged below
    const goal =
      tool === 'compare' ? ` (goal ≤ ${GOALS.perCalc}×) — ${verdict(ratio <= GOALS.perCalc)}` : ' (calc under geneva-30, a dated scenario: for reference)';
    console.log(`  ${tool} ÷ calc wall time @ ${fmtInt(rows)} rows: ${fmtNum(ratio, 2)}×${goal}`);
  }
  // refund prices each row under the law of its entry date: the same scenario as calc's as-entered
  const entered = find('tariff-entered', rows);
  const rf = find('refund', rows);
  if (entered && rf) {
    const ratio = rf.wall / entered.wall;
    console.log(
      `  refund ÷ calc as-entered (same scenario) wall time @ ${fmtInt(rows)} rows: ${fmtNum(ratio, 2)}× (goal ≤ ${GOALS.perCalc}×) — ${verdict(ratio <= GOALS.perCalc)}`,
    );
  }
  const tl = find('timeline', rows);
  if (tl) {
    const goal = rows === 100_000 ? ` (goal < ${GOALS.timelineS} s at 100,000 rows) — ${verdict(tl.wall < GOALS.timelineS)}` : '';
    console.log(`  timeline @ ${fmtInt(rows)} rows: ${fmtNum(tl.wall, 1)} s${calc ? `, ${fmtNum(tl.wall / calc.wall, 1)}× calc` : ''}${goal}`);
  }
}

// ---------------------------------------------------------------- differential check
if (tools.includes('tariff') && process.env.BENCH_DIFF !== '0') {
  const input = inputs.find((i) => i.rows === largest);
  const digest = (env) => {
    const r = spawnSync(process.execPath, ['bin/tariff.js', 'calc', '--input', input.rel, '--scenario', 'geneva-30', '--format', 'csv'], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'ignore'],
      maxBuffer: 2 ** 31,
    });
    return {
      status: r.status,
      sha: createHash('sha256')
        .update(r.stdout ?? '')
        .digest('hex'),
      bytes: r.stdout?.length ?? 0,
    };
  };
  const fast = digest({});
  const full = digest({ TARIFF_FAST_PATH: '0' });
  const same = fast.status === full.status && fast.sha === full.sha;
  console.log(`
differential @ ${fmtInt(largest)} rows: fast path ${fast.sha.slice(0, 16)} (${fmtInt(fast.bytes)} bytes), full path ${full.sha.slice(0, 16)} (${fmtInt(full.bytes)} bytes) — ${same ? 'identical' : 'DIFFERENT'}`);
  if (!same) failures++;
}

if (failures > 0) {
  console.error(`\nbench: ${failures} command(s) failed`);
  process.exit(1);
}
