import { DEFAULT_DETECTOR_SETTINGS, type DetectorSettings } from './detector-settings.js';
import { bucketStart } from '../../domain/buckets.js';
import { DAY } from '../../domain/duration.js';

/**
 * Where each series keeps its state: `CORE` float64 slots, then `2 × dayBuckets` float32
 * slots (the daily profile: mean offset and mean absolute residual per phase bucket).
 * Float64 where a value must be exact (timestamps) or accumulates over millions of points;
 * float32 for the profile, an average of noisy values (192 bytes instead of 384).
 */
const enum Slot {
  Count, // points seen
  FirstAt, // timestamp of the first point (ms)
  LastAt, // timestamp of the previous point (ms)
  Level, // deseasonalised level, time constant `levelDays`
  Smooth, // EWMA of the value (≈ last 10 points)
  RawLow, // decaying envelope of the raw value
  RawHigh,
  SmoothLow, // decaying envelope of the smoothed value
  SmoothHigh,
  Surprise, // EWMA of the seasonal z-score
  SurpriseRecord, // decaying record of Surprise
  Reported, // decaying level of the last reported evidence
  Noise, // EWMA of |value - previous smoothed value|: the point-to-point noise
  CORE, // number of float64 slots
}

/**
 * A streaming anomaly detector for many series at once: all state in two typed arrays,
 * indexed by series slot, O(1) time and no allocation per point (measured 82 ns/point,
 * 12 M points/s, 10,000 series interleaved: bench/detector.ts).
 *
 * Evidence is novelty, measured three ways, each scale-free so one threshold fits every series:
 *  1. the raw value leaves its (slowly shrinking) historical range — spikes, level shifts;
 *  2. the smoothed value leaves its (faster shrinking) range — bursts, sustained changes;
 *  3. the deviation from the daily profile (a z-score against the bucket's own typical
 *     deviation, smoothed) beats its own record — broken seasonal cycles within the range.
 * The strongest is reported only when it beats the decaying level of what was last reported, so
 * an event fires once and then stays quiet while it lasts. A score of 0.5 is an alarm.
 */
export class DetectorBank {
  /** Bytes of state each series holds (at the default 24 buckets: 13 × 8 + 48 × 4 = 296). */
  readonly bytesPerSeries: number;
  private readonly core: Float64Array;
  private readonly profile: Float32Array;
  private readonly stride: number;
  private readonly s: DetectorSettings;

  constructor(
    readonly capacity: number,
    settings: Partial<DetectorSettings> = {},
  ) {
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new RangeError(`capacity must be a positive integer, got ${capacity}`);
    this.s = { ...DEFAULT_DETECTOR_SETTINGS, ...settings };
    if (!Number.isInteger(this.s.dayBuckets) || this.s.dayBuckets < 1)
      throw new RangeError('dayBuckets must be a positive integer');
    this.stride = 2 * this.s.dayBuckets;
    this.core = new Float64Array(capacity * Slot.CORE);
    this.profile = new Float32Array(capacity * this.stride);
    this.bytesPerSeries = Slot.CORE * 8 + this.stride * 4;
    for (let slot = 0; slot < capacity; slot++) this.reset(slot);
  }

  /** Forgets a series: the slot starts again as new (warm-up included). */
  reset(slot: number): void {
    this.core.fill(0, slot * Slot.CORE, (slot + 1) * Slot.CORE);
    const p = slot * this.stride;
    const b = this.s.dayBuckets;
    this.profile.fill(Number.NaN, p, p + b); // NaN = bucket not yet visited
    this.profile.fill(0, p + b, p + 2 * b);
  }

