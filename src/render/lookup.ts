/**
 * The text views of `tariff lookup` (table, and the csv, ndjson and markdown records): one line
 * with every measure that touches it and its special column, the lines under a partial code, and
 * the lines a word search finds. (The JSON documents: render/lookup-json.ts.)
 */
import type { ChalkInstance } from 'chalk';
import { formatHts } from '../core/hts.js';
import type { Importer, Measure, Schedule, TariffLine } from '../core/types.js';
import { groupRate, inQuotaCondition, openPreferences, specialText, specialWindows } from '../core/preference.js';
import { baseText, shortDescription } from '../core/words.js';
import { rateText } from '../core/rate-kinds.js';
import type { SearchHit } from '../schedule/search.js';
import { authorityName } from './breakdown-table.js';
import { renderRecords, type Cell } from './records.js';
import { renderGrid } from './grid.js';

/** how one line is shown: for whom, over which period (and the dates as asked), in what width */
export interface LineView {
  importer: string;
  origin: string | undefined;
  from: string;
  to: string;
  /** --date, --from, --to as given (the head says the period asked) */
  asked: { date?: string | undefined; from?: string | undefined; to?: string | undefined };
  currency: string;
  wide: boolean;
  width: number | undefined;
  c: ChalkInstance;
}

/** A line's general rate, or the tariff's text when it cannot be computed. */
export const mfnText = (l: TariffLine, currency: string): string => (l.mfn ? rateText(l.mfn, currency) : `"${l.mfnText ?? ''}" (not computed: use --mfn)`);

const RECORD_COLUMNS = { columns: ['hts', 'description', 'mfn'], headings: ['HTS', 'Description', 'MFN'] };

/** the hits of a word search as records (csv, ndjson, markdown); undefined for the table */
export function searchRecords(format: string, hits: readonly SearchHit[], cur: string, csv: Parameters<typeof renderRecords>[2]): string | undefined {
  return renderRecords(
    format,
    {
      ...RECORD_COLUMNS,
      rows: hits.map((h) => [
        formatHts(h.suffix?.hts ?? h.line.hts),
        h.suffix ? `${h.line.description}: ${h.suffix.description}` : h.line.description,
        h.line.mfn ? rateText(h.line.mfn, cur) : (h.line.mfnText ?? ''),
      ]),
    },
    csv,
  );
}

/** the hits of a word search as a table, under the count of lines that match */
export function searchText(importer: string, query: string, total: number, hits: readonly SearchHit[], cur: string): string {
  const grid = renderGrid({
    head: ['HTS', 'Description', 'MFN'],
    rows: hits.map((h) => [
      formatHts(h.suffix?.hts ?? h.line.hts),
      shortDescription(h.suffix ? `${h.line.description}: ${h.suffix.description}` : h.line.description),
      mfnText(h.line, cur),
    ]),
  });
  return `${total} ${importer} line${total > 1 ? 's' : ''} match "${query}"${total > hits.length ? ` (the first ${hits.length}; --limit N for more)` : ''}:\n${grid}\n`;
}

/** the lines under a partial code as records (csv, ndjson, markdown); undefined for the table */
export function linesRecords(format: string, under: readonly TariffLine[], cur: string, csv: Parameters<typeof renderRecords>[2]): string | undefined {
  return renderRecords(format, { ...RECORD_COLUMNS, rows: under.map((l) => [formatHts(l.hts), l.description, mfnText(l, cur)]) }, csv);
}

/** the lines under a partial code as a table, and how to look one up */
export function linesText(
  q: { code: string; digits: string; importer: string; origin: string | undefined },
  under: readonly TariffLine[],
  cur: string,
  width: number | undefined,
): string {
  const { code, importer, origin } = q;
  const grid = renderGrid({
    head: ['HTS', 'Description', 'MFN'],
    rows: under.map((l) => [formatHts(l.hts), l.description, mfnText(l, cur)]),
    width,
    flex: [1],
  });
  return `${under.length} ${importer} line${under.length > 1 ? 's' : ''} under ${code}:\n${grid}\nlook one up for its measures: tariff lookup ${formatHts(under[0]?.hts ?? q.digits)}${origin ? ` --origin ${origin}` : ''}\n`;
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

/** the line's MFN rate and its measures as records (csv, ndjson, markdown) */
export function lineRecords(line: TariffLine, measures: readonly Measure[], cur: string): Parameters<typeof renderRecords>[1] {
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
export function lineText(schedule: Schedule, v: LineView, line: TariffLine, measures: readonly Measure[]): string {
  const { importer, origin, from, to, asked, currency: cur, c } = v;
  const head = `${c.bold(`${formatHts(line.hts)} ${shortDescription(line.description)}`)} (${importer}${origin ? `, origin ${origin}` : ''}${asked.date ? `, on ${asked.date}` : asked.from || asked.to ? `, ${asked.from ?? '…'} → ${asked.to ?? '…'}` : ''})\nMFN ${mfnText(line, cur)}${line.mfnChanges.map((ch) => `; from ${ch.from}: ${rateText(ch.rate, cur)}`).join('')} — ${line.sources[0] ?? ''}${line.until ? `\nremoved from the tariff on ${line.until}` : ''}${line.coverageFrom ? `\nmodelled from ${line.coverageFrom}` : ''}${line.note ? `\nnote: ${line.note}` : ''}\n`;
  const grid = renderGrid({
    head: ['Authority', 'Measure', 'Ref', 'In force', 'Rate', 'Base', 'Stacking'].map((h) => c.bold(h)),
    rows: [...measures]
      .sort((a, b) => (a.authority < b.authority ? -1 : a.authority > b.authority ? 1 : a.from < b.from ? -1 : 1))
      .map((m) => [
        authorityName(m.authority),
        m.title.length > 60 && !v.wide ? `${m.title.slice(0, 59)}…` : m.title,
        m.ref,
        windowText(m),
        rateText(m.rate, cur),
        baseText(m.base),
        stacking(m),
      ]),
    width: v.width,
    flex: [1, 2, 3, 4, 5, 6],
  });
  const sources = [...new Set(measures.flatMap((m) => m.sources.slice(0, 1)))];
  // one source a line: a URL is never cut (terminals keep it clickable) and the list reads down
  const sourceList = sources.map((s) => `\n  ${s}`).join('');
  return `${head}${specialSection(schedule, line, origin, from, to, cur, v.width, c.bold)}${grid}\n${c.dim(`${measures.length} measures; sources:${sourceList}`)}\n`;
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
