/**
 * The dates on which a line's law changes: the days a measure that reaches the shipment starts,
 * ends or is suspended, between two dates. A timeline prices the shipment on each of them; the
 * dates come from the core's own boundaries (`lawBoundaries`) and the measures from the index's
 * candidates for the line, filtered by the origin and mode tests `planShipment` applies.
 */
import { reachesMode, reachesOrigin } from './applicability.js';
import { lawBoundaries } from './landed-cost.js';
import { entryRuleChange, entryRuleReaches } from './entry-type.js';
import { formatHts } from './hts.js';
import { claimsOf, groupRate, programmeOf } from './preference.js';
import { decToString } from './decimal.js';
import type { FxRate, Importer, Measure, MeasureIndex, Rate, ResolvedScenario, Shipment, SpecialGroup, TariffLine } from './types.js';

/**
 * `from`, then every date after it and up to `to` (inclusive) on which the law of any line can
 * change. Pricing on these dates sees every change; between two of them the law stands still.
 */
export function lawChangeDates(index: MeasureIndex, scenario: ResolvedScenario, from: string, to: string): string[] {
  return [from, ...lawBoundaries(index, scenario).filter((d) => d > from && d <= to)];
}

/**
 * The dates a timeline prices: `lawChangeDates`, and each date after `from` and up to `to` on which
 * one of the schedule's exchange rates takes effect, whatever its currencies. A shipment in another
 * currency is converted at the rate of its law date, so its total moves on that date though no law
 * does; a date on which no total moves and nothing reaching a shipment is named gets no row.
 */
export function lawAndRateDates(index: MeasureIndex, scenario: ResolvedScenario, from: string, to: string): string[] {
  const dates = new Set(lawChangeDates(index, scenario, from, to));
  for (const f of index.schedule.fx) if (f.date > from && f.date <= to) dates.add(f.date);
  return [...dates].sort();
}

/**
 * The measures that can reach this shipment on some date: the candidates of its line, for its
 * origin and transport mode. The date window, suspension and scenario are what the timeline varies.
 */
export function measuresReaching(index: MeasureIndex, s: Pick<Shipment, 'importer' | 'hts' | 'origin' | 'mode'>): Measure[] {
  const mode = s.mode ?? null;
  return index.candidates(s.importer, s.hts).filter((m) => reachesOrigin(m, s.origin) && reachesMode(m, mode));
}

export type LawChangeKind = 'starts' | 'ends' | 'suspended';

export interface LawChange {
  kind: LawChangeKind;
  measure: Measure;
}

/**
 * The changes of these measures after `from` and up to `to`, by date (dates in the order the
 * measures are given; sort the keys for a timeline). A window's `to` is the first day without
 * the measure: that is the day the law changes.
 */
export function lawChanges(measures: Iterable<Measure>, from: string, to: string): Map<string, LawChange[]> {
  const out = new Map<string, LawChange[]>();
  const add = (date: string, kind: LawChangeKind, measure: Measure): void => {
    if (date <= from || date > to) return;
    const list = out.get(date) ?? [];
    list.push({ kind, measure });
    out.set(date, list);
  };
  for (const m of measures) {
    add(m.from, 'starts', m);
    if (m.to !== null) add(m.to, 'ends', m);
    if (m.suspended) add(m.suspended.since, 'suspended', m);
  }
  return out;
}

/** A change in words: "starts: Section 301 List 3 (9903.88.03)". */
export function lawChangeText(c: LawChange): string {
  return `${c.kind}: ${c.measure.title} (${c.measure.ref})`;
}

/**
 * The changes of a line's own rates after `from` and up to `to`, in words by date: its general
 * rate (each `mfnChanges` entry), and the special rates of the programmes in `codes` (each
 * `specialChanges` entry: the tariff's staged rates of 1 January). A timeline lists them beside
 * the measures' changes: without them, a claimed rate that falls on 1 January changes the total
 * on a date that no row names.
 */
export function lineRateChanges(line: TariffLine, importer: Importer, codes: ReadonlySet<string>, from: string, to: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const add = (date: string, text: string): void => {
    if (date <= from || date > to) return;
    out.set(date, [...(out.get(date) ?? []), text]);
  };
  const words = (rate: Rate | null): string => (rate === null ? 'not computed' : groupRate(rate, importer));
  let mfn = line.mfn;
  for (const c of line.mfnChanges) {
    if (words(c.rate) !== words(mfn)) add(c.from, `general rate of ${formatHts(line.hts)}: ${words(mfn)} → ${words(c.rate)}`);
    mfn = c.rate;
  }
  let special = line.special;
  for (const c of line.specialChanges) {
    const moved = [...codes].sort().flatMap((code) => {
      const before = specialText(special, code, importer);
      const after = specialText(c.special, code, importer);
      return before === after ? [] : [`${code} ${before} → ${after}`];
    });
    if (moved.length > 0) add(c.from, `special rate of ${formatHts(line.hts)}: ${moved.join(', ')}`);
    special = c.special;
  }
  return out;
}

/** A programme's special rate in a line's special column, in words; "none" when the column does not name it. */
function specialText(groups: readonly SpecialGroup[], code: string, importer: Importer): string {
  const g = groups.find((x) => x.codes.includes(code));
  if (g === undefined) return 'none';
  return g.rate !== null ? groupRate(g.rate, importer) : `"${g.text ?? ''}"`;
}

