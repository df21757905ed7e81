import type { ServiceContext } from '../context.js';

/**
 * The public status page's model: per service group, the current state, open incidents,
 * planned maintenance and 90 days of uptime. Availability (monitors, incidents) fills it;
 * until that stage is installed the page says so. The seam: `StatusSource` is what it needs.
 */
export interface StatusGroup {
  readonly id: string;
  readonly name: string;
  readonly state: 'operational' | 'degraded' | 'outage' | 'maintenance' | 'unknown';
  readonly incidents: ReadonlyArray<{
    id: string;
    title: string;
    state: string;
    startedAt: string;
    updates: ReadonlyArray<{ at: string; text: string }>;
  }>;
  readonly maintenance: ReadonlyArray<{ title: string; from: string; to: string }>;
  /** Oldest first, one per day: the share of the day the group was up, or null without data. */
  readonly uptime90: ReadonlyArray<{ day: string; percent: number | null }>;
}

export type StatusSource = (ctx: ServiceContext) => Promise<StatusGroup[] | null>;

export async function publicStatus({
  ctx,
  source,
}: {
  ctx: ServiceContext;
  source?: StatusSource | undefined;
}) {
  const groups = source ? await source(ctx) : null;
  return {
    name: ctx.policy.name,
    generatedAt: new Date(ctx.time.now()).toISOString(),
    measured: groups !== null,
    groups: groups ?? [],
  };
}
