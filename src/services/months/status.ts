import { DateTime } from 'luxon';
import { formatDuration } from '../../domain/duration.js';
import { toIso, type Instant } from '../../domain/time.js';
import type { Recorder } from '../../domain/ticket.js';
import { monthOf, monthWindow } from '../compliance/window.js';
import type { Store, StoredMonthEvent } from '../store/index.js';

/**
 * Where a month stands. `running`: it has not ended. `open`: it has ended and still changes
 * (late answers, corrections, a policy dated back into it) until `closeAfter` has passed.
 * `closed`: its statement was issued, by hand or once `closeAfter` had passed; no policy change
 * or recomputation re-derives it. `reopened`: closed once, opened again by an admin with a
 * reason; it is re-derived like an open month until it is closed again by hand.
 */
export type MonthState = 'running' | 'open' | 'closed' | 'reopened';

export interface MonthStatus {
  readonly month: string;
  readonly state: MonthState;
  readonly from: Instant;
  readonly to: Instant;
  /** When `closeAfter` has passed (or passes) after its end; null with `closeAfter: never`. */
  readonly closesAt: Instant | null;
  /**
   * Closed and its ledger final: a closing was recorded (the statement issued). A month closed
   * by `closeAfter` alone has its ledger computed once more, and that closing recorded, when it
   * is next recomputed or read.
   */
  readonly settled: boolean;
  /** Its closings and reopenings, oldest first. */
  readonly history: readonly StoredMonthEvent[];
  /** Why it stands where it does, for people. */
  readonly why: string;
}

/** What the state depends on in the policy running now. */
export interface MonthRules {
  readonly timezone: string;
  readonly closeAfterMs: number | null;
}

const who = (by: Recorder) => (by.name ? `${by.id} (${by.name})` : by.id);

/** A month's state at `now` from its events (oldest first) and the rules. Pure. */
export function monthStatus(
  month: string,
  events: readonly StoredMonthEvent[],
  rules: MonthRules,
  now: Instant,
): MonthStatus {
  const w = monthWindow(month, rules.timezone);
  const closesAt = rules.closeAfterMs === null ? null : w.to + rules.closeAfterMs;
  const history = events.filter((e) => e.month === month);
  const last = history[history.length - 1];
  const base = { month, from: w.from, to: w.to, closesAt, history };
  if (last?.action === 'reopened')
    return {
      ...base,
      state: 'reopened',
      settled: false,
      why: `reopened by ${who(last.by)} at ${toIso(last.at)}: ${last.reason}`,
    };
  if (last?.action === 'closed')
    return {
      ...base,
      state: 'closed',
      settled: true,
      why: `closed by ${who(last.by)} at ${toIso(last.at)}: ${last.reason}`,
    };
  if (now < w.to)
    return { ...base, state: 'running', settled: false, why: `runs until ${toIso(w.to)}` };
  if (closesAt === null)
    return {
      ...base,
      state: 'open',
      settled: false,
      why: `ended ${toIso(w.to)}; closes when its statement is issued (closeAfter: never)`,
    };
  const after = formatDuration(closesAt - w.to);
  if (now < closesAt)
    return {
      ...base,
      state: 'open',
      settled: false,
      why: `ended ${toIso(w.to)}; closes at ${toIso(closesAt)} (closeAfter ${after})`,
    };
  return {
    ...base,
    state: 'closed',
    settled: false,
    why: `closeAfter (${after}) passed at ${toIso(closesAt)}`,
  };
}

/** The reason recorded when a month closed by `closeAfter` has its ledger settled. */
export const closedByTime = (s: MonthStatus) =>
  `closeAfter (${formatDuration((s.closesAt ?? s.to) - s.to)}) passed at ${toIso(s.closesAt ?? s.to)}; the statement as computed then is final`;

/** One month's state as stored now. */
export async function monthStatusOf(
  store: Store,
  rules: MonthRules,
  month: string,
  now: Instant,
): Promise<MonthStatus> {
  return monthStatus(month, await store.months.events([month]), rules, now);
}

/** The months from `first` to `last` (YYYY-MM), oldest first. */
export function monthsBetween(first: string, last: string): string[] {
  const out: string[] = [];
  let m = DateTime.fromFormat(first, 'yyyy-MM', { zone: 'UTC' });
  const end = DateTime.fromFormat(last, 'yyyy-MM', { zone: 'UTC' });
  while (m <= end) {
    out.push(m.toFormat('yyyy-MM'));
    m = m.plus({ months: 1 });
  }
  return out;
}

/** The states of every month in [from, to) at `now` (instants), oldest first. */
export async function monthStatusesOver(
  store: Store,
  rules: MonthRules,
  from: Instant,
  to: Instant,
  now: Instant,
): Promise<MonthStatus[]> {
  const months = monthsBetween(monthOf(from, rules.timezone), monthOf(to - 1, rules.timezone));
  const events = await store.months.events(months);
  return months.map((m) => monthStatus(m, events, rules, now));
}
