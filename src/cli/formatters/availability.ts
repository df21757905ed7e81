import { table } from './table.js';
import type { MonitorView } from '../../services/monitors/view.js';

const when = (iso: string | null | undefined) =>
  iso ? iso.replace('T', ' ').replace(/\.\d+Z$/, 'Z') : '-';

export function monitorsTable(r: { monitors: readonly MonitorView[] }): string {
  if (r.monitors.length === 0)
    return 'No monitors. Add one with POST /api/v1/monitors or under availability.monitors in the policy.\n';
  return table(
    ['id', 'service', 'type', 'target', 'every', 'state', 'locations', 'last check'],
    r.monitors.map((m) => [
      m.id,
      m.service,
      m.type,
      m.target ?? (m.type === 'heartbeat' ? `ping ${m.pingPath ?? ''}` : '-'),
      m.intervalSeconds === null ? '-' : `${m.intervalSeconds}s`,
      m.state.toUpperCase() === 'DOWN' ? 'DOWN' : m.state,
      m.locations.map((l) => `${l.location}:${l.state}`).join(' '),
      m.locations
        .map((l) => l.lastCheck?.message ?? (l.lastCheck ? 'ok' : ''))
        .filter(Boolean)[0] ?? '-',
    ]),
  );
}

export function monitorDetail(m: MonitorView): string {
  const head = `${m.id} (${m.type}, service ${m.service}${m.customer ? `, customer ${m.customer}` : ''}): ${m.state}${m.downSince ? ` since ${when(m.downSince)}` : ''}\n\n`;
  return (
    head +
    table(
      ['location', 'state', 'since', 'last check', 'latency', 'result'],
      m.locations.map((l) => [
        l.location,
        l.agentSilent ? 'unknown (agent silent)' : l.state,
        when(l.since),
        when(l.lastCheck?.at),
        l.lastCheck ? `${l.lastCheck.latencyMs}ms` : '-',
        l.lastCheck
          ? l.lastCheck.ok
            ? 'ok'
            : `${l.lastCheck.cause}: ${l.lastCheck.message}`
          : '-',
      ]),
    )
  );
}

interface IncidentLike {
  id: number;
  service: string;
  state: string;
  title: string;
  detectedAt: string;
  acknowledgedAt: string | null;
  resolvedAt: string | null;
  timeline: ReadonlyArray<{ type: string; at: string; actor: string | null; note: string | null }>;
  clocks: ReadonlyArray<{
    commitment: string;
    state: string;
    dueAt: string | null;
    breachedAt: string | null;
  }>;
}

export function incidentsTable(r: { incidents: readonly IncidentLike[]; total: number }): string {
  if (r.incidents.length === 0) return 'No incidents.\n';
  return table(
    ['id', 'service', 'state', 'detected', 'acknowledged', 'resolved', 'title'],
    r.incidents.map((i) => [
      String(i.id),
      i.service,
      i.state,
      when(i.detectedAt),
      when(i.acknowledgedAt),
      when(i.resolvedAt),
      i.title,
    ]),
  );
}

export function incidentDetail(i: IncidentLike): string {
  return (
    `Incident ${i.id} on ${i.service}: ${i.title} (${i.state})\n\n` +
    table(
      ['when', 'what', 'who', 'note'],
      i.timeline.map((e) => [when(e.at), e.type, e.actor ?? '-', e.note ?? '']),
    ) +
    '\n' +
    table(
      ['clock', 'state', 'due', 'breached'],
      i.clocks.map((c) => [c.commitment, c.state, when(c.dueAt), when(c.breachedAt)]),
    )
  );
}

export function maintenanceTable(r: {
  maintenance: ReadonlyArray<{
    id: number;
    service: string;
    title: string;
    kind: string;
    every?: string | null;
    start?: string | null;
    end?: string | null;
    source: string;
    cancelledAt: string | null;
  }>;
}): string {
  if (r.maintenance.length === 0) return 'No maintenance windows.\n';
  return table(
    ['id', 'service', 'when', 'title', 'source', 'cancelled'],
    r.maintenance.map((w) => [
      String(w.id),
      w.service,
      w.kind === 'recurring' ? (w.every ?? '') : `${when(w.start)} – ${when(w.end)}`,
      w.title,
      w.source,
      when(w.cancelledAt),
    ]),
  );
}

export function runsTable(
  rows: ReadonlyArray<{
    id: string;
    name: string;
    schedule: string;
    status: string;
    last: string;
    summary: string;
  }>,
): string {
  if (rows.length === 0) return 'None declared in the policy.\n';
  return table(
    ['id', 'name', 'schedule', 'status', 'last run', 'summary'],
    rows.map((r) => [r.id, r.name, r.schedule, r.status, r.last, r.summary]),
  );
}

/** What `health-checks run` and `stress-tests run` print: the run, its outcome and summary. */
export const runLine = (r: {
  id: number;
  name: string;
  status: string;
  report: Record<string, unknown>;
}) => `run ${r.id} of ${r.name}: ${r.status} (${String(r.report.summary ?? '')})\n`;

export { when };
