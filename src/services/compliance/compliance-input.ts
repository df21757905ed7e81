import { Type, type Static } from 'typebox';
import { invalidInput } from '../../domain/errors.js';
import { strictObject } from '../../validation/schema-kit.js';
import { monthWindow, rangeWindow, type Window } from './window.js';

export const ComplianceInput = strictObject({
  month: Type.Optional(
    Type.String({ description: 'a calendar month in the policy time zone, like 2026-10' }),
  ),
  from: Type.Optional(
    Type.String({ description: 'start of a range: a date (2026-10-01) or date-time' }),
  ),
  to: Type.Optional(
    Type.String({ description: 'end of a range: a date (inclusive) or date-time (exclusive)' }),
  ),
  customer: Type.Optional(
    Type.String({ minLength: 1, description: 'one customer only, with its own targets' }),
  ),
});

export type ComplianceInput = Static<typeof ComplianceInput>;

export function windowOf(q: ComplianceInput, zone: string): Window {
  if (q.month !== undefined && (q.from !== undefined || q.to !== undefined)) {
    throw invalidInput('give either month, or from and to; not both', [
      { path: '/month', message: 'conflicts with from/to' },
    ]);
  }
  if (q.month !== undefined) return monthWindow(q.month, zone);
  if (q.from !== undefined && q.to !== undefined) return rangeWindow(q.from, q.to, zone);
  throw invalidInput('say which period: month=YYYY-MM, or from and to', [
    { path: '/month', message: 'required' },
  ]);
}
