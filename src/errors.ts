/**
 * The few error classes the CLI maps to exit codes (changesets style): one top-level handler in
 * `cli/main.ts` prints `message` (and `details`) and sets the code. Anything else is a bug: 70.
 */
export const EXIT = {
  ok: 0,
  checkFailed: 1,
  usage: 2,
  /** the goods are excluded from importation on the entry date (a prohibition, not a price) */
  prohibited: 3,
  dataErr: 65,
  noInput: 66,
  software: 70,
  ioErr: 74,
  config: 78,
  interrupted: 130,
} as const;

/** What an error keeps of a problem of the core (core/issues.ts `Problem`; this module sits below every layer). */
export interface ProblemRef {
  code: string;
  path?: string;
  message: string;
  hint?: string;
}

export class TariffError extends Error {
  readonly exitCode: number;
  readonly details: readonly string[];
  /** the code (and flag, column or JSON path) of the core's problem this error reports, when it reports one: what callers match on */
  readonly problem: { code: string; path?: string } | undefined;
  constructor(message: string, exitCode: number, details: readonly string[] = [], problem?: ProblemRef) {
    super(message);
    this.exitCode = exitCode;
    this.details = details;
    this.problem = problem && { code: problem.code, ...(problem.path ? { path: problem.path } : {}) };
  }
}

/**
 * The error that reports a problem of the core: its words and hint, its code kept; the exit code
 * by the code (a prohibition 3, an unknown scenario a usage error 2, an invalid one 78 as a bad
 * scenario file is, anything else bad data 65).
 */
export function problemError(p: ProblemRef): TariffError {
  const details = p.hint ? [p.hint] : [];
  if (p.code === 'prohibited') return new ProhibitedError(p.message, details, p);
  if (p.code === 'scenario-unknown') return new UsageError(p.message, details, p);
  if (p.code === 'scenario-invalid') return new ScheduleError(p.message, details, p);
  return new DataError(p.message, details, p);
}

/** Unknown flag, unknown scenario, missing argument. */
export class UsageError extends TariffError {
  constructor(message: string, details: readonly string[] = [], problem?: ProblemRef) {
    super(message, EXIT.usage, details, problem);
  }
}

/** A shipment or a CSV row is invalid. */
export class DataError extends TariffError {
  constructor(message: string, details: readonly string[] = [], problem?: ProblemRef) {
    super(message, EXIT.dataErr, details, problem);
  }
}

/** The goods may not be imported on the date: the result is the instrument that excludes them. */
export class ProhibitedError extends TariffError {
  constructor(message: string, details: readonly string[] = [], problem?: ProblemRef) {
    super(message, EXIT.prohibited, details, problem);
  }
}

/** An input file cannot be read. */
export class InputFileError extends TariffError {
  constructor(message: string, details: readonly string[] = []) {
    super(message, EXIT.noInput, details);
  }
}

/** An output (a file, stdout) cannot be written: full disk, file-size limit, a broken device. */
export class OutputError extends TariffError {
  constructor(message: string, details: readonly string[] = []) {
    super(message, EXIT.ioErr, details);
  }
}

/** The schedule or a scenario file is invalid. */
export class ScheduleError extends TariffError {
  constructor(message: string, details: readonly string[] = [], problem?: ProblemRef) {
    super(message, EXIT.config, details, problem);
  }
}

/** A check the user asked for failed (a threshold). */
export class CheckFailedError extends TariffError {
  /**
   * `rejected`: rows of the batch were rejected as well. Rejects are reported first and decide the
   * exit code (65, bad input data, as documented): the checks judged the priced rows only, and a
   * run that lost rows must not pass for a mere threshold failure (1).
   */
  constructor(message: string, details: readonly string[] = [], rejected = 0) {
    super(
      rejected > 0
        ? `${message} on the priced rows; ${rejected} row${rejected === 1 ? ' was' : 's were'} rejected and not judged (exit 65: bad input data)`
        : message,
      rejected > 0 ? EXIT.dataErr : EXIT.checkFailed,
      details,
    );
  }
}
