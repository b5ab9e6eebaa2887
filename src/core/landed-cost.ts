/**
 * The landed cost of one shipment under one scenario: which legal layers apply (and why the
 * others do not), on which value, for how much.
 *
 * Pricing runs in two steps. `planShipment` chooses the measures for (importer, origin, HTS code,
 * law date, mode) — the part that reads the law, which a batch caches per distinct key. `price`
 * turns a plan and a shipment's amounts into money. Stacking is driven by the data alone:
 * `replaces`, `notWith`, `inLieuOfOthers`, exemption thresholds, windows and suspensions.
 */
import { decToString, exactAmount, MAX_EXACT_MINOR, mulRound, ratioDec, ratioRound, type Dec } from './decimal.js';
import { formatHts } from './hts.js';
import { fail, ok, type Issue, type Result } from './issues.js';
import type {
  AppliedLine,
  Breakdown,
  Importer,
  Measure,
  MeasureIndex,
  Mode,
  NotApplied,
  NotAppliedCode,
  Rate,
  ResolvedScenario,
  Shipment,
  TariffLine,
} from './types.js';
import { baseText, moneyText, qtyText, rateText } from './words.js';

export interface PlannedMeasure {
  measure: Measure;
  rate: Rate;
  overridden: boolean;
  /** measures applied on part of the value (content) that this one does not stack on */
  partialBlockers: Measure[];
}

export interface Plan {
  scenario: ResolvedScenario;
  importer: Importer;
  line: TariffLine;
  origin: string;
  lawDate: string;
  mode: Mode | null;
  exemptions: PlannedMeasure[];
  duties: PlannedMeasure[];
  fees: PlannedMeasure[];
  taxes: PlannedMeasure[];
  notApplied: NotApplied[];
  notes: string[];
}

const byOrder = (a: PlannedMeasure, b: PlannedMeasure): number => a.measure.order - b.measure.order;

function notApplied(m: Measure, code: NotAppliedCode, reason: string): NotApplied {
  return { measure: m.id, authority: m.authority, title: m.title, ref: m.ref, code, reason };
}

function inWindow(m: Measure, date: string): boolean {
  return m.from <= date && (m.to === null || date < m.to);
}

/** The MFN rate of the tariff line, as a measure so that it stacks and renders like the others. */
function mfnMeasure(line: TariffLine, importer: Importer): Measure {
  return {
    id: `mfn-${line.importer.toLowerCase()}-${line.hts}`,
    kind: 'duty',
    authority: 'mfn',
    title: `MFN (general rate) — ${line.description}`,
    importer: line.importer,
    origins: null,
    exceptOrigins: null,
    hts: [line.hts],
    exclude: [],
    modes: null,
    exceptModes: null,
    from: '0000-01-01',
    to: null,
    rate: line.mfn,
    base: 'customs-value',
    threshold: null,
    replaces: [],
    notWith: [],
    inLieuOfOthers: false,
    election: null,
    ref: `${importer.name} tariff ${formatHts(line.hts)}`,
    instrument: `${importer.name} tariff schedule, general (MFN) rate`,
    sources: line.sources,
    suspended: null,
    note: line.note,
    order: -1,
  };
}

function named(m: Measure, set: ReadonlySet<string> | readonly string[]): boolean {
  const has = (k: string): boolean => ('has' in set ? set.has(k) : set.includes(k));
  return has(m.id) || has(m.authority);
}

