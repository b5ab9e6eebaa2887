/**
 * `tariff lookup HTS`: every measure that touches a tariff line — dates, rate, base, stacking
 * relations, source — or, for a partial code, the lines under it.
 */
import { isRealDate } from '../../core/dates.js';
import type { Schedule, TariffLine } from '../../core/types.js';
import { openPreferences } from '../../core/preference.js';
import { problemError, UsageError } from '../../errors.js';
import { lookupDocument, lookupLinesDocument, lookupSearchDocument } from '../../render/lookup-json.js';
import { lineRecords, lineText, linesRecords, linesText, searchRecords, searchText } from '../../render/lookup.js';
import { reachesOrigin } from '../../core/applicability.js';
import { renderRecords } from '../../render/records.js';
import { DEFAULT_IMPORTER, isCountryCode } from '../../core/countries.js';
import { emit } from '../emit.js';
import { loadSchedule, staleWarning, write, type Ctx, type GlobalOptions } from '../context.js';

export interface LookupOptions extends GlobalOptions {
  origin?: string;
  importer?: string;
  date?: string;
  from?: string;
  to?: string;
  format?: string;
  search?: string;
  limit?: string;
}

/** `tariff lookup --search WORDS`: lines whose description (or a suffix's) has every word. */
async function search(query: string, opts: LookupOptions, ctx: Ctx): Promise<void> {
  const importer = (opts.importer ?? DEFAULT_IMPORTER).toUpperCase();
  const limit = opts.limit === undefined ? 50 : Number(opts.limit);
  if (!Number.isInteger(limit) || limit < 1) throw new UsageError(`--limit ${JSON.stringify(opts.limit)} is not a positive whole number`);
  const { searchLines, queryWords } = await import('../../schedule/search.js');
  if (queryWords(query).length === 0) throw new UsageError('--search needs at least one word', ['e.g. tariff lookup --search "lithium batteries"']);
  const { schedule, index } = await loadSchedule(opts);
  // the measures listed run to the last date asked (today when none is): past verifiedThrough some may be missing
  if (!ctx.quiet) staleWarning(ctx, schedule, opts.date ?? opts.to ?? ctx.today);
  if (!schedule.importers.has(importer))
    throw new UsageError(`--importer "${importer}" is not in the schedule`, [`use one of ${[...schedule.importers.keys()].join(', ')}`]);
  const { hits, total } = searchLines(index.linesUnder(importer, ''), query, limit);
  const cur = schedule.importers.get(importer)?.currency ?? 'USD';
  if ((opts.format ?? 'table') === 'json') {
    await emit(ctx, `${JSON.stringify(lookupSearchDocument(schedule, query, importer, total, hits), null, 2)}\n`);
    return;
  }
  const format = opts.format ?? 'table';
  // csv, ndjson, markdown: the hits as records (an empty result is a header alone, or nothing)
  const flat = searchRecords(format, hits, cur, ctx.csv);
  if (total === 0) await write(ctx.err, `no ${importer} line has all of: ${queryWords(query).join(' ')}\n`);
  if (flat !== undefined) {
    if (total > hits.length && !ctx.quiet) await write(ctx.err, `the first ${hits.length} of ${total} matching lines; --limit N for more\n`);
    await write(ctx.out, flat);
    return;
  }
  if (total > 0) await emit(ctx, searchText(importer, query, total, hits, cur));
}

function checkDate(v: string | undefined, flag: string): void {
  if (v !== undefined && !isRealDate(v)) throw new UsageError(`${flag} ${JSON.stringify(v)} is not a calendar date`, ['write it as YYYY-MM-DD']);
}

/** what `tariff lookup CODE` asks, checked: the code's digits, the importer, origin and period */
interface LookupQuery {
  code: string;
  digits: string;
  importer: string;
  origin: string | undefined;
  /** the period asked; the whole time line when none is */
  from: string;
  to: string;
}

