import type { Millis } from '../../domain/duration.js';
import type { Instant } from '../../domain/time.js';
import type { Interval } from './intervals.js';

/**
 * Mean time to acknowledge (MTTA) and to recover (MTTR) over a window, from incidents.
 * An incident counts toward MTTA if it was acknowledged in the window, and toward MTTR only if
 * it was resolved in the window, each measured from its detection (which may be earlier):
 * a month's MTTR is about the recoveries that month. Incidents still unacknowledged or
 * unresolved at the window's end are counted apart, since leaving them out flatters the means.
 * A time recorded before detection (clock skew, an import) counts as zero, not negative.
 */
export interface IncidentTimes {
  readonly service?: string;
  readonly detectedAt: Instant;
  readonly acknowledgedAt?: Instant | null;
  readonly resolvedAt?: Instant | null;
}

export interface MeanTime {
  readonly count: number;
  readonly totalMs: Millis;
  /** totalMs / count; null without incidents. */
  readonly meanMs: number | null;
}

export interface MeanTimes {
  readonly mtta: MeanTime;
  readonly mttr: MeanTime;
  /** Detected before the window's end, neither acknowledged nor resolved by then. */
  readonly unacknowledged: number;
  /** Detected before the window's end and not resolved by then. */
  readonly unresolved: number;
}

export function meanTimes(incidents: Iterable<IncidentTimes>, window: Interval): MeanTimes {
  const inWindow = (t: Instant | null | undefined): t is Instant =>
    t != null && t >= window.from && t < window.to;
  const pending = (t: Instant | null | undefined) => t == null || t >= window.to;
  let ack = { count: 0, totalMs: 0 };
  let rec = { count: 0, totalMs: 0 };
  let unacknowledged = 0;
  let unresolved = 0;
  for (const i of incidents) {
    if (inWindow(i.acknowledgedAt))
      ack = {
        count: ack.count + 1,
        totalMs: ack.totalMs + Math.max(0, i.acknowledgedAt - i.detectedAt),
      };
    if (inWindow(i.resolvedAt))
      rec = {
        count: rec.count + 1,
        totalMs: rec.totalMs + Math.max(0, i.resolvedAt - i.detectedAt),
      };
    if (i.detectedAt < window.to) {
      if (pending(i.acknowledgedAt) && pending(i.resolvedAt)) unacknowledged++;
      if (pending(i.resolvedAt)) unresolved++;
    }
  }
  const mean = (m: { count: number; totalMs: number }): MeanTime => ({
    ...m,
    meanMs: m.count === 0 ? null : m.totalMs / m.count,
  });
  return { mtta: mean(ack), mttr: mean(rec), unacknowledged, unresolved };
}

/** The same, per service (incidents without a service are grouped under ""). */
export function meanTimesByService(
  incidents: Iterable<IncidentTimes>,
  window: Interval,
): Map<string, MeanTimes> {
  const groups = new Map<string, IncidentTimes[]>();
  for (const i of incidents) {
    const key = i.service ?? '';
    const g = groups.get(key);
    if (g) g.push(i);
    else groups.set(key, [i]);
  }
  return new Map([...groups].map(([service, list]) => [service, meanTimes(list, window)]));
}
