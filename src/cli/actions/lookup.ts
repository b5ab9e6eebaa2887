/**
 * `tariff lookup HTS`: every measure that touches a tariff line — dates, rate, base, stacking
 * relations, source — or, for a partial code, the lines under it.
 */
import { isRealDate } from '../../core/dates.js';
import { formatHts } from '../../core/hts.js';
import type { Importer, Measure, Schedule, TariffLine } from '../../core/types.js';
import { groupRate, inQuotaCondition, openPreferences, specialText, specialWindows } from '../../core/preference.js';
import { baseText, shortDescription } from '../../core/words.js';
import { rateText } from '../../core/rate-kinds.js';
import { problemError, UsageError } from '../../errors.js';
import { lookupDocument, lookupLinesDocument, lookupSearchDocument } from '../../render/lookup-json.js';
import { reachesOrigin } from '../../core/applicability.js';
import { authorityName } from '../../render/breakdown-table.js';
import { renderRecords, type Cell } from '../../render/records.js';
import { renderGrid } from '../../render/grid.js';
import { isCountryCode } from '../../core/countries.js';
import { emit } from '../emit.js';
import { loadSchedule, staleWarning, write, type Ctx, type GlobalOptions } from '../context.js';
import { DEFAULT_IMPORTER } from '../../core/countries.js';

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

const mfnText = (l: TariffLine, currency: string): string => (l.mfn ? rateText(l.mfn, currency) : `"${l.mfnText ?? ''}" (not computed: use --mfn)`);

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
  const flat = renderRecords(
    format,
    {
      columns: ['hts', 'description', 'mfn'],
      headings: ['HTS', 'Description', 'MFN'],
      rows: hits.map((h) => [
        formatHts(h.suffix?.hts ?? h.line.hts),
        h.suffix ? `${h.line.description}: ${h.suffix.description}` : h.line.description,
        h.line.mfn ? rateText(h.line.mfn, cur) : (h.line.mfnText ?? ''),
      ]),
    },
    ctx.csv,
  );
  if (total === 0) await write(ctx.err, `no ${importer} line has all of: ${queryWords(query).join(' ')}\n`);
  if (flat !== undefined) {
    if (total > hits.length && !ctx.quiet) await write(ctx.err, `the first ${hits.length} of ${total} matching lines; --limit N for more\n`);
    await write(ctx.out, flat);
    return;
  }
  if (total === 0) return;
  const grid = renderGrid({
    head: ['HTS', 'Description', 'MFN'],
    rows: hits.map((h) => [
      formatHts(h.suffix?.hts ?? h.line.hts),
      shortDescription(h.suffix ? `${h.line.description}: ${h.suffix.description}` : h.line.description),
      mfnText(h.line, cur),
    ]),
  });
  await emit(
    ctx,
    `${total} ${importer} line${total > 1 ? 's' : ''} match "${query}"${total > hits.length ? ` (the first ${hits.length}; --limit N for more)` : ''}:\n${grid}\n`,
  );
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
  const { code, importer, origin } = q;
  const format = opts.format ?? 'table';
  if (format === 'json') {
    await emit(ctx, `${JSON.stringify(lookupLinesDocument(schedule, code, importer, under), null, 2)}\n`);
    return;
  }
  const cur0 = schedule.importers.get(importer)?.currency ?? 'USD';
  const flat = renderRecords(
    format,
    {
      columns: ['hts', 'description', 'mfn'],
      headings: ['HTS', 'Description', 'MFN'],
      rows: under.map((l) => [formatHts(l.hts), l.description, mfnText(l, cur0)]),
    },
    ctx.csv,
  );
  if (flat !== undefined) {
    await emit(ctx, flat);
    return;
  }
  const grid = renderGrid({
    head: ['HTS', 'Description', 'MFN'],
    rows: under.map((l) => [formatHts(l.hts), l.description, mfnText(l, schedule.importers.get(importer)?.currency ?? 'USD')]),
    width: ctx.tableWidth,
    flex: [1],
  });
  await write(
    ctx.out,
    `${under.length} ${importer} line${under.length > 1 ? 's' : ''} under ${code}:\n${grid}\nlook one up for its measures: tariff lookup ${formatHts(under[0]?.hts ?? q.digits)}${origin ? ` --origin ${origin}` : ''}\n`,
  );
}

const windowText = (m: Measure): string => `${m.from} → ${m.to ?? 'open'}`;

/** measures named in full in the table; past it, the first few and the count (the JSON lists all) */
const REPLACES_SHOWN = 4;

function replacesText(ids: readonly string[]): string {
  if (ids.length <= REPLACES_SHOWN) return `replaces ${ids.join(', ')}`;
  return `replaces ${ids.slice(0, REPLACES_SHOWN - 1).join(', ')} and ${ids.length - (REPLACES_SHOWN - 1)} more (--format json lists them)`;
}

function stacking(m: Measure): string {
  return [
    m.replaces.length ? replacesText(m.replaces) : '',
    m.notWith.length ? `not with ${m.notWith.join(', ')}` : '',
    m.inLieuOfOthers ? 'in lieu of other duties' : '',
    m.suspended ? `suspended since ${m.suspended.since}` : '',
  ]
    .filter(Boolean)
    .join('; ');
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
  await emit(ctx, flat ?? lineText(schedule, q, line, measures, cur, opts, ctx));
}

