/**
 * The exit-code contract, end to end: every command of the built CLI against every failure class
 * (README "Exit codes"). For each case: the documented code, nothing on stdout when the run
 * fails (no partial garbage), a short stderr and no stack trace — except with --debug on an
 * internal error, which must show one.
 *
 * Commands: those `tariff --help` listed when this was written have a table of cases each; any
 * command added later gets the generic part of the contract (last describe block).
 *
 * Internal errors (70) are produced without touching src/: the child runs with
 * `NODE_OPTIONS=--import <preload>` where the preload makes `process.stdout.write` throw (or, for a
 * batch written with -o, the Nth TextDecoder.decode), i.e. a bug surfacing in the middle of a
 * command. Every command writes its result through stdout.write.
 *
 * "Unreadable file" means a file that exists (stat succeeds) but cannot be opened: mode 000. When
 * the tests run as root (which reads anything) the CLI is run as uid/gid 65534 (nobody) instead.
 * A file that opens but fails while being read (EIO) is Linux's /proc/self/mem.
 *
 * Most cases run in ONE child process (test/cli-runner.ts: the built CLI's main() once per case,
 * stdout/stderr captured, process.exitCode read); the internal error there is the same fault, a
 * throwing process.stdout.write, installed by the runner. One case per exit code of the table, the
 * --debug block's first command and the tests that need a real process (the NODE_OPTIONS preload,
 * commander's own exits for `schedule` and `help bogus`, the stack trace of a --debug usage error)
 * spawn `node bin/tariff.js` as before. The -o, TARIFF_TODAY (read on each run) and
 * scenario-reference tests run in the runner process of the test file (test/cli-runner.ts runIn),
 * in order, so a file one run writes is there for the next.
 * TARIFF_TEST_SPAWN_ALL=1 also spawns every in-process case and requires the same result.
 *
 * Cases marked `defect` (and `it.fails` tests) are DEFECTs of the product, open at the time of
 * writing: they pass while the defect is there; flip them when it is fixed.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/io/csv.js';
import { type CliCase, comparable, RUNNER_CHILD, runIn, runMany, SPAWN_ALL } from '../cli-runner.js';
import { cleanEnv, FIXTURE, ROOT, run, type RunResult } from '../helpers.js';

/** A stack frame line, as node prints them: "    at fn (file.js:12:34)" or "    at file.js:12:34". */
const STACK = /^\s+at .+:\d+:\d+\)?$/m;
/** Usage and data errors are one message plus a hint or two. */
const MAX_STDERR_LINES = 5;

const dir = mkdtempSync(join(tmpdir(), 'tariff-exit-'));
// others (uid 65534 below) may enter the directory: stat of the unreadable file must succeed
chmodSync(dir, 0o755);
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string | Buffer, mode?: number): string => {
  const f = join(dir, name);
  writeFileSync(f, text);
  if (mode !== undefined) chmodSync(f, mode);
  return f;
};

const fixture = (): any => JSON.parse(readFileSync(FIXTURE, 'utf8'));
const badSchedule = (() => {
  const s = fixture();
  s.measures[2].rate.adValorem = '25'; // one problem: not a percent string
  return file('bad-schedule.json', JSON.stringify(s, null, 2));
})();
const F = {
  good: file('good.csv', 'id,hts,origin,value\nA1,9503.00.00,CN,100\nA2,9503.00.00,CN,200\n'),
  header: file('header.csv', 'hts,origin,value\n'),
  emptyCsv: file('empty.csv', ''),
  emptyJson: file('empty.json', ''),
  dir: (() => {
    const d = join(dir, 'a-directory');
    mkdirSync(d);
    return d;
  })(),
  missing: join(dir, 'does-not-exist.csv'),
  unreadableCsv: file('unreadable.csv', 'hts,origin,value\n9503.00.00,CN,100\n', 0o000),
  unreadableJson: file('unreadable.json', readFileSync(FIXTURE, 'utf8'), 0o000),
  badSchedule,
  syntaxSchedule: file('syntax-schedule.json', '{\n  "schemaVersion": 1,\n  "meta": }\n'),
  brokenOverlay: file('broken-overlay.json', '{ "schemaVersion": 1, "scenarios": [ { "id": "x", } ] }'),
  invalidOverlay: file(
    'invalid-overlay.json',
    JSON.stringify({ schemaVersion: 1, scenarios: [{ id: 'Bad Id', title: 't', description: '', asOf: '2025-13-01' }] }),
  ),
  fault: file('fault.mjs', "process.stdout.write = function () { throw new Error('injected fault: stdout.write'); };\n"),
  // the Nth decode of input bytes throws: a bug in the middle of a batch, whatever the output is
  // (node's module loader decodes module sources too: those are not counted, so the count does not
  // depend on how the bundle is split into chunks)
  decodeFault: file(
    'decode-fault.mjs',
    // node's ES module loader decodes module sources with TextDecoder too: those calls are not counted,
    // so the fault lands on the batch's own decodes however many modules the CLI loads first
    'let n = 0; const after = Number(process.env.FAULT_AFTER ?? 1); const d = TextDecoder.prototype.decode;\n' +
      "TextDecoder.prototype.decode = function (...a) { if (!new Error().stack.includes('node:internal/modules') && ++n > after) throw new Error('injected fault: decode'); return d.apply(this, a); };\n",
  ),
  row: (name: string, row: string) => file(`${name}.csv`, `id,hts,origin,value\nok1,9503.00.00,CN,100\n${row}\nok2,9503.00.00,CN,300\n`),
  entries: file('entries.csv', 'id,hts,origin,value,date\nE1,9503.00.00,CN,100,2025-05-20\nE2,9503.00.00,CN,300,2025-05-20\n'),
  entriesHeader: file('entries-header.csv', 'id,hts,origin,value,date\n'),
  entry: (name: string, row: string) =>
    file(`${name}.csv`, `id,hts,origin,value,date\nok1,9503.00.00,CN,100,2025-05-20\n${row}\nok2,9503.00.00,CN,300,2025-05-20\n`),
};
const FAULT_ENV = { NODE_OPTIONS: `--import=${pathToFileURL(F.fault).href}` };
const DECODE_FAULT_ENV = (after: number) => ({ NODE_OPTIONS: `--import=${pathToFileURL(F.decodeFault).href}`, FAULT_AFTER: String(after) });

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

/**
 * A copy of the built CLI that the unprivileged user can reach: the checkout may sit under a
 * private (mode 700) folder, such as a home directory, that uid 65534 cannot enter.
 */
let reachableCopy: string | null = null;
afterAll(() => {
  if (reachableCopy !== null) rmSync(reachableCopy, { recursive: true, force: true });
});
function reachableCli(): { bin: string; cwd: string } {
  if (reachableCopy === null) {
    const copy = mkdtempSync(join(tmpdir(), 'tariff-cli-copy-'));
    for (const part of ['bin', 'dist', 'package.json', join('data', 'schedule.json')]) cpSync(join(ROOT, part), join(copy, part), { recursive: true });
    // every folder of the copy readable and enterable by others, as a fresh clone in /tmp would be
    const open = (d: string): void => {
      chmodSync(d, 0o755);
      for (const e of readdirSync(d, { withFileTypes: true })) {
        if (e.isDirectory()) open(join(d, e.name));
        else chmodSync(join(d, e.name), 0o644);
      }
    };
    open(copy);
    reachableCopy = copy;
  }
  return { bin: join(reachableCopy, 'bin', 'tariff.js'), cwd: reachableCopy };
}

