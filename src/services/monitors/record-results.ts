import { HOUR } from '../../domain/duration.js';
import type { Instant } from '../../domain/time.js';
import {
  LocationMonitorState,
  type MonitorStatus,
} from '../../evaluate/availability/location-state.js';
import type { CheckResult } from '../../sources/probes/check-result.js';
import type { Policy } from '../../policy/policy.js';
import type {
  CheckHourDelta,
  MonitorRow,
  MonitorStateRow,
  NewSignal,
  Signal,
  Store,
} from '../store/index.js';
import { monitorOf } from './catalog.js';
import { settleService } from './settle-service.js';

export interface LocatedResult {
  readonly monitor: string;
  readonly result: CheckResult;
}

export interface RecordOutcome {
  readonly accepted: number;
  /** Results not applied, with why: an unknown monitor, one not run at that location, or one older than what is known. */
  readonly ignored: ReadonlyArray<{ monitor: string; at: Instant; reason: string }>;
  readonly signals: readonly Signal[];
}

/**
 * Applies a batch of check results from one location, in one transaction: each monitor's state
 * machine there moves on (one blip is not an outage: `failuresBeforeDown`), a transition opens or
 * closes a downtime interval and is signalled, counts go to the hourly rollup, and the services
 * whose monitors changed are re-decided across locations (quorum → incidents). A result older
 * than the last one known for that monitor and location (a retry, a late batch) is ignored.
 */
export async function recordResults(
  tx: Store,
  policy: Policy,
  location: string,
  results: readonly LocatedResult[],
  now: Instant,
): Promise<RecordOutcome> {
  const byMonitor = new Map<string, CheckResult[]>();
  for (const r of results)
    byMonitor.set(r.monitor, [...(byMonitor.get(r.monitor) ?? []), r.result]);
  const rows = new Map((await tx.monitors.getMany([...byMonitor.keys()])).map((m) => [m.id, m]));
  const states = new Map(
    (await tx.monitorStates.list([...byMonitor.keys()], location)).map((s) => [s.monitorId, s]),
  );
  const ignored: Array<{ monitor: string; at: Instant; reason: string }> = [];
  const changed: MonitorStateRow[] = [];
  const hours: CheckHourDelta[] = [];
  const signals: NewSignal[] = [];
  const services = new Map<string, { at: Instant; cause?: string }>();
  let accepted = 0;

  for (const [id, list] of byMonitor) {
    const row = rows.get(id);
    const monitor = row && monitorOf(row);
    const reason =
      !row || row.removedAt !== null
        ? 'no such monitor'
        : !row.locations.includes(location)
          ? `the monitor does not run at location "${location}"`
          : !monitor
            ? 'the stored definition no longer compiles'
            : undefined;
    if (reason || !row || !monitor) {
      for (const r of list)
        ignored.push({ monitor: id, at: r.at, reason: reason ?? 'no such monitor' });
      continue;
    }
    let state = states.get(id) ?? emptyState(id, location);
    const machine = new LocationMonitorState(monitor.failuresBeforeDown, {
      status: statusOf(state),
      lastAt: state.lastAt ?? -Infinity,
    });
    for (const r of [...list].sort((a, b) => a.at - b.at)) {
      if (state.lastAt !== null && r.at <= state.lastAt) {
        ignored.push({
          monitor: id,
          at: r.at,
          reason: `older than the last result known from ${location}`,
        });
        continue;
      }
      accepted++;
      const t = machine.observe(r);
      if (t?.type === 'down') {
        await tx.downtimes.open({
          monitorId: id,
          location,
          service: row.service,
          from: t.at,
          cause: r.cause ?? 'error',
          message: r.message ?? 'failed',
        });
        signals.push(
          monitorSignal(row, location, 'down', t.at, now, {
            detectedAt: t.detectedAt,
            cause: r.cause ?? 'error',
            message: r.message ?? 'failed',
          }),
        );
        services.set(row.service, { at: r.at, cause: r.message ?? r.cause ?? 'failed' });
      } else if (t?.type === 'up') {
        await tx.downtimes.close(id, location, t.at);
        signals.push(
          monitorSignal(row, location, 'up', t.at, now, {
            downSince: t.downSince,
            downMs: t.at - t.downSince,
          }),
        );
        if (!services.has(row.service)) services.set(row.service, { at: r.at });
      }
      if (r.warning && r.warning.code === 'certificate_expiring') {
        const day = Math.floor(r.at / (24 * HOUR));
        signals.push({
          ...monitorSignal(row, location, 'warning', r.at, now, {
            code: r.warning.code,
            message: r.warning.message,
          }),
          dedupeKey: `monitor:${id}:${r.warning.code}:${day}`,
        });
      }
      state = rowOf(state, machine.status, r);
      hours.push({
        monitorId: id,
        location,
        hour: Math.floor(r.at / HOUR) * HOUR,
        checks: 1,
        failures: r.ok ? 0 : 1,
        latencySum: r.latencyMs,
        latencyMax: r.latencyMs,
      });
    }
    changed.push(state);
  }
  await tx.monitorStates.save(changed);
  await tx.checkHours.add(hours);
  const appended = await tx.signals.append(signals);
  for (const [service, s] of services)
    appended.push(...(await settleService(tx, policy, service, s.at, now, s.cause)));
  return { accepted, ignored, signals: appended };
}

function monitorSignal(
  row: MonitorRow,
  location: string,
  kind: 'down' | 'up' | 'warning',
  at: Instant,
  now: Instant,
  data: Record<string, unknown>,
): NewSignal {
  return {
    at,
    recordedAt: now,
    type: `monitor.${kind}`,
    subjectType: 'monitor',
    subjectId: row.id,
    commitment: null,
    customer: row.customer,
    data: { service: row.service, location, ...data },
    dedupeKey: `monitor:${row.id}:${location}:${kind}:${at}`,
  };
}

const emptyState = (monitorId: string, location: string): MonitorStateRow => ({
  monitorId,
  location,
  status: 'pending',
  since: null,
  failures: 0,
  detectedAt: null,
  lastAt: null,
  lastOk: null,
  lastCause: null,
  lastMessage: null,
  lastLatencyMs: null,
  lastWarning: null,
});

function statusOf(s: MonitorStateRow): MonitorStatus {
  switch (s.status) {
    case 'up':
      return { kind: 'up', since: s.since ?? 0 };
    case 'failing':
      return { kind: 'failing', since: s.since ?? 0, failures: s.failures };
    case 'down':
      return { kind: 'down', since: s.since ?? 0, detectedAt: s.detectedAt ?? s.since ?? 0 };
    default:
      return { kind: 'pending' };
  }
}

function rowOf(prev: MonitorStateRow, status: MonitorStatus, r: CheckResult): MonitorStateRow {
  return {
    ...prev,
    status: status.kind,
    since: status.kind === 'pending' ? null : status.since,
    failures: status.kind === 'failing' ? status.failures : 0,
    detectedAt: status.kind === 'down' ? status.detectedAt : null,
    lastAt: r.at,
    lastOk: r.ok,
    lastCause: r.cause ?? null,
    lastMessage: r.message ?? null,
    lastLatencyMs: r.latencyMs,
    lastWarning: r.warning?.message ?? null,
  };
}
