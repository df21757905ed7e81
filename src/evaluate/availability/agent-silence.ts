import type { Millis } from '../../domain/duration.js';
import { conflict, invalidInput } from '../../domain/errors.js';
import type { Instant } from '../../domain/time.js';
import type { DownInterval } from './location-state.js';

/**
 * When a location's agent stopped reporting. A silent agent is an alert about the agent, not
 * an outage of what it watched: for the quorum its location has no view (unknown) during the
 * silence, neither up nor down.
 *
 * A gap counts once it is longer than `silentAfterMs` (the agent's check period plus grace),
 * and then from the LAST report on: once we know the agent went quiet, nothing it said
 * afterwards (not even a monitor it last saw down) is evidence. Shorter gaps are the normal
 * time between checks.
 */
export interface SilenceOptions {
  readonly silentAfterMs: Millis;
  /** When the agent was expected to start reporting (its registration, or the window start). */
  readonly since?: Instant;
}

export interface Silence {
  /** Unknown spans up to `now`; the last is `open` when the agent is silent at `now`. */
  readonly unknown: DownInterval[];
  /** Set while the agent is silent at `now`: the alert. `noticedAt` is when the gap grew too long. */
  readonly silent: { readonly since: Instant; readonly noticedAt: Instant } | null;
}

/** `reports`: the instants at which the agent was heard from (any result, or its heartbeat), in time order. */
export function agentSilence(
  reports: Iterable<Instant>,
  options: SilenceOptions,
  now: Instant,
): Silence {
  const limit = options.silentAfterMs;
  if (!(limit > 0)) throw invalidInput(`silentAfterMs must be positive, not ${limit}`);
  const unknown: DownInterval[] = [];
  let last: Instant | null = null;
  for (const at of reports) {
    if (at > now) break;
    if (last !== null && at < last) {
      throw conflict(
        `agent reports must come in time order: ${new Date(at).toISOString()} came after ${new Date(last).toISOString()}`,
      );
    }
    const prev = last ?? options.since;
    if (prev !== undefined && at - prev > limit) unknown.push({ from: prev, to: at, open: false });
    last = at;
  }
  const prev = last ?? options.since;
  if (prev !== undefined && now - prev > limit) {
    unknown.push({ from: prev, to: now, open: true });
    return { unknown, silent: { since: prev, noticedAt: prev + limit } };
  }
  return { unknown, silent: null };
}
