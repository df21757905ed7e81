import { formatDuration } from '../domain/duration.js';
import type { Commitment, TargetValue, Threshold } from './policy.js';

/** A target as the policy file writes it: "15m", ">= 99.9%", "<= 30m", ">= 4.5". */
export function formatTarget(commitment: Commitment, target?: TargetValue): string {
  const t = target ?? (commitment.type === 'aggregate' ? commitment.target : commitment.targetMs);
  if (typeof t === 'number') return formatDuration(t).replace(/ /g, '');
  return formatThreshold(t);
}

export function formatThreshold(t: Threshold): string {
  const value =
    t.unit === 'percent'
      ? `${t.value}%`
      : t.unit === 'number'
        ? String(t.value)
        : t.unit === 'duration'
          ? formatDuration(t.value).replace(/ /g, '')
          : String(t.value);
  return `${t.op} ${value}`;
}