/** Chooses the measures for one (importer, origin, HTS, date, mode) under a scenario. */
export function planShipment(
  index: MeasureIndex,
  scenario: ResolvedScenario,
  key: { importer: string; hts: string; origin: string; date: string; mode: Mode | null; elections?: Readonly<Record<string, string>> | undefined },
): Result<Plan> {
  const schedule = index.schedule;
  const importer = schedule.importers.get(key.importer);
  if (!importer) {
    return fail({
      code: 'importer-unknown',
      path: 'importer',
      message: `importer "${key.importer}" is not in the schedule`,
      hint: `use one of: ${[...schedule.importers.keys()].join(', ')}`,
    });
  }
  const found = index.findLine(key.importer, key.hts);
  if (!found.ok) return found;
  const line = found.value;
  const date = key.date;
  const notes: string[] = [];
  const out: NotApplied[] = [];
  if (line.coverageFrom !== null && date < line.coverageFrom) {
    notes.push(`warning: the schedule models ${formatHts(line.hts)} only from ${line.coverageFrom}; layers in force before then may be missing`);
  }

  const forOrigin = (m: Measure): boolean =>
    m.importer === key.importer &&
    (m.origins === null || m.origins.has(key.origin)) &&
    !(m.exceptOrigins?.has(key.origin) ?? false);

  const candidates = [mfnMeasure(line, importer), ...index.candidates(key.importer, key.hts).filter(forOrigin)];
  for (const m of scenario.added) {
    if (forOrigin(m) && covers(m, key.hts)) candidates.push(m);
  }

  // 1. dates, suspensions, scenario switches, transport mode
  const active: Measure[] = [];
  const outOfWindow: Measure[] = [];
  for (const m of candidates) {
    if (!inWindow(m, date)) {
      outOfWindow.push(m);
    } else if (m.suspended && m.suspended.since <= date) {
      out.push(notApplied(m, 'suspended', `suspended since ${m.suspended.since}: ${m.suspended.note}`));
    } else if (named(m, scenario.disabled)) {
      out.push(notApplied(m, 'disabled', `switched off by scenario ${scenario.id}`));
    } else if (m.election !== null && (key.elections?.[m.election.group] ?? (m.election.default ? m.election.option : undefined)) !== m.election.option) {
      const chosen = key.elections?.[m.election.group];
      out.push(notApplied(m, 'not-elected', `an alternative: ${m.election.group} = ${m.election.option}${m.election.default ? ' (the default)' : ''}, but ${chosen === undefined ? 'the default was used' : `${m.election.group} = ${chosen} was elected`}`));
    } else if (m.exceptModes !== null && key.mode !== null && m.exceptModes.has(key.mode)) {
      out.push(notApplied(m, 'mode', `does not apply to ${key.mode} shipments`));
    } else if (m.modes !== null && (key.mode === null || !m.modes.has(key.mode))) {
      out.push(
        notApplied(m, 'mode', `applies to ${[...m.modes].join('/')} shipments only (this one: ${key.mode ?? 'mode not given'})`),
      );
    } else {
      active.push(m);
    }
  }

  // 2. a measure that replaces another while both are in force (Four-Year-Review 301 rates)
  const replacedBy = new Map<string, Measure>();
  for (const m of active) for (const r of m.replaces) if (!replacedBy.has(r)) replacedBy.set(r, m);
  let applied = active.filter((m) => {
    const by = replacedBy.get(m.id);
    if (!by) return true;
    out.push(notApplied(m, 'replaced', `replaced by ${by.title} (${by.ref}) from ${by.from}`));
    return false;
  });

  // 3. a measure collected in lieu of all other duties (postal duty on low-value mail)
  const inLieu = applied.find((m) => m.inLieuOfOthers && m.kind === 'duty');
  if (inLieu) {
    applied = applied.filter((m) => {
      if (m === inLieu || m.kind !== 'duty') return true;
      out.push(notApplied(m, 'in-lieu', `not collected: ${inLieu.title} (${inLieu.ref}) is collected in lieu of other duties`));
      return false;
    });
  }

  // 4. non-stacking: a measure is not applied where a measure it names in `notWith` applies
  const blockedMemo = new Map<Measure, Measure[] | null>();
  const appliedSet = new Set(applied);
  const blockersOf = (m: Measure, depth: number): Measure[] | null => {
    // null: not blocked; [] never happens; list: the applied measures that block it
    if (blockedMemo.has(m)) return blockedMemo.get(m) as Measure[] | null;
    if (m.notWith.length === 0 || depth > 16) return null;
    const blockers = applied.filter((b) => b !== m && named(b, m.notWith) && isApplied(b, depth + 1));
    const result = blockers.length ? blockers : null;
    blockedMemo.set(m, result);
    return result;
  };
  const isApplied = (m: Measure, depth: number): boolean => {
    if (!appliedSet.has(m)) return false;
    const b = blockersOf(m, depth);
    return b === null || !b.some((x) => typeof x.base === 'string');
  };
  const planned: PlannedMeasure[] = [];
  for (const m of applied) {
    const blockers = blockersOf(m, 0);
    const full = blockers?.find((b) => typeof b.base === 'string');
    if (full) {
      out.push(notApplied(m, 'not-with', `not applied: ${full.title} applies (${full.ref})`));
      continue;
    }
    const override = scenario.rates.get(m.id) ?? scenario.rates.get(m.authority);
    planned.push({ measure: m, rate: override ?? m.rate, overridden: override !== undefined, partialBlockers: blockers ?? [] });
  }

  // 5. for an authority with nothing in force, say when it ended or when it starts
  const mentioned = new Set([...planned.map((p) => p.measure.authority), ...out.filter((n) => n.code !== 'suspended').map((n) => n.authority)]);
  const byAuthority = new Map<string, Measure[]>();
  for (const m of outOfWindow) {
    if (mentioned.has(m.authority)) continue;
    const list = byAuthority.get(m.authority) ?? [];
    list.push(m);
    byAuthority.set(m.authority, list);
  }
  for (const list of byAuthority.values()) {
    const ended = list.filter((m) => m.to !== null && m.to <= date).sort((a, b) => ((a.to as string) < (b.to as string) ? 1 : -1))[0];
    if (ended) {
      out.push(notApplied(ended, 'ended', `no longer in force: ended ${ended.to} (in force ${ended.from} to ${ended.to})`));
      continue;
    }
    const next = list.filter((m) => m.from > date).sort((a, b) => (a.from < b.from ? -1 : 1))[0];
    if (next) out.push(notApplied(next, 'not-yet', `not yet in force: starts ${next.from}`));
  }

  for (const [target] of scenario.rates) {
    const hit = candidates.some((m) => m.id === target || m.authority === target);
    const live = planned.some((p) => p.measure.id === target || p.measure.authority === target);
    if (hit && !live) notes.push(`override of "${target}" had no effect: no such measure applies on the law date`);
  }

  const kind = (k: Measure['kind']): PlannedMeasure[] => planned.filter((p) => p.measure.kind === k).sort(byOrder);
  return ok({
    scenario,
    importer,
    line,
    origin: key.origin,
    lawDate: date,
    mode: key.mode,
    exemptions: kind('exemption'),
    duties: kind('duty'),
    fees: kind('fee'),
    taxes: kind('tax'),
    notApplied: out.sort((a, b) => (a.authority < b.authority ? -1 : a.authority > b.authority ? 1 : 0)),
    notes,
  });
}

