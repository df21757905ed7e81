import type { CheckerSet } from '../sources/probes/checker.js';
import { createDnsChecker } from '../sources/probes/checkers/dns.js';
import { createHeartbeatChecker, type LastPingLookup } from '../sources/probes/checkers/heartbeat.js';
import { createHttpAgents } from '../sources/probes/checkers/http-exchange.js';
import { createHttpChecker } from '../sources/probes/checkers/http.js';
import { createTcpChecker } from '../sources/probes/checkers/tcp.js';

export interface CheckerOptions {
  /** The local address probes connect from (an agent on a host with several networks). */
  readonly localAddress?: string | undefined;
}

/** The real checkers, one per probe type; heartbeats read their last ping through `lastPing`. */
export function createCheckers(lastPing: LastPingLookup, options: CheckerOptions = {}): { checkers: CheckerSet; close(): Promise<void> } {
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

/** Heartbeats that have never pinged count from when they were declared. */
export function storeLastPing(lookup: { lastPing(id: string): Promise<number | undefined>; since(id: string): Promise<number | undefined> }): LastPingLookup {
  return async (id) => {
    const [lastPingAt, since] = await Promise.all([lookup.lastPing(id), lookup.since(id)]);
    return { ...(lastPingAt !== undefined ? { lastPingAt } : {}), since: since ?? 0 };
  };
}
