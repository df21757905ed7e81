import type { CustomerId, Recorder } from '../domain/ticket.js';
import type { TimeSource } from '../domain/time.js';
import type { Policy } from '../policy/policy.js';
import type { PolicyTerms } from './policy/terms.js';
import type { Store } from './store/index.js';

/**
 * `probe`: a `surety agent` at one location; it may only fetch its monitors and report results.
 * `auditor`: a third-party assessor; it reads what an admin reads, of every customer, and
 * writes nothing but assessments.
 */
export type Role = 'admin' | 'agent' | 'customer' | 'probe' | 'auditor';

/** Who is asking. Customers see and touch only their own data. */
export interface Caller {
  readonly role: Role;
  readonly customer?: CustomerId | undefined;
  /** For audit trails: a token id, "cli", "system". */
  readonly id: string;
  /** The token's name, for the record. */
  readonly name?: string | undefined;
}

/** The caller as a write records it. */
export function recorderOf(caller: Caller): Recorder {
  return caller.name === undefined ? { id: caller.id } : { id: caller.id, name: caller.name };
}

export const SYSTEM: Caller = { role: 'admin', id: 'system' };

/** What every service verb receives besides its input. */
export interface ServiceContext {
  readonly store: Store;
  /** The policy running now: channels, monitors, reports, and the terms of new tickets. */
  readonly policy: Policy;
  /** Every stored version by when it applies; without it, `policy` governs every ticket. */
  readonly terms?: PolicyTerms | undefined;
  readonly time: TimeSource;
  readonly caller: Caller;
}