/** the line's MFN rate and its measures as records (csv, ndjson, markdown) */
function lineRecords(line: TariffLine, measures: Measure[], cur: string): Parameters<typeof renderRecords>[1] {
  const hts = formatHts(line.hts);
  const mfn: Cell[] = [
    hts,
    'mfn',
    'duty',
    'mfn',
    line.description,
    'HTSUS column 1',
    null,
    null,
    mfnText(line, cur),
    'customs value',
    '',
    line.sources[0] ?? '',
  ];
  return {
    columns: ['hts', 'measure', 'kind', 'authority', 'title', 'ref', 'from', 'to', 'rate', 'base', 'stacking', 'source'],
    headings: ['HTS', 'Measure', 'Kind', 'Authority', 'Title', 'Ref', 'From', 'To', 'Rate', 'Base', 'Stacking', 'Source'],
    rows: [
      mfn,
      ...measures.map(
        (m) =>
          [hts, m.id, m.kind, m.authority, m.title, m.ref, m.from, m.to, rateText(m.rate, cur), baseText(m.base), stacking(m), m.sources[0] ?? ''] as Cell[],
      ),
    ],
  };
}

/** the table view: the line's head, its special column, the measures' grid and their sources */
function lineText(schedule: Schedule, q: LookupQuery, line: TariffLine, measures: Measure[], cur: string, opts: LookupOptions, ctx: Ctx): string {
  const { importer, origin, from, to } = q;
  const c = ctx.c;
  const head = `${c.bold(`${formatHts(line.hts)} ${shortDescription(line.description)}`)} (${importer}${origin ? `, origin ${origin}` : ''}${opts.date ? `, on ${opts.date}` : opts.from || opts.to ? `, ${opts.from ?? '…'} → ${opts.to ?? '…'}` : ''})\nMFN ${mfnText(line, cur)}${line.mfnChanges.map((ch) => `; from ${ch.from}: ${rateText(ch.rate, cur)}`).join('')} — ${line.sources[0] ?? ''}${line.until ? `\nremoved from the tariff on ${line.until}` : ''}${line.coverageFrom ? `\nmodelled from ${line.coverageFrom}` : ''}${line.note ? `\nnote: ${line.note}` : ''}\n`;
  const grid = renderGrid({
    head: ['Authority', 'Measure', 'Ref', 'In force', 'Rate', 'Base', 'Stacking'].map((h) => c.bold(h)),
    rows: [...measures]
      .sort((a, b) => (a.authority < b.authority ? -1 : a.authority > b.authority ? 1 : a.from < b.from ? -1 : 1))
      .map((m) => [
        authorityName(m.authority),
        m.title.length > 60 && !opts.wide ? `${m.title.slice(0, 59)}…` : m.title,
        m.ref,
        windowText(m),
        rateText(m.rate, cur),
        baseText(m.base),
        stacking(m),
      ]),
    width: ctx.tableWidth,
    flex: [1, 2, 3, 4, 5, 6],
  });
  const sources = [...new Set(measures.flatMap((m) => m.sources.slice(0, 1)))];
  // one source a line: a URL is never cut (terminals keep it clickable) and the list reads down
  const sourceList = sources.map((s) => `\n  ${s}`).join('');
  return `${head}${specialSection(schedule, line, origin, from, to, cur, ctx.tableWidth, c.bold)}${grid}\n${c.dim(`${measures.length} measures; sources:${sourceList}`)}\n`;
}

/**
 * The special column (general note 3(c)) of the line in the period asked, edition by edition; with
 * an origin, the preferences open to it (its programme admits the origin) and how to claim each.
 */
function specialSection(
  schedule: Schedule,
  line: TariffLine,
  origin: string | undefined,
  from: string,
  to: string,
  currency: string,
  width: number | undefined,
  bold: (s: string) => string,
): string {
  const imp = { code: line.importer, currency, minorDigits: 2 } as Importer;
  const windows = specialWindows(line).filter((w) => !((w.to !== null && w.to <= from) || (w.from !== null && w.from > to)));
  const when = (w: { from: string | null; to: string | null }): string => `${w.from ?? '…'} → ${w.to ?? 'open'}`;
  const column = windows.map((w) => `Special ${when(w)}: ${specialText(w.groups, imp)}`).join('\n');
  if (origin === undefined) return column ? `${column}\n` : '';
  const { open, unchecked } = openPreferences(schedule, line, origin, from, to);
  const rows = open.map((p) => [
    p.code,
    p.programme.title,
    p.rate
      ? `${groupRate(p.rate, imp)}${p.inQuota ? ` in quota ("${p.inQuota.printed}"): ${inQuotaCondition(p.inQuota)}` : p.party ? ` ("${p.text ?? ''}": goods of ${p.party.origins.join(', ')}, entered under ${p.party.provisions.join(', ')})` : ''}`
      : p.lineOf
        ? `"${p.text ?? ''}": the ${p.code} rate of the line named (${p.lineOf.goods}'s line of heading ${p.lineOf.heading}, the importer's assertion)`
        : `"${p.text ?? ''}" (not computed${p.uncomputed ? `: ${p.uncomputed}` : ''})`,
    when(p),
    p.rate || p.lineOf ? `--claim ${p.claim}` : '',
  ]);
  const table = rows.length
    ? renderGrid({ head: ['Code', 'Programme', 'Special rate', 'In the tariff', 'Claim'].map((h) => bold(h)), rows, width, flex: [1] })
    : `no preference of the programme table is open to ${origin} on this line\n`;
  const notChecked = unchecked.length
    ? `the special column also names ${unchecked.join(', ')}: programmes the schedule's table does not list with their members, so not checked for ${origin}\n`
    : '';
  return `${column ? `${column}\n` : ''}Preferences open to ${origin}:\n${table}${table.endsWith('\n') ? '' : '\n'}${notChecked}`;
}
