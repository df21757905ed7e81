import { Type } from 'typebox';
import { toIso } from '../../domain/time.js';
import type { MonthStatus } from './status.js';

/** A month as the API and the CLI show it. */
export const monthView = (m: MonthStatus) => ({
  month: m.month,
  state: m.state,
  closed: m.state === 'closed',
  final: m.settled,
  from: toIso(m.from),
  to: toIso(m.to),
  closesAt: m.closesAt === null ? null : toIso(m.closesAt),
  why: m.why,
  history: m.history.map((e) => ({
    action: e.action,
    reason: e.reason,
    at: toIso(e.at),
    by: { id: e.by.id, name: e.by.name ?? null },
  })),
});

export const Month = Type.String({
  pattern: '^\\d{4}-(0[1-9]|1[0-2])$',
  description: 'a calendar month in the policy time zone, like 2026-10',
});
