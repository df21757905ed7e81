import type { AvailabilityFacts, TicketFacts } from '../facts.js';

export interface MttrModel {
  /** Mean time to recovery of incidents (the guarantee claims 45 min over 12 months); null until availability reports. */
  readonly incidentsMs: number | null;
  readonly incidents: number;
  /** Mean time from creation to resolution, per priority, over the tickets resolved. */
  readonly ticketsByPriority: ReadonlyArray<{ priority: string; meanMs: number; count: number }>;
}

export function mttrModel(
  tickets: readonly TicketFacts[],
  availability: AvailabilityFacts | null,
): MttrModel {
  const sums = new Map<string, { total: number; count: number }>();
  for (const t of tickets) {
    const resolved = t.events.find((e) => e.type === 'resolved');
    if (!resolved || t.kind !== 'problem') continue;
    const s = sums.get(t.priority) ?? { total: 0, count: 0 };
    s.total += Date.parse(resolved.at) - Date.parse(t.createdAt);
    s.count += 1;
    sums.set(t.priority, s);
  }
  const order = ['urgent', 'general', 'complex'];
  return {
    incidentsMs: availability?.mttrMs ?? null,
    incidents: availability?.incidents.length ?? 0,
    ticketsByPriority: [...sums]
      .sort(([a], [b]) => order.indexOf(a) - order.indexOf(b))
      .map(([priority, s]) => ({
        priority,
        meanMs: Math.round(s.total / s.count),
        count: s.count,
      })),
  };
}