function covers(m: Measure, digits: string): boolean {
  if (m.exclude.some((x) => digits.startsWith(x))) return false;
  return m.hts.some((p) => digits.startsWith(p));
}

/** The law date: the scenario's, else the shipment's entry date. */
export function lawDateOf(shipment: Shipment, scenario: ResolvedScenario): Result<string> {
  const date = scenario.asOf ?? shipment.date;
  if (date === undefined) {
    return fail({
      code: 'date-invalid',
      path: 'date',
      message: `scenario ${scenario.id} prices each shipment on its entry date, and this shipment has none`,
      hint: 'give --date YYYY-MM-DD (or a date column), or choose a dated scenario',
    });
  }
  return ok(date);
}

export interface Amounts {
  goods: number;
  freight: number;
  insurance: number;
  customsValue: number;
  content: Map<string, number>;
  fx: Breakdown['fx'];
}

/** Converts the shipment's money into the importer's currency and values it for customs. */
export function valueShipment(index: MeasureIndex, plan: Plan, sh: Shipment, lawDate = plan.lawDate): Result<Amounts> {
  const imp = plan.importer;
  let convert = (cents: number): number => cents;
  let fx: Breakdown['fx'] = null;
  if (sh.currency !== undefined && sh.currency !== imp.currency) {
    const dated = sh.fxRate === undefined ? index.fxRate(sh.currency, imp.currency, lawDate) : undefined;
    const rate = sh.fxRate ?? dated?.rate;
    if (rate === undefined) {
      return fail({
        code: 'fx-missing',
        path: 'currency',
        message: `no ${sh.currency}→${imp.currency} exchange rate in the schedule for ${lawDate}`,
        hint: `give --fx-rate (${imp.currency} per ${sh.currency}), or price in ${imp.currency}`,
      });
    }
    convert = (cents) => mulRound(cents, rate, imp.rounding);
    fx = {
      currency: sh.currency,
      rate,
      date: dated?.date ?? null,
      source: dated ? (dated.sources[0] ?? 'schedule') : '--fx-rate',
    };
  }
  const goods = convert(sh.value);
  const freight = convert(sh.freight);
  const insurance = convert(sh.insurance);
  const customsValue = imp.valuation === 'cif' ? goods + freight + insurance : goods;
  const content = sh.content ? new Map<string, number>() : NO_CONTENT;
  for (const [material, c] of Object.entries(sh.content ?? {})) {
    const v = c.share !== undefined ? mulRound(customsValue, c.share, imp.rounding) : convert(c.value ?? 0);
    if (v > customsValue) {
      return fail({
        code: 'content-invalid',
        path: `content.${material}`,
        message: `${material} content ${moneyText(v, imp.currency, imp.minorDigits)} exceeds the customs value ${moneyText(customsValue, imp.currency, imp.minorDigits)}`,
        hint: 'give the content as a share of value (e.g. 40%) or a value no larger than the goods',
      });
    }
    content.set(material, v);
  }
  return ok({ goods, freight, insurance, customsValue, content, fx });
}

