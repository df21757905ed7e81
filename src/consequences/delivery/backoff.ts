import type { Millis } from '../../domain/duration.js';

/** The wait before retry `attempt` (1 after the first failure): doubling from `base`, capped; a receiver's Retry-After wins if longer. */
export function retryDelay(
  attempt: number,
  baseMs: Millis,
  maxMs: Millis,
  retryAfterMs?: Millis,
): Millis {
  const doubled = baseMs * 2 ** Math.min(Math.max(0, attempt - 1), 30);
  return Math.max(Math.min(doubled, maxMs), Math.min(retryAfterMs ?? 0, maxMs));
}
