import type { ErrorCode } from '../domain/errors.js';

/**
 * How `surety` ends, so a script can tell a refused request from a bad command line, and one
 * refusal from another, without reading stderr. 0, 1 and 2 keep their usual meaning.
 */
export const EXIT = {
  /** Done. */
  ok: 0,
  /** Failed without an error code: `check` or `detect` found problems in the file, or a bug. */
  failed: 1,
  /** The command line was wrong (unknown option, missing argument); nothing was done. */
  usage: 2,
} as const;

/**
 * One exit status per SuretyError code (the README lists them). They start at 10 so none reads
 * as 1 or 2, and stay below sysexits' 64-78 and the shell's 126 and up. A status, once
 * published, keeps its meaning: a new code takes the next free number.
 */
export const EXIT_CODES: Readonly<Record<ErrorCode, number>> = {
  invalid_input: 10,
  unknown_reference: 11,
  unauthorized: 12,
  forbidden: 13,
  not_found: 14,
  conflict: 15,
  too_large: 16,
  unavailable: 17,
  late_entry: 18,
};
