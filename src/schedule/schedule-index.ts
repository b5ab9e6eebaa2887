/**
 * The lookup index: which tariff line an HTS code falls under, and which measures can apply to
 * it. Lookups walk the code's prefixes (at most 11 of them), so their cost depends on the length
 * of the code, not on the number of measures or lines in the schedule.
 *
 * It is built a chapter at a time, when a code of that chapter is first asked for: the whole
 * tariff has some 20,000 product-list entries, and a single calc needs one chapter of them.
 */
import { elects } from '../core/preference.js';
import { reachesImport, reachesOrigin } from '../core/applicability.js';
import { fail, ok, type Result } from '../core/issues.js';
import type { FxRate, LineContext, Measure, Schedule, TariffLine } from '../core/types.js';
import { formatHts } from '../core/hts.js';

export interface LineMatch {
  line: TariffLine;
}

export class ScheduleIndex {
  readonly schedule: Schedule;
  private readonly measuresByPrefix = new Map<string, Map<string, Measure[]>>();
  private readonly linesByCode = new Map<string, Map<string, TariffLine>>();
  /** proper prefix → longer codes the schedule distinguishes below it (lines and measure scopes) */
  private readonly extensions = new Map<string, Map<string, Set<string>>>();
  /** which measures' scopes (or exclusions) made a code longer than its line an extension, by importer:code */
  private readonly extensionMeasures = new Map<string, Measure[]>();
  /** extensions that are tariff lines themselves (a 10-digit split): they always count */
  private readonly extensionLines = new Set<string>();
  private readonly byId = new Map<string, Measure>();

  /** parts (headings) of `schedule.lineShards` already read */
  private readonly loadedParts = new Set<string>();
  /** "importer:chapter" whose measure scopes are indexed ("importer:" for the scopes under 2 digits) */
  private readonly indexedChapters = new Set<string>();

  constructor(schedule: Schedule) {
    this.schedule = schedule;
    for (const line of schedule.lines) this.addLine(line);
    for (const m of schedule.measures) this.byId.set(m.id, m);
  }

  /** Indexes the measure scopes that fall in the chapter of `digits` (all chapters under 2 digits). */
  private ensureChapter(importer: string, digits: string): void {
    this.indexScopes(importer, '');
    if (digits.length >= 2) {
      this.indexScopes(importer, digits.slice(0, 2));
      this.ensureLines(importer, digits);
    } else {
      for (const m of this.schedule.measures) if (m.importer === importer) for (const p of m.hts) if (p.length >= 2) this.indexScopes(importer, p.slice(0, 2));
      this.ensureLines(importer, '');
    }
  }

  private indexScopes(importer: string, chapter: string): void {
    const key = `${importer}:${chapter}`;
    if (this.indexedChapters.has(key)) return;
    this.indexedChapters.add(key);
    for (const m of this.schedule.measures) if (m.importer === importer) this.addMeasure(m, chapter);
  }

  private addLine(line: TariffLine): void {
    this.linesOf(line.importer).set(line.hts, line);
    this.addExtensions(line.importer, line.hts);
  }

  /** Reads the line file of the heading `digits` falls in (all the files under a shorter code). */
  private ensureLines(importer: string, digits: string): void {
    const shards = this.schedule.lineShards;
    if (!shards || shards.importer !== importer) return;
    const len = shards.parts[0]?.length ?? 2;
    for (const part of digits.length >= len ? [digits.slice(0, len)] : shards.parts.filter((p) => p.startsWith(digits))) {
      if (this.loadedParts.has(part)) continue;
      this.loadedParts.add(part);
      const { lines, scopes } = shards.load(part);
      for (const line of lines) this.addLine(line);
      for (const [id, codes] of Object.entries(scopes)) {
        const m = this.byId.get(id);
        if (m?.scopeInShards) this.addPrefixes(m, codes);
      }
    }
  }

