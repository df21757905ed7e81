import { invalidInput } from '../../domain/errors.js';
import { type Interval, subtract, union, where } from './intervals.js';

/**
 * From what each location sees to whether the service is down.
 *
 * - A location sees the service down while ANY of the service's monitors is down there (an
 *   HTTP check failing while the DNS check passes is still a broken service for its users).
 * - While a location's agent is silent its view is unknown: it neither votes down nor up, and
 *   a monitor it last saw down stops counting from the last report on.
 * - The service is down while at least q locations see it down, where q = min(quorum, the
 *   locations reporting at that moment). A silent agent must not hide a real outage the others
 *   all see, and with a single location q is 1. Times when fewer locations than the quorum
 *   report are returned as `degraded` so a report can say the verdict rests on fewer eyes;
 *   times when none reports are `unknown` (not down).
 * - Times when some, but fewer than q, locations see it down are not an outage: they are the
 *   seeing location's own trouble (its network, its agent), returned per location.
 */
export interface LocationView {
  readonly location: string;
  /** The down spans of each of the service's monitors as seen from here. */
  readonly monitors: ReadonlyArray<ReadonlyArray<Interval>>;
  /** When this location's agent was silent. */
  readonly unknown?: ReadonlyArray<Interval>;
}

export interface ServiceView {
  /** The quorum applied when every location reports. */
  readonly quorum: number;
  /** The outage: enough locations saw the service down. */
  readonly down: Interval[];
  /** Some location saw it down, fewer than the quorum did. */
  readonly partial: Interval[];
  /** Per location, the times it saw the service down outside an outage: its own trouble. */
  readonly locationOnly: ReadonlyArray<{
    readonly location: string;
    readonly intervals: Interval[];
  }>;
  /** Fewer locations reporting than the quorum (but at least one). */
  readonly degraded: Interval[];
  /** No location reporting: nothing is known, and nothing is counted as down. */
  readonly unknown: Interval[];
}

/** A majority of the configured locations: 1 of 1, 2 of 2, 2 of 3, 3 of 4, 3 of 5. */
export const defaultQuorum = (locations: number): number => Math.floor(locations / 2) + 1;

export function serviceDown(
  locations: ReadonlyArray<LocationView>,
  quorum: number = defaultQuorum(locations.length),
): ServiceView {
  const n = locations.length;
  if (n === 0) throw invalidInput('a service needs at least one location to be measured from');
  if (!Number.isInteger(quorum) || quorum < 1 || quorum > n) {
    throw invalidInput(
      `the quorum must be a whole number from 1 to the ${n} location(s), not ${quorum}`,
    );
  }
  const unknown = locations.map((l) => union(l.unknown ?? []));
  const seen = locations.map((l, k) => subtract(union(...l.monitors), unknown[k]!));

  // covered = [seen_0 … seen_{n-1}, unknown_0 … unknown_{n-1}]
  const tally = (covered: readonly boolean[]) => {
    let down = 0;
    let silent = 0;
    for (let k = 0; k < n; k++) {
      if (covered[k]) down++;
      if (covered[n + k]) silent++;
    }
    const reporting = n - silent;
    return { down, reporting, needed: Math.min(quorum, reporting) };
  };
  const lists = [...seen, ...unknown];
  const down = where(lists, (c) => {
    const t = tally(c);
    return t.down > 0 && t.down >= t.needed;
  });
  const partial = where(lists, (c) => {
    const t = tally(c);
    return t.down > 0 && t.down < t.needed;
  });
  const degraded = where(lists, (c) => {
    const t = tally(c);
    return t.reporting > 0 && t.reporting < quorum;
  });
  const none = where(unknown, (c) => c.every(Boolean));
  return {
    quorum,
    down,
    partial,
    locationOnly: locations.map((l, k) => ({
      location: l.location,
      intervals: subtract(seen[k]!, down),
    })),
    degraded,
    unknown: none,
  };
}