const NO_CONTENT: Map<string, number> = new Map();

interface LineAmount {
  amount: number;
  formula: string;
}

function rateAmount(
  rate: Rate,
  base: number,
  sh: Shipment,
  imp: Importer,
  m: Measure,
  detail = true,
): Result<LineAmount> {
  const cur = imp.currency;
  const d = imp.minorDigits;
  const parts: string[] = [];
  let exact: number;
  if (rate.specific === undefined) {
    const adv = rate.adValorem as Dec;
    exact = mulRound(base, adv, imp.rounding);
    if (detail) parts.push(`${rateText({ adValorem: adv }, cur, d)} × ${moneyText(base, cur, d)}`);
  } else {
    const spec = rate.specific;
    // "per shipment" (a postal item, an entry): one unit, whatever the quantity of goods
    const perShipment = spec.per === 'shipment';
    const qty = perShipment ? { n: 1, s: 0 } : sh.qty;
    if (qty === undefined) {
      return fail(qtyIssue(m, spec.per, 'qty-required', `${m.title} is ${rateText(rate, cur, d)}: it needs a quantity in ${spec.per}`));
    }
    if (!perShipment && (sh.unit ?? '').toLowerCase() !== spec.per) {
      return fail(
        qtyIssue(m, spec.per, 'unit-mismatch', `${m.title} is charged per ${spec.per}, but the quantity is in ${sh.unit ?? 'no unit'}`),
      );
    }
    // one exact sum, one rounding: base × adv + qty × amount × 10^minor
    const adv = rate.adValorem;
    const sAdv = adv?.s ?? 0;
    const sSpec = qty.s + spec.amount.s;
    const S = Math.max(sAdv, sSpec);
    let num = BigInt(qty.n) * BigInt(spec.amount.n) * 10n ** BigInt(d) * 10n ** BigInt(S - sSpec);
    if (adv) {
      num += BigInt(base) * BigInt(adv.n) * 10n ** BigInt(S - sAdv);
      parts.push(`${rateText({ adValorem: adv }, cur, d)} × ${moneyText(base, cur, d)}`);
    }
    parts.push(`${rateText({ specific: spec }, cur, d)} × ${qtyText(qty, spec.per)}`);
    exact = ratioRound(num, 10n ** BigInt(S), imp.rounding);
  }
  let formula = parts.join(' + ');
  let amount = exact;
  if (rate.min !== undefined && amount < rate.min) {
    if (detail) formula += ` = ${moneyText(exact, cur, d)}, raised to the minimum ${moneyText(rate.min, cur, d)}`;
    amount = rate.min;
  } else if (rate.max !== undefined && amount > rate.max) {
    if (detail) formula += ` = ${moneyText(exact, cur, d)}, capped at the maximum ${moneyText(rate.max, cur, d)}`;
    amount = rate.max;
  }
  return ok({ amount, formula });
}

function qtyIssue(m: Measure, per: string, code: Issue['code'], message: string): Issue {
  return { code, path: 'qty', message, hint: `give --qty N --unit ${per} (or qty and unit columns); rate from ${m.ref}` };
}

export interface PriceOptions {
  /** the law date when the plan is shared by several dates (a batch caches plans by date bucket) */
  lawDate?: string;
  /** false: skip formulas and rate texts (CSV output does not print them) */
  detail?: boolean;
}

