import { InvalidArgumentError } from 'commander';

/** Ticket ids and event numbers as the API takes them; a usage error (exit 2) before anything is opened. */
export function ticketId(value: string): string {
  if (!/^[0-9]{1,15}$/.test(value))
    throw new InvalidArgumentError('a ticket id is a number, like 42.');
  return value;
}

export function eventSeq(value: string): string {
  if (!/^[1-9][0-9]{0,8}$/.test(value))
    throw new InvalidArgumentError(
      'an event is named by its number (seq), counting from 1, as the ticket lists its events.',
    );
  return value;
}

export function wholeNumber(value: string): number {
  if (!/^-?[0-9]{1,9}$/.test(value)) throw new InvalidArgumentError('a whole number, like 4.');
  return Number(value);
}
