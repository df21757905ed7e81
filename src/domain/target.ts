import type { Millis } from './duration.js';

export type Comparison = '>=' | '<=' | '>' | '<';

/** A threshold on a measured value: percent (0–100), score, duration in ms, or a plain number (a metric's own unit). */
export interface Threshold {
  readonly op: Comparison;
  readonly value: number;
  readonly unit: 'percent' | 'score' | 'duration' | 'number';
}

/** A target as a contract sets it: the allowed time for a clock, a threshold for a value over a window. */
export type TargetValue = Millis | Threshold;