/**
 * Turns a plan and the shipment's money into the breakdown. With `detail: false` (CSV output)
 * the arithmetic is the same, line for line, but no line objects, formulas or reasons are built.
 */
export function price(index: MeasureIndex, plan: Plan, sh: Shipment, opts: PriceOptions = {}): Result<Breakdown> {
  const lawDate = opts.lawDate ?? plan.lawDate;
  const detail = opts.detail ?? true;
  const valued = valueShipment(index, plan, sh, lawDate);
  if (!valued.ok) return valued;
  const v = valued.value;
  const imp = plan.importer;
  const skipped = detail ? [...plan.notApplied] : plan.notApplied;
  const notes = detail ? [...plan.notes] : plan.notes;
  const lines: AppliedLine[] = [];
  const dutyByAuthority: Record<string, number> = {};
  let duty = 0;
  let fees = 0;
  let taxes = 0;

  // exemptions by value (de minimis): when one applies, nothing else is collected
  let exemption: PlannedMeasure | undefined;
  for (const e of plan.exemptions) if (exemption === undefined && e.measure.threshold !== null && v.goods <= e.measure.threshold) exemption = e;
  if (detail) {
    for (const e of plan.exemptions) {
      if (e === exemption) continue;
      skipped.push(notApplied(e.measure, 'below-threshold', `value ${moneyText(v.goods, imp.currency)} is above the ${moneyText(e.measure.threshold ?? 0, imp.currency)} threshold`));
    }
  }
  /** the declared content value, or the full customs value when it was not declared (CBP's rule) */
  const contentValue = (material: string): number => v.content.get(material) ?? v.customsValue;

  const applyLine = (p: PlannedMeasure, base: number, label: string): Result<number> => {
    const m = p.measure;
    const a = rateAmount(p.rate, base, sh, imp, m, detail);
    if (!a.ok) return a;
    if (detail) {
      let note: string | undefined;
      if (typeof m.base === 'object' && !v.content.has(m.base.content)) {
        note = `${m.base.content} content not declared: applied to the full customs value`;
        notes.push(`${m.title}: ${note}`);
      }
      lines.push({
        measure: m.id,
        kind: m.kind as AppliedLine['kind'],
        authority: m.authority,
        title: m.title,
        ref: m.ref,
        instrument: m.instrument,
        sources: m.sources,
        rate: p.rate,
        rateText: rateText(p.rate, imp.currency, imp.minorDigits),
        base,
        baseLabel: label,
        amount: a.value.amount,
        formula: a.value.formula,
        ...(note ? { note } : {}),
        ...(p.overridden ? { overridden: true } : {}),
      });
    }
    return ok(a.value.amount);
  };
  const baseOf = (p: PlannedMeasure): number => {
    const b = p.measure.base;
    if (typeof b === 'object') return contentValue(b.content);
    return b === 'customs-value+duty' ? v.customsValue + duty : v.customsValue;
  };

  if (exemption) {
    const e = exemption.measure;
    if (detail) {
      for (const p of [...plan.duties, ...plan.fees, ...plan.taxes]) {
        skipped.push(notApplied(p.measure, 'de-minimis', `exempt: value ${moneyText(v.goods, imp.currency)} ≤ ${moneyText(e.threshold ?? 0, imp.currency)} (${e.title}, ${e.ref})`));
      }
      notes.push(`${e.title} applies (${e.ref}): no duty, fees or taxes collected`);
    }
  } else {
    for (const p of plan.duties) {
      let base = baseOf(p);
      let label = detail ? baseText(p.measure.base) : '';
      if (p.partialBlockers.length) {
        // applies to what the content-based measures it does not stack on leave uncovered
        const materials = new Set<string>();
        for (const b of p.partialBlockers) if (typeof b.base === 'object') materials.add(b.base.content);
        let covered = 0;
        for (const mat of materials) covered += contentValue(mat);
        base = Math.max(0, v.customsValue - covered);
        if (base === 0) {
          if (detail) {
            skipped.push(notApplied(p.measure, 'not-with', `not applied: ${p.partialBlockers.map((b) => `${b.title} (${b.ref})`).join(', ')} covers the whole value`));
          }
          continue;
        }
        if (detail) label = `customs value less ${[...materials].join(' and ')} content`;
      }
      const r = applyLine(p, base, label);
      if (!r.ok) return r;
      duty += r.value;
      const a = p.measure.authority;
      dutyByAuthority[a] = (dutyByAuthority[a] ?? 0) + r.value;
    }
    for (const p of plan.fees) {
      const r = applyLine(p, baseOf(p), detail ? baseText(p.measure.base) : '');
      if (!r.ok) return r;
      fees += r.value;
    }
    for (const p of plan.taxes) {
      const r = applyLine(p, baseOf(p), detail ? baseText(p.measure.base) : '');
      if (!r.ok) return r;
      taxes += r.value;
    }
  }
  if (v.fx && detail) {
    notes.push(
      `values converted from ${v.fx.currency} at ${decToString(v.fx.rate)} ${imp.currency}/${v.fx.currency}${v.fx.date ? ` (rate of ${v.fx.date})` : ' (--fx-rate)'}, rounded once per amount`,
    );
  }
  const landedCost = v.goods + v.freight + v.insurance + duty + fees + taxes;
  // a hostile or mistyped schedule (a huge specific rate × a huge quantity) must not print a
  // rounded or exponent-notation figure: refuse what the outputs cannot carry to the cent
  const big = [landedCost, duty, fees, taxes, v.customsValue].find((n) => !exactAmount(n));
  if (big !== undefined) {
    return fail({
      code: 'amount-out-of-range',
      path: 'value',
      message: `an amount of this shipment (${Number.isFinite(big) ? `about ${big.toExponential(3)} ${imp.currency} minor units` : 'not finite'}) is beyond ${moneyText(MAX_EXACT_MINOR, imp.currency, imp.minorDigits)}, the largest figure priced exactly to the cent`,
      hint: 'check the value and quantity, and the rates of the schedule (a specific rate entered per unit instead of per thousand?)',
    });
  }
  return ok({
    scenario: plan.scenario.id,
    scenarioTitle: plan.scenario.title,
    date: lawDate,
    entryDate: sh.date ?? null,
    importer: imp.code,
    origin: plan.origin,
    hts: detail ? formatHts(sh.hts) : sh.hts,
    htsLine: detail ? formatHts(plan.line.hts) : plan.line.hts,
    description: plan.line.description,
    mode: plan.mode,
    currency: imp.currency,
    minorDigits: imp.minorDigits,
    valuation: imp.valuation,
    goodsValue: v.goods,
    freight: v.freight,
    insurance: v.insurance,
    customsValue: v.customsValue,
    fx: v.fx,
    lines,
    notApplied: skipped,
    duty,
    fees,
    taxes,
    landedCost,
    effectiveRate: ratioDec(duty, v.customsValue, 6),
    dutyByAuthority,
    assumptions: plan.scenario.assumptions,
    notes,
  });
}