export async function lookup(code: string | undefined, opts: LookupOptions, ctx: Ctx): Promise<void> {
  if (opts.search !== undefined) {
    if (code !== undefined) throw new UsageError('give an HTS code or --search WORDS, not both');
    await search(opts.search, opts, ctx);
    return;
  }
  const q = lookupQuery(code, opts);
  const { schedule, index } = await loadSchedule(opts);
  if (!ctx.quiet) staleWarning(ctx, schedule, opts.date ?? opts.to ?? ctx.today);
  if (!schedule.importers.has(q.importer))
    throw new UsageError(`--importer "${q.importer}" is not in the schedule`, [`use one of ${[...schedule.importers.keys()].join(', ')}`]);
  const under = index.linesUnder(q.importer, q.digits);
  const exact = index.findLine(q.importer, q.digits);
  if (!exact.ok && under.length === 0) throw problemError(exact.issue);
  // a partial code: the lines it covers
  if (!exact.ok || (under.length > 1 && !under.some((l) => l.hts === q.digits))) await showLines(schedule, q, under, opts, ctx);
  else await showLine(schedule, index, q, exact.value, opts, ctx);
}

function lookupQuery(code: string | undefined, opts: LookupOptions): LookupQuery {
  if (code === undefined) throw new UsageError('missing HTS code', ['e.g. tariff lookup 8471.30.01, or tariff lookup --search "lithium batteries"']);
  const digits = code.replace(/[.\s]/g, '');
  if (!/^\d{2,10}$/.test(digits))
    throw new UsageError(`"${code}" is not an HTS code or prefix`, ['give 2–10 digits, dots optional: 8471, 8471.30, 8471.30.01']);
  const importer = (opts.importer ?? DEFAULT_IMPORTER).toUpperCase();
  const origin = opts.origin?.toUpperCase();
  if (origin !== undefined && !isCountryCode(origin)) throw new UsageError(`--origin "${opts.origin}" is not an ISO 3166-1 country code`, ['e.g. CN, HK, VN']);
  for (const [v, f] of [
    [opts.date, '--date'],
    [opts.from, '--from'],
    [opts.to, '--to'],
  ] as const)
    checkDate(v, f);
  if (opts.date && (opts.from || opts.to)) throw new UsageError('give --date, or --from/--to, not both');
  const from = opts.date ?? opts.from ?? '0000-01-01';
  const to = opts.date ?? opts.to ?? '9999-12-31';
  return { code, digits, importer, origin, from, to };
}

/** the lines under a partial code */
async function showLines(schedule: Schedule, q: LookupQuery, under: TariffLine[], opts: LookupOptions, ctx: Ctx): Promise<void> {
  const { code, importer } = q;
  const format = opts.format ?? 'table';
  if (format === 'json') {
    await emit(ctx, `${JSON.stringify(lookupLinesDocument(schedule, code, importer, under), null, 2)}\n`);
    return;
  }
  const cur = schedule.importers.get(importer)?.currency ?? 'USD';
  const flat = linesRecords(format, under, cur, ctx.csv);
  if (flat !== undefined) await emit(ctx, flat);
  else await write(ctx.out, linesText(q, under, cur, ctx.tableWidth));
}

/** one line and every measure that touches it in the period asked (and reaches the origin, when given) */
async function showLine(
  schedule: Schedule,
  index: Awaited<ReturnType<typeof loadSchedule>>['index'],
  q: LookupQuery,
  line: TariffLine,
  opts: LookupOptions,
  ctx: Ctx,
): Promise<void> {
  const { importer, origin, from, to } = q;
  const format = opts.format ?? 'table';
  const measures = index
    .candidates(importer, line.hts.length >= q.digits.length ? line.hts : q.digits)
    .filter((m) => origin === undefined || reachesOrigin(m, origin))
    .filter((m) => m.from <= to && (m.to === null || m.to > from));
  const cur = schedule.importers.get(importer)?.currency ?? 'USD';
  if (format === 'json') {
    const doc = lookupDocument(
      schedule,
      { query: q.code, importer, origin: origin ?? null, from: opts.date ?? opts.from ?? null, to: opts.date ?? opts.to ?? null, currency: cur },
      line,
      measures,
      origin ? openPreferences(schedule, line, origin, from, to) : null,
    );
    await emit(ctx, `${JSON.stringify(doc, null, 2)}\n`);
    return;
  }
  const flat = renderRecords(format, lineRecords(line, measures, cur), ctx.csv);
  const view = { ...q, asked: { date: opts.date, from: opts.from, to: opts.to }, currency: cur, wide: Boolean(opts.wide), width: ctx.tableWidth, c: ctx.c };
  await emit(ctx, flat ?? lineText(schedule, view, line, measures));
}
