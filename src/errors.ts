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

export class TariffError extends Error {
  readonly exitCode: number;
  readonly details: readonly string[];
  constructor(message: string, exitCode: number, details: readonly string[] = []) {
    super(message);
    this.exitCode = exitCode;
    this.details = details;
  }
}

/** Unknown flag, unknown scenario, missing argument. */
export class UsageError extends TariffError {
  constructor(message: string, details: readonly string[] = []) {
    super(message, EXIT.usage, details);
  }
}

/** A shipment or a CSV row is invalid. */
export class DataError extends TariffError {
  constructor(message: string, details: readonly string[] = []) {
    super(message, EXIT.dataErr, details);
  }
}

/** The goods may not be imported on the date: the result is the instrument that excludes them. */
export class ProhibitedError extends TariffError {
  constructor(message: string, details: readonly string[] = []) {
    super(message, EXIT.prohibited, details);
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
  constructor(message: string, details: readonly string[] = []) {
    super(message, EXIT.config, details);
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
