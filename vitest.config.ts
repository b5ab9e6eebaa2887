import { availableParallelism } from 'node:os';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { defineConfig } from 'vitest/config';

/**
 * The files that take longest (most of their time is CLI processes they spawn), slowest first:
 * started first, so that the last minutes are not one long file on one core while the other
 * idles. Vitest orders by the durations it cached from the last run when it has them; a fresh
 * checkout (CI) has none and would order by file size. Measured on a 2-core machine (test/README.md).
 */
const SLOWEST_FIRST = [
  // by the file durations of one `npx vitest run` of the whole suite (079194a, two workers, load 4–7
  // from other work: 398 s, 266 s of CPU; test/README.md "How long"), the longest first
  'test/contract/faults.test.ts',
  'test/contract/readme-personas.test.ts',
  'test/contract/dist-integrity.test.ts',
  'test/cli/calc-fast-path.test.ts',
  'test/unit/batch/fast-path-chunks.test.ts',
  'test/contract/determinism.test.ts',
  'test/cli/compare-fast.test.ts',
  'test/fuzz/schedule.test.ts',
  'test/contract/exit-codes.test.ts',
  'test/contract/one-piece-outputs.test.ts',
  'test/fuzz/properties.test.ts',
  'test/fuzz/batch-input.test.ts',
  'test/unit/batch/batch-vs-single.test.ts',
  'test/fuzz/csv.test.ts',
  'test/contract/habits-shell.test.ts',
  'test/contract/terminal.test.ts',
  'test/cli/calc-batch.test.ts',
  'test/cli/hostile-inputs.test.ts',
  'test/cli/line-endings.test.ts',
  // the two longest of `npm run test:quick` (10 s and 7 s of its ~28 s on the 2-core machine, ebfb3b6)
  'test/unit/batch/light-runs-agree.test.ts',
  'test/unit/core/timeline-dates.test.ts',
  'test/unit/data/trq-special.test.ts',
  'test/cli/schedule-tools.test.ts',
  'test/contract/habits-io.test.ts',
];

/**
 * The test processes, and every process they start, run without NODE_EXTRA_CA_CERTS: when it is
 * set, Node 20 reads and parses the whole certificate bundle at every start (~40 ms of CPU a
 * process on the 2-core test machine, whose environment sets it: 40 `node -e 0` took 4.4 s of
 * CPU with it, 2.7 s without), and the suite starts several hundred node processes. Nothing
 * under test opens a TLS connection: the CLI makes no network request, and the npm commands of
 * the contract tests (pack, install --offline) reach no registry.
 */
delete process.env.NODE_EXTRA_CA_CERTS;

class SlowestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (f: TestSpecification): number => {
      const i = SLOWEST_FIRST.findIndex((p) => f.moduleId.replaceAll('\\', '/').endsWith(p));
      return i < 0 ? SLOWEST_FIRST.length : i;
    };
    // a stable sort: the named files first in their order, the others as vitest ordered them
    return sorted
      .map((f, i) => ({ f, i, r: rank(f) }))
      .sort((a, b) => a.r - b.r || a.i - b.i)
      .map((x) => x.f);
  }
}

export default defineConfig({
  test: {
    // the layout of test/README.md; test/*.test.ts keeps a flat file (one from an older branch) running until it is moved
    include: ['test/{unit,cli,contract,fuzz,golden}/**/*.test.ts', 'test/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // vitest's default is one worker fewer than the cores: one on a 2-core machine, where the
    // spawned CLI processes of one file left the other core idle. A worker per core (files run
    // side by side, each in its own process as before)
    maxWorkers: Math.max(2, availableParallelism()),
    fileParallelism: true,
    // a worker process runs file after file (issue #21 item 7): the modules of src/, vitest's own
    // and the runner of test/cli-runner.ts are loaded once per worker, not once per file. Safe
    // here: no test file changes process-wide state (no vi.mock, no stubbed globals, no assignment
    // to process.env), and each file's own state is its module's, made anew for each file. The
    // unit and golden files (test:quick) took 84 s of CPU isolated, 38 s not (test/README.md).
    isolate: false,
    sequence: { sequencer: SlowestFirst },
    // TARIFF_TEST_COUNT_SPAWNS=<file>: every child process a test starts, one line each (test/count-spawns.ts)
    setupFiles: process.env.TARIFF_TEST_COUNT_SPAWNS ? ['test/count-spawns.ts'] : [],
    // the JSON report lets .ci/run print a plain "N passed, N failed" closing line
    reporters: ['default', 'json'],
    outputFile: { json: './test-results/results.json' },
  },
});
