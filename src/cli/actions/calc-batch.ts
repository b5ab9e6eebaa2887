/**
 * `tariff calc --input FILE|-`: stream shipments through the core. Every data row becomes an
 * output row or a rejection (rows read = priced + rejected); bad rows are reported with their line
 * and column and the run goes on (exit 65 at the end), or stops at the first with --strict.
 */
import { BatchPricer, BatchTotals, type Rejection } from '../../batch/pricer.js';
import { mapColumns, type FieldDefaults } from '../../batch/columns.js';
import { rowSource } from '../../batch/row-source.js';
import { nearestNames } from '../../core/suggest.js';
import { DataError, EXIT, UsageError } from '../../errors.js';
import { AtomicFile } from '../../io/atomic-file.js';
import { OutBuffer } from '../../io/out-buffer.js';
import { calcDocument, JSON_SCHEMA_VERSION, scheduleStamp, breakdownJson } from '../../render/breakdown-json.js';
import {
  batchTable,
  CsvRows,
  dutyAuthorities,
  ndjsonRow,
  rejectsHeader,
  rejectsRow,
  summaryText,
  totalsJson,
  type TableRow,
} from '../../render/batch-output.js';
import { loadSchedule, staleWarning, type Ctx } from '../context.js';
import { Progress } from '../progress.js';
import { checkTargets, chooseScenario, parseWhatIf } from '../scenario-choice.js';
import type { CalcOptions } from './calc.js';

const TABLE_LIMIT = 2000;
const STDERR_REJECTIONS = 50;

export interface BatchOptions extends CalcOptions {
  inputFormat?: string;
  output?: string;
  rejects?: string;
  strict?: boolean;
  summary?: boolean;
  escapeFormulas?: boolean;
}

