/**
 * The one JSON frame every command's document shares (docs/json.md): `schemaVersion`,
 * `schedule {version, hash, verifiedThrough}`, for a batch `rows {read, priced, rejected}` and
 * `rejected[]` (the first REJECTED_CAP rejected rows: line, id, code, message), `checks[]` (the
 * gates asked for, passed or not) and `notes[]`. The command's own fields sit between the head
 * (`schemaVersion`, `schedule`) and the tail (the rest), so a streamed document writes the head
 * first and the tail once the rows are counted.
 */
import type { Rejection } from '../core/batch-summary.js';

/** at most this many rejected rows in `rejected[]`; `rows.rejected` counts them all (all in --rejects FILE) */
export const REJECTED_CAP = 100;

export interface RowsJson {
  read: number;
  priced: number;
  rejected: number;
}

export interface RejectedJson {
  line: number;
  /** the row's `id` column, or null */
  id: string | null;
  /** a stable code for programs (`value-invalid`, `row-ragged`, `record-malformed` …) */
  code: string;
  message: string;
}

/** One gate asked for (`--max-effective-rate 35`): passed, or its failures in words. */
export interface CheckJson {
  gate: string;
  /** the flag's value as given */
  given: string;
  /** the limit as a number: a fraction for a rate (35% → 0.35), an amount in major units */
  limit: number;
  passed: boolean;
  failures: string[];
}

export interface FrameTail {
  rows?: RowsJson;
  rejected?: RejectedJson[];
  checks: CheckJson[];
  notes: string[];
}

export function rejectedJson(r: Rejection): RejectedJson {
  return { line: r.line, id: r.id ?? null, code: r.code, message: r.message };
}

/** Keeps the first REJECTED_CAP rejections of a batch for `rejected[]`. */
export class RejectedList {
  readonly list: RejectedJson[] = [];
  add(r: Rejection): void {
    if (this.list.length < REJECTED_CAP) this.list.push(rejectedJson(r));
  }
}

/** The checks of the gates given as [flag, value as given, limit] and their failures (each failure names its flag). */
export function checksJson(gates: readonly (readonly [string, string, number])[], failures: readonly string[]): CheckJson[] {
  return gates.map(([gate, given, limit]) => {
    const mine = failures.filter((f) => f.includes(gate));
    return { gate, given, limit, passed: mine.length === 0, failures: mine };
  });
}

/** The tail of a document with no gates and nothing to note (lookup, scenarios, timeline, sweep). */
export interface PlainTail {
  checks: CheckJson[];
  notes: string[];
}
export const plainTail = (): PlainTail => ({ checks: [], notes: [] });
