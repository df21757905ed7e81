import { InvalidArgumentError } from 'commander';

/** A month as the API takes it; a usage error (exit 2) before anything is opened. */
export function month(value: string): string {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(value))
    throw new InvalidArgumentError('a month is written like 2026-10.');
  return value;
}

/** A reason someone will read later: not blank. */
export function reason(value: string): string {
  if (value.trim() === '')
    throw new InvalidArgumentError('say why; the reason is kept with who and when.');
  return value;
}
