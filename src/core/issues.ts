/**
 * Problems found by the core, as data (publint style): a stable `code`, the `path` of the
 * offending input (a flag or column name, or a JSON path), a message and a hint. Tests assert codes;
 * the CLI decides the exit code from the code's class.
 */
export type IssueCode =
  | 'hts-unknown'
  | 'hts-ambiguous'
  | 'hts-deleted'
  | 'mfn-not-modelled'
  | 'hts-invalid'
  | 'importer-unknown'
  | 'origin-invalid'
  | 'qty-required'
  | 'unit-mismatch'
  | 'fx-missing'
  | 'content-invalid'
  | 'scenario-unknown'
  | 'scenario-invalid'
  | 'date-invalid'
  | 'value-invalid'
  | 'amount-out-of-range'
  /** the goods are excluded from importation on the date: not a price, the instrument */
  | 'prohibited'
  /** a claimed programme cannot apply: lapsed, the origin not a member, or no preference on the line */
  | 'claim-refused';

export type Severity = 'error' | 'warning';

/**
 * The one shape of a problem, wherever it is found: the core's issues, schedule load and lint,
 * the HTS import. Tests and tools read `code` and `path`; people read `message` and `hint`.
 */
export interface Problem<C extends string = string> {
  code: C;
  /** flag, column or JSON path */
  path: string;
  message: string;
  hint?: string;
  /** absent means 'error': the input cannot be used as it is; a 'warning' is worth a look */
  severity?: Severity;
}

/** A problem of the core, with the alternatives the user may have meant. */
export interface Issue extends Problem<IssueCode> {
  choices?: string[];
}

export type Result<T> = { ok: true; value: T } | { ok: false; issue: Issue };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (issue: Issue): { ok: false; issue: Issue } => ({ ok: false, issue });