/** run(), optionally as an unprivileged user (so that mode 000 means unreadable even under root). */
function runCli(args: string[], opts: { env?: Record<string, string>; input?: string; unprivileged?: boolean } = {}): RunResult {
  if (!opts.unprivileged || !isRoot) return run(args, opts);
  const cli = reachableCli();
  const r = spawnSync(process.execPath, [cli.bin, ...args], {
    cwd: cli.cwd,
    input: opts.input ?? '',
    encoding: 'utf8',
    env: cleanEnv(opts.env),
    uid: 65534,
    gid: 65534,
  });
  return { exitCode: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

interface Case {
  /** failure class (the list) */
  cls: string;
  args: string[];
  code: number;
  /** what stderr must say */
  err?: RegExp;
  /** stdout expectation when the run legitimately prints something (default: empty unless code 0) */
  stdout?: (out: string) => void;
  env?: Record<string, string>;
  unprivileged?: boolean;
  /** stderr may be longer (one line per schedule problem) */
  maxLines?: number;
  /** DEFECT: the case fails today; see the comment at the case */
  defect?: string;
}

/** The case as the in-process runner takes it: the stdout.write fault of FAULT_ENV installed by the runner. */
function asCliCase(c: { args: string[]; env?: Record<string, string> }): CliCase {
  if (c.env === FAULT_ENV) return { args: c.args, fault: 'stdout' };
  if (c.env?.NODE_OPTIONS !== undefined) throw new Error(`${c.args.join(' ')}: a NODE_OPTIONS preload needs a spawned run`);
  return c.env ? { args: c.args, env: c.env } : { args: c.args };
}

/** runMany, as the unprivileged user when the case needs it (see runCli). */
function runManyAs(cases: readonly CliCase[], unprivileged: boolean): RunResult[] {
  if (!unprivileged || !isRoot) return runMany(cases);
  const cli = reachableCli();
  const child = join(cli.cwd, 'cli-runner-child.cjs');
  if (!existsSync(child)) {
    cpSync(RUNNER_CHILD, child);
    chmodSync(child, 0o644);
  }
  return runMany(cases, { bin: cli.bin, child, cwd: cli.cwd, uid: 65534, gid: 65534 });
}

/** Runs in one process each (privileged, unprivileged) the cases given, on first use; the results by case. */
function lazyBatch<C extends { args: string[]; env?: Record<string, string>; unprivileged?: boolean }>(cases: () => C[]): (c: C) => RunResult {
  let results: Map<C, RunResult> | null = null;
  return (c) => {
    if (results === null) {
      results = new Map();
      const all = cases();
      for (const unprivileged of [false, true]) {
        const part = all.filter((x) => Boolean(x.unprivileged) === unprivileged);
        const rs = runManyAs(part.map(asCliCase), unprivileged);
        part.forEach((x, i) => {
          results?.set(x, rs[i] as RunResult);
        });
      }
    }
    const r = results.get(c);
    if (r === undefined) throw new Error(`not in the batch: ${c.args.join(' ')}`);
    if (SPAWN_ALL) expect(comparable(r), `in process vs spawned: ${c.args.join(' ')}`).toEqual(comparable(runCli(c.args, c)));
    return r;
  };
}

/** The table's cases that spawn `node bin/tariff.js`: the first of each exit code (set below). */
const SPAWNED = new Set<Case>();
let tableResult: (c: Case) => RunResult = () => {
  throw new Error('the table is not complete yet');
};

function check(c: Case): void {
  checkResult(c, SPAWNED.has(c) ? runCli(c.args, c) : tableResult(c));
}

function checkResult(c: Case, r: RunResult): void {
  expect(r.exitCode, `exit code; stderr: ${r.stderr}`).toBe(c.code);
  if (c.stdout) c.stdout(r.stdout);
  else if (c.code !== 0) expect(r.stdout).toBe('');
  expect(r.stderr).not.toMatch(STACK);
  expect(r.stderr.trimEnd().split('\n').length, r.stderr).toBeLessThanOrEqual(c.maxLines ?? MAX_STDERR_LINES);
  if (c.err) expect(r.stderr).toMatch(c.err);
}

/** Header + only the rows that priced: the priced ids, no half-written record. */
const pricedIds =
  (ids: string[], header = ['id', 'hts', 'origin', 'value', 'customs_value']) =>
  (out: string) => {
    const rows = parseCsv(out);
    expect(rows[0]?.fields.slice(0, header.length)).toEqual(header);
    expect(rows.slice(1).map((r) => r.fields[0])).toEqual(ids);
    for (const r of rows) expect(r.error).toBeUndefined();
  };

const SHIP = ['--hts', '9503.00.00', '--origin', 'CN', '--value', '10000', '--mode', 'ocean'];
const with_ = (base: string[], flag: string, value: string): string[] => {
  const out = [...base];
  const i = out.indexOf(flag);
  if (i >= 0) out[i + 1] = value;
  else out.push(flag, value);
  return out;
};
const without = (base: string[], flag: string): string[] => {
  const i = base.indexOf(flag);
  return i < 0 ? base : [...base.slice(0, i), ...base.slice(i + 2)];
};

/** Failure classes every command that loads a schedule shares. */
function scheduleCases(base: string[]): Case[] {
  return [
    {
      cls: 'unreadable file (--schedule)',
      args: [...base, '--schedule', F.unreadableJson],
      code: 66,
      err: /cannot read the schedule file/,
      unprivileged: true,
    },
    {
      cls: 'unreadable file (--scenario-file)',
      args: [...base, '--scenario-file', F.unreadableJson],
      code: 66,
      err: /cannot read the scenario file/,
      unprivileged: true,
    },
    { cls: 'missing file (--schedule)', args: [...base, '--schedule', F.missing], code: 66, err: /ENOENT/ },
    { cls: 'directory instead of file (--schedule)', args: [...base, '--schedule', F.dir], code: 66, err: /is a directory/ },
    { cls: 'directory instead of file (--scenario-file)', args: [...base, '--scenario-file', F.dir], code: 66, err: /is a directory/ },
    { cls: 'empty file (--schedule)', args: [...base, '--schedule', F.emptyJson], code: 78, err: /not valid JSON/ },
    { cls: 'empty file (--scenario-file)', args: [...base, '--scenario-file', F.emptyJson], code: 78, err: /not valid JSON/ },
    {
      cls: 'invalid schedule',
      args: [...base, '--schedule', F.badSchedule],
      code: 78,
      err: /invalid schedule: 1 problem[\s\S]*\$\.measures\[2\]\.rate\.adValorem/,
    },
    { cls: 'invalid schedule (JSON syntax)', args: [...base, '--schedule', F.syntaxSchedule], code: 78, err: /syntax-schedule\.json:3:\d+: not valid JSON/ },
    { cls: 'invalid overlay (JSON syntax)', args: [...base, '--scenario-file', F.brokenOverlay], code: 78, err: /broken-overlay\.json:1:\d+: not valid JSON/ },
    { cls: 'invalid overlay (schema)', args: [...base, '--scenario-file', F.invalidOverlay], code: 78, err: /invalid scenario file/ },
    {
      cls: 'internal error',
      args: base,
      code: 70,
      env: FAULT_ENV,
      err: /^tariff: internal error: injected fault: stdout.write\nthis is a bug in tariff; run again with --debug/m,
    },
  ];
}

/**
 * The commands that load their schedule through the one run setup (src/schedule/prepare-run.ts) as
 * calc does: calc carries every class above; these carry one of each kind of failure (file, schema,
 * overlay) and their own internal error, so a command that stopped using the shared setup is caught.
 */
function scheduleCasesShared(base: string[]): Case[] {
  const keep = new Set(['missing file (--schedule)', 'invalid schedule', 'invalid overlay (schema)', 'internal error']);
  return scheduleCases(base).filter((c) => keep.has(c.cls));
}

const CALC = ['calc', ...SHIP, '--scenario', 'geneva-30'];
const BATCH = ['calc', '--input', F.good, '--scenario', 'geneva-30'];
const COMPARE = ['compare', ...SHIP, '--scenario', 'geneva-30,peak-145'];
const COMPARE_BATCH = ['compare', '--input', F.good, '--scenario', 'geneva-30,peak-145'];

const TIMELINE = ['timeline', ...SHIP, '--to', '2025-12-31'];
const SWEEP = ['sweep', ...SHIP, '--scenario', 'geneva-30', '--vary', 'ieepa-reciprocal=0..50%:10'];
const REFUND = ['refund', '--input', F.entries, '--format', 'csv'];
const refundIds = (ids: string[]) => pricedIds(ids, ['id', 'hts', 'origin', 'value', 'date', 'status']);

const TABLE: Record<string, Case[]> = {
  'calc (one shipment)': [
    { cls: 'ok', args: CALC, code: 0, stdout: (o) => expect(o).toContain('$13,047.14') },
    { cls: 'unknown flag', args: [...CALC, '--bogus'], code: 2, err: /unknown option '--bogus'/ },
    { cls: 'unknown flag (near miss)', args: [...CALC, '--scenarios', 'x'], code: 2, err: /unknown option '--scenarios'[\s\S]*--scenario/ },
    { cls: 'unknown scenario', args: with_(CALC, '--scenario', 'geneva-31'), code: 2, err: /unknown scenario "geneva-31"[\s\S]*geneva-30/ },
    // issue 13: calc takes a positional input file, so a second one is the extra argument
    { cls: 'extra argument', args: ['calc', 'one.csv', 'two.csv'], code: 2, err: /too many arguments/ },
    { cls: 'a file and --hts/--value', args: ['calc', 'extra', ...SHIP], code: 2, err: /a file of shipments and --hts\/--value/ },
    { cls: 'missing required flag (--hts)', args: without(CALC, '--hts'), code: 2, err: /missing --hts/ },
    { cls: 'missing required flag (--origin)', args: without(CALC, '--origin'), code: 2, err: /missing --origin/ },
    { cls: 'missing flag argument', args: [...without(CALC, '--value'), '--value'], code: 2, err: /argument missing/ },
    { cls: 'invalid choice (--mode)', args: with_(CALC, '--mode', 'boat'), code: 2, err: /Allowed choices/ },
    { cls: 'malformed number (--value)', args: with_(CALC, '--value', '12,5O0'), code: 2, err: /--value "12,5O0" is not a decimal number/ },
    { cls: 'malformed number (--freight)', args: [...CALC, '--freight', '1e3'], code: 2, err: /--freight "1e3" is not a plain decimal/ },
    { cls: 'malformed number (--qty)', args: [...CALC, '--qty', 'many'], code: 2, err: /--qty "many"/ },
    { cls: 'negative value', args: with_(CALC, '--value', '-5'), code: 2, err: /must not be negative/ },
    { cls: 'negative value (--insurance)', args: [...CALC, '--insurance', '-0.01'], code: 2, err: /--insurance "-0\.01" must not be negative/ },
    { cls: 'unknown country', args: with_(CALC, '--origin', 'XX'), code: 2, err: /--origin "XX" is not an ISO 3166-1 country code/ },
    { cls: 'bad HTS', args: with_(CALC, '--hts', '95A3'), code: 2, err: /--hts "95A3" is not an HTS code/ },
    { cls: 'HTS not in the schedule', args: with_(CALC, '--hts', '0000.00.00'), code: 65, err: /not in the US schedule/ },
    ...scheduleCases(CALC),
  ],
  'calc (batch)': [
    { cls: 'ok', args: BATCH, code: 0, stdout: pricedIds(['A1', 'A2']) },
    { cls: 'unknown flag', args: [...BATCH, '--bogus'], code: 2, err: /unknown option '--bogus'/ },
    { cls: 'unknown scenario', args: with_(BATCH, '--scenario', 'nope'), code: 2, err: /unknown scenario "nope"/ },
    { cls: 'missing flag argument (--input)', args: ['calc', '--scenario', 'geneva-30', '--input'], code: 2, err: /argument missing/ },
    { cls: 'invalid --format for a batch', args: [...BATCH, '--format', 'yaml'], code: 2 },
    { cls: 'missing required column', args: with_(BATCH, '--input', file('no-hts.csv', 'origin,value\nCN,1\n')), code: 65, err: /no hts column/ },
    {
      cls: 'malformed number (row)',
      args: with_(BATCH, '--input', F.row('malformed', 'bad,9503.00.00,CN,"12,5O0"')),
      code: 65,
      err: /malformed\.csv:3: value "12,5O0" is not a decimal number/,
      stdout: pricedIds(['ok1', 'ok2']),
    },
    {
      cls: 'negative value (row)',
      args: with_(BATCH, '--input', F.row('negative', 'bad,9503.00.00,CN,-1')),
      code: 65,
      err: /negative\.csv:3: value "-1" must not be negative/,
      stdout: pricedIds(['ok1', 'ok2']),
    },
    {
      cls: 'unknown country (row)',
      args: with_(BATCH, '--input', F.row('country', 'bad,9503.00.00,XX,1')),
      code: 65,
      err: /country\.csv:3: origin "XX"/,
      stdout: pricedIds(['ok1', 'ok2']),
    },
    {
      cls: 'bad HTS (row)',
      args: with_(BATCH, '--input', F.row('hts', 'bad,95A3,CN,1')),
      code: 65,
      err: /hts\.csv:3: hts "95A3" is not an HTS code/,
      stdout: pricedIds(['ok1', 'ok2']),
    },
    {
      cls: 'bad row with --strict -o: no output at all',
      args: [...with_(BATCH, '--input', F.row('strict', 'bad,95A3,CN,1')), '--strict', '-o', join(dir, 'strict-out.csv')],
      code: 65,
      err: /strict\.csv:3:/,
    },
    {
      cls: 'unreadable file (--input)',
      args: with_(BATCH, '--input', F.unreadableCsv),
      code: 66,
      err: /cannot read the input file/,
      unprivileged: true,
      // was a DEFECT (exit 70: the open error arrived later from the read stream), fixed in 943e102
    },
    {
      cls: 'missing file (--input)',
      args: with_(BATCH, '--input', F.missing),
      code: 66,
      err: /cannot read the input file \(no such file or folder \(ENOENT\)\)/,
    },
    { cls: 'directory instead of file (--input)', args: with_(BATCH, '--input', F.dir), code: 66, err: /is a directory/ },
    { cls: 'empty file', args: with_(BATCH, '--input', F.emptyCsv), code: 65, err: /the input is empty/ },
    { cls: 'empty stdin', args: ['calc', '--scenario', 'geneva-30'], code: 65, err: /stdin: the input is empty/ },
    {
      cls: 'CSV with only a header (exit 0, warning)',
      args: with_(BATCH, '--input', F.header),
      code: 0,
      err: /warning: .*header\.csv has a header but no data rows/,
      stdout: (o) => expect(parseCsv(o).map((r) => r.fields.slice(0, 4))).toEqual([['hts', 'origin', 'value', 'customs_value']]),
    },
    ...scheduleCases(BATCH),
  ],
  scenarios: [
    { cls: 'ok', args: ['scenarios'], code: 0, stdout: (o) => expect(o).toContain('geneva-30') },
    { cls: 'unknown flag', args: ['scenarios', '--bogus'], code: 2, err: /unknown option '--bogus'/ },
    { cls: 'unknown flag (--scenario is not an option here)', args: ['scenarios', '--scenario', 'geneva-30'], code: 2, err: /unknown option '--scenario'/ },
    { cls: 'extra argument', args: ['scenarios', 'geneva-30'], code: 2, err: /too many arguments/ },
    { cls: 'missing flag argument', args: ['scenarios', '--format'], code: 2, err: /argument missing/ },
    { cls: 'invalid choice (--format)', args: ['scenarios', '--format', 'xml'], code: 2, err: /Allowed choices are table, json/ },
    ...scheduleCases(['scenarios']),
  ],
  'schedule check': [
    { cls: 'ok', args: ['schedule', 'check', FIXTURE], code: 0, stdout: (o) => expect(o).toMatch(/^ok /) },
    { cls: 'unknown flag', args: ['schedule', 'check', FIXTURE, '--bogus'], code: 2, err: /unknown option '--bogus'/ },
    { cls: 'unknown command', args: ['schedule', 'bogus'], code: 2, err: /unknown command 'bogus'/ },
    { cls: 'missing required argument', args: ['schedule', 'check'], code: 2, err: /missing required argument 'file'/ },
    { cls: 'extra argument', args: ['schedule', 'check', FIXTURE, FIXTURE], code: 2, err: /too many arguments/ },
    { cls: 'unreadable file', args: ['schedule', 'check', F.unreadableJson], code: 66, err: /cannot read the schedule file/, unprivileged: true },
    { cls: 'missing file', args: ['schedule', 'check', F.missing], code: 66, err: /ENOENT/ },
    { cls: 'directory instead of file', args: ['schedule', 'check', F.dir], code: 66, err: /is a directory/ },
    { cls: 'empty file', args: ['schedule', 'check', F.emptyJson], code: 78, err: /empty\.json:1:1: not valid JSON/ },
    { cls: 'invalid schedule', args: ['schedule', 'check', F.badSchedule], code: 78, err: /bad-schedule\.json:\d+: \$\.measures\[2\]\.rate\.adValorem/ },
    { cls: 'invalid schedule (JSON syntax)', args: ['schedule', 'check', F.syntaxSchedule], code: 78, err: /not valid JSON/ },
    { cls: 'an overlay is not a schedule', args: ['schedule', 'check', F.invalidOverlay], code: 78, err: /invalid schedule: 6 problems/, maxLines: 7 },
    { cls: 'internal error', args: ['schedule', 'check', FIXTURE], code: 70, env: FAULT_ENV, err: /^tariff: internal error: injected fault/ },
  ],
  'compare (one shipment)': [
    { cls: 'ok', args: COMPARE, code: 0, stdout: (o) => expect(o).toContain('peak-145') },
    {
      cls: 'check failed (--fail-above)',
      args: [...COMPARE, '--fail-above', '5'],
      code: 1,
      err: /1 check failed[\s\S]*peak-145/,
      stdout: (o) => expect(o).toContain('peak-145'),
    },
    { cls: 'unknown flag', args: [...COMPARE, '--bogus'], code: 2, err: /unknown option '--bogus'/ },
    { cls: 'unknown scenario', args: with_(COMPARE, '--scenario', 'geneva-30,peak-146'), code: 2, err: /unknown scenario "peak-146"[\s\S]*peak-145/ },
    { cls: 'baseline not compared', args: [...COMPARE, '--baseline', 'busan-20'], code: 2, err: /--baseline busan-20/ },
    { cls: 'missing required flag (--hts)', args: without(COMPARE, '--hts'), code: 2, err: /missing --hts/ },
    { cls: 'malformed threshold', args: [...COMPARE, '--fail-above', 'lots'], code: 2, err: /--fail-above "lots"/ },
    { cls: 'malformed number (--value)', args: with_(COMPARE, '--value', '1,000'), code: 2, err: /no thousands separators/ },
    { cls: 'negative value', args: with_(COMPARE, '--value', '-1'), code: 2, err: /must not be negative/ },
    { cls: 'unknown country', args: with_(COMPARE, '--origin', 'ZZ'), code: 2, err: /--origin "ZZ"/ },
    { cls: 'bad HTS', args: with_(COMPARE, '--hts', '12'), code: 2, err: /--hts "12" is not an HTS code/ },
    ...scheduleCasesShared(COMPARE),
  ],
  'compare (batch)': [
    { cls: 'ok', args: COMPARE_BATCH, code: 0, stdout: (o) => expect(o).toContain('peak-145') },
    { cls: 'unknown flag', args: [...COMPARE_BATCH, '--bogus'], code: 2, err: /unknown option '--bogus'/ },
    { cls: 'unknown scenario', args: with_(COMPARE_BATCH, '--scenario', 'nope'), code: 2, err: /unknown scenario "nope"/ },
    {
      cls: 'missing required column',
      args: with_(COMPARE_BATCH, '--input', file('cmp-no-value.csv', 'hts,origin\n9503.00.00,CN\n')),
      code: 65,
      err: /cmp-no-value\.csv: the input has no value column\n.*tariff compare needs hts, origin \(or --origin\) and value columns/,
    },
    {
      cls: 'unreadable file (--input)',
      args: with_(COMPARE_BATCH, '--input', F.unreadableCsv),
      code: 66,
      err: /cannot read the input file/,
      unprivileged: true,
      // was a DEFECT (exit 70), fixed in 943e102
    },
    { cls: 'missing file (--input)', args: with_(COMPARE_BATCH, '--input', F.missing), code: 66, err: /ENOENT/ },
    { cls: 'directory instead of file (--input)', args: with_(COMPARE_BATCH, '--input', F.dir), code: 66, err: /is a directory/ },
    { cls: 'empty file', args: with_(COMPARE_BATCH, '--input', F.emptyCsv), code: 65, err: /the input is empty/ },
    {
      cls: 'CSV with only a header (exit 0, warning)',
      args: with_(COMPARE_BATCH, '--input', F.header),
      code: 0,
      err: /warning: .*header\.csv has a header but no data rows/,
      stdout: (o) => expect(o).toContain('geneva-30'),
      // was a DEFECT (no warning from compare), fixed in 943e102
    },
    ...scheduleCasesShared(COMPARE_BATCH),
  ],
};

TABLE.timeline = [
  { cls: 'ok', args: TIMELINE, code: 0, stdout: (o) => expect(o).toContain('2025-05-14') },
  { cls: 'unknown flag', args: [...TIMELINE, '--bogus'], code: 2, err: /unknown option '--bogus'/ },
  { cls: 'unknown flag (no --scenario here)', args: [...TIMELINE, '--scenario', 'geneva-30'], code: 2, err: /unknown option '--scenario'/ },
  { cls: 'missing required flag (--hts)', args: without(TIMELINE, '--hts'), code: 2, err: /missing --hts/ },
  { cls: 'malformed date (--from)', args: [...TIMELINE, '--from', '2025-13-01'], code: 2, err: /--from "2025-13-01" is not a calendar date/ },
  { cls: 'empty date range', args: with_(TIMELINE, '--to', '2017-12-31'), code: 2, err: /--to 2017-12-31 is before --from/ },
  { cls: 'malformed number (--value)', args: with_(TIMELINE, '--value', '0x10'), code: 2, err: /no exponents, hex/ },
  { cls: 'negative value', args: with_(TIMELINE, '--value', '-3'), code: 2, err: /must not be negative/ },
  { cls: 'unknown country', args: with_(TIMELINE, '--origin', 'XX'), code: 2, err: /--origin "XX"/ },
  { cls: 'bad HTS', args: with_(TIMELINE, '--hts', '95'), code: 2, err: /--hts "95" is not an HTS code/ },
  ...scheduleCasesShared(TIMELINE),
];

TABLE.sweep = [
  { cls: 'ok', args: SWEEP, code: 0, stdout: (o) => expect(o).toContain('50%') },
  { cls: 'unknown flag', args: [...SWEEP, '--bogus'], code: 2, err: /unknown option '--bogus'/ },
  { cls: 'unknown scenario', args: with_(SWEEP, '--scenario', 'geneva-3'), code: 2, err: /unknown scenario "geneva-3"/ },
  { cls: 'missing required flag (--vary)', args: without(SWEEP, '--vary'), code: 2, err: /missing --vary/ },
  { cls: 'missing required flag (--hts)', args: without(SWEEP, '--hts'), code: 2, err: /missing --hts/ },
  { cls: 'malformed range', args: with_(SWEEP, '--vary', 'value=a..b'), code: 2, err: /expected TARGET=FROM\.\.TO/ },
  { cls: 'unknown measure in --vary', args: with_(SWEEP, '--vary', 'ieepa-recip=0..50%:10'), code: 2, err: /unknown measure or authority "ieepa-recip"/ },
  { cls: 'zero step', args: with_(SWEEP, '--vary', 'ieepa-reciprocal=0..50%:0'), code: 2, err: /STEP must be positive/ },
  { cls: 'malformed number (--value)', args: with_(SWEEP, '--value', '10 000'), code: 2, err: /--value "10 000"/ },
  { cls: 'negative value', args: with_(SWEEP, '--value', '-1'), code: 2, err: /--value "-1" must not be negative/ },
  {
    cls: 'negative value (--alt-value)',
    args: [...SWEEP, '--alt-origin', 'VN', '--alt-value', '-5'],
    code: 2,
    err: /--alt-value "-5" must not be negative/,
    // was a DEFECT (the message named --value), fixed in 943e102
  },
  { cls: 'unknown country', args: with_(SWEEP, '--origin', 'XX'), code: 2, err: /--origin "XX"/ },
  { cls: 'bad HTS', args: with_(SWEEP, '--hts', '95x3'), code: 2, err: /--hts "95x3" is not an HTS code/ },
  ...scheduleCasesShared(SWEEP),
];

TABLE.refund = [
  { cls: 'ok', args: REFUND, code: 0, stdout: refundIds(['E1', 'E2']) },
  { cls: 'unknown flag', args: [...REFUND, '--bogus'], code: 2, err: /unknown option '--bogus'/ },
  { cls: 'unknown refund program', args: [...REFUND, '--program', 'nope'], code: 2, err: /unknown refund program "nope"/ },
  { cls: 'malformed date (--as-of)', args: [...REFUND, '--as-of', '2026-02-30'], code: 2, err: /--as-of "2026-02-30" is not a calendar date/ },
  { cls: 'missing flag argument (--input)', args: ['refund', '--input'], code: 2, err: /argument missing/ },
  {
    cls: 'malformed number (row)',
    args: with_(REFUND, '--input', F.entry('r-malformed', 'bad,9503.00.00,CN,1.2.3,2025-05-20')),
    code: 65,
    err: /r-malformed\.csv:3: value "1\.2\.3"/,
    stdout: refundIds(['ok1', 'ok2']),
  },
  {
    cls: 'negative value (row)',
    args: with_(REFUND, '--input', F.entry('r-negative', 'bad,9503.00.00,CN,-1,2025-05-20')),
    code: 65,
    err: /r-negative\.csv:3: value "-1" must not be negative/,
    stdout: refundIds(['ok1', 'ok2']),
  },
  {
    cls: 'unknown country (row)',
    args: with_(REFUND, '--input', F.entry('r-country', 'bad,9503.00.00,QQ,1,2025-05-20')),
    code: 65,
    err: /r-country\.csv:3: origin "QQ"/,
    stdout: refundIds(['ok1', 'ok2']),
  },
  {
    cls: 'bad HTS (row)',
    args: with_(REFUND, '--input', F.entry('r-hts', 'bad,AB12,CN,1,2025-05-20')),
    code: 65,
    err: /r-hts\.csv:3: hts "AB12" is not an HTS code/,
    stdout: refundIds(['ok1', 'ok2']),
  },
  {
    cls: 'missing date (row)',
    args: with_(REFUND, '--input', F.entry('r-date', 'bad,9503.00.00,CN,1,')),
    code: 65,
    err: /r-date\.csv:3: date is required/,
    stdout: refundIds(['ok1', 'ok2']),
  },
  {
    cls: 'missing required column',
    args: with_(REFUND, '--input', F.header),
    code: 65,
    err: /has no date column/,
    // was a DEFECT (exit 2, where calc and compare say 65), fixed in 943e102
  },
  {
    cls: 'unreadable file (--input)',
    args: with_(REFUND, '--input', F.unreadableCsv),
    code: 66,
    err: /cannot read the input file/,
    unprivileged: true,
    // was a DEFECT (exit 70), fixed in 943e102
  },
  { cls: 'missing file (--input)', args: with_(REFUND, '--input', F.missing), code: 66, err: /ENOENT/ },
  { cls: 'directory instead of file (--input)', args: with_(REFUND, '--input', F.dir), code: 66, err: /is a directory/ },
  { cls: 'empty file', args: with_(REFUND, '--input', F.emptyCsv), code: 65, err: /the input is empty/ },
  { cls: 'empty stdin', args: ['refund'], code: 65, err: /stdin: the input is empty/ },
  {
    cls: 'CSV with only a header (exit 0, warning)',
    args: with_(REFUND, '--input', F.entriesHeader),
    code: 0,
    err: /warning: .*entries-header\.csv has a header but no data rows/,
    stdout: refundIds([]),
    // was a DEFECT (no warning from refund), fixed in 943e102
  },
  ...scheduleCasesShared(REFUND),
];

const LOOKUP = ['lookup', '9503.00.00', '--origin', 'CN'];
TABLE.lookup = [
  { cls: 'ok', args: LOOKUP, code: 0, stdout: (o) => expect(o).toContain('9903.01.24') },
  { cls: 'unknown flag', args: [...LOOKUP, '--bogus'], code: 2, err: /unknown option '--bogus'/ },
  { cls: 'missing required argument', args: ['lookup'], code: 2, err: /missing HTS code/ },
  { cls: 'extra argument', args: ['lookup', '9503', '9504'], code: 2, err: /too many arguments/ },
  { cls: 'invalid choice (--format)', args: [...LOOKUP, '--format', 'xml'], code: 2, err: /Allowed choices/ },
  { cls: 'malformed date (--date)', args: [...LOOKUP, '--date', '2025-02-30'], code: 2, err: /--date "2025-02-30" is not a calendar date/ },
  { cls: 'unknown country', args: ['lookup', '9503.00.00', '--origin', 'XX'], code: 2, err: /--origin "XX"/ },
  { cls: 'bad HTS', args: ['lookup', '95A3'], code: 2, err: /"95A3" is not an HTS code/ },
  { cls: 'HTS not in the schedule', args: ['lookup', '9999.99.99'], code: 65, err: /not in the US schedule/ },
  { cls: 'unknown importer', args: [...LOOKUP, '--importer', 'XX'], code: 2, err: /importer "XX"/ },
  ...scheduleCases(LOOKUP),
];

TABLE['schedule lint'] = [
  { cls: 'ok (the bundled schedule)', args: ['schedule', 'lint'], code: 0 },
  { cls: 'ok (a file)', args: ['schedule', 'lint', FIXTURE], code: 0 },
  {
    cls: 'check failed (an error finding)',
    args: [
      'schedule',
      'lint',
      file('lint-overlap.json', JSON.stringify({ ...fixture(), measures: [...fixture().measures, { ...fixture().measures[2], id: 'list-again' }] }, null, 2)),
    ],
    code: 1,
    err: /lint found 1 error/,
    stdout: (o) => expect(o.length).toBeGreaterThan(0),
  },
  { cls: 'unknown flag', args: ['schedule', 'lint', FIXTURE, '--bogus'], code: 2, err: /unknown option '--bogus'/ },
  { cls: 'extra argument', args: ['schedule', 'lint', FIXTURE, FIXTURE], code: 2, err: /too many arguments/ },
  { cls: 'invalid choice (--format)', args: ['schedule', 'lint', '--format', 'xml'], code: 2, err: /Allowed choices are text, json/ },
  { cls: 'unreadable file', args: ['schedule', 'lint', F.unreadableJson], code: 66, err: /cannot read the schedule file/, unprivileged: true },
  { cls: 'missing file', args: ['schedule', 'lint', F.missing], code: 66, err: /ENOENT/ },
  { cls: 'directory instead of file', args: ['schedule', 'lint', F.dir], code: 66, err: /is a directory/ },
  { cls: 'empty file', args: ['schedule', 'lint', F.emptyJson], code: 78, err: /not valid JSON/ },
  { cls: 'invalid schedule', args: ['schedule', 'lint', F.badSchedule], code: 78, err: /invalid schedule/ },
  { cls: 'internal error', args: ['schedule', 'lint', FIXTURE], code: 70, env: FAULT_ENV, err: /^tariff: internal error: injected fault/ },
];

TABLE['schedule schema'] = [
  { cls: 'ok', args: ['schedule', 'schema'], code: 0, stdout: (o) => expect(JSON.parse(o).$schema).toMatch(/json-schema/) },
  { cls: 'unknown flag', args: ['schedule', 'schema', '--bogus'], code: 2, err: /unknown option '--bogus'/ },
  { cls: 'extra argument', args: ['schedule', 'schema', 'x'], code: 2, err: /too many arguments/ },
  { cls: 'internal error', args: ['schedule', 'schema'], code: 70, env: FAULT_ENV, err: /^tariff: internal error: injected fault/ },
];

const HTS_EXPORT = file(
  'hts-export.json',
  JSON.stringify([
    { htsno: '9503.00.00', indent: '0', description: 'Toys', superior: null, units: ['No.'], general: 'Free', special: '', other: '70%', footnotes: null },
  ]),
);
TABLE['schedule import-hts'] = [
  { cls: 'ok', args: ['schedule', 'import-hts', HTS_EXPORT], code: 0, err: /imported 1 lines/, stdout: (o) => expect(JSON.parse(o).lines).toHaveLength(1) },
  { cls: 'unknown flag', args: ['schedule', 'import-hts', HTS_EXPORT, '--bogus'], code: 2, err: /unknown option '--bogus'/ },
  { cls: 'missing required argument', args: ['schedule', 'import-hts'], code: 2, err: /missing required argument 'file'/ },
  { cls: 'unreadable file', args: ['schedule', 'import-hts', F.unreadableJson], code: 66, err: /cannot read/, unprivileged: true },
  { cls: 'missing file', args: ['schedule', 'import-hts', F.missing], code: 66, err: /ENOENT/ },
  { cls: 'directory instead of file', args: ['schedule', 'import-hts', F.dir], code: 66, err: /is a directory/ },
  {
    cls: 'empty file',
    args: ['schedule', 'import-hts', F.emptyJson],
    code: 65,
    err: /not valid JSON/,
    // DEFECT: an export that is read but is not JSON exits 66 ("an input file cannot be read");
    // the file was read: its content is bad input data, 65 (README "Exit codes").
    // was a DEFECT, fixed: an HTS export that is not JSON exits 66 instead of 65
  },
  {
    cls: 'not an HTS export (a schedule)',
    args: ['schedule', 'import-hts', FIXTURE],
    code: 65,
    err: /expected the export: a JSON array of rows/,
    // DEFECT: a file that is not the export (here: an object, a schedule) is reported as one
    // "problem" on stderr, but the run exits 0 and prints an empty schedule on stdout.
    // Repro: tariff schedule import-hts test/fixtures/mini-schedule.json; echo $?   # 0
    // was a DEFECT, fixed: a JSON file that is not an HTS export exits 0 and prints an empty schedule
  },
  { cls: 'internal error', args: ['schedule', 'import-hts', HTS_EXPORT], code: 70, env: FAULT_ENV, err: /^tariff: internal error: injected fault/ },
];

const TIMELINE_BATCH = ['timeline', '--input', F.entries, '--to', '2025-12-31', '--format', 'csv'];
TABLE['timeline (batch)'] = [
  { cls: 'ok', args: TIMELINE_BATCH, code: 0, stdout: (o) => expect(o).toMatch(/^date,event,duty/) },
  { cls: 'unknown flag', args: [...TIMELINE_BATCH, '--bogus'], code: 2, err: /unknown option '--bogus'/ },
  { cls: 'missing flag argument (--input)', args: ['timeline', '--input'], code: 2, err: /argument missing/ },
  {
    // refused up front as calc, compare and refund refuse it (each row was rejected "value is required")
    cls: 'missing required column',
    args: with_(TIMELINE_BATCH, '--input', file('t-no-value.csv', 'hts,origin\n9503.00.00,CN\n')),
    code: 65,
    err: /t-no-value\.csv: the input has no value column/,
  },
  {
    cls: 'negative value (row)',
    args: with_(TIMELINE_BATCH, '--input', F.entry('t-negative', 'bad,9503.00.00,CN,-1,2025-05-20')),
    code: 65,
    err: /t-negative\.csv:3: value "-1" must not be negative/,
    stdout: (o) => expect(o).toMatch(/^date,event,duty/),
  },
  {
    cls: 'unreadable file (--input)',
    args: with_(TIMELINE_BATCH, '--input', F.unreadableCsv),
    code: 66,
    err: /cannot read the input file/,
    unprivileged: true,
  },
  { cls: 'missing file (--input)', args: with_(TIMELINE_BATCH, '--input', F.missing), code: 66, err: /ENOENT/ },
  { cls: 'directory instead of file (--input)', args: with_(TIMELINE_BATCH, '--input', F.dir), code: 66, err: /is a directory/ },
  { cls: 'empty file', args: with_(TIMELINE_BATCH, '--input', F.emptyCsv), code: 65, err: /the input is empty/ },
  {
    cls: 'CSV with only a header (exit 0, warning)',
    args: with_(TIMELINE_BATCH, '--input', F.entriesHeader),
    code: 0,
    err: /warning: .*entries-header\.csv has a header but no data rows/,
    stdout: () => {},
    // DEFECT (by the contract of the issue: header only → exit 0 with a warning, as calc, compare
    // and refund do): timeline --input exits 65, "no shipment to put on a timeline: every row was
    // rejected or the input is empty".
    // Repro: printf 'hts,origin,value\n' > h.csv; tariff timeline --input h.csv; echo $?   # 65
    // was a DEFECT, fixed: header-only CSV: timeline exits 65
  },
  ...scheduleCasesShared(TIMELINE_BATCH),
];

// a file that opens but cannot be read (EIO): Linux's /proc/self/mem
if (existsSync('/proc/self/mem')) {
  for (const [command, args] of [
    ['calc (batch)', BATCH],
    ['compare (batch)', COMPARE_BATCH],
    ['refund', REFUND],
    ['timeline (batch)', TIMELINE_BATCH],
  ] as const) {
    (TABLE[command] as Case[]).push({
      cls: 'read error after open (EIO)',
      args: with_([...args], '--input', '/proc/self/mem'),
      code: 66,
      err: /cannot read the input file/,
      // DEFECT: 943e102 opens the file up front (EACCES is now 66), but an error while *reading*
      // still comes out of the read stream as an internal error: exit 70.
      // Repro: tariff calc --input /proc/self/mem --scenario geneva-30; echo $?   # 70
      // was a DEFECT, fixed: a read error (EIO) on --input exits 70 instead of 66
    });
  }
}

{
  const all = Object.values(TABLE).flat();
  const codes = new Set<number>();
  for (const c of all) {
    if (codes.has(c.code)) continue;
    codes.add(c.code);
    SPAWNED.add(c);
  }
  tableResult = lazyBatch(() => all.filter((c) => !SPAWNED.has(c)));
}

for (const [command, cases] of Object.entries(TABLE)) {
  describe(`exit codes: ${command}`, () => {
    for (const c of cases) {
      const name = `${c.cls} → ${c.code}`;
      if (c.defect) it.fails(`${name} [DEFECT: ${c.defect}]`, () => check(c));
      else it(name, () => check(c));
    }
  });
}

describe('outputs of failed runs', () => {
  it('-o: a failed batch leaves no output file and no temporary file', () => {
    const out = join(dir, 'never.csv');
    for (const args of [
      [...with_(BATCH, '--input', F.emptyCsv), '-o', out],
      [...BATCH, '-o', out, '--schedule', F.badSchedule],
      [...BATCH, '-o', out, '--scenario', 'nope'],
    ]) {
      // in the runner process (test/cli-runner.ts runIn): a file effect, nothing a process start shows
      const r = runIn(args);
      expect(r.exitCode).not.toBe(0);
      expect(existsSync(out)).toBe(false);
    }
    expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('-o: an internal error in the middle of a batch leaves no output file and no temporary file', () => {
    // a word that is not ASCII on every row: each slice goes through the UTF-8 decoder (an all-ASCII
    // slice is read as Latin-1, batch/chunk.ts), where the fault is injected
    const big = file('many.csv', `hts,origin,value,description\n${'9503.00.00,CN,100,Bär\n'.repeat(60_000)}`);
    const out = join(dir, 'half.csv');
    // decode #1 is the header; #2… are 64 KiB slices: fail on the 6th, after output was written
    const r = run(['calc', '--input', big, '--scenario', 'geneva-30', '-o', out], { env: DECODE_FAULT_ENV(6) });
    expect(r.exitCode).toBe(70);
    expect(r.stderr).toMatch(/^tariff: internal error: injected fault: decode\n/);
    expect(r.stdout).toBe('');
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    // the same without the fault succeeds: the fault is what failed the run (no preload: in the runner process)
    expect(runIn(['calc', '--input', big, '--scenario', 'geneva-30', '-o', out]).exitCode).toBe(0);
    expect(existsSync(out)).toBe(true);
  });
});

type DebugCase = { args: string[]; env: Record<string, string> };
const debugCases = new Map<string, DebugCase>();
const debugResult = lazyBatch(() => [...debugCases.values()]);

describe('internal errors and --debug', () => {
  const rows: [string, string[]][] = [
    ['calc', CALC],
    ['calc batch', BATCH],
    ['scenarios', ['scenarios']],
    ['schedule check', ['schedule', 'check', FIXTURE]],
    ['compare', COMPARE],
    ['timeline', TIMELINE],
    ['sweep', SWEEP],
    // a refund date inside the interest table (it has no rate after 2026-03-31): no run-out warning before the fault
    ['refund', [...REFUND, '--refund-date', '2026-03-31']],
    ['lookup', LOOKUP],
    ['schedule lint', ['schedule', 'lint', FIXTURE]],
  ];
  for (const [name, args] of rows) {
    if (name === 'calc') continue;
    for (const a of [args, [...args, '--debug']]) debugCases.set(a.join('\0'), { args: a, env: FAULT_ENV });
  }
  it.each(rows)('%s: without --debug one line and a pointer to --debug; with --debug the stack trace', (name, args) => {
    // the first spawned, with the real preload; the others in one process (the runner's fault)
    const one = (a: string[]): RunResult => (name === 'calc' ? run(a, { env: FAULT_ENV }) : debugResult(debugCases.get(a.join('\0')) as DebugCase));
    const quiet = one(args);
    expect(quiet.exitCode).toBe(70);
    expect(quiet.stdout).toBe('');
    expect(quiet.stderr).toBe(
      'tariff: internal error: injected fault: stdout.write\nthis is a bug in tariff; run again with --debug for the stack trace and report it\n',
    );
    const debug = one([...args, '--debug']);
    expect(debug.exitCode).toBe(70);
    expect(debug.stdout).toBe('');
    expect(debug.stderr).toMatch(/^tariff: internal error: injected fault/);
    expect(debug.stderr).toMatch(STACK);
  });

  it('--debug adds nothing to a usage error but the stack of the error object, and keeps the code', () => {
    // spawned: a --debug stack trace of an error thrown after an await has other async frames in the
    // runner process (TARIFF_TEST_SPAWN_ALL=1 compares them)
    const r = run([...with_(CALC, '--scenario', 'nope'), '--debug']);
    expect(r.exitCode).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^tariff: unknown scenario "nope"/);
  });

  // was a DEFECT, fixed in 943e102: the schema accepted 13 + 8 digits, compile.ts (parseDec) at
  // most 15 significant ones, so `schedule check` said ok and every command died with exit 70
  it('a schedule amount with more than 15 significant digits is an invalid schedule (78), not an internal error', () => {
    const s = fixture();
    s.lines[0].mfn = { adValorem: '5%', max: '1234567890123.12345678' };
    const f = file('long-amount.json', JSON.stringify(s, null, 2));
    const check_ = runIn(['schedule', 'check', f]);
    const calc = runIn(['calc', '--schedule', f, '--hts', '0101.00.00', '--origin', 'DE', '--value', '10', '--date', '2025-07-01']);
    expect([check_.exitCode, calc.exitCode]).toEqual([78, 78]);
  });
});

describe('scenario references in a schedule', () => {
  const withScenario = (name: string, extra: Record<string, unknown>): string => {
    const s = fixture();
    s.scenarios.push({ id: 'broken', title: 't', description: '', asOf: '2025-07-01', ...extra });
    return file(name, JSON.stringify(s, null, 2));
  };
  const price = (f: string) => runIn(['calc', '--schedule', f, '--hts', '0101.00.00', '--origin', 'DE', '--value', '10', '--scenario', 'broken']);

  it('a scenario that extends itself: calc exits 78', () => {
    const r = price(withScenario('cycle.json', { extends: 'broken' }));
    expect(r.exitCode).toBe(78);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/extends itself/);
  });

  // was a DEFECT, fixed in 943e102: `schedule check` accepted it and calc said "unknown scenario" (2)
  it('a scenario that extends an unknown scenario is an invalid schedule: check and calc exit 78', () => {
    const f = withScenario('dangling-extends.json', { extends: 'nope' });
    expect([runIn(['schedule', 'check', f]).exitCode, price(f).exitCode]).toEqual([78, 78]);
  });

  // was a DEFECT, fixed in 943e102: `schedule check` accepted a cycle (exit 0)
  it('schedule check reports a cycle of "extends" (78)', () => {
    expect(runIn(['schedule', 'check', withScenario('cycle2.json', { extends: 'broken' })]).exitCode).toBe(78);
  });
});

describe('TARIFF_TODAY', () => {
  // DEFECT: TARIFF_TODAY ("fixes today", README) is used without any check: "garbage" becomes the
  // law date of the shipment, is printed as its "date", compared as a string with the measures'
  // windows, and the run exits 0.
  // Repro: TARIFF_TODAY=garbage tariff calc --hts 9503.00.00 --origin CN --value 100 --format json   # exit 0, "date": "garbage"
  // was a DEFECT, fixed: TARIFF_TODAY is validated
  it('a TARIFF_TODAY that is not a calendar date is refused, not used as a law date', () => {
    for (const today of ['garbage', '2026-13-45', '']) {
      // TARIFF_TODAY is read on each run (src/cli/context.ts): in the runner process (runIn)
      const r = runIn(['calc', '--hts', '9503.00.00', '--origin', 'CN', '--value', '100', '--format', 'json'], { env: { TARIFF_TODAY: today } });
      expect(r.exitCode, today).not.toBe(0);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/TARIFF_TODAY/);
    }
  });
});

describe('commands without a subcommand, and help', () => {
  it("the exit-code table is in `tariff --help` and `tariff help exit-codes`; every command's help points there", () => {
    // in one process (test/cli-runner.ts); `tariff schedule` and `tariff help bogus` below spawn
    const top = [['--help'], ['help', 'exit-codes']];
    const each = [
      ...['calc', 'compare', 'timeline', 'sweep', 'refund', 'lookup', 'scenarios'].map((c) => [c, '--help']),
      ...['check', 'lint', 'schema', 'import-hts'].map((c) => ['schedule', c, '--help']),
    ];
    const rs = runMany([...top, ...each].map((args) => ({ args })));
    if (SPAWN_ALL) for (const [i, args] of [...top, ...each].entries()) expect(rs[i], args.join(' ')).toEqual(run(args));
    for (const r of rs.slice(0, top.length)) {
      expect(r.exitCode).toBe(0);
      expect(r.stdout).toMatch(/Exit codes:[\s\S]*70 +internal error/);
    }
    for (const r of rs.slice(top.length)) {
      expect(r.exitCode).toBe(0);
      expect(r.stdout).toContain('Exit codes: 0 ok, 1 a check failed, 2 usage; the others in `tariff help exit-codes`.');
      expect(r.stdout).not.toMatch(/70 +internal error/);
    }
  });

  // were DEFECTs, fixed in 943e102: commander reports these as errors (exitCode 1, help on
  // stderr) and cli/main.ts mapped every "commander.help" to exit 0
  it('`tariff schedule` without a subcommand is a usage error (2)', () => {
    const r = run(['schedule']);
    expect(r.exitCode).toBe(2);
  });
  it('`tariff help bogus` is an unknown command (2)', () => {
    const r = run(['help', 'bogus']);
    expect(r.exitCode).toBe(2);
  });
});

/**
 * Commands listed by `tariff --help` that the table above does not know yet (the CLI grows while
 * this suite is written): the generic part of the contract, which needs no knowledge of their flags.
 */
describe('every command listed by --help', () => {
  // every run of this block in one process (test/cli-runner.ts): the helps, then the probes
  const inProcess = (cases: string[][]): RunResult[] => {
    const rs = runMany(cases.map((args) => ({ args })));
    if (SPAWN_ALL) for (const [i, args] of cases.entries()) expect(rs[i], args.join(' ')).toEqual(run(args));
    return rs;
  };
  const commandsOf = (help: string): string[] => {
    const section = help.split(/^Commands:$/m)[1]?.split(/\n\s*\n/)[0] ?? '';
    return [...section.matchAll(/^ {2}(\S+)/gm)].map((m) => m[1] as string).filter((c) => c !== 'help');
  };
  const all: string[][] = [];
  const tops = commandsOf(inProcess([['--help']])[0]?.stdout ?? '');
  inProcess(tops.map((c) => [c, '--help'])).forEach((h, i) => {
    const c = tops[i] as string;
    const subs = commandsOf(h.stdout);
    if (subs.length) for (const s of subs) all.push([c, s]);
    else all.push([c]);
  });
  /** per command: its unknown-flag run, its help, and the probes its help calls for */
  let runs: Map<string, { unknown: RunResult; help: RunResult; probes: [string[], RunResult][] }> | null = null;
  const runsOf = (name: string) => {
    if (runs === null) {
      const first = inProcess(
        all.flatMap((cmd) => [
          [...cmd, '--no-such-flag'],
          [...cmd, '--help'],
        ]),
      );
      const probesOf = all.map((cmd, i) => {
        const help = (first[2 * i + 1] as RunResult).stdout;
        const probes: string[][] = [];
        if (/--schedule\b/.test(help)) probes.push(['--schedule', F.badSchedule], ['--schedule', F.dir], ['--schedule', F.emptyJson]);
        if (/--scenario-file\b/.test(help)) probes.push(['--scenario-file', F.brokenOverlay]);
        return probes.map((p) => [...cmd, ...p]);
      });
      const second = inProcess(probesOf.flat());
      runs = new Map();
      let k = 0;
      all.forEach((cmd, i) => {
        const probes = (probesOf[i] as string[][]).map((p): [string[], RunResult] => [p.slice(cmd.length), second[k++] as RunResult]);
        runs?.set(cmd.join(' '), { unknown: first[2 * i] as RunResult, help: first[2 * i + 1] as RunResult, probes });
      });
    }
    const r = runs.get(name);
    if (r === undefined) throw new Error(`no runs for ${name}`);
    return r;
  };
  const known = new Set([
    'calc',
    'compare',
    'timeline',
    'sweep',
    'refund',
    'lookup',
    'scenarios',
    'schedule check',
    'schedule lint',
    'schedule schema',
    'schedule import-hts',
  ]);

  it('finds the commands of this suite', () => {
    expect(all.map((c) => c.join(' '))).toEqual(expect.arrayContaining([...known]));
  });

  for (const cmd of all) {
    const name = cmd.join(' ');
    it(`${name}: unknown flag → 2, help → 0; broken --schedule/--scenario-file never 0 or 70${known.has(name) ? '' : ' (not in the table yet)'}`, () => {
      const { unknown, help, probes } = runsOf(name);
      checkResult({ cls: 'unknown flag', args: [...cmd, '--no-such-flag'], code: 2, err: /unknown option '--no-such-flag'/ }, unknown);
      expect(help.exitCode).toBe(0);
      expect(help.stdout).toMatch(/Exit codes:/);
      const documented = [2, 65, 66, 78];
      if (/--schedule\b/.test(help.stdout)) expect(probes.filter(([p]) => p[0] === '--schedule')).toHaveLength(3);
      if (/--scenario-file\b/.test(help.stdout)) expect(probes.filter(([p]) => p[0] === '--scenario-file')).toHaveLength(1);
      for (const [p, r] of probes) {
        expect(documented, `${name} ${p.join(' ')}: ${r.stderr}`).toContain(r.exitCode);
        expect(r.stdout).toBe('');
        expect(r.stderr).not.toMatch(STACK);
      }
    });
  }
});
