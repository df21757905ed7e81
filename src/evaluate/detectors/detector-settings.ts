/**
 * The detector's tuning: generic constants, the same for every series (no per-series or
 * per-data-set cases, no labels). Each default carries the figures that chose it, measured on
 * the NAB development set (29 files, standard profile, bench/README-detector.md): 71.1 with
 * all defaults, and the score when only that knob moved.
 */
export interface DetectorSettings {
  /** Phase buckets of the daily profile. 24 (hourly): 71.1; 12: 69.4; 32: 71.0 for more memory. */
  readonly dayBuckets: number;
  /** Memory of the daily profile, in days. 4: 71.1; 2: 69.0; 8: 70.9. */
  readonly profileDays: number;
  /** Time constant of the deseasonalised level, in days. 1: 71.1; 0.5 and 2: 71.0. */
  readonly levelDays: number;
  /** No seasonal evidence before this much history, in days. 2: 71.1; 1: 70.0. */
  readonly seasonalWarmupDays: number;
  /** Points scored 0 at the start of every series, while the envelopes form. */
  readonly warmupPoints: number;
  /** EWMA weight of the smoothed value (≈ the last 10 points). 0.1: 71.1; 0.05: 68.9; 0.2: 65.2. */
  readonly smoothWeight: number;
  /** EWMA weight of the point-to-point noise estimate (≈ the last 100 points). 0.003–0.03: 71.1. */
  readonly noiseWeight: number;
  /**
   * The raw value must leave its range by this many noise units to count. 1: 71.1; 0: 72.9 but
   * a slow drift then alarms on every new noisy high for days; 2: 69.6.
   */
  readonly noiseMargin: number;
  /** Per-point shrink of the raw value's envelope (half-life ≈ 70,000 points). 1e-5; 3e-5: −0.5; 0 (never forget): ±0. */
  readonly rawEnvelopeDecay: number;
  /** Per-point shrink of the smoothed value's envelope (half-life ≈ 2,300 points). 3e-4; 1e-4: −3.5; 5e-4: −3.7. */
  readonly smoothEnvelopeDecay: number;
  /** EWMA weight of the seasonal z-score before it is compared with its record. 0.1: 71.1; 0.05: 70.9. */
  readonly surpriseWeight: number;
  /** Per-point decay of the seasonal z record (half-life ≈ 7,000 points). 1e-4; 1e-3: −7. */
  readonly surpriseRecordDecay: number;
  /**
   * How far the record moves toward a higher surprise each point. 0.5: 71.1; 1 (jump at once):
   * 72.9 but a deviation that grows over a few points (a cycle that breaks gradually) is never
   * news; 0.3: 70.1; 0.1: 68.
   */
  readonly surpriseRecordRise: number;
  /** A seasonal z must beat its record by this fraction to count. 0.2; 0.1 and 0.3: −1. */
  readonly surpriseMargin: number;
  /** Seasonal z-scores below this are never evidence. 3: 71.1; 5: 69.2. */
  readonly surpriseFloor: number;
  /** Per-point decay of the level a new event must beat to be reported (half-life ≈ 35 points). 0.02: 71.1; 0.05: 70.7; 0.003: −11; a hard 100-point rest instead: −3. */
  readonly reportDecay: number;
  /** Evidence (relative excess) that maps to a score of 0.5: the best NAB threshold sits there. */
  readonly alarmEvidence: number;
}

export const DEFAULT_DETECTOR_SETTINGS: DetectorSettings = Object.freeze({
  dayBuckets: 24,
  profileDays: 4,
  levelDays: 1,
  seasonalWarmupDays: 2,
  warmupPoints: 50,
  smoothWeight: 0.1,
  noiseWeight: 0.01,
  noiseMargin: 1,
  rawEnvelopeDecay: 1e-5,
  smoothEnvelopeDecay: 3e-4,
  surpriseWeight: 0.1,
  surpriseRecordDecay: 1e-4,
  surpriseRecordRise: 0.5,
  surpriseMargin: 0.2,
  surpriseFloor: 3,
  reportDecay: 0.02,
  alarmEvidence: 0.026,
});
