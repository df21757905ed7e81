import { formatDuration } from '../../domain/duration.js';
import { failed, passed, type CheckResult } from './check-result.js';
import type { Checker } from './checker.js';
import { raceSignal, startDeadline } from './deadline.js';
import type { HeartbeatMonitor } from '../../policy/monitors/monitor.js';

/**
 * Heartbeat checks: a job (a cron run, a backup) calls its ping URL; silence past its period
 * plus grace means down, and so does a job that says it failed (its /fail URL) or that said it
 * started (/start) and did not finish within its grace. Nothing is connected to: the check reads
 * the job's reports through a lookup the runtime provides (the store, or memory), so it has the
 * same shape as the others.
 */

export interface HeartbeatState {
  /** Epoch ms of the latest success ping; absent when the job has never reported in. */
  readonly lastPingAt?: number;
  /** Since when the monitor has been watched: a job never pinged is only late one period after this. */
  readonly since: number;
  /** The job's latest report when it was not a success: a failure stands until the next success; a start gives the job its grace to finish. */
  readonly latest?: {
    readonly kind: 'fail' | 'start';
    readonly at: number;
    readonly message?: string | undefined;
  };
}

/** Declared here, by its user; may reject or hang, the checker turns both into results. */
export type LastPingLookup = (monitorId: string, signal: AbortSignal) => Promise<HeartbeatState>;

export function createHeartbeatChecker(lastPing: LastPingLookup): Checker<HeartbeatMonitor> {
  async function checkHeartbeat(
    m: HeartbeatMonitor,
    now: number,
    signal: AbortSignal,
  ): Promise<CheckResult> {
    const started = performance.now();
    const elapsed = () => performance.now() - started;
    const subject = `heartbeat ${JSON.stringify(m.name)}`;
    const deadline = startDeadline(signal, m.timeoutMs);
    let state: HeartbeatState | undefined;
    try {
      state = await raceSignal(lastPing(m.id, deadline.signal), deadline.signal, () => undefined);
    } catch (error) {
      return failed(
        now,
        elapsed(),
        'error',
        `${subject}: the last ping could not be read (${error instanceof Error ? error.message : String(error)})`,
      );
    } finally {
      deadline.dispose();
    }
    if (!state) {
      return deadline.reason === 'aborted'
        ? failed(now, elapsed(), 'aborted', `${subject}: the check was cancelled`)
        : failed(
            now,
            elapsed(),
            'timeout',
            `${subject}: the last ping could not be read within ${formatDuration(m.timeoutMs)}`,
          );
    }

    const details = state.lastPingAt === undefined ? undefined : { lastPingAt: state.lastPingAt };
    const latest = state.latest;
    if (latest?.kind === 'fail') {
      return failed(
        now,
        elapsed(),
        'job_failed',
        `${subject}: the job reported failure at ${iso(latest.at)}${latest.message ? `: ${latest.message}` : ''}`,
        details,
      );
    }
    if (latest?.kind === 'start') {
      // A started job is not silent: it has its grace to finish, whatever its period says (as healthchecks.io counts it).
      const finishBy = latest.at + m.graceMs;
      if (now <= finishBy)
        return passed(
          now,
          elapsed(),
          details,
          undefined,
          `${subject} is running since ${iso(latest.at)}; it has until ${iso(finishBy)} to finish`,
        );
      return failed(
        now,
        elapsed(),
        'job_unfinished',
        `${subject} started at ${iso(latest.at)} and did not report success or failure within its ${formatDuration(m.graceMs)} grace`,
        details,
      );
    }

    const allowance = `it reports every ${formatDuration(m.periodMs)} with ${formatDuration(m.graceMs)} grace`;
    const dueBy = (state.lastPingAt ?? state.since) + m.periodMs + m.graceMs;
    if (now <= dueBy) {
      return passed(
        now,
        elapsed(),
        details,
        undefined,
        state.lastPingAt === undefined
          ? `${subject} is waiting for its first ping, due by ${iso(dueBy)}`
          : undefined,
      );
    }
    if (state.lastPingAt === undefined) {
      return failed(
        now,
        elapsed(),
        'never_pinged',
        `${subject} has never reported in; the first ping was due by ${iso(dueBy)} (${allowance})`,
      );
    }
    return failed(
      now,
      elapsed(),
      'late',
      `${subject} last reported ${formatDuration(now - state.lastPingAt)} ago (${iso(state.lastPingAt)}); ${allowance}`,
      details,
    );
  }

  return { type: 'heartbeat', check: checkHeartbeat, close: async () => undefined };
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
