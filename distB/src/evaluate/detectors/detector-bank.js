import { DEFAULT_DETECTOR_SETTINGS } from './detector-settings.js';
import { bucketStart } from '../../domain/buckets.js';
const DAY_MS = 86_400_000;
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
    capacity;
    /** Bytes of state each series holds (at the default 24 buckets: 13 × 8 + 48 × 4 = 296). */
    bytesPerSeries;
    core;
    profile;
    stride;
    s;
    constructor(capacity, settings = {}) {
        this.capacity = capacity;
        if (!Number.isInteger(capacity) || capacity < 1)
            throw new RangeError(`capacity must be a positive integer, got ${capacity}`);
        this.s = { ...DEFAULT_DETECTOR_SETTINGS, ...settings };
        if (!Number.isInteger(this.s.dayBuckets) || this.s.dayBuckets < 1)
            throw new RangeError('dayBuckets must be a positive integer');
        this.stride = 2 * this.s.dayBuckets;
        this.core = new Float64Array(capacity * 13 /* Slot.CORE */);
        this.profile = new Float32Array(capacity * this.stride);
        this.bytesPerSeries = 13 /* Slot.CORE */ * 8 + this.stride * 4;
        for (let slot = 0; slot < capacity; slot++)
            this.reset(slot);
    }
    /** Forgets a series: the slot starts again as new (warm-up included). */
    reset(slot) {
        this.core.fill(0, slot * 13 /* Slot.CORE */, (slot + 1) * 13 /* Slot.CORE */);
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
    score(slot, timestampMs, value) {
        if (!Number.isFinite(value) || !Number.isFinite(timestampMs))
            return 0;
        const c = this.core;
        const o = slot * 13 /* Slot.CORE */;
        const s = this.s;
        const n = c[o + 0 /* Slot.Count */];
        if (n === 0) {
            c[o + 0 /* Slot.Count */] = 1;
            c[o + 1 /* Slot.FirstAt */] = c[o + 2 /* Slot.LastAt */] = timestampMs;
            c[o + 3 /* Slot.Level */] = c[o + 4 /* Slot.Smooth */] = value;
            c[o + 5 /* Slot.RawLow */] = c[o + 6 /* Slot.RawHigh */] = c[o + 7 /* Slot.SmoothLow */] = c[o + 8 /* Slot.SmoothHigh */] = value;
            return 0;
        }
        const buckets = s.dayBuckets;
        const bucketMs = DAY_MS / buckets;
        // Irregular spacing: a gap counts as at most one bucket of learning, never negative.
        let dt = timestampMs - c[o + 2 /* Slot.LastAt */];
        dt = dt < 0 ? 0 : dt > bucketMs ? bucketMs : dt;
        c[o + 2 /* Slot.LastAt */] = timestampMs;
        c[o + 0 /* Slot.Count */] = n + 1;
        // 1 and 2: the raw and the smoothed value against their decaying ranges.
        const innovation = value - c[o + 4 /* Slot.Smooth */];
        const noise = c[o + 12 /* Slot.Noise */];
        c[o + 12 /* Slot.Noise */] = noise + s.noiseWeight * ((innovation < 0 ? -innovation : innovation) - noise);
        let evidence = rangeExcess(c, o + 5 /* Slot.RawLow */, value, s.rawEnvelopeDecay, s.noiseMargin * noise);
        const smooth = c[o + 4 /* Slot.Smooth */] + s.smoothWeight * innovation;
        c[o + 4 /* Slot.Smooth */] = smooth;
        const e2 = rangeExcess(c, o + 7 /* Slot.SmoothLow */, smooth, s.smoothEnvelopeDecay, 0);
        if (e2 > evidence)
            evidence = e2;
        // 3: the deviation from the daily profile, in units of the bucket's typical deviation.
        const p = slot * this.stride;
        const phase = timestampMs - bucketStart(timestampMs, DAY_MS);
        const bucket = p + Math.floor(phase / bucketMs);
        const level = c[o + 3 /* Slot.Level */];
        let offset = this.profile[bucket];
        if (offset !== offset)
            offset = this.profile[bucket] = value - level; // first visit
        const typical = this.profile[bucket + buckets];
        const residual = value - level - offset;
        const absResidual = residual < 0 ? -residual : residual;
        const z = absResidual / (typical + 1e-9 + 1e-6 * (level < 0 ? -level : level));
        const age = timestampMs - c[o + 1 /* Slot.FirstAt */];
        // Learning: the level over about `levelDays`, each bucket over about `profileDays` of visits.
        const levelWeight = dt / (s.levelDays * DAY_MS);
        const newLevel = level + (levelWeight > 1 ? 1 : levelWeight) * (value - offset - level);
        c[o + 3 /* Slot.Level */] = newLevel;
        let bucketWeight = (dt * buckets) / (DAY_MS * s.profileDays);
        if (bucketWeight > 0.5)
            bucketWeight = 0.5;
        this.profile[bucket] = offset + bucketWeight * (value - newLevel - offset);
        this.profile[bucket + buckets] = typical + (age < DAY_MS ? 0.5 : bucketWeight) * (absResidual - typical);
        if (age >= s.seasonalWarmupDays * DAY_MS) {
            // z is capped so that one wild point cannot set a record that hides the next weeks' news.
            const surprise = c[o + 9 /* Slot.Surprise */] + s.surpriseWeight * ((z > 50 ? 50 : z) - c[o + 9 /* Slot.Surprise */]);
            c[o + 9 /* Slot.Surprise */] = surprise;
            const record = c[o + 10 /* Slot.SurpriseRecord */];
            if (record > 0 && surprise > s.surpriseFloor) {
                const e3 = (surprise - record * (1 + s.surpriseMargin)) / record;
                if (e3 > evidence)
                    evidence = e3;
            }
            const decayed = record * (1 - s.surpriseRecordDecay);
            const risen = surprise > record ? record + s.surpriseRecordRise * (surprise - record) : 0;
            c[o + 10 /* Slot.SurpriseRecord */] = Math.max(decayed, risen, s.surpriseFloor);
        }
        // Report an event once: only evidence above the decaying level of the last report counts.
        if (n < s.warmupPoints)
            return 0;
        const strength = evidence > 0 ? 1 - Math.exp(-evidence) : 0;
        const reported = c[o + 11 /* Slot.Reported */] * (1 - s.reportDecay);
        c[o + 11 /* Slot.Reported */] = strength > reported ? strength : reported;
        return strength > reported ? strength / (strength + s.alarmEvidence) : 0;
    }
}
/**
 * How far `v` lies beyond the envelope [low, high] at `at`, `at + 1`, less `margin`, in widths of
 * the envelope (0 inside); then shrinks the envelope toward its middle by `decay` and stretches it over `v`.
 * A constant series has a tiny floor width, so its first change is a strong novelty.
 */
function rangeExcess(c, at, v, decay, margin) {
    let low = c[at];
    let high = c[at + 1];
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
//# sourceMappingURL=detector-bank.js.map