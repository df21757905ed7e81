import type { Instant } from '../../domain/time.js';

/**
 * Where each service stands as a whole: up or down since when, and which burn-rate rules
 * fire on it since when (both settled from its monitors and metrics, kept to notice changes).
 */
export interface ServiceStateRepository {
  get(service: string): Promise<{ state: 'up' | 'down'; since: Instant } | undefined>;
  set(service: string, state: 'up' | 'down', since: Instant): Promise<void>;
  burnStates(service: string): Promise<Array<{ rule: string; since: Instant }>>;
  servicesBurning(): Promise<string[]>;
  /** Marks the rule firing since `since`, or (null) no longer firing. */
  setBurnState(service: string, rule: string, since: Instant | null): Promise<void>;
}