  private linesOf(importer: string): Map<string, TariffLine> {
    let m = this.linesByCode.get(importer);
    if (!m) this.linesByCode.set(importer, (m = new Map()));
    return m;
  }

  private addExtensions(importer: string, code: string, by?: Measure): void {
    if (by) {
      const k = `${importer}:${code}`;
      const list = this.extensionMeasures.get(k) ?? [];
      if (!list.includes(by)) list.push(by);
      this.extensionMeasures.set(k, list);
    } else this.extensionLines.add(`${importer}:${code}`);
    let ext = this.extensions.get(importer);
    if (!ext) this.extensions.set(importer, (ext = new Map()));
    for (let len = 0; len < code.length; len++) {
      const p = code.slice(0, len);
      let set = ext.get(p);
      if (!set) ext.set(p, (set = new Set()));
      set.add(code);
    }
  }

  /** The measure's scope prefixes in `chapter` ('' = those under 2 digits) join the index. */
  private addMeasure(m: Measure, chapter: string): void {
    for (const x of m.exclude) if (x.length > 8 && chapter !== '' && x.startsWith(chapter)) this.addExtensions(m.importer, x, m);
    // a scope kept in the line files joins the index when its chapter's file is read
    if (m.scopeInShards) return;
    const [from, to] = chapterSlice(m.hts, chapter);
    this.addPrefixes(
      m,
      m.hts.slice(from, to).filter((p) => (chapter === '' ? p.length < 2 : p.startsWith(chapter))),
    );
  }

  private addPrefixes(m: Measure, prefixes: readonly string[]): void {
    if (prefixes.length !== 0) {
      this.candidateLists.clear();
      this.originLists.clear();
    }
    let byPrefix = this.measuresByPrefix.get(m.importer);
    if (!byPrefix) this.measuresByPrefix.set(m.importer, (byPrefix = new Map()));
    for (const p of prefixes) {
      let list = byPrefix.get(p);
      if (!list) byPrefix.set(p, (list = []));
      if (list[list.length - 1] !== m) list.push(m);
      // a scope finer than the 8-digit lines makes the 8-digit code too short to price; a coarser
      // one is covered by the lines themselves (and long product lists would cost start-up time)
      if (p.length > 8) this.addExtensions(m.importer, p, m);
    }
  }

  measure(id: string): Measure | undefined {
    return this.byId.get(id);
  }

  hasImporter(code: string): boolean {
    return this.schedule.importers.has(code);
  }

  /** Every measure whose HTS scope covers `digits` (any origin, any date), in schedule order: one frozen list per code, shared (copy it to sort). */
  candidates(importer: string, digits: string): readonly Measure[] {
    this.ensureChapter(importer, digits);
    // a batch plans each kind of row (HTS, origin, mode) once, most of them on a code planned already
    const key = `${importer}:${digits}`;
    const known = this.candidateLists.get(key);
    if (known !== undefined) return known;
    const list: readonly Measure[] = Object.freeze(this.findCandidates(importer, digits));
    this.candidateLists.set(key, list);
    return list;
  }

  /**
   * `candidates` already found, frozen (callers filter them), by importer and code; emptied
   * whenever a scope joins the index (addPrefixes), so a list is never older than the index.
   */
  private readonly candidateLists = new Map<string, readonly Measure[]>();

  /**
   * The `candidates` of the importer's own that can reach goods of `origin`: what a plan starts
   * from. A batch under the as-entered scenario plans each kind on each of its law dates, and the
   * filter of hundreds of measures was a third of a plan's time.
   */
  candidatesFrom(importer: string, digits: string, origin: string): readonly Measure[] {
    const all = this.candidates(importer, digits);
    const key = `${importer}:${digits}:${origin}`;
    const known = this.originLists.get(key);
    if (known !== undefined) return known;
    const list: readonly Measure[] = Object.freeze(all.filter((m) => reachesImport(m, importer, origin)));
    this.originLists.set(key, list);
    return list;
  }

  /** `candidatesFrom` already found, emptied with `candidateLists` */
  private readonly originLists = new Map<string, readonly Measure[]>();

