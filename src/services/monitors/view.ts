import type { Instant } from '../../domain/time.js';
import { toIso } from '../../domain/time.js';
import type { Policy } from '../../policy/policy.js';
import type { MonitorRow, MonitorStateRow } from '../store/index.js';
import { monitorOf, verdictOf } from './catalog.js';
import { targetOf } from './definition-input.js';

const iso = (t: Instant | null) => (t === null ? null : toIso(t));

/** A monitor as the API and CLI show it: its definition, its verdict, and each location's view. */
export function monitorView(
  policy: Policy,
  row: MonitorRow,
  states: readonly MonitorStateRow[],
  silent: ReadonlySet<string>,
) {
  const m = monitorOf(row);
  const mine = states.filter((s) => s.monitorId === row.id);
  const state = row.removedAt !== null ? 'unknown' : verdictOf(policy, [row], mine, silent);
  const down = mine.filter((s) => s.status === 'down' && !silent.has(s.location));
  return {
    id: row.id,
    name: m?.name ?? row.id,
    service: row.service,
    customer: row.customer,
    type: row.type,
    target: m ? targetOf(m) : null,
    // For a heartbeat the interval people give is how often the job reports in (as POST takes it).
    intervalSeconds: m ? (m.type === 'heartbeat' ? m.periodMs : m.intervalMs) / 1000 : null,
    checkEverySeconds: m ? m.intervalMs / 1000 : null,
    timeoutSeconds: m ? m.timeoutMs / 1000 : null,
    failuresBeforeDown: m?.failuresBeforeDown ?? null,
    ...(m?.type === 'heartbeat'
      ? { periodSeconds: m.periodMs / 1000, graceSeconds: m.graceMs / 1000 }
      : {}),
    state,
    downSince: state === 'down' ? iso(Math.min(...down.map((s) => s.since ?? Infinity))) : null,
    locations: row.locations.map((location) => {
      const s = mine.find((x) => x.location === location);
      return {
        location,
        state: silent.has(location)
          ? 'unknown'
          : !s || s.status === 'pending'
            ? 'unknown'
            : s.status === 'down'
              ? 'down'
              : 'up',
        status: s?.status ?? 'pending',
        agentSilent: silent.has(location),
        since: iso(s?.since ?? null),
        failures: s?.failures ?? 0,
        lastCheck:
          s?.lastAt == null
            ? null
            : {
                at: toIso(s.lastAt),
                ok: s.lastOk,
                cause: s.lastCause,
                message: s.lastMessage,
                latencyMs: s.lastLatencyMs,
                warning: s.lastWarning,
              },
      };
    }),
    source: row.source,
    ...(row.pingKey ? { pingPath: `/api/v1/ping/${row.pingKey}` } : {}),
    definition: row.definition,
    createdAt: toIso(row.createdAt),
    updatedAt: toIso(row.updatedAt),
    removedAt: iso(row.removedAt),
  };
}
export type MonitorView = ReturnType<typeof monitorView>;
