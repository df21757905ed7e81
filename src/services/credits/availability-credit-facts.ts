import type { BreachEvidence, UptimeEvidence } from '../../consequences/credits/ledger.js';
import type { Instant } from '../../domain/time.js';

/**
 * What the credit ledger needs from availability (incidents, monitors, uptime), declared
 * here by its user. The runtime plugs in the availability stage's implementation; until
 * then there are no incident breaches and no uptime, so only ticket credits are owed.
 */
export interface AvailabilityCreditFacts {
  /** Incident clocks (R-01 …) that breached in [from, to), for one customer or all. */
  incidentBreaches(
    window: { readonly from: Instant; readonly to: Instant },
    customer?: string,
  ): Promise<readonly BreachEvidence[]>;
  /** Each customer's uptime over the calendar month (like 2026-10), with the incidents behind the downtime. */
  monthlyUptime(
    month: string,
    window: { readonly from: Instant; readonly to: Instant },
    customer?: string,
  ): Promise<readonly UptimeEvidence[]>;
}

export const NO_AVAILABILITY: AvailabilityCreditFacts = {
  incidentBreaches: async () => [],
  monthlyUptime: async () => [],
};
