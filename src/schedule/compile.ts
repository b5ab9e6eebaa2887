/**
 * Raw (validated) schedule → the compiled model the core computes with: rate strings become
 * exact decimals, money strings become minor units, HTS codes become digits.
 *
 * This runs on every start, so it does no validation of its own beyond what parsing needs: a
 * user's file is validated with zod before it gets here, and the bundled file at build time.
 */
import type { FxRate, Importer, LineShards, Measure, Override, Rate, Scenario, Schedule, SpecialGroup, TariffLine } from '../core/types.js';
import { decOf, minorUnits, rateFromText } from '../core/rate-text.js';
import type { RawLine, RawMeasure, RawOverride, RawRate, RawSchedule, RawScenario, RawSpecialGroup } from './schema.js';

export function htsDigits(code: string): string {
  if (code === '*') return '';
  // generated product lists are digits already: no regex pass over 20,000 of them at start-up
  return /^\d+$/.test(code) ? code : code.replace(/[.\s]/g, '');
}

export function compileRate(raw: RawRate, minorDigits = 2): Rate {
  return rateFromText(raw, minorDigits);
}

export function compileMeasure(raw: RawMeasure, order: number, minorDigits = 2): Measure {
  return {
    id: raw.id,
    kind: raw.kind ?? 'duty',
    authority: raw.authority,
    title: raw.title,
    importer: raw.importer,
    origins: raw.origins.includes('*') ? null : new Set(raw.origins),
    exceptOrigins: raw.exceptOrigins?.length ? new Set(raw.exceptOrigins) : null,
    hts: raw.hts.map(htsDigits),
    exclude: (raw.exclude ?? []).map(htsDigits),
    modes: raw.modes ? new Set(raw.modes) : null,
    exceptModes: raw.exceptModes ? new Set(raw.exceptModes) : null,
    from: raw.from,
    to: raw.to ?? null,
    rate: compileRate(raw.rate, minorDigits),
    base: raw.base ?? (raw.kind === 'tax' ? 'customs-value+duty' : 'customs-value'),
    threshold: raw.threshold === undefined ? null : minorUnits(raw.threshold, minorDigits),
    replaces: raw.replaces ?? [],
    notWith: raw.notWith ?? [],
    inLieuOfOthers: raw.inLieuOfOthers ?? false,
    election: raw.election ? { group: raw.election.group, option: raw.election.option, default: raw.election.default ?? false } : null,
    ref: raw.ref,
    instrument: raw.instrument,
    sources: raw.sources,
    suspended: raw.suspended ?? null,
    note: raw.note ?? null,
    ...(raw.entryTypes ? { entryTypes: new Set(raw.entryTypes) } : {}),
    ...(raw.recurring ? { recurring: raw.recurring.table } : {}),
    order,
    scopeInShards: raw.scopeInLineShards === true,
  };
}

function compileOverride(raw: RawOverride, order: number, digitsOf: (importer: string) => number): Override {
  if ('add' in raw) return { add: compileMeasure(raw.add, order, digitsOf(raw.add.importer)) };
  if ('disable' in raw) return { disable: raw.disable };
  return { set: raw.set, rate: compileRate(raw.rate) };
}

export function compileScenario(raw: RawScenario, origin: string, digitsOf: (importer: string) => number): Scenario {
  return {
    id: raw.id,
    title: raw.title,
    description: raw.description,
    asOf: raw.asOf,
    extends: raw.extends ?? null,
    whatIf: raw.whatIf ?? false,
    summary: raw.summary ?? {},
    overrides: (raw.overrides ?? []).map((o, i) => compileOverride(o, 1_000_000 + i, digitsOf)),
    origin,
  };
}

function compileSpecial(groups: readonly RawSpecialGroup[], minorDigits: number): SpecialGroup[] {
  return groups.map((g) => ({
    codes: g.codes,
    rate: g.rate ? compileRate(g.rate, minorDigits) : null,
    text: g.text ?? null,
    inQuota: g.inQuota ? { printed: g.inQuota.printed, provisions: g.inQuota.provisions, notes: g.inQuota.notes } : null,
    uncomputed: g.uncomputed ?? null,
    byOrigin: g.byOrigin
      ? g.byOrigin.map((b) => ({
          origins: b.origins,
          rate: compileRate(b.rate, minorDigits),
          provisions: b.provisions,
          inQuota: b.inQuota ? { printed: b.inQuota.printed, provisions: b.inQuota.provisions, notes: b.inQuota.notes } : null,
        }))
      : null,
    byProvision: g.byProvision
      ? g.byProvision.map((b) => ({
          provision: b.provision,
          rate: compileRate(b.rate, minorDigits),
          inQuota: b.inQuota ? { printed: b.inQuota.printed, provisions: b.inQuota.provisions, notes: b.inQuota.notes } : null,
          goods: b.goods ?? null,
        }))
      : null,
    lineOf: g.lineOf ? { heading: g.lineOf.heading, goods: g.lineOf.goods, lines: g.lineOf.lines } : null,
  }));
}

