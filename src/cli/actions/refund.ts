/**
 * `tariff refund`: the IEEPA duty each past entry carried under the law of its entry date, and
 * whether it falls in the refund window the schedule records (entry dates, and for the current
 * phase, liquidation). The authorities refunded and the windows are data, not code.
 */
import type { InputFlags } from '../options.js';
import type { FieldDefaults } from '../../batch/columns.js';
import { refundRows, type RefundRunState, type RefundSettings } from '../../batch/refund-run.js';
import { isRealDate } from '../../core/dates.js';
import { centsToPlain } from '../../core/decimal.js';
import { AS_ENTERED } from '../../core/scenario.js';
import { INTEREST_BASES, InterestCalculator, type InterestBasis } from '../../core/refund-interest.js';
import type { RefundTotals } from '../../core/refund.js';
import type { RefundProgram, ResolvedScenario } from '../../core/types.js';
import { EXIT, UsageError } from '../../errors.js';
import { CapeWriter } from '../cape-files.js';
import { BatchSink } from '../../batch/sink.js';
import { staleWarning, verboseSchedule, type Ctx, type GlobalOptions } from '../context.js';
import { sayHeaderOnly } from '../../batch/run-context.js';
import { prepareRun, runOptions } from '../../schedule/prepare-run.js';

export interface RefundOptions extends GlobalOptions, InputFlags {
  format?: string;
  asOf?: string;
  program?: string;
  origin?: string;
  refundDate?: string;
  interestRate?: string;
  cape?: string;
}

function refundFlags(opts: RefundOptions, ctx: Ctx): RefundSettings {
  const format = opts.format ?? 'table';
  const asOf = opts.asOf ?? ctx.today;
  if (!isRealDate(asOf)) throw new UsageError(`--as-of ${JSON.stringify(asOf)} is not a calendar date`);
  const refundDate = opts.refundDate ?? ctx.today;
  if (!isRealDate(refundDate))
    throw new UsageError(`--refund-date ${JSON.stringify(refundDate)} is not a calendar date`, [
      'give the date the refund is paid as YYYY-MM-DD (default today)',
    ]);
  const basis = (opts.interestRate ?? 'corporate') as InterestBasis;
  if (!INTEREST_BASES.includes(basis))
    throw new UsageError(`--interest-rate ${JSON.stringify(opts.interestRate)} is not a rate of CBP's notices`, [
      `use one of: ${INTEREST_BASES.join(', ')} (corporate, the default, when the importer of record is a corporation)`,
    ]);
  return { format, asOf, refundDate, basis };
}

function refundProgramOf(programs: readonly RefundProgram[], id: string | undefined): RefundProgram {
  const program = id ? programs.find((p) => p.id === id) : programs[0];
  if (!program) {
    throw new UsageError(id ? `unknown refund program "${id}"` : 'the schedule records no refund program', [
      `programs: ${programs.map((p) => p.id).join(', ') || '(none)'}`,
    ]);
  }
  return program;
}

/** What --cape wrote, on stderr. */
function capeSummary(dir: string | undefined, k: CapeWriter['counts']): string {
  const s = (n: number, one: string, many: string): string => (n === 1 ? one : many);
  return `--cape ${dir}: ${k.declared} entr${s(k.declared, 'y', 'ies')} in ${k.files.length} declaration file${s(k.files.length, '', 's')}${
    k.files.length ? ` (${k.files.join(', ')})` : ''
  }; ${k.protest} need${s(k.protest, 's', '')} a protest instead (protest-needed.csv${k.protestPast ? `, ${k.protestPast} past the 180 days` : ''})${
    k.noNumber ? `; ${k.noNumber} refundable row${s(k.noNumber, '', 's')} without a usable entry number not declared` : ''
  }\n`;
}

export async function refund(opts: RefundOptions, ctx: Ctx): Promise<void> {
  const { run, cape } = await refundPlan(opts, ctx);
  let t: RefundTotals;
  try {
    t = await refundRows(run);
  } catch (e) {
    run.sink.abort();
    cape?.abort();
    throw e;
  }
  await run.sink.commit();
  if (cape) {
    await cape.commit();
    ctx.err.write(capeSummary(opts.cape, cape.counts));
  }
  report(ctx, run, t);
}

/** The flags, the schedule, the program and its interest read; the outputs opened (the sink, --cape's files). */
async function refundPlan(opts: RefundOptions, ctx: Ctx): Promise<{ run: RefundRunState; cape: CapeWriter | null }> {
  const f = refundFlags(opts, ctx);
  // the law of each entry's own date: no what-ifs (a refund is of what was actually collected)
  const { schedule, index, resolved } = await prepareRun(runOptions({ ...opts, set: [], disable: [] }, [AS_ENTERED]));
  verboseSchedule(opts, schedule);
  // the refund phases and rules are those known on verifiedThrough
  if (!ctx.quiet) staleWarning(ctx, schedule, f.asOf);
  const program = refundProgramOf(schedule.refunds, opts.program);
  const scenario = resolved[0] as ResolvedScenario;
  // interest to the refund date at the quarterly rates of the program's table (absent: not estimated)
  const interestCalc = program.interest ? new InterestCalculator(program.interest, f.basis, f.refundDate) : null;
  const notes: string[] = [];
  const runOut = interestCalc?.runOutNote() ?? null;
  // said on stderr once the input is open (a run with no input to read says only that)
  if (runOut) notes.push(runOut);
  if (!interestCalc) notes.push(`the refund program ${program.id} has no interest table: interest is not estimated`);
  const defaults: FieldDefaults = {};
  if (typeof opts.origin === 'string') defaults.origin = opts.origin;
  const sink = BatchSink.open(ctx);
  // the CAPE declaration files (--cape DIR), kept only when the whole run succeeds
  let cape: CapeWriter | null = null;
  try {
    cape = opts.cape === undefined ? null : new CapeWriter(opts.cape, f.asOf);
  } catch (e) {
    sink.abort();
    throw e;
  }
  // one writer twice: the run sees it as batch's RefundCape (it adds entries), the command as the CapeWriter it commits or aborts
  return { run: { opts, ctx, f, schedule, index, scenario, program, interestCalc, notes, runOut, defaults, sink, cape }, cape };
}

/** The figures on stderr (the table has them), and exit 65 when an entry was rejected. */
function report(ctx: Ctx, run: RefundRunState, t: RefundTotals): void {
  const { format, basis } = run.f;
  const { interestCalc } = run;
  const m = (c: number): string => centsToPlain(c);
  if (format !== 'table')
    ctx.err.write(
      `entries read ${t.read}, reported ${t.reported}, rejected ${t.rejected}; refundable ${t.refundable}: IEEPA duty ${m(t.total)}${
        interestCalc ? `, interest ${m(t.interest)} to ${interestCalc.end} (${basis} rate)` : ''
      }\n`,
    );
  if (t.read === 0) sayHeaderOnly(ctx, run.name ?? '');
  if (t.rejected > 0) process.exitCode = EXIT.dataErr;
}
