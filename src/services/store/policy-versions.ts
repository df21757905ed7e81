import type { Instant } from '../../domain/time.js';
import type { Recorder } from '../../domain/ticket.js';

/** A policy Surety was started with, whose text differed from the last version stored. */
export interface NewPolicyVersion {
  /** SHA-256 of the text, hex. */
  readonly hash: string;
  readonly text: string;
  /** From when its terms apply to new tickets. */
  readonly effectiveFrom: Instant;
  /** Server time when it was stored. */
  readonly loadedAt: Instant;
  /** Who started Surety with it: "system" (serve) or "cli", and the operating-system user. */
  readonly loadedBy: Recorder;
}

export interface PolicyVersionSummary extends Omit<NewPolicyVersion, 'text'> {
  readonly id: number;
}

export interface StoredPolicyVersion extends NewPolicyVersion {
  readonly id: number;
}

export interface PolicyVersionRepository {
  insert(version: NewPolicyVersion): Promise<StoredPolicyVersion>;
  /** The version stored last, if any. */
  latest(): Promise<PolicyVersionSummary | undefined>;
  /** Every version without its text, newest first. */
  list(): Promise<PolicyVersionSummary[]>;
  /** Every version with its text, oldest first (the terms over time). */
  all(): Promise<StoredPolicyVersion[]>;
  /** The latest version with this hash (a policy may come back after another). */
  byHash(hash: string): Promise<StoredPolicyVersion | undefined>;
}