/** One shipment, one scenario: plan and price. */
export function landedCost(shipment: Shipment, scenario: ResolvedScenario, index: MeasureIndex): Result<Breakdown> {
  const date = lawDateOf(shipment, scenario);
  if (!date.ok) return date;
  const plan = planShipment(index, scenario, {
    importer: shipment.importer,
    hts: shipment.hts,
    origin: shipment.origin,
    date: date.value,
    mode: shipment.mode ?? null,
    elections: shipment.elections,
  });
  if (!plan.ok) return plan;
  return price(index, plan.value, shipment);
}


/**
 * Dates on which the law can change for this schedule and scenario: every window edge, suspension
 * and coverage date. Two dates with the same number of boundaries at or before them see exactly the
 * same measures, so a batch can share one plan between them.
 */
export function lawBoundaries(index: MeasureIndex, scenario: ResolvedScenario): string[] {
  const set = new Set<string>();
  for (const m of [...index.schedule.measures, ...scenario.added]) {
    set.add(m.from);
    if (m.to !== null) set.add(m.to);
    if (m.suspended) set.add(m.suspended.since);
  }
  for (const l of index.schedule.lines) if (l.coverageFrom !== null) set.add(l.coverageFrom);
  return [...set].sort();
}

/** How many boundaries lie at or before `date` (binary search). */
export function dateBucket(boundaries: readonly string[], date: string): number {
  let lo = 0;
  let hi = boundaries.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((boundaries[mid] as string) <= date) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
