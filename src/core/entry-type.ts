/** Formal or informal entry (19 CFR 143.21): the type given, or the one the goods value allows. */
import { fail, ok, type Result } from './issues.js';
import type { EntryType, Importer } from './types.js';
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
      const money = (c: number): string => moneyOf(imp, c);
      return fail({
        code: 'value-invalid',
        path: 'entryType',
        message:
          rule === null
            ? `${imp.name} has no informal entries in the schedule`
            : `an informal entry is limited to goods of ${money(rule.max)} (this one: ${money(goods)})`,
        hint: 'leave the entry type out, or give formal',
      });
    }
    return given === 'formal' ? GIVEN_FORMAL : GIVEN_INFORMAL;
  }
  if (rule === null) return NO_RULE;
  const lower = rule.chapter99Max !== null && chapter99 && (rule.chapter99MaxUntil === null || lawDate < rule.chapter99MaxUntil);
  const limit = lower ? (rule.chapter99Max as number) : rule.max;
  if (goods > limit && goods > rule.max) return FORMAL;
  // a batch asks this for every row: the few possible answers are made once per importer and limit
  let byLimit = imp === lastImporter ? lastByLimit : assumedEntries.get(imp);
  if (byLimit === undefined) assumedEntries.set(imp, (byLimit = new Map()));
  lastImporter = imp;
  lastByLimit = byLimit;
  let a = byLimit.get(limit);
  if (a === undefined) {
    const money = (c: number): string => moneyOf(imp, c);
    a = {
      informal: ok({
        type: 'informal',
        note: `informal entry assumed: the goods value is within the ${money(limit)} limit for informal entry (19 CFR 143.21(a)); give --entry-type formal (or an entry_type column) if it is entered formally`,
      }),
      formal: ok({
        type: 'formal',
        note: `formal entry assumed: goods with an additional Chapter 99 duty valued above ${money(limit)} could not be entered informally before ${rule.chapter99MaxUntil} (19 CFR 143.21(a))`,
      }),
    };
    byLimit.set(limit, a);
  }
  return goods <= limit ? a.informal : a.formal;
}

/**
 * An amount as the importer writes it. Not a closure over `imp` in chooseEntry: a closure there
 * made every call allocate a context for it, a million times in a batch.
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
const assumedEntries = new WeakMap<Importer, Map<number, { informal: EntryChoice; formal: EntryChoice }>>();
/** the importer asked last (a batch asks for one importer's rows in a row): no WeakMap lookup for it */
let lastImporter: Importer | null = null;
let lastByLimit: Map<number, { informal: EntryChoice; formal: EntryChoice }> | undefined;
