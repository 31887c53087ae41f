/**
 * Exit codes of `npm run platform`, one per kind of outcome so scripts can tell a refusal
 * from a typo from an AWS problem.
 */
export const EXIT_CODES = {
  /** The command did what was asked (a dry run that would be allowed counts). */
  ok: 0,
  /** An unexpected failure: a bug or an I/O error; the message says what failed. */
  internal: 1,
  /** The command line is wrong: unknown command, option or environment, or a write without --yes in a non-interactive shell. */
  usage: 2,
  /** A gate refused the promotion or rollback; nothing was written. */
  refused: 3,
  /** An AWS call failed: missing credentials, wrong region, access denied, throttled, resource missing. */
  aws: 4,
  /** A release or history file is invalid; the message names the file and field. */
  config: 5,
} as const;

export type ExitCodeName = keyof typeof EXIT_CODES;

/** The command line asked for something that does not exist or cannot be done as asked. */
export class UsageError extends Error {
  readonly exitCode = EXIT_CODES.usage;
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** A history file line is not a valid entry. */
export class HistoryError extends Error {
  readonly exitCode = EXIT_CODES.config;
  constructor(
    readonly file: string,
    readonly line: number,
    reason: string,
  ) {
    super(`Invalid history file ${file} line ${line}: ${reason}`);
    this.name = 'HistoryError';
  }
}