  private findCandidates(importer: string, digits: string): Measure[] {
    const byPrefix = this.measuresByPrefix.get(importer);
    if (!byPrefix) return [];
    // a measure scoped at several prefixes of the code is listed once (a Set: the lists of "*"
    // measures hold hundreds, and `includes` on the growing result made this quadratic)
    const seen = new Set<Measure>();
    for (let len = 0; len <= digits.length; len++) {
      const list = byPrefix.get(digits.slice(0, len));
      if (!list) continue;
      for (const m of list) if (!seen.has(m) && !isExcluded(m, digits)) seen.add(m);
    }
    return [...seen].sort((a, b) => a.order - b.order);
  }

  /** Every tariff line at or below a (possibly partial) code. */
  linesUnder(importer: string, digits: string): TariffLine[] {
    this.ensureChapter(importer, digits);
    const lines = this.linesByCode.get(importer);
    if (!lines) return [];
    const out: TariffLine[] = [];
    const own = lines.get(digits);
    if (own) out.push(own);
    for (const code of this.extensions.get(importer)?.get(digits) ?? []) {
      const l = lines.get(code);
      if (l) out.push(l);
    }
    return out.sort((a, b) => (a.hts < b.hts ? -1 : 1));
  }

  /** The tariff line whose code is the longest prefix of `digits`; errors say what to type instead. */
  findLine(importer: string, digits: string, on?: LineContext): Result<TariffLine> {
    this.ensureChapter(importer, digits);
    const lines = this.linesByCode.get(importer) ?? (this.schedule.importers.has(importer) ? new Map<string, TariffLine>() : undefined);
    if (!lines) {
      return fail({
        code: 'importer-unknown',
        path: 'importer',
        message: `importer "${importer}" is not in the schedule`,
        hint: `use one of: ${[...this.schedule.importers.keys()].join(', ')}`,
      });
    }
    // a longer code matters only where a line or a measure that reaches this origin on this date needs it
    const all = this.extensions.get(importer)?.get(digits);
    const longer = all && on ? new Set([...all].filter((c) => this.extensionCounts(importer, c, on))) : all;
    if (longer && longer.size > 0) {
      const choices = [...longer].filter((c) => lines.has(c)).sort();
      const listed = (choices.length ? choices : [...longer].sort()).slice(0, 12);
      return fail({
        code: 'hts-ambiguous',
        path: 'hts',
        message: `HTS ${formatHts(digits)} is too short: the schedule treats codes below it differently`,
        hint: `give the full code, one of: ${listed.map((c) => `${formatHts(c)}${described(c, lines.get(c) ?? lines.get(digits))}`).join('; ')}${otherSuffixes(lines.get(digits), longer)}`,
        choices: listed.map(formatHts),
      });
    }
    for (let len = digits.length; len >= 2; len--) {
      const line = lines.get(digits.slice(0, len));
      if (line) return ok(line);
    }
    const near = this.nearest(importer, digits);
    return fail({
      code: 'hts-unknown',
      path: 'hts',
      message: `HTS ${formatHts(digits)} is not in the ${importer} schedule`,
      hint: near.length
        ? `nearest known codes: ${near.map((l) => `${formatHts(l.hts)} (${l.description.length > 60 ? `${l.description.slice(0, 59)}…` : l.description})`).join('; ')}; the lines under a heading: tariff lookup ${formatHts(digits.slice(0, 4))}`
        : 'bring a schedule that covers it with --schedule',
      choices: near.map((l) => formatHts(l.hts)),
    });
  }

  private extensionCounts(importer: string, code: string, on: LineContext): boolean {
    const k = `${importer}:${code}`;
    if (this.extensionLines.has(k)) return true;
    return (this.extensionMeasures.get(k) ?? []).some(
      (m) =>
        m.from <= on.date &&
        (m.to === null || on.date < m.to) &&
        reachesOrigin(m, on.origin) &&
        // an alternative not chosen (a claim not made) needs no digits of its own
        (m.election === null || m.election.default || elects(on.elections, m.election.group, m.election.option, false)),
    );
  }

