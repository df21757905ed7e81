import { toIso } from '../../domain/time.js';
import { meanTimes } from '../../evaluate/availability/mean-times.js';
import type { AvailabilityFacts } from '../../reports/facts.js';
import type { ServiceAvailability } from '../compliance/availability-report.js';
import type { ServiceContext } from '../context.js';

/**
 * What the reports show of availability over a period: uptime and unplanned downtime per service
 * (from the compliance report's availability entries), the incidents the period saw, and the
 * mean time to recovery of those resolved in it. Null while there is nothing monitored.
 */
export async function availabilityFacts(
  ctx: ServiceContext,
  entries: readonly ServiceAvailability[] | undefined,
  span: { from: number; to: number },
  customer: string | undefined,
): Promise<AvailabilityFacts | null> {
  if (!entries || entries.length === 0) return null;
  const incidents = await ctx.store.incidents.overlapping(
    span.from,
    span.to,
    customer !== undefined ? { customer } : {},
  );
  return {
    services: entries.map((a) => ({
      id: a.service,
      name: a.service,
      uptimePercent: a.uptimePercent,
      downtimeMs: a.unplannedDowntimeMs,
      incidents: a.incidents,
    })),
    incidents: incidents.map((i) => ({
      id: String(i.id),
      service: i.service,
      title: i.title,
      startedAt: toIso(i.detectedAt),
      resolvedAt: i.resolvedAt === null ? null : toIso(i.resolvedAt),
      durationMs: i.resolvedAt === null ? null : i.resolvedAt - i.detectedAt,
    })),
    mttrMs: meanTimes(incidents, span).mttr.meanMs,
  };
}