export function compileLine(l: RawLine, minorDigits: number): TariffLine {
  return {
    importer: l.importer,
    hts: htsDigits(l.hts),
    description: l.description,
    mfn: l.mfn ? compileRate(l.mfn, minorDigits) : null,
    mfnText: l.mfnText ?? null,
    column2: l.column2 ? compileRate(l.column2, minorDigits) : null,
    mfnChanges: (l.mfnChanges ?? []).map((c) => ({ from: c.from, rate: compileRate(c.rate, minorDigits) })),
    special: compileSpecial(l.special ?? [], minorDigits),
    specialChanges: (l.specialChanges ?? []).map((c) => ({ from: c.from, special: compileSpecial(c.special, minorDigits) })),
    sources: l.sources,
    coverageFrom: l.coverageFrom ?? null,
    until: l.until ?? null,
    units: l.units ?? [],
    suffixes: (l.suffixes ?? []).map((s) => ({ hts: htsDigits(s.hts), description: s.description })),
    note: l.note ?? null,
  };
}

function compileImporter(code: string, imp: RawSchedule['importers'][string]): Importer {
  return {
    code,
    name: imp.name,
    currency: imp.currency,
    minorDigits: imp.minorDigits ?? 2,
    valuation: imp.valuation,
    rounding: imp.rounding ?? 'half-up',
    sources: imp.sources,
    column2: (imp.column2 ?? []).map((c) => ({ origins: new Set(c.origins), from: c.from, to: c.to ?? null, ref: c.ref, sources: c.sources })),
    ...(imp.informalEntry
      ? {
          informalEntry: {
            max: minorUnits(imp.informalEntry.max, imp.minorDigits ?? 2),
            chapter99Max: imp.informalEntry.chapter99Max === undefined ? null : minorUnits(imp.informalEntry.chapter99Max, imp.minorDigits ?? 2),
            chapter99MaxUntil: imp.informalEntry.chapter99MaxUntil ?? null,
            sources: imp.informalEntry.sources,
          },
        }
      : {}),
  };
}

function compileProgramme(p: NonNullable<RawSchedule['programmes']>[number]): Schedule['programmes'][number] {
  return {
    codes: p.codes,
    names: p.names,
    title: p.title,
    importer: p.importer,
    instrument: p.instrument,
    from: p.from ?? null,
    to: p.to ?? null,
    members: p.members === 'any' ? [] : p.members ? p.members.map((m) => ({ country: m.country, from: m.from, to: m.to ?? null })) : null,
    ...(p.members === 'any' ? { anyOrigin: true } : {}),
    gaps: (p.gaps ?? []).map((g) => ({ from: g.from, to: g.to, note: g.note, sources: g.sources })),
    ...(p.limits
      ? {
          limits: p.limits.map((l) => ({
            code: l.code,
            rule: l.rule,
            provisions: l.provisions ? l.provisions.map((h) => h.replace(/\./g, '')) : null,
            origins: l.origins ?? null,
            effect: l.effect,
            text: l.text,
            sources: l.sources,
          })),
        }
      : {}),
    note: p.note ?? null,
    sources: p.sources,
  };
}

export function compileSchedule(raw: RawSchedule, hash: string, origin = 'schedule', lineShards: LineShards | null = null): Schedule {
  const importers = new Map<string, Importer>();
  for (const [code, imp] of Object.entries(raw.importers)) {
    importers.set(code, compileImporter(code, imp));
  }
  const digitsOf = (importer: string): number => importers.get(importer)?.minorDigits ?? 2;
  const lines: TariffLine[] = raw.lines.map((l) => compileLine(l, digitsOf(l.importer)));
  const measures = raw.measures.map((m, i) => compileMeasure(m, i, digitsOf(m.importer)));
  const fx: FxRate[] = (raw.fx ?? [])
    .map((f) => ({ from: f.from, to: f.to, date: f.date, rate: decOf(f.rate), sources: f.sources }))
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const scenarios = (raw.scenarios ?? []).map((s) => compileScenario(s, origin, digitsOf));
  return {
    meta: {
      title: raw.meta.title,
      version: raw.meta.version,
      verifiedThrough: raw.meta.verifiedThrough,
      notModelled: raw.meta.notModelled ?? [],
    },
    hash,
    importers,
    lines,
    lineShards,
    measures,
    fx,
    scenarios,
    refunds: (raw.refunds ?? []).map((r) => ({ ...r, liquidatedWithinDays: r.liquidatedWithinDays ?? null, note: r.note ?? null })),
    programmes: (raw.programmes ?? []).map(compileProgramme),
  };
}