  /** Up to `n` known lines closest to a code: longest shared prefix first, then numeric distance. */
  nearest(importer: string, digits: string, n = 5): TariffLine[] {
    this.ensureLines(importer, digits.slice(0, 2));
    if (![...(this.linesByCode.get(importer)?.keys() ?? [])].some((c) => c.startsWith(digits.slice(0, 2)))) this.ensureLines(importer, '');
    const lines = [...(this.linesByCode.get(importer)?.values() ?? [])];
    const target = Number(digits.padEnd(10, '0'));
    const shared = (code: string): number => {
      let i = 0;
      while (i < code.length && i < digits.length && code[i] === digits[i]) i++;
      return i;
    };
    return lines
      .map((l) => ({ l, s: shared(l.hts), d: Math.abs(Number(l.hts.padEnd(10, '0')) - target) }))
      .sort((a, b) => b.s - a.s || a.d - b.d || (a.l.hts < b.l.hts ? -1 : 1))
      .slice(0, n)
      .map((x) => x.l);
  }

  /** The dated FX rate in force on `date` (the latest one on or before it). */
  fxRate(from: string, to: string, date: string): FxRate | undefined {
    let found: FxRate | undefined;
    for (const f of this.schedule.fx) {
      if (f.from === from && f.to === to && f.date <= date) found = f;
    }
    return found;
  }
}

/**
 * The part of a scope list that can hold prefixes of `chapter`: a sorted list (the build sorts
 * the long product lists) is cut by binary search; any other is read whole.
 */
function chapterSlice(hts: readonly string[], chapter: string): [number, number] {
  if (chapter === '' || hts.length < 64 || !isSorted(hts)) return [0, hts.length];
  const lower = (key: string): number => {
    let lo = 0;
    let hi = hts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((hts[mid] as string) < key) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  // every code of the chapter sorts between "ch" and "ch" + 1 ("95" ≤ "9503…" < "96")
  if (chapter === '99') return [lower(chapter), hts.length];
  return [lower(chapter), lower(String(Number(chapter) + 1).padStart(2, '0'))];
}

const sortedLists = new WeakMap<readonly string[], boolean>();
function isSorted(list: readonly string[]): boolean {
  let known = sortedLists.get(list);
  if (known === undefined) {
    known = true;
    for (let i = 1; i < list.length && known; i++) if ((list[i - 1] as string) > (list[i] as string)) known = false;
    sortedLists.set(list, known);
  }
  return known;
}

export function isExcluded(m: Measure, digits: string): boolean {
  for (const x of m.exclude) if (digits.startsWith(x)) return true;
  return false;
}

/**
 * The statistical numbers of `line` that no measure treats apart (the line's own rates price them):
 * named too, so that a code the list above leaves out (9401.61.4001, children's chairs, beside the
 * .4011 and .4031 that note 37(d) names) does not look refused.
 */
function otherSuffixes(line: TariffLine | undefined, apart: ReadonlySet<string>): string {
  const rest = (line?.suffixes ?? []).filter((s) => !apart.has(s.hts.replace(/\./g, '')));
  if (rest.length === 0 || line === undefined) return '';
  const named = rest.slice(0, 6).map((s) => `${formatHts(s.hts)} (${s.description})`);
  return `; or another statistical number of ${formatHts(line.hts)}, priced as the line: ${named.join('; ')}${rest.length > 6 ? ` … (${rest.length} in all)` : ''}`;
}

/** " (description)" of `code`: the line's own, or that of the statistical number of `line` it is */
function described(code: string, line: TariffLine | undefined): string {
  if (line === undefined) return '';
  if (line.hts.replace(/\./g, '') === code) return ` (${line.description})`;
  const s = line.suffixes.find((x) => x.hts.replace(/\./g, '') === code);
  return s ? ` (${s.description})` : '';
}
