/**
 * Every US tariff line of chapters 01–97 from the USITC editions, dated: a line's general (MFN)
 * rate is the one of the edition in force on the entry date. The first edition that has a code
 * gives its `coverageFrom` (before it the rate is not known from these files, and results say
 * so); a code missing from a later edition ends there (`until`).
 *
 * Hand-curated lines (data/src/lines-us-curated.json) keep what the editions cannot say: an
 * earlier `coverageFrom` where the rate is known to have held since, 10-digit splits that a
 * measure needs, a note. Their MFN rate must equal the official one; the build fails otherwise.
 */
import { formatHts } from '../../../src/core/hts.js';
import type { RawLine, RawRate, RawSpecialGroup } from '../../../src/schedule/schema.js';
import { readEdition, type EditionLine, type EditionRow, type TrqOutcome } from './hts-edition.js';

export const EDITIONS = [
  { id: '2025 Basic Edition', file: 'usitc/hts_2025_basic_edition.csv.gz', from: '2025-01-01', release: '2025HTSABasic' },
  { id: '2026 Basic Edition', file: 'usitc/hts_2026_basic_edition.csv.gz', from: '2026-01-01', release: '2026HTSABasic' },
  { id: '2026 Revision 3', file: 'usitc/hts_2026_revision_3.csv.gz', from: '2026-02-12', release: '2026HTSARev3' },
  { id: '2026 Revision 4', file: 'usitc/hts_2026_revision_4.csv.gz', from: '2026-02-24', release: '2026HTSARev4' },
  // the JSON exports; `from` is the effective date of the revision's change record, or its publication
  // date where the changes reach back before the revision above (Revs 7–9; see data/sources/README.md)
  { id: '2026 Revision 5', file: 'usitc/hts_2026_revision_5.json.gz', from: '2026-04-06', release: '2026HTSARev5' },
  { id: '2026 Revision 6', file: 'usitc/hts_2026_revision_6.json.gz', from: '2026-04-23', release: '2026HTSARev6' },
  { id: '2026 Revision 7', file: 'usitc/hts_2026_revision_7.json.gz', from: '2026-04-29', release: '2026HTSARev7' },
  { id: '2026 Revision 8', file: 'usitc/hts_2026_revision_8.json.gz', from: '2026-05-22', release: '2026HTSARev8' },
  { id: '2026 Revision 9', file: 'usitc/hts_2026_revision_9.json.gz', from: '2026-05-28', release: '2026HTSARev9' },
  { id: '2026 Revision 10', file: 'usitc/hts_2026_revision_10.json.gz', from: '2026-06-08', release: '2026HTSARev10' },
] as const;

type Edition = (typeof EDITIONS)[number] & { rows: EditionRow[] };

const sameRate = (a: RawRate, b: RawRate): boolean => JSON.stringify(a) === JSON.stringify(b);

/** The official source of a line: the HTSUS search of the USITC, which shows every edition. */
export const htsSource = (digits: string): string => `https://hts.usitc.gov/search?query=${formatHts(digits.slice(0, 8))}`;

