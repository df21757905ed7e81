import type { Clock, ClockWarning } from '../../domain/clock.js';
import type { Millis } from '../../domain/duration.js';
import type { Instant } from '../../domain/time.js';
import type { BusinessCalendar } from '../../policy/calendar.js';

/**
 * How a clock runs, whatever it runs on (a ticket, an incident): which events stop it,
 * whether waiting on the customer pauses it, whether a reopen resumes it.
 */
export interface ClockRules {
  readonly id: string;
  readonly calendar: BusinessCalendar;
  readonly warnAt: readonly number[];
  readonly stopsOn: readonly string[];
  /** Events that end the subject without satisfying the clock (a ticket closed unsolved). */
  readonly endsOn?: readonly string[] | undefined;
  /** What such an end does to a clock still in time: cancel it (the default) or breach it. */
  readonly closedWithoutSolution?: 'cancel' | 'breach' | undefined;
  readonly pausesWhileWaiting: boolean;
  readonly onReopen: 'keep' | 'resume';
}

export interface ClockInput {
  readonly commitment: ClockRules;
  /** The target for this ticket's customer (contract and plan overrides applied). */
  readonly targetMs: Millis;
  readonly createdAt: Instant;
  /**
   * When the commitment began to apply: creation, or the reclassification that brought the
   * ticket under it. Time before counts (the customer was waiting), but a breach cannot
   * be dated before the commitment applied.
   */
  readonly appliesSince: Instant;
  readonly events: ReadonlyArray<{ readonly type: string; readonly at: Instant }>;
}

/**
 * Derives one SLA clock from a ticket's or incident's history at the moment `now`. Pure and exact:
 * the same history and moment always give the same clock, to the millisecond.
 *
 * A clock runs from creation in business time on its calendar, pauses while the ticket
 * waits on the customer (if the commitment says so), stops at the first event that
 * satisfies it, and — for solution and resolution clocks — resumes when the ticket is
 * reopened, keeping the time already used. Warnings and the breach happen when the used
 * time passes a threshold; an event at the very instant of the deadline is in time.
 *
 * An event of `endsOn` (a close before the solution) stops the clock too, without meeting
 * it: a clock still in time is cancelled, or breached at that moment if the commitment says
 * so; one whose deadline had passed stays breached, dated at the deadline.
 */
export function evaluateClock(input: ClockInput, now: Instant): Clock {
  const { commitment: c, targetMs: target, appliesSince } = input;
  const cal = c.calendar;
  let elapsed = 0;
  let segStart: Instant | null = input.createdAt; // start of the current running segment
  let pausedAt: Instant | null = null;
  let stoppedAt: Instant | null = null;
  let breachedAt: Instant | null = null;
  let cancelled = false;
  let dueAt: Instant | null = null;
  const warnings: ClockWarning[] = [];

  // Accounts for running from `from` to `to`, dating any threshold passed on the way.
  const run = (from: Instant, to: Instant) => {
    dueAt = Math.max(cal.add(from, target - elapsed), appliesSince);
    for (const f of c.warnAt) {
      if (warnings.some((w) => w.threshold === f)) continue;
      const at = Math.max(cal.add(from, Math.max(0, f * target - elapsed)), appliesSince);
      if (at < to) warnings.push({ threshold: f, at });
    }
    if (breachedAt === null && dueAt < to) breachedAt = dueAt;
    elapsed += cal.elapsed(from, to);
  };

  for (const e of input.events) {
    if (e.at > now) break;
    if (stoppedAt !== null) {
      if (e.type === 'reopened' && c.onReopen === 'resume') {
        stoppedAt = null;
        cancelled = false;
        segStart = e.at;
      }
      continue;
    }
    const ends = c.endsOn?.includes(e.type) ?? false;
    if (ends || c.stopsOn.includes(e.type)) {
      if (segStart !== null) run(segStart, e.at);
      // Ended while paused: the deadline is where it would be had the work resumed then.
      else if (ends && pausedAt !== null && breachedAt === null)
        dueAt = Math.max(cal.add(e.at, target - elapsed), appliesSince);
      segStart = null;
      pausedAt = null;
      stoppedAt = e.at;
      if (ends && breachedAt === null) {
        if (c.closedWithoutSolution === 'breach') breachedAt = Math.max(e.at, appliesSince);
        else cancelled = true;
      }
    } else if (c.pausesWhileWaiting && e.type === 'waiting_on_customer' && segStart !== null) {
      run(segStart, e.at);
      segStart = null;
      pausedAt = e.at;
    } else if (c.pausesWhileWaiting && e.type === 'customer_replied' && pausedAt !== null) {
      pausedAt = null;
      segStart = e.at;
    }
  }

  let nextChangeAt: Instant | null = null;
  if (segStart !== null) {
    const from: Instant = segStart;
    const before = elapsed;
    run(from, now);
    // Thresholds still ahead: the next moment this clock changes by itself.
    const ahead = c.warnAt
      .filter((f) => !warnings.some((w) => w.threshold === f))
      .map((f) => Math.max(cal.add(from, Math.max(0, f * target - before)), appliesSince));
    if (breachedAt === null) ahead.push(dueAt!);
    nextChangeAt = ahead.length > 0 ? Math.min(...ahead) : null;
  } else if (pausedAt !== null) {
    dueAt = null;
  }

  const state =
    breachedAt !== null
      ? 'breached'
      : cancelled
        ? 'cancelled'
        : stoppedAt !== null
          ? 'met'
          : pausedAt !== null
            ? 'paused'
            : warnings.length > 0
              ? 'warning'
              : 'running';
  return {
    commitment: c.id,
    state,
    targetMs: target,
    calendar: cal.name,
    startedAt: input.createdAt,
    dueAt,
    stoppedAt,
    pausedAt,
    breachedAt,
    elapsedMs: elapsed,
    remainingMs: target - elapsed,
    warnings,
    nextChangeAt,
  };
}