  /**
   * Scores one point of the series in `slot` and learns from it. Points should come in time
   * order per series; irregular spacing is fine. Returns a score in [0, 1]: 0 during warm-up
   * and whenever nothing new happens, ≥ 0.5 for an alarm. A non-finite value scores 0 and
   * is not learnt.
   */
  score(slot: number, timestampMs: number, value: number): number {
    if (!Number.isFinite(value) || !Number.isFinite(timestampMs)) return 0;
    const c = this.core;
    const o = slot * Slot.CORE;
    const s = this.s;
    const n = c[o + Slot.Count]!;
    if (n === 0) {
      c[o + Slot.Count] = 1;
      c[o + Slot.FirstAt] = c[o + Slot.LastAt] = timestampMs;
      c[o + Slot.Level] = c[o + Slot.Smooth] = value;
      c[o + Slot.RawLow] =
        c[o + Slot.RawHigh] =
        c[o + Slot.SmoothLow] =
        c[o + Slot.SmoothHigh] =
          value;
      return 0;
    }
    const buckets = s.dayBuckets;
    const bucketMs = DAY / buckets;
    // Irregular spacing: a gap counts as at most one bucket of learning, never negative.
    let dt = timestampMs - c[o + Slot.LastAt]!;
    dt = dt < 0 ? 0 : dt > bucketMs ? bucketMs : dt;
    c[o + Slot.LastAt] = timestampMs;
    c[o + Slot.Count] = n + 1;

    // 1 and 2: the raw and the smoothed value against their decaying ranges.
    const innovation = value - c[o + Slot.Smooth]!;
    const noise = c[o + Slot.Noise]!;
    c[o + Slot.Noise] =
      noise + s.noiseWeight * ((innovation < 0 ? -innovation : innovation) - noise);
    let evidence = rangeExcess(
      c,
      o + Slot.RawLow,
      value,
      s.rawEnvelopeDecay,
      s.noiseMargin * noise,
    );
    const smooth = c[o + Slot.Smooth]! + s.smoothWeight * innovation;
    c[o + Slot.Smooth] = smooth;
    const e2 = rangeExcess(c, o + Slot.SmoothLow, smooth, s.smoothEnvelopeDecay, 0);
    if (e2 > evidence) evidence = e2;

    // 3: the deviation from the daily profile, in units of the bucket's typical deviation.
    const p = slot * this.stride;
    const phase = timestampMs - bucketStart(timestampMs, DAY);
    const bucket = p + Math.floor(phase / bucketMs);
    const level = c[o + Slot.Level]!;
    let offset = this.profile[bucket]!;
    if (offset !== offset) offset = this.profile[bucket] = value - level; // first visit
    const typical = this.profile[bucket + buckets]!;
    const residual = value - level - offset;
    const absResidual = residual < 0 ? -residual : residual;
    const z = absResidual / (typical + 1e-9 + 1e-6 * (level < 0 ? -level : level));
    const age = timestampMs - c[o + Slot.FirstAt]!;
    // Learning: the level over about `levelDays`, each bucket over about `profileDays` of visits.
    const levelWeight = dt / (s.levelDays * DAY);
    const newLevel = level + (levelWeight > 1 ? 1 : levelWeight) * (value - offset - level);
    c[o + Slot.Level] = newLevel;
    let bucketWeight = (dt * buckets) / (DAY * s.profileDays);
    if (bucketWeight > 0.5) bucketWeight = 0.5;
    this.profile[bucket] = offset + bucketWeight * (value - newLevel - offset);
    this.profile[bucket + buckets] =
      typical + (age < DAY ? 0.5 : bucketWeight) * (absResidual - typical);
    if (age >= s.seasonalWarmupDays * DAY) {
      // z is capped so that one wild point cannot set a record that hides the next weeks' news.
      const surprise =
        c[o + Slot.Surprise]! + s.surpriseWeight * ((z > 50 ? 50 : z) - c[o + Slot.Surprise]!);
      c[o + Slot.Surprise] = surprise;
      const record = c[o + Slot.SurpriseRecord]!;
      if (record > 0 && surprise > s.surpriseFloor) {
        const e3 = (surprise - record * (1 + s.surpriseMargin)) / record;
        if (e3 > evidence) evidence = e3;
      }
      const decayed = record * (1 - s.surpriseRecordDecay);
      const risen = surprise > record ? record + s.surpriseRecordRise * (surprise - record) : 0;
      c[o + Slot.SurpriseRecord] = Math.max(decayed, risen, s.surpriseFloor);
    }

    // Report an event once: only evidence above the decaying level of the last report counts.
    if (n < s.warmupPoints) return 0;
    const strength = evidence > 0 ? 1 - Math.exp(-evidence) : 0;
    const reported = c[o + Slot.Reported]! * (1 - s.reportDecay);
    c[o + Slot.Reported] = strength > reported ? strength : reported;
    return strength > reported ? strength / (strength + s.alarmEvidence) : 0;
  }
}

/**
 * How far `v` lies beyond the envelope [low, high] at `at`, `at + 1`, less `margin`, in widths of
 * the envelope (0 inside); then shrinks the envelope toward its middle by `decay` and stretches it over `v`.
 * A constant series has a tiny floor width, so its first change is a strong novelty.
 */
function rangeExcess(
  c: Float64Array,
  at: number,
  v: number,
  decay: number,
  margin: number,
): number {
  let low = c[at]!;
  let high = c[at + 1]!;
  const width = high - low;
  const floor = 1e-9 * (Math.abs(high) + Math.abs(low)) + 1e-12;
  const outside = (v > high ? v - high : v < low ? low - v : 0) - margin;
  const excess = outside > 0 ? outside / (width > floor ? width : floor) : 0;
  const shrink = decay * 0.5 * width;
  low += shrink;
  high -= shrink;
  c[at] = v < low ? v : low;
  c[at + 1] = v > high ? v : high;
  return excess;
}
