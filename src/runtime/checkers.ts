import type { HeartbeatReport } from '../services/store/index.js';
import type { CheckerSet } from '../sources/probes/checker.js';
import { createDnsChecker } from '../adapters/probes/dns-checker.js';
import {
  createHeartbeatChecker,
  type LastPingLookup,
} from '../sources/probes/heartbeat-checker.js';
import { createHttpAgents } from '../adapters/probes/http-exchange.js';
import { createHttpChecker } from '../adapters/probes/http-checker.js';
import { createTcpChecker } from '../adapters/probes/tcp-checker.js';
import { runLoad } from '../adapters/probes/load-run.js';
import type { LoadRunner } from '../sources/probes/load-runner.js';

export interface CheckerOptions {
  /** The local address probes connect from (an agent on a host with several networks). */
  readonly localAddress?: string | undefined;
}

/** The real checkers, one per probe type; heartbeats read their last ping through `lastPing`. */
export function createCheckers(
  lastPing: LastPingLookup,
  options: CheckerOptions = {},
): { checkers: CheckerSet; close(): Promise<void> } {
  const local = options.localAddress ? { localAddress: options.localAddress } : {};
  const agents = createHttpAgents(local);
  const checkers: CheckerSet = {
    http: createHttpChecker({ agents }),
    tcp: createTcpChecker(local),
    dns: createDnsChecker(local),
    heartbeat: createHeartbeatChecker(lastPing),
  };
  return {
    checkers,
    async close() {
      await Promise.all(Object.values(checkers).map((c) => c.close()));
      agents.http.destroy();
      agents.https.destroy();
    },
  };
}

/**
 * A heartbeat's state as its checker needs it, from what the store kept: its latest success,
 * its latest report when that was a failure or a start, and since when it is watched (a
 * heartbeat never pinged counts from when it was declared).
 */
export function storeLastPing(lookup: {
  heartbeat(id: string): Promise<{ lastPingAt?: number; latest?: HeartbeatReport }>;
  since(id: string): Promise<number | undefined>;
}): LastPingLookup {
  return async (id) => {
    const [{ lastPingAt, latest }, since] = await Promise.all([
      lookup.heartbeat(id),
      lookup.since(id),
    ]);
    return {
      ...(lastPingAt !== undefined ? { lastPingAt } : {}),
      ...(latest && latest.kind !== 'success'
        ? { latest: { kind: latest.kind, at: latest.at, message: latest.message ?? undefined } }
        : {}),
      since: since ?? 0,
    };
  };
}

/** The real load runner of stress tests (autocannon). */
export const loadRunner = (): LoadRunner => runLoad;
