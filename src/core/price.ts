/**
 * Turning a plan and a shipment's money into the breakdown: every line's base, rate, amount and
 * formula, one rounding step per line; fees by entry type; the notes a shipment carries.
 */
import { decToString, exactAmount, MAX_EXACT_MINOR, mulRound, ratioDec, ratioRound, type Dec } from './decimal.js';
import { chooseEntry } from './entry-type.js';
import { formatHts } from './hts.js';
import { fail, ok, type Issue, type Result } from './issues.js';
import { notApplied, planShipment, type Plan, type PlannedMeasure } from './plan.js';
import type { AppliedLine, Breakdown, EntryType, Importer, Measure, MeasureIndex, Rate, ResolvedScenario, Shipment } from './types.js';
import { undeclaredContent, valueShipment, type Amounts } from './valuation.js';
import { baseText, moneyText, qtyText, rateText } from './words.js';

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

/** a dated exchange rate older than this (in days) before the law date is flagged in the notes */
export const FX_STALE_DAYS = 7;

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

const noteCache = new Map<string, string>();

/** a fee of the importer with no amount for this entry type on this date */
export function feeNotChargedNote(filed: EntryType, authority: string, lawDate: string): string {
  return `no ${filed}-entry ${authority.toUpperCase()} amount in the schedule for ${lawDate}: not charged`;
}

export function staleNote(lawDate: string, verified: string): string {
  const k = `${lawDate}|${verified}`;
  let n = noteCache.get(k);
  if (n === undefined) {
    if (noteCache.size > 10_000) noteCache.clear();
    n = `warning: ${lawDate} is after the schedule's verifiedThrough date (${verified}): rates after that date may be stale`;
    noteCache.set(k, n);
  }
  return n;
}

function undeclaredNote(material: string, undeclared: ReadonlyMap<string, number>, v: Amounts): string {
  const first = [...undeclared.keys()][0];
  const k = `${material}|${first}|${v.content.size > 0}`;
  const hit = noteCache.get(k);
  if (hit !== undefined) return hit;
  const n = undeclaredNoteText(material, first, v);
  noteCache.set(k, n);
  return n;
}

