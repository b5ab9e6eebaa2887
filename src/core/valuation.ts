/**
 * The value a duty is charged on: the shipment's money in the importer's currency (at the
 * schedule's dated rate or the user's), its customs value by the importer's valuation basis, and
 * the metal contents that content-based duties are charged on.
 */
import { mulRound } from './decimal.js';
import { fail, ok, type Issue, type Result } from './issues.js';
import type { Plan } from './plan.js';
import type { Breakdown, Importer, MeasureIndex, Shipment } from './types.js';
import { moneyText } from './words.js';

export interface Amounts {
  goods: number;
  freight: number;
  insurance: number;
  customsValue: number;
  content: Map<string, number>;
  fx: Breakdown['fx'];
}

/**
 * The customs value of goods, freight and insurance (minor units of the importer's currency) by the
 * importer's valuation basis: CIF counts all three, transaction value the goods alone. The one rule
 * of the breakdown and of the batch fast path.
 */
export function customsValueOf(importer: Pick<Importer, 'valuation'>, goods: number, freight: number, insurance: number): number {
  return importer.valuation === 'cif' ? goods + freight + insurance : goods;
}

/**
 * No rate from `from` to `to` on the law date: said with the date of the schedule's first rate of the
 * pair when it has one (a law date before it, such as a timeline's default start, has none).
 */
function fxMissing(index: MeasureIndex, from: string, to: string, lawDate: string): Issue {
  const first = index.schedule.fx
    .filter((f) => f.from === from && f.to === to)
    .map((f) => f.date)
    .sort()[0];
  return {
    code: 'fx-missing',
    path: 'currency',
    message: `no ${from}→${to} exchange rate in the schedule for the law date ${lawDate}${first === undefined ? '' : `; its first is dated ${first}`}`,
    hint: `give --fx-rate (${to} per ${from}), ${first === undefined ? '' : `a law date from ${first}, `}or price in ${to}`,
  };
}

/** Converts the shipment's money into the importer's currency and values it for customs. */
export function valueShipment(index: MeasureIndex, plan: Plan, sh: Shipment, lawDate = plan.lawDate): Result<Amounts> {
  const imp = plan.importer;
  if ((sh.currency === undefined || sh.currency === imp.currency) && sh.content === undefined) {
    // the usual row: its own currency, no declared content (no conversion closure, no entries per row)
    const customsValue = customsValueOf(imp, sh.value, sh.freight, sh.insurance);
    return ok({ goods: sh.value, freight: sh.freight, insurance: sh.insurance, customsValue, content: NO_CONTENT, fx: null });
  }
  let convert = (cents: number): number => cents;
  let fx: Breakdown['fx'] = null;
  if (sh.currency !== undefined && sh.currency !== imp.currency) {
    const dated = sh.fxRate === undefined ? index.fxRate(sh.currency, imp.currency, lawDate) : undefined;
    const rate = sh.fxRate ?? dated?.rate;
    if (rate === undefined) return fail(fxMissing(index, sh.currency, imp.currency, lawDate));
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
  const customsValue = customsValueOf(imp, goods, freight, insurance);
  const content = sh.content ? new Map<string, number>() : NO_CONTENT;
  let declared = 0;
  for (const [material, c] of Object.entries(sh.content ?? {})) {
    const v = c.share !== undefined ? mulRound(customsValue, c.share, imp.rounding) : convert(c.value ?? 0);
    declared += v;
    content.set(material, v);
    if (declared > customsValue) {
      // the metals of one article are parts of its value: together they cannot exceed it
      const materials = [...content.keys()];
      const money = (x: number): string => moneyText(x, imp.currency, imp.minorDigits);
      return fail({
        code: 'content-invalid',
        path: `content.${material}`,
        message: `${materials.join(' + ')} content ${materials.length > 1 ? `(${materials.map((k) => money(content.get(k) as number)).join(' + ')}) ` : ''}${money(declared)} exceeds the customs value ${money(customsValue)}`,
        hint: 'the declared contents are parts of the goods: together they must not exceed the customs value',
      });
    }
  }
  return ok({ goods, freight, insurance, customsValue, content, fx });
}

const NO_CONTENT: Map<string, number> = new Map();

/**
 * Contents the shipment does not declare, for the content-based duties of the plan. CBP charges
 * a Section 232 duty on the full value when the metal content is not known (CSMS #64384423 and
 * #64384496, March 2025), and values a mixed article's metal as the entered value less the other
 * materials (CBP Base Metals CEE guidance, reported 2026); so an article's value is counted once:
 * what is assumed is the customs value less the declared contents, charged to the first
 * undeclared material in schedule order; a second undeclared material gets nothing. No CBP text
 * found says how to split an undeclared multi-metal value: this is the rule chosen.
 */
export function undeclaredContent(plan: Plan, v: Amounts): ReadonlyMap<string, number> {
  if (!plan.hasContentDuty) return NO_CONTENT;
  const out = new Map<string, number>();
  let rest = v.customsValue;
  for (const c of v.content.values()) rest -= c;
  for (const p of plan.duties) {
    const b = p.measure.base;
    if (typeof b !== 'object' || v.content.has(b.content) || out.has(b.content)) continue;
    out.set(b.content, Math.max(0, rest));
    rest = 0;
  }
  return out;
}