export async function calcBatch(opts: BatchOptions, ctx: Ctx): Promise<void> {
  const format = opts.format ?? 'csv';
  if (!['csv', 'ndjson', 'json', 'table'].includes(format)) throw new UsageError(`--format ${format} is not available for a batch`, ['use csv, ndjson, json or table']);
  const inputFormat = opts.inputFormat ?? 'csv';
  if (opts.scenario?.includes(',')) throw new UsageError('calc takes one scenario', ['to compare several, use `tariff compare --scenario a,b,c`']);

  const { schedule, index, scenarios } = await loadSchedule(opts);
  const extra = parseWhatIf(opts.set, opts.disable);
  const known = new Set([...schedule.measures.map((m) => m.id), ...schedule.measures.map((m) => m.authority), 'mfn']);
  checkTargets(extra, known, (t) => nearestNames(t, [...known]));
  const scenario = chooseScenario(scenarios, opts.scenario, extra);
  if (!ctx.quiet && scenario.asOf !== null) staleWarning(ctx, schedule, scenario.asOf);

  const src = rowSource(opts.input ?? '-', inputFormat as 'csv' | 'ndjson');
  const defaults: FieldDefaults = {};
  for (const f of ['origin', 'importer', 'currency', 'mode', 'date', 'freight', 'insurance', 'unit', 'fxRate'] as const) {
    const v = opts[f];
    if (typeof v === 'string') defaults[f] = v;
  }

  const sink = opts.output ? new AtomicFile(opts.output) : null;
  const out = new OutBuffer(sink ? sink.stream : ctx.out);
  const rejectsFile = opts.rejects ? new AtomicFile(opts.rejects) : null;
  const rejectsOut = rejectsFile ? new OutBuffer(rejectsFile.stream) : null;
  const totals = new BatchTotals();
  const progress = new Progress(ctx, src.size);
  const tableRows: TableRow[] = [];
  let interrupted = false;
  const onSigint = (): void => {
    interrupted = true;
  };
  process.once('SIGINT', onSigint);

  let pricer: BatchPricer | null = null;
  let width = 0;
  let csv = null as CsvRows | null;
  let firstJson = true;
  let strictFailure = null as Rejection | null;
  const cleanup = (): void => {
    sink?.abort();
    rejectsFile?.abort();
    progress.clear();
    process.off('SIGINT', onSigint);
  };

  try {
    const reject = async (r: Rejection): Promise<void> => {
      totals.rejected++;
      if (totals.rejected <= STDERR_REJECTIONS && !ctx.quiet) ctx.err.write(`${ctx.ce.red(`${src.name}:${r.line}:`)} ${r.message}\n`);
      rejectsOut?.append(rejectsRow(r, width));
    };
    const start = async (header: string[]): Promise<BatchPricer> => {
      const cols = mapColumns(header);
      const missing = (['hts', 'value', 'origin'] as const).filter((f) => cols.index[f] === undefined && (f !== 'origin' || defaults.origin === undefined));
      if (missing.length) {
        throw new DataError(`${src.name}: the input has no ${missing.join(', ')} column${missing.length > 1 ? 's' : ''}`, [
          `columns found: ${header.join(', ') || '(none)'}; required: hts, origin (or --origin), value`,
        ]);
      }
      width = header.length;
      const p = new BatchPricer(index, scenario, cols, defaults, { today: ctx.today, detail: format !== 'csv' });
      const rowsOut = new CsvRows(dutyAuthorities(schedule), opts.escapeFormulas !== false);
      csv = rowsOut;
      if (rejectsOut) await rejectsOut.push(rejectsHeader(header));
      if (format === 'csv') await out.push(rowsOut.header(header));
      if (format === 'json') {
        await out.push(`{"schemaVersion":${JSON_SCHEMA_VERSION},"schedule":${JSON.stringify(scheduleStamp(schedule))},"scenario":${JSON.stringify(scenario.id)},"scenarioAsOf":${JSON.stringify(scenario.asOf)},"assumptions":${JSON.stringify(scenario.assumptions)},"results":[`);
      }
      return p;
    };
    for await (const rows of src.batches()) {
      if (pricer === null) {
        if (src.header === null) continue;
        pricer = await start(src.header);
      }
      // the rows of one read chunk are priced synchronously (a tight loop the JIT optimises);
      // output is flushed between chunks, which is where back-pressure is respected
      for (const row of rows) {
        totals.read++;
        const r = (pricer as BatchPricer).priceRow(row);
        if (!r.ok) {
          if (opts.strict) {
            strictFailure = r.rejection;
            break;
          }
          await reject(r.rejection);
          continue;
        }
        totals.priced++;
        totals.add(r.breakdown);
        if (format === 'csv') {
          out.append((csv as CsvRows).row(r.fields, width, r.breakdown));
        } else if (format === 'ndjson') {
          out.append(ndjsonRow(r.line, r.breakdown, r.shipment.id));
        } else if (format === 'json') {
          out.append(`${firstJson ? '' : ','}${JSON.stringify({ line: r.line, id: r.shipment.id ?? null, ...breakdownJson(r.breakdown) })}`);
          firstJson = false;
        } else if (tableRows.length < TABLE_LIMIT) {
          tableRows.push({ line: r.line, id: r.shipment.id ?? '', b: r.breakdown });
        } else {
          throw new UsageError(`--format table is for small inputs (up to ${TABLE_LIMIT} rows)`, ['use --format csv, ndjson or json']);
        }
      }
      await out.flush();
      if (rejectsOut) await rejectsOut.flush();
      progress.update(src.bytesRead(), totals.read);
      if (strictFailure || interrupted || out.closed) break;
    }
    progress.clear();

    if (interrupted) {
      cleanup();
      ctx.err.write(`tariff: interrupted after ${totals.read} rows; no output file written\n`);
      process.exitCode = EXIT.interrupted;
      return;
    }
    if (strictFailure) {
      cleanup();
      throw new DataError(`${src.name}:${strictFailure.line}: ${strictFailure.message}`, ['--strict stops at the first bad row; no output file was written']);
    }
    if (pricer === null && src.header !== null) pricer = await start(src.header);
    if (pricer === null) throw new DataError(`${src.name}: the input is empty (no header row)`, ['the first line must name the columns: hts,origin,value,...']);
    if (format === 'json') await out.push(`],"summary":${JSON.stringify(totalsJson(totals))}}\n`);
    if (format === 'table') await out.push(`${batchTable(tableRows)}\n`);
    await out.flush();
    if (sink) await sink.commit();
    if (rejectsOut && rejectsFile) {
      await rejectsOut.flush();
      await rejectsFile.commit();
    }
    process.off('SIGINT', onSigint);
  } catch (e) {
    cleanup();
    throw e;
  }

  if (totals.rejected > STDERR_REJECTIONS && !ctx.quiet) ctx.err.write(`… and ${totals.rejected - STDERR_REJECTIONS} more rejected rows${opts.rejects ? ` (all in ${opts.rejects})` : ' (write them all with --rejects FILE)'}\n`);
  if (opts.summary || format === 'table') ctx.err.write(summaryText(totals));
  if (totals.read === 0 && !ctx.quiet) ctx.err.write(`${ctx.ce.yellow('warning:')} ${src.name} has a header but no data rows\n`);
  if (totals.rejected > 0) {
    ctx.err.write(`tariff: ${totals.rejected} of ${totals.read} rows rejected\n`);
    process.exitCode = EXIT.dataErr;
  }
}

export { calcDocument };