function undeclaredNoteText(material: string, first: string | undefined, v: Amounts): string {
  if (material !== first) {
    return `${material} content not declared: the undeclared value is already charged as ${first} content (a value is charged once); declare each metal's content (--content ${material}=VALUE or %)`;
  }
  return `${material} content not declared: charged on the ${v.content.size ? 'customs value less the declared content' : 'full customs value'} (CBP charges undeclared content at full value); declare it with --content ${material}=VALUE or %`;
}

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
  /** the MFN duty of the shipment and the value it was charged on (for a floor inclusive of MFN) */
  mfn: { duty: number; on: number } = { duty: 0, on: 0 },
): Result<LineAmount> {
  const cur = imp.currency;
  const d = imp.minorDigits;
  const parts: string[] = [];
  let exact: number;
  if (rate.topUpTo !== undefined) {
    // the floor is on `base`; the MFN it counts is the MFN on that same value: the whole MFN duty
    // when the base is the customs value, its share of it when the base is part (the non-metal
    // value beside a Section 232 content duty) — (15% − MFN rate) × base, for any MFN shape
    const floor = mulRound(base, rate.topUpTo, imp.rounding);
    const mfnOnBase = base === mfn.on || mfn.on === 0 ? mfn.duty : ratioRound(BigInt(mfn.duty) * BigInt(base), BigInt(mfn.on), imp.rounding);
    exact = Math.max(0, floor - mfnOnBase);
    if (detail) {
      const what =
        base === mfn.on || mfn.on === 0
          ? 'MFN'
          : `MFN on this value (${moneyText(mfn.duty, cur, d)} × ${moneyText(base, cur, d)} ÷ ${moneyText(mfn.on, cur, d)})`;
      parts.push(
        `${rateText({ topUpTo: rate.topUpTo }, cur, d).replace(' less MFN', '')} × ${moneyText(base, cur, d)} − ${what} ${moneyText(mfnOnBase, cur, d)}${floor < mfnOnBase ? ' (MFN is above the floor)' : ''}`,
      );
    }
  } else if (rate.specific === undefined) {
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
      return fail(qtyIssue(m, spec.per, 'unit-mismatch', `${m.title} is charged per ${spec.per}, but the quantity is in ${sh.unit ?? 'no unit'}`));
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
export function price(index: MeasureIndex, planned: Plan, sh: Shipment, opts: PriceOptions = {}): Result<Breakdown> {
  const lawDate = opts.lawDate ?? planned.lawDate;
  const detail = opts.detail ?? true;
  const valued = valueShipment(index, planned, sh, lawDate);
  if (!valued.ok) return valued;
  const v = valued.value;
  const plan = planned.overThreshold && v.goods > planned.overThreshold.threshold ? planned.overThreshold.plan : planned;
  const imp = plan.importer;
  const skipped = detail ? [...plan.notApplied] : plan.notApplied;
  // notes are built in every format (a CSV row carries them too); the plan's are shared until a
  // row adds its own, so a batch row without notes of its own allocates nothing
  let notes: string[] = detail ? [...plan.notes] : plan.notes;
  let ownNotes = detail;
  const note = (n: string): void => {
    if (!ownNotes) {
      notes = [...notes];
      ownNotes = true;
    }
    notes.push(n);
  };
  const verified = index.schedule.meta.verifiedThrough;
  if (lawDate > verified) note(staleNote(lawDate, verified));
  const lines: AppliedLine[] = [];
  const dutyByAuthority: Record<string, number> = {};
  let duty = 0;
  let fees = 0;
  let taxes = 0;
  /** an additional (Chapter 99) duty applies: it limits informal entry before 2025 */
  let chapter99 = false;
  let entryType: EntryType | null = sh.entryType ?? null;

  // exemptions by value (de minimis): when one applies, nothing else is collected
  let exemption: PlannedMeasure | undefined;
  for (const e of plan.exemptions) if (exemption === undefined && e.measure.threshold !== null && v.goods <= e.measure.threshold) exemption = e;
  if (detail) {
    for (const e of plan.exemptions) {
      if (e === exemption) continue;
      skipped.push(
        notApplied(
          e.measure,
          'below-threshold',
          `value ${moneyText(v.goods, imp.currency)} is above the ${moneyText(e.measure.threshold ?? 0, imp.currency)} threshold`,
        ),
      );
    }
  }
  const undeclared = undeclaredContent(plan, v);
  /** the declared content value, or what the undeclared-content rule assumes (see undeclaredContent) */
  const contentValue = (material: string): number => v.content.get(material) ?? undeclared.get(material) ?? 0;
  let noted: Set<string> | null = null;

  const applyLine = (p: PlannedMeasure, base: number, label: string): Result<number> => {
    const m = p.measure;
    const a = rateAmount(p.rate, base, sh, imp, m, detail, { duty: dutyByAuthority.mfn ?? 0, on: v.customsValue });
    if (!a.ok) return a;
    let lineNote: string | undefined;
    if (typeof m.base === 'object' && !v.content.has(m.base.content)) {
      lineNote = undeclaredNote(m.base.content, undeclared, v);
      noted ??= new Set<string>();
      if (!noted.has(m.base.content)) note(lineNote);
      noted.add(m.base.content);
    }
    if (detail) {
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
        ...(lineNote ? { note: lineNote } : {}),
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
        skipped.push(
          notApplied(
            p.measure,
            'de-minimis',
            `exempt: value ${moneyText(v.goods, imp.currency)} ≤ ${moneyText(e.threshold ?? 0, imp.currency)} (${e.title}, ${e.ref})`,
          ),
        );
      }
      note(`${e.title} applies (${e.ref}): no duty, fees or taxes collected`);
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
            skipped.push(
              notApplied(p.measure, 'not-with', `not applied: ${p.partialBlockers.map((b) => `${b.title} (${b.ref})`).join(', ')} covers the whole value`),
            );
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
      if (a !== 'mfn' && r.value > 0) chapter99 = true;
    }
    const entry = chooseEntry(imp, sh.entryType, v.goods, chapter99, lawDate);
    if (!entry.ok) return entry;
    entryType = entry.value.type;
    if (entry.value.note) note(entry.value.note);
    const filed = entryType ?? 'formal';
    const feeLeft = new Set<string>();
    const feeCharged = new Set<string>();
    for (const p of plan.fees) {
      const types = p.measure.entryTypes;
      if (types && !types.has(filed)) {
        if (detail) skipped.push(notApplied(p.measure, 'entry-type', `charged on ${[...types].join('/')} entries only (this one: ${filed})`));
        feeLeft.add(p.measure.authority);
        continue;
      }
      feeCharged.add(p.measure.authority);
      const r = applyLine(p, baseOf(p), detail ? baseText(p.measure.base) : '');
      if (!r.ok) return r;
      fees += r.value;
    }
    for (const a of feeLeft) {
      if (!feeCharged.has(a)) note(feeNotChargedNote(filed, a, lawDate));
    }
    for (const p of plan.taxes) {
      const r = applyLine(p, baseOf(p), detail ? baseText(p.measure.base) : '');
      if (!r.ok) return r;
      taxes += r.value;
    }
  }
  if (v.fx) {
    note(
      `values converted from ${v.fx.currency} at ${decToString(v.fx.rate)} ${imp.currency}/${v.fx.currency}${v.fx.date ? ` (rate of ${v.fx.date})` : ' (--fx-rate)'}, rounded once per amount`,
    );
    const age = v.fx.date === null ? 0 : daysBetween(v.fx.date, lawDate);
    if (age > FX_STALE_DAYS) {
      note(
        `warning: the ${v.fx.currency}→${imp.currency} rate is of ${v.fx.date}, ${age} days before the law date ${lawDate}: the schedule has no later rate; give --fx-rate with the rate of the date of exportation`,
      );
    }
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
    entryType,
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
    mfnRate: shipment.mfnRate,
  });
  if (!plan.ok) return plan;
  return price(index, plan.value, shipment);
}