/**
 * The lines a timeline's shipments are priced on, each with the programmes claimed on it: the
 * rates whose own changes (`lineRateChanges`) the timeline lists. A special rate no shipment
 * claims does not move its total, so it is not listed.
 */
export class TouchedLines {
  private readonly lines = new Map<string, { line: TariffLine; importer: Importer; codes: Set<string> }>();
  private readonly seen = new Set<string>();
  /** importer → the origins of its shipments: whose column 2 windows (general note 3(b)) are listed */
  private readonly origins = new Map<string, Set<string>>();
  /** importer → the currencies its shipments are converted from at the schedule's dated rates */
  private readonly currencies = new Map<string, Set<string>>();
  /** the importers with a shipment whose assumed entry type a change of their rule can reach */
  private readonly assumedEntry = new Set<string>();

  constructor(private readonly index: MeasureIndex) {}

  add(s: Pick<Shipment, 'importer' | 'hts' | 'origin' | 'date' | 'elections' | 'currency' | 'fxRate' | 'entryType'> & { value?: number }): void {
    const imp = this.index.schedule.importers.get(s.importer);
    // a value in another currency (or none given) may fall between the limits on some date
    const goods = s.value !== undefined && (s.currency === undefined || s.currency === imp?.currency) ? s.value : null;
    if (s.entryType === undefined && imp !== undefined && entryRuleReaches(imp, goods)) {
      this.assumedEntry.add(s.importer);
    }
    if (s.currency !== undefined && s.fxRate === undefined) {
      const set = this.currencies.get(s.importer) ?? new Set<string>();
      this.currencies.set(s.importer, set.add(s.currency));
    }
    const claim = s.elections?.claim ?? '';
    const key = `${s.importer}|${s.hts}|${s.origin}|${claim}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    const origins = this.origins.get(s.importer) ?? new Set<string>();
    this.origins.set(s.importer, origins.add(s.origin));
    const found = this.index.findLine(s.importer, s.hts, { origin: s.origin, date: s.date ?? '', elections: s.elections });
    const importer = this.index.schedule.importers.get(s.importer);
    if (!found.ok || importer === undefined) return;
    const lineKey = `${s.importer}|${found.value.hts}`;
    const entry = this.lines.get(lineKey) ?? { line: found.value, importer, codes: new Set<string>() };
    this.lines.set(lineKey, entry);
    for (const c of claimsOf(claim)) for (const code of programmeOf(this.index.schedule, s.importer, c)?.codes ?? []) entry.codes.add(code);
  }

  /** Every touched line's rate changes after `from` and up to `to`, by date. */
  changes(from: string, to: string): Map<string, string[]> {
    const out = new Map<string, string[]>();
    for (const { line, importer, codes } of this.lines.values()) {
      for (const [date, list] of lineRateChanges(line, importer, codes, from, to)) out.set(date, [...(out.get(date) ?? []), ...list]);
    }
    const add = (date: string, text: string): void => {
      if (date > from && date <= to) out.set(date, [...(out.get(date) ?? []), text]);
    };
    for (const [code, currencies] of this.currencies) {
      const imp = this.index.schedule.importers.get(code);
      for (const cur of imp === undefined ? [] : [...currencies].sort()) {
        for (const [date, text] of fxChanges(this.index.schedule.fx, cur, (imp as Importer).currency)) add(date, text);
      }
    }
    for (const [code, origins] of this.origins) {
      const imp = this.index.schedule.importers.get(code);
      const entry = imp === undefined || !this.assumedEntry.has(code) ? null : entryRuleChange(imp);
      if (entry !== null) add(entry.date, entry.text);
      for (const w of imp?.column2 ?? []) {
        const hit = [...origins].filter((o) => w.origins.has(o)).sort();
        if (hit.length === 0) continue;
        add(w.from, `starts: column 2 rates for ${hit.join(', ')} (${w.ref})`);
        if (w.to !== null) add(w.to, `ends: column 2 rates for ${hit.join(', ')} (${w.ref})`);
      }
    }
    return out;
  }
}

/**
 * The schedule's changes of the rate from currency `from` to `to`, in words by date ("exchange
 * rate: 0.139437 → 0.14072 USD per CNY …"). Before the first rate a shipment cannot be converted,
 * so only the later ones are changes.
 */
function fxChanges(fx: readonly FxRate[], from: string, to: string): [string, string][] {
  const rates = fx.filter((f) => f.from === from && f.to === to).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return rates
    .slice(1)
    .map((r, i) => [
      r.date,
      `exchange rate: ${decToString((rates[i] as FxRate).rate)} → ${decToString(r.rate)} ${to} per ${from} (the schedule's rate of ${r.date})`,
    ]);
}

/**
 * The dates after `from` on which the totals (`keys`, one per date of `dates`) differ from the
 * date before though `events` names no change: a timeline shows them all the same, so that no
 * change of the total is hidden between two rows.
 */
export function silentChanges(dates: readonly string[], keys: readonly string[], events: ReadonlyMap<string, unknown>, from: string): string[] {
  const out: string[] = [];
  for (let i = 1; i < dates.length; i++) {
    const date = dates[i] as string;
    if (date > from && !events.has(date) && keys[i] !== keys[i - 1]) out.push(date);
  }
  return out;
}
