/**
 * The one error type of the core. Each code maps to one reply in every shell
 * (HTTP status, CLI exit code), so services never think about transports.
 */
export const ERROR_CODES = [
  'invalid_input', // the request or file is malformed or fails validation
  'unknown_reference', // it names something that does not exist (a customer, a plan)
  'unauthorized', // no valid credentials
  'forbidden', // valid credentials, not allowed
  'not_found', // the addressed thing does not exist (or is not visible to the caller)
  'conflict', // the request contradicts current state (event order, lifecycle)
  'too_large', // body or batch over a limit
  'unavailable', // a dependency is down
  'late_entry', // an event dated too far back for this caller: it goes through a correction
] as const;

/** A value as well as a type, so each shell's table can be tested against every code. */
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorDetail {
  /** Where: a JSON pointer into a request body, or file:line:column in a policy. */
  readonly path: string;
  /** What is wrong and, where possible, what would be right. */
  readonly message: string;
}

export class SuretyError extends Error {
  override readonly name = 'SuretyError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: readonly ErrorDetail[] = [],
  ) {
    super(message);
  }
}

export const invalidInput = (message: string, details: ErrorDetail[] = []) =>
  new SuretyError('invalid_input', message, details);
export const notFound = (message: string) => new SuretyError('not_found', message);
export const conflict = (message: string) => new SuretyError('conflict', message);
