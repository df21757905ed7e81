import type { Instant } from '../domain/time.js';

/**
 * A signal as the consequences stage reads it: the stream's record, whatever produced it
 * (ticket clocks, metric rules, incidents, burn-rate alerts). Structurally the store's Signal.
 */
export interface SignalEvent {
  readonly id: number;
  readonly at: Instant;
  readonly type: string;
  readonly subjectType: string;
  readonly subjectId: string;
  readonly commitment: string | null;
  readonly customer: string | null;
  readonly data: Readonly<Record<string, unknown>>;
}

/**
 * Types that end an alert of the same cause rather than open one: a metric or burn rate
 * recovered, an incident resolved, a monitor or service up again, an agent back.
 */
export function isRecovery(type: string): boolean {
  return /\.(recovered|resolved|closed|cleared|up|back)$/.test(type);
}

/** What an alert is about, across its opening and its recovery signals. */
export function causeKey(s: Pick<SignalEvent, 'subjectType' | 'subjectId' | 'commitment'>): string {
  return `${s.subjectType}:${s.subjectId}:${s.commitment ?? ''}`;
}

/** The service a signal is about: its data's `service`, or its series' `service` tag. */
export function serviceOf(s: SignalEvent): string | undefined {
  if (typeof s.data.service === 'string') return s.data.service;
  const series = s.data.series as { tags?: Record<string, string> } | undefined;
  return series?.tags?.service;
}

/** The consequences a signal names itself (metric rules carry theirs), else its commitment's. */
export function consequencesNamed(
  s: SignalEvent,
  commitmentOnBreach: (id: string) => readonly string[] | undefined,
): readonly string[] {
  for (const key of ['onBreach', 'onAnomaly', 'consequences']) {
    const v = s.data[key];
    if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string');
  }
  if (s.commitment !== null && /\.breached$/.test(s.type))
    return commitmentOnBreach(s.commitment) ?? [];
  return [];
}