export function buildUsLines(
  editions: Edition[],
  curated: RawLine[],
): { lines: RawLine[]; report: string[]; links: Map<string, Map<string, string[]>>; editionLines: Map<string, Map<string, EditionLine>> } {
  const report: string[] = [];
  const trq: { edition: string; outcomes: TrqOutcome[] }[] = [];
  const links = new Map<string, Map<string, string[]>>();
  const read = editions.map((e) => {
    const r = readEdition(e.rows);
    if (r.links.size) links.set(e.id, r.links);
    report.push(`${e.id}: ${r.lines.size} rate lines; ${r.problems.length} rate texts (general or column 2) this tool does not compute, listed below`);
    for (const p of r.problems) report.push(`  ${e.file} ${/\.json(\.gz)?$/.test(e.file) ? 'record' : 'row'} ${p.row} ${p.code}: ${p.message}`);
    trq.push({ edition: e.id, outcomes: r.trq });
    return { edition: e, lines: r.lines };
  });
  report.push(...trqReport(trq));
  const codes = new Set<string>();
  for (const r of read) for (const c of r.lines.keys()) codes.add(c);

  const out = new Map<string, RawLine>();
  for (const code of [...codes].sort()) {
    let first: { from: string; line: EditionLine } | undefined;
    let last: EditionLine | undefined;
    let lastText = '';
    const changes: { from: string; rate: RawRate | null }[] = [];
    const specialChanges: { from: string; special: RawSpecialGroup[] }[] = [];
    let lastSpecial = '';
    let until: string | undefined;
    for (const { edition, lines } of read) {
      const l = lines.get(code);
      if (!l) {
        if (first && !until) until = edition.from;
        continue;
      }
      if (until) {
        // a code that comes back after a gap: keep it simple and honest, the gap is not modelled
        report.push(`  ${formatHts(code)}: missing from an edition before ${edition.from} and back again; gap not modelled`);
        until = undefined;
      }
      const special = JSON.stringify(l.special);
      if (!first) first = { from: edition.from, line: l };
      else {
        if (l.generalText !== lastText) changes.push({ from: edition.from, rate: l.general });
        // the groups as parsed: a change of spacing alone in the printed text is no change
        if (special !== lastSpecial) specialChanges.push({ from: edition.from, special: l.special });
      }
      last = l;
      lastText = l.generalText;
      lastSpecial = special;
    }
    if (!first || !last) continue;
    // a rate worded beyond what the tool computes, in any edition: the line asks for --mfn throughout
    const computable = first.line.general !== null && changes.every((c) => c.rate !== null);
    const line: RawLine = {
      importer: 'US',
      hts: formatHts(code),
      description: last.description,
      ...(computable
        ? { mfn: first.line.general as RawRate, ...(changes.length ? { mfnChanges: changes as { from: string; rate: RawRate }[] } : {}) }
        : { mfnText: last.generalText }),
      ...(last.column2 ? { column2: last.column2 } : {}),
      ...(first.line.special.length ? { special: first.line.special } : {}),
      ...(specialChanges.length ? { specialChanges } : {}),
      ...(last.units.length ? { units: last.units } : {}),
      ...(last.suffixes.length
        ? { suffixes: last.suffixes.map((s) => ({ hts: formatHts(s.code), description: s.description, ...(s.units.length ? { units: s.units } : {}) })) }
        : {}),
      sources: [htsSource(code)],
      coverageFrom: first.from,
      ...(until ? { until } : {}),
    };
    out.set(code, line);
  }

  for (const c of curated) {
    const digits = c.hts.replace(/\./g, '');
    const official = out.get(digits) ?? out.get(digits.slice(0, 8));
    if (!official) {
      report.push(`  curated line ${c.hts} is in no USITC edition: left out`);
      continue;
    }
    if (!official.mfn || !c.mfn || !sameRate(official.mfn, c.mfn)) {
      report.push(
        `  curated line ${c.hts}: MFN ${JSON.stringify(c.mfn)} differs from the 2025 edition's ${JSON.stringify(official.mfn)}: the official rate is used`,
      );
    }
    const merged: RawLine = {
      ...official,
      hts: c.hts,
      ...(digits.length === 10 ? { description: c.description } : {}),
      sources: [...official.sources, ...c.sources.filter((s) => !official.sources.includes(s))],
      ...(c.coverageFrom && (!official.coverageFrom || c.coverageFrom < official.coverageFrom) ? { coverageFrom: c.coverageFrom } : {}),
      ...(c.note ? { note: c.note } : {}),
    };
    if (digits.length === 10) delete merged.suffixes;
    out.set(digits, merged);
  }
  const lines = [...out.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([, l]) => l);
  report.unshift(`US lines: ${lines.length} (${curated.length} curated)`);
  return { lines, report, links, editionLines: new Map(read.map((r) => [r.edition.id, r.lines])) };
}

/**
 * The special rates printed as a Chapter 98/99 reference (scripts/data/lib/trq-special.ts): per
 * edition, how many line × programme pairs resolve to an in-quota rate and how many stay printed, by
 * reason; each pair of the last edition with what it resolved to, or why not.
 */
function trqReport(editions: readonly { edition: string; outcomes: TrqOutcome[] }[]): string[] {
  const out = [
    '',
    'Special rates printed as a Chapter 98/99 reference (tariff-rate quotas): line × programme pairs computed at the in-quota rate / by party (the provisions name the party: every origin they cover, or some) / by the provision claimed (several quotas, or rates by the goods without one: the claim names one, PA:9919.04.51) / not, by reason',
  ];
  for (const { edition, outcomes } of editions) {
    const reasons = new Map<string, number>();
    for (const o of outcomes) if (o.reason && !o.byParty && !o.quotas) reasons.set(o.reason, (reasons.get(o.reason) ?? 0) + 1);
    const lines = new Set(outcomes.map((o) => o.code)).size;
    const computed = outcomes.filter((o) => o.reason === null).length;
    const all = outcomes.filter((o) => o.byParty === 'all').length;
    const some = outcomes.filter((o) => o.byParty === 'some').length;
    const quotas = outcomes.filter((o) => o.quotas).length;
    out.push(
      `  ${edition}: ${outcomes.length} pairs on ${lines} lines; ${computed} computed, ${all} by party, ${some} by party for some origins, ${quotas} by the provision claimed (several quotas or rates by the goods), ${outcomes.length - computed - all - some - quotas} not (${[
        ...reasons,
      ]
        .sort()
        .map(([r, n]) => `${r} ${n}`)
        .join(', ')})`,
    );
  }
  const last = editions[editions.length - 1];
  for (const o of last?.outcomes ?? [])
    out.push(
      `    ${last?.edition} ${formatHts(o.code)} ${o.programme} "${o.printed}": ${o.reason === null ? `in-quota rate of ${o.detail}` : o.byParty ? `by party (${o.byParty === 'all' ? 'every origin its provisions cover' : 'some origins'}): ${o.parties ?? ''}; other origins: ${o.detail}` : o.quotas ? `by the provision claimed (several quotas or rates by the goods): ${o.quotas}` : `not computed (${o.reason}): ${o.detail}`}`,
    );
  return out;
}
