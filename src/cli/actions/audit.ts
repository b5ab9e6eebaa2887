/**
 * `tariff audit`: entry lines as filed, each priced under the law of its entry date by the batch
 * pricer and compared (core/audit.ts) with what was reported and paid. Streamed: each line is
 * written as it is checked, an entry's totals when its lines end (lines of an entry come together,
 * as ACE lists them); only the importers' totals are kept (importers are few). Every row is a
 * line record, part of one, or a rejection (rows read = audited + folded + rejected): the rows of
 * one entry line filed one HTS number a row (same entry number and line number, one after another)
 * are audited as one line (core/audit.ts mergeLineParts).
 */
import { parseColumnMap } from '../../batch/columns.js';
import { runAudit, type AuditSummary } from '../../batch/audit-run.js';
import { sayHeaderOnly, sayMoreRejected } from '../../batch/run-context.js';
import { BatchSink } from '../../batch/sink.js';
import { parseFailOn } from '../../core/audit.js';
import { AS_ENTERED } from '../../core/scenario.js';
import type { ResolvedScenario } from '../../core/types.js';
import { CheckFailedError, EXIT, UsageError } from '../../errors.js';
import { totalText } from '../../render/audit.js';
import { prepareRun, runOptions } from '../../schedule/prepare-run.js';
import type { AuditFlags } from '../commands/audit.js';
import { verboseSchedule, type Ctx, type GlobalOptions } from '../context.js';

export type AuditOptions = AuditFlags & GlobalOptions;

export async function audit(opts: AuditOptions, ctx: Ctx): Promise<void> {
  const format = opts.format ?? 'table';
  const failOn = opts.failOn === undefined ? [] : parseFailOn(opts.failOn);
  if (typeof failOn === 'string')
    throw new UsageError(`--fail-on: "${failOn}" is not a status audit gives`, ['use a comma list of: underpaid, overpaid, missing-99, extra-99, unpriceable']);
  const columnMap = parseColumnMap(opts.columns);
  const sink = BatchSink.open(ctx, {
    output: opts.output,
    rejects: opts.rejects,
    inputs: [['--input', opts.input], ['--schedule', opts.schedule], ...(opts.scenarioFile ?? []).map((f) => ['--scenario-file', f] as const)],
    excel: { bom: opts.bom, crlf: opts.crlf },
  });
  try {
    // the law of each line's own entry date: no what-ifs (an audit is of what the law required)
    const { schedule, index, resolved } = await prepareRun(runOptions({ ...opts, set: [], disable: [] }, [AS_ENTERED]));
    verboseSchedule(opts, schedule);
    const scenario = resolved[0] as ResolvedScenario;
    report(opts, ctx, format, await runAudit(opts, ctx, sink, { format, failOn, columnMap, schedule, index, scenario }));
  } catch (e) {
    sink.abort();
    throw e;
  }
}

/** The summary on stderr and the exit code: 1 for a line --fail-on names, else 65 for rejected rows. */
function report(opts: AuditOptions, ctx: Ctx, format: string, s: AuditSummary): void {
  const { read, rejected, folded, total, name } = s;
  if (format !== 'table')
    ctx.err.write(
      `rows read ${read}, audited ${total.lines}${folded ? ` (${folded} more ${folded === 1 ? 'row' : 'rows'} filed as part of a line)` : ''}, rejected ${rejected}; ${totalText(total)}\n`,
    );
  if (read === 0) sayHeaderOnly(ctx, name);
  sayMoreRejected(ctx, rejected, opts.rejects);
  if (s.failing) throw new CheckFailedError(s.failure as string, [...s.failExamples], rejected);
  if (rejected > 0) process.exitCode = EXIT.dataErr;
}
