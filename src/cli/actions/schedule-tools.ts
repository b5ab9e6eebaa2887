/** `tariff schedule lint | schema | import-hts`. */
import { CheckFailedError, DataError } from '../../errors.js';
import { BatchSink } from '../../batch/sink.js';
import { bundledSchedulePath } from '../../schedule/bundled-path.js';
import type { Ctx } from '../context.js';
import { emit } from '../emit.js';
import { JSON_SCHEMA_VERSION } from '../../render/breakdown-json.js';

export async function lint(file: string | undefined, opts: { format?: string }, ctx: Ctx): Promise<void> {
  const { checkScheduleFile } = await import('../../schedule/load.js');
  const { lintSchedule } = await import('../../schedule/lint.js');
  const path = file ?? bundledSchedulePath();
  const { raw } = await checkScheduleFile(path);
  const findings = lintSchedule(raw);
  const errors = findings.filter((f) => f.severity === 'error');
  if (opts.format === 'json') {
    // the frame (render/frame.ts): the linted file's own meta (no hash: lint reads it as JSON, and
    // a file that fails to load is linted too); the check is "no errors"
    const meta = (raw as { meta?: { version?: string; verifiedThrough?: string } } | null)?.meta;
    const doc = {
      schemaVersion: JSON_SCHEMA_VERSION,
      schedule: { version: meta?.version ?? null, hash: null, verifiedThrough: meta?.verifiedThrough ?? null },
      file: path,
      findings,
      checks: [{ gate: 'lint', given: 'no errors', limit: 0, passed: errors.length === 0, failures: errors.map((f) => `${f.code} ${f.path}: ${f.message}`) }],
      notes: [],
    };
    await emit(ctx, `${JSON.stringify(doc, null, 2)}\n`);
  } else {
    let text = '';
    for (const f of findings)
      text += `${f.severity === 'error' ? ctx.c.red('error') : ctx.c.yellow('warning')} ${f.code} ${path}: ${f.path}: ${f.message} — ${f.hint}\n`;
    text += `${findings.length ? '' : `${ctx.c.green('ok')} `}${path}: ${errors.length} error${errors.length === 1 ? '' : 's'}, ${findings.length - errors.length} warning${findings.length - errors.length === 1 ? '' : 's'}\n`;
    await emit(ctx, text);
  }
  if (errors.length) throw new CheckFailedError(`lint found ${errors.length} error${errors.length > 1 ? 's' : ''} in ${path}`);
}

export async function schema(ctx: Ctx): Promise<void> {
  const { z } = await import('zod');
  const { schedule } = await import('../../schedule/schema.js');
  const json = z.toJSONSchema(schedule, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  json.title = 'tariff schedule';
  json.$id = 'https://github.com/tariff-cli/schedule.schema.json';
  await emit(ctx, `${JSON.stringify(json, null, 2)}\n`);
}

export async function importHts(
  file: string,
  opts: { output?: string; merge?: boolean; version?: string; verifiedThrough?: string; source?: string },
  ctx: Ctx,
): Promise<void> {
  // the output is opened (as its temporary file) first: a folder that is missing or read-only stops the run now
  const out = BatchSink.open(ctx, { output: opts.output, inputs: [['import-hts', file]] });
  try {
    await importTo(out, file, opts, ctx);
  } finally {
    out.abort(); // no-op after a commit
  }
}

async function importTo(
  out: BatchSink,
  file: string,
  opts: { merge?: boolean; version?: string; verifiedThrough?: string; source?: string },
  ctx: Ctx,
): Promise<void> {
  const { importHts: convert } = await import('../../schedule/import-hts.js');
  const { readJsonFile, checkScheduleFile } = await import('../../schedule/load.js');
  const { text: exportText } = await readJsonFile(file, 'HTS export');
  let rows: unknown;
  try {
    rows = JSON.parse(exportText);
  } catch (e) {
    throw new DataError(`${file}: not valid JSON (${(e as Error).message.split('\n')[0]})`, ['export the tariff as JSON from hts.usitc.gov']);
  }
  if (!Array.isArray(rows) || !rows.some((r) => r !== null && typeof r === 'object' && typeof (r as { htsno?: unknown }).htsno === 'string')) {
    throw new DataError(`${file}: not an HTS export (expected the export: a JSON array of rows with "htsno", "description", "general" ...)`, [
      'export the tariff as JSON from hts.usitc.gov',
    ]);
  }
  const merge = opts.merge ? (await checkScheduleFile(bundledSchedulePath())).raw : undefined;
  const result = convert(rows, {
    ...(merge ? { merge } : {}),
    version: opts.version ?? `hts-import-${ctx.today}`,
    verifiedThrough: opts.verifiedThrough ?? ctx.today,
    source: opts.source ?? 'https://hts.usitc.gov/',
  });
  for (const p of result.problems.slice(0, 200)) ctx.err.write(`${ctx.ce.yellow(`${file}: row ${p.row} (${p.htsno}) ${p.field}:`)} ${p.message}\n`);
  if (result.problems.length > 200) ctx.err.write(`… and ${result.problems.length - 200} more problems\n`);
  const text = `${JSON.stringify(result.schedule, null, 2)}\n`;
  out.out.append(text);
  await out.commit();
  ctx.err.write(
    `imported ${result.stats.lines} lines from ${result.stats.rows} rows (${result.stats.inherited} with an inherited rate), ${result.stats.measuresLinked} links to Chapter 99 measures, ${result.problems.length} problems\n`,
  );
}
