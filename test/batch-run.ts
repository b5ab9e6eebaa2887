/**
 * `calc --input FILE` in process: what src/batch/calc-run.ts does between the input and
 * the output — BatchInput (open, delimiter, the splitter's slices and header), the header's
 * columns, one ChunkProcessor (the fast path and CsvReader → BatchPricer) over every slice, the
 * totals merged as batch/calc-run.ts merges them — without the process, the sink and the messages around
 * it. For tests of the batch layers that need no CLI (fuzz/batch-input, unit/batch/batch-vs-single).
 */
import { ChunkProcessor, type ChunkSetup, type OutputFormat } from '../src/batch/chunk.js';
import { mapColumns, ndjsonHeader, pricedNeeds, requiredColumns } from '../src/batch/columns.js';
import { BatchInput } from '../src/batch/input.js';
import { BatchTotals, mergeTotals } from '../src/batch/pricer.js';
import { CSV_PIECE_BYTES } from '../src/batch/row-source.js';
import { isRejectsHeader } from '../src/batch/calc-run.js';
import { chooseScenario } from '../src/schedule/scenario-choice.js';
import { TariffError } from '../src/errors.js';
import { CsvRows, dutyAuthorities } from '../src/render/batch-output.js';
import type { ScheduleIndex } from '../src/schedule/schedule-index.js';
import { bundledIndexFast } from './helpers.js';

export interface Priced {
  read: number;
  priced: number;
  rejected: number;
  /** the output: CSV header and rows, NDJSON lines, or the JSON results joined by commas */
  out: string;
  totals: BatchTotals;
}

let bundled: ScheduleIndex | null = null;

/** The run's priced rows and totals; a TariffError (what the CLI reports with its exit code) is returned, anything else thrown. */
export async function runCalc(
  file: string,
  o: { scenario: string; inputFormat?: 'csv' | 'ndjson'; format?: OutputFormat; index?: ScheduleIndex },
): Promise<Priced | TariffError> {
  const index = o.index ?? (bundled ??= bundledIndexFast());
  const inputFormat = o.inputFormat ?? 'csv';
  const format = o.format ?? (inputFormat === 'csv' ? 'csv' : 'ndjson');
  const scenario = chooseScenario(index.schedule.scenarios, o.scenario, {});
  try {
    const input = new BatchInput(file, inputFormat, { note: () => {}, ...(format === 'csv' ? { pieceBytes: CSV_PIECE_BYTES } : {}) });
    let chunk: ChunkProcessor | null = null;
    const totals = new BatchTotals();
    let out = '';
    for await (const { slice } of input.slices()) {
      if (chunk === null && input.header !== null) {
        const first = input.header;
        const rejectsInput = inputFormat === 'csv' && isRejectsHeader(first);
        const materials = [...new Set(index.schedule.measures.flatMap((m) => (typeof m.base === 'object' ? [m.base.content] : [])))];
        const header = inputFormat === 'ndjson' ? ndjsonHeader(first, materials) : rejectsInput ? first.slice(0, -2) : first;
        const cols = mapColumns(header);
        // calc's header check (no --origin here)
        requiredColumns(input.name, header, pricedNeeds(cols, {}), 'calc');
        const setup: ChunkSetup = {
          run: { schedule: null, overlays: [], scenarios: [o.scenario], set: [], disable: [] },
          header,
          defaults: {},
          format,
          inputFormat,
          escapeFormulas: true,
          runNotes: [],
          today: '2026-05-01',
          strict: false,
          allowRagged: false,
          lineBreak: input.lineBreak,
          ...(rejectsInput ? { rejectsInput } : {}),
        };
        chunk = new ChunkProcessor(index, scenario, setup);
        if (format === 'csv') out += new CsvRows(dutyAuthorities(index.schedule), true).header(header);
      }
      if (chunk === null) continue;
      const r = chunk.process(slice.bytes, slice.firstLine);
      if (format === 'json' && r.written && out !== '') out += ',';
      out += typeof r.out === 'string' ? r.out : Buffer.from(r.out).toString('utf8');
      chunk.reuse(r);
      mergeTotals(totals, r.totals);
    }
    if (chunk === null) {
      const problem = input.headerProblem({ malformed: '', empty: '' });
      if (problem) throw problem;
    }
    return { read: totals.read, priced: totals.priced, rejected: totals.rejected, out, totals };
  } catch (e) {
    if (e instanceof TariffError) return e;
    throw e;
  }
}
