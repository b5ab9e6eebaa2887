/** Formal or informal entry (19 CFR 143.21): the type given, or the one the goods value allows. */
import { fail, ok, type Result } from './issues.js';
import type { EntryType, Importer, InformalEntryRule } from './types.js';
import { moneyText } from './words.js';

/**
 * The entry type: the one given, else informal when the goods value is within the importer's
 * informal-entry limit (US: $2,500, 19 CFR 143.21(a); $250 for goods with an additional Chapter 99
 * duty until CBP suspended that exception in 2025), else formal. Said in a note when assumed.
 */
export function chooseEntry(imp: Importer, given: EntryType | undefined, goods: number, chapter99: boolean, lawDate: string): EntryChoice {
  const rule = imp.informalEntry ?? null;
  if (given !== undefined) {
    if (given === 'informal' && (rule === null || goods > rule.max)) {
      return fail({
        code: 'value-invalid',
        path: 'entryType',
        message:
          rule === null
            ? `${imp.name} has no informal entries in the schedule`
            : `an informal entry is limited to goods of ${moneyOf(imp, rule.max)} (this one: ${moneyOf(imp, goods)})`,
        hint: 'leave the entry type out, or give formal',
      });
    }
    return given === 'formal' ? GIVEN_FORMAL : GIVEN_INFORMAL;
  }
  return entryFor(assumedEntry(imp, chapter99, lawDate), goods);
}

/**
 * What the importer's rule assumes on a law date, for goods with or without a Chapter 99 duty:
 * the limit and the two answers with their notes (made once per importer and limit, shared).
 * null: the importer has no informal entries. The same for every row of a plan but its value.
 */
export function assumedEntry(imp: Importer, chapter99: boolean, lawDate: string): AssumedEntry | null {
  const rule = imp.informalEntry ?? null;
  if (rule === null) return null;
  const lower = rule.chapter99Max !== null && chapter99 && chapter99LimitOn(rule, lawDate);
  const limit = lower ? (rule.chapter99Max as number) : rule.max;
  let byLimit = imp === lastImporter ? lastByLimit : assumedEntries.get(imp);
  if (byLimit === undefined) assumedEntries.set(imp, (byLimit = new Map()));
  lastImporter = imp;
  lastByLimit = byLimit;
  let a = byLimit.get(limit);
  if (a === undefined) {
    a = {
      limit,
      max: rule.max,
      informal: ok({
        type: 'informal',
        note: `informal entry assumed: the goods value is within the ${moneyOf(imp, limit)} limit for informal entry (19 CFR 143.21(a)); give --entry-type formal (or an entry_type column) if it is entered formally`,
      }),
      formal: ok({
        type: 'formal',
        note: `formal entry assumed: goods with an additional Chapter 99 duty valued above ${moneyOf(imp, limit)} could not be entered informally before ${rule.chapter99MaxUntil} (19 CFR 143.21(a))`,
      }),
    };
    byLimit.set(limit, a);
  }
  return a;
}

/** whether the rule's lower Chapter 99 limit is still in force on the law date (where it has one) */
function chapter99LimitOn(rule: InformalEntryRule, lawDate: string): boolean {
  return rule.chapter99MaxUntil === null || lawDate < rule.chapter99MaxUntil;
}

/**
 * Whether the importer's informal-entry rule is the same on two law dates: the only way a law date
 * reaches the entry type a plan's rows get (a timeline reuses a row's run across such dates).
 */
export function sameEntryRule(imp: Importer, a: string, b: string): boolean {
  const rule = imp.informalEntry ?? null;
  return rule === null || chapter99LimitOn(rule, a) === chapter99LimitOn(rule, b);
}

/**
 * The day the importer's lower informal-entry limit for goods with a Chapter 99 duty stops
 * applying, in a timeline's words, or null when its rule has no such day. For the US: the $250
 * limit of 19 CFR 143.21(a) for articles classified in subchapters III and IV of chapter 99,
 * which CBP suspended from 2025-04-30 (the regulation still prints it). Such goods valued between
 * the two limits go from formal to informal entry then, and their fees with it.
 */
export function entryRuleChange(imp: Importer): { date: string; text: string } | null {
  const rule = imp.informalEntry ?? null;
  if (rule === null || rule.chapter99Max === null || rule.chapter99MaxUntil === null) return null;
  return {
    date: rule.chapter99MaxUntil,
    text: `suspended: the ${moneyOf(imp, rule.chapter99Max)} limit on informal entry of goods with an additional Chapter 99 duty (19 CFR 143.21(a)); they may be entered informally up to ${moneyOf(imp, rule.max)}, as other goods`,
  };
}

/**
 * Whether the end of the lower limit (`entryRuleChange`) can change the entry type assumed for goods
 * of this value in the importer's currency (null: converted, its value moves with the rate): only
 * goods above the lower limit and within the other can go from formal to informal entry.
 */
export function entryRuleReaches(imp: Importer, goods: number | null): boolean {
  const rule = imp.informalEntry ?? null;
  if (rule === null || rule.chapter99Max === null || rule.chapter99MaxUntil === null) return false;
  return goods === null || (goods > rule.chapter99Max && goods <= rule.max);
}

/** The entry type `assumedEntry` gives for goods of this value. */
export function entryFor(a: AssumedEntry | null, goods: number): EntryChoice {
  if (a === null) return NO_RULE;
  if (goods > a.limit && goods > a.max) return FORMAL;
  return goods <= a.limit ? a.informal : a.formal;
}

export interface AssumedEntry {
  /** informal up to this goods value (the lower Chapter 99 limit where it applies) */
  readonly limit: number;
  /** the importer's own informal-entry limit: above both, formal with no note */
  readonly max: number;
  readonly informal: EntryChoice;
  readonly formal: EntryChoice;
}

/**
 * An amount as the importer writes it. Not a closure over `imp`: a closure in chooseEntry (even
 * in a branch not taken) made every call allocate a context for `imp`, a million times a batch.
 */
function moneyOf(imp: Importer, c: number): string {
  return moneyText(c, imp.currency, imp.minorDigits);
}

/** an entry type and the note that says it was assumed (results are shared: read, never change them) */
export type EntryChoice = Result<{ readonly type: EntryType | null; readonly note: string | null }>;
const NO_RULE: EntryChoice = ok({ type: null, note: null });
const FORMAL: EntryChoice = ok({ type: 'formal', note: null });
const GIVEN_FORMAL: EntryChoice = ok({ type: 'formal', note: null });
const GIVEN_INFORMAL: EntryChoice = ok({ type: 'informal', note: null });
const assumedEntries = new WeakMap<Importer, Map<number, AssumedEntry>>();
/** the importer asked last (a batch asks for one importer's rows in a row): no WeakMap lookup for it */
let lastImporter: Importer | null = null;
let lastByLimit: Map<number, AssumedEntry> | undefined;
