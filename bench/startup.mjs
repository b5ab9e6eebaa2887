#!/usr/bin/env node
/**
 * Startup benchmark (npm run bench:startup).
 *
 * Times, in one process and interleaved round-robin (so machine noise hits every command alike):
 *   node -e ''
 *   node bin/tariff.js --version
 *   node bin/tariff.js calc --hts 9503.00.00 --origin CN --value 10000 --mode ocean --scenario geneva-30
 *   the same calc with the schedule pinned: --schedule data/schedule.json, and TARIFF_SCHEDULE=data/schedule.json
 *     (issue 22: within 1.2× of the bundled start-up, the same peak memory)
 * 3 warm-up rounds, then BENCH_RUNS rounds (default 30). Wall time of spawnSync, measured with
 * process.hrtime.bigint(); stdout/stderr are piped (captured, discarded).
 * Reports median and p90 (nearest rank), the ratio of each median to bare node's, and the peak RSS
 * of one extra run of each under /usr/bin/time (when it is installed).
 *
 * BENCH_COMPARE=DIR adds the same two commands run by the built checkout in DIR (DIR/bin/tariff.js),
 * in the same rounds: a before/after in one run, e.g. of a worktree of main.
 *
 * Exit 0 whatever the figures (it is a report); exit 1 if the CLI is not built or a command
 * exits non-zero (its stderr is printed).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ROOT, envInt, fmtNum, median, percentile, requireBuiltCli, shq, table } from './common.mjs';

const RUNS = envInt('BENCH_RUNS', 30);
const WARMUP = 3;
// the bar a release must meet, and the goal (issue: start-up of `tariff calc` for one shipment)
const BAR = 1.5;
const GOAL = 1.3;

requireBuiltCli();

const NODE = process.execPath;
const CALC = ['calc', '--hts', '9503.00.00', '--origin', 'CN', '--value', '10000', '--mode', 'ocean', '--scenario', 'geneva-30'];
const commands = [
  { name: "node -e ''", args: ['-e', ''] },
  { name: 'tariff --version', args: ['bin/tariff.js', '--version'] },
  { name: 'tariff calc', args: ['bin/tariff.js', ...CALC] },
  { name: 'calc --schedule', args: ['bin/tariff.js', ...CALC, '--schedule', 'data/schedule.json'] },
  { name: 'TARIFF_SCHEDULE', args: ['bin/tariff.js', ...CALC], env: { TARIFF_SCHEDULE: 'data/schedule.json' } },
];
const other = process.env.BENCH_COMPARE;
if (other) {
  const bin = join(resolve(other), 'bin', 'tariff.js');
  if (!existsSync(bin)) {
    console.error(`bench: BENCH_COMPARE: ${bin} not found`);
    process.exit(1);
  }
  commands.push({ name: 'compare --version', args: [bin, '--version'] }, { name: 'compare calc', args: [bin, ...CALC] });
}

function runOnce(cmd) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(NODE, cmd.args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 << 20, env: { ...process.env, ...cmd.env } });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.error || r.status !== 0) {
    const why = r.error ? r.error.message : r.signal ? `killed by ${r.signal}` : `exit code ${r.status}`;
    console.error(`bench: \`${display(cmd)}\` failed (${why})`);
    const err = r.stderr?.toString().trim();
    if (err) console.error(err);
    process.exit(1);
  }
  return { ms, stdout: r.stdout.toString() };
}

function display(cmd) {
  const env = Object.entries(cmd.env ?? {}).map(([k, v]) => `${k}=${shq(v)} `);
  return env.join('') + ['node', ...cmd.args].map(shq).join(' ');
}

const TIME = '/usr/bin/time';
/** Peak RSS in MB of one run under /usr/bin/time -f %M, or NaN without it. */
function peakMB(cmd) {
  if (!existsSync(TIME)) return Number.NaN;
  const out = join(tmpdir(), `tariff-startup-${process.pid}.time`);
  spawnSync(TIME, ['-f', '%M', '-o', out, NODE, ...cmd.args], { cwd: ROOT, stdio: 'ignore', env: { ...process.env, ...cmd.env } });
  try {
    return Number(readFileSync(out, 'utf8').trim().split('\n').at(-1)) / 1024;
  } catch {
    return Number.NaN;
  } finally {
    rmSync(out, { force: true });
  }
}

console.log(`node ${process.version}, ${RUNS} runs + ${WARMUP} warm-up per command, round-robin, cwd ${ROOT}`);
for (const c of commands) console.log(`  ${c.name.padEnd(17)} = ${display(c)}`);

const first = [];
for (let i = 0; i < WARMUP; i++) {
  for (const [k, c] of commands.entries()) {
    const { stdout } = runOnce(c);
    first[k] ??= stdout;
  }
}
console.log(`  --version prints: ${first[1].trim().split('\n')[0] ?? ''}`);

const times = commands.map(() => []);
for (let i = 0; i < RUNS; i++) {
  for (const [k, c] of commands.entries()) times[k].push(runOnce(c).ms);
}

const base = median(times[0]);
const rows = commands.map((c, k) => {
  const med = median(times[k]);
  return [c.name, fmtNum(med, 1), fmtNum(percentile(times[k], 90), 1), `${fmtNum(med / base, 2)}×`, fmtNum(peakMB(c), 1)];
});
console.log();
console.log(table(['command', 'median ms', 'p90 ms', 'ratio to node', 'peak RSS MB'], rows));
const pinned = Math.max(median(times[3]), median(times[4])) / median(times[2]);
console.log(
  `pinned schedule (--schedule / TARIFF_SCHEDULE data/schedule.json): ${fmtNum(pinned, 2)}× the bundled calc — ${pinned <= 1.2 ? 'within' : 'NOT within'} 1.2×`,
);
const calcRatio = median(times[2]) / base;
if (other) console.log(`compare = ${resolve(other)}`);
console.log();
console.log(
  `bar: calc ≤ ${BAR}× node — ${calcRatio <= BAR ? 'met' : 'NOT met'}; goal ≤ ${GOAL}× — ${calcRatio <= GOAL ? 'met' : 'not met'} (${fmtNum(calcRatio, 2)}×)`,
);
