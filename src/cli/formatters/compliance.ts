import type { ComplianceReport } from '../../services/compliance/report.js';
import { formatDuration } from '../../domain/duration.js';
import { table } from './table.js';

const STATUS = {
  met: 'met',
  breached: 'BREACHED',
  no_data: 'no data',
  not_measured: 'not measured yet',
} as const;

export function complianceTable(r: ComplianceReport): string {
  const rows = r.commitments.map((c) => [
    c.commitment,
    c.name.en,
    c.target,
    c.value === null
      ? '-'
      : c.unit === 'percent'
        ? `${c.value}%`
        : c.unit === 'duration'
          ? formatDuration(c.value)
          : String(c.value),
    STATUS[c.status],
    String(c.breaches),
    String(c.cancelled),
    c.tickets.slice(0, 8).join(',') + (c.tickets.length > 8 ? ',…' : ''),
  ]);
  const head = `Compliance ${r.window.label} (${r.window.timezone})${r.customer ? ` for ${r.customer}` : ''}\n\n`;
  const cancelled = r.commitments.some((c) => c.cancelled > 0)
    ? '\ncancelled: clocks whose ticket was closed, in time, before its solution; left out of the value\n'
    : '';
  const main =
    head +
    table(
      ['id', 'commitment', 'target', 'value', 'status', 'breaches', 'cancelled', 'tickets'],
      rows,
    ) +
    cancelled;
  if (r.availability.length === 0) return main;
  const avail = r.availability.map((a) => [
    a.service,
    a.customer ?? '(shared)',
    a.uptimePercent === null ? '-' : `${a.uptimePercent}%`,
    `${a.unplannedDowntimeMinutes}m`,
    `${a.plannedDowntimeMinutes}m`,
    `${a.budget.remainingMinutes}m of ${a.budget.allowedMinutes}m`,
    a.mtta.meanMinutes === null ? '-' : `${a.mtta.meanMinutes}m`,
    a.mttr.meanMinutes === null ? '-' : `${a.mttr.meanMinutes}m`,
    a.status === 'breached' ? 'BREACHED' : a.status === 'no_data' ? 'no data' : 'met',
  ]);
  return `${main}\nAvailability per service\n\n${table(['service', 'customer', 'uptime', 'unplanned', 'planned', 'budget left', 'MTTA', 'MTTR', 'status'], avail)}`;
}
