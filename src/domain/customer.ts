import type { TargetValue } from './target.js';
import type { CustomerId } from './ticket.js';
import type { Instant } from './time.js';

/** A per-customer change to one commitment's target (a contract term). */
export interface TargetOverride {
  readonly target: TargetValue;
}

export interface Customer {
  readonly id: CustomerId;
  readonly name: string;
  readonly plan?: string | undefined;
  /** In minor units of `currency` (cents, fen), so money is never a float. */
  readonly monthlyFeeMinor: number;
  readonly currency: string;
  /** Commitment id → override; wins over the plan's. */
  readonly overrides: Readonly<Record<string, TargetOverride>>;
  readonly createdAt: Instant;
}
