import type { AnomalyRule, MetricRule } from '../../policy/policy.js';
import { satisfies } from '../../policy/targets.js';
import { QuantileSketch } from './quantile-sketch.js';
import type { SeriesParts } from './series-key.js';
import { selectsSeries } from './series-selector.js';
import { bucketStart } from '../../domain/buckets.js';
import { MINUTE } from '../../domain/duration.js';

/**
 * The policy's metric rules, evaluated over sliding windows of whole minutes, and its
 * anomaly alerts. Series are matched to rules once, when first seen; per point the cost
 * for an unwatched series is one array read.
 *
 * Kept whole: every method reads the same typed-array ring layout (the slot constants below),
 * on the ingest hot path; split, the layout would have to be shared across files.
 */

export interface RuleTransition {
  readonly type: 'metric.breached' | 'metric.recovered';
  readonly rule: MetricRule;
  /** The series judged on its own, or undefined for a ratio across series. */
  readonly series: number | undefined;
  readonly from: number;
  readonly to: number;
  readonly value: number;
}

export interface AnomalyAlert {
  readonly rule: AnomalyRule;
  readonly series: number;
  readonly at: number;
  readonly value: number;
  readonly score: number;
}

const QUANTILES: Record<string, number> = { p50: 0.5, p90: 0.9, p95: 0.95, p99: 0.99 };

// A window's state is a ring of minute slots in one Float64Array shared by all windows, each
// slot: minute, count, sum, and for the rules that need them min, max, last, lastAt. Measured
// against a Map of minute objects per window: the Map lookups and the objects' cache misses
// were most of the cost of a watched point. Mean, sum, count, ratio and quantile rules keep
// the narrow slot: 168 bytes for a 5-minute window instead of 392 (a rule on every series
// of a million was 235 MB of ring).
const SLOT = 7;
const NARROW_SLOT = 3;
const M = 0;
const COUNT = 1;
const SUM = 2;
const MIN = 3;
const MAX = 4;
const LAST = 5;
const LAST_AT = 6;

interface Window {
  /** Its place in `windows`. */
  readonly id: number;
  readonly rule: number;
  readonly series: number | undefined;
  /** Where its ring starts in `ring`, and its slots (minutes in the window, plus two). */
  readonly at: number;
  readonly slots: number;
  /** Numbers per slot: SLOT, or NARROW_SLOT (minute, count, sum) for rules that read no more. */
  readonly width: number;
  /** For a ratio: the denominator's window (this one holds the numerator). */
  readonly denominator: Window | undefined;
  /** Quantile rules: a sketch per slot. */
  readonly sketches: Array<QuantileSketch | undefined> | undefined;
  breached: boolean;
}

export class RuleEngine {
  private readonly windows: Window[] = [];
  private readonly judged: Window[] = [];
  private ring = new Float64Array(SLOT * 1024);
  private ringUsed = 0;
  /** Per series: its feeds (window indexes) are feedWindows[feedStart[s] … feedStart[s] + feedCount[s]). */
  private feedStart = new Int32Array(1024);
  private feedCount = new Uint8Array(1024);
  private feedWindows = new Int32Array(1024);
  private feedsUsed = 0;
  private anomalyOf = new Int32Array(1024).fill(-1);
  private readonly lastAlertMinute = new Map<number, number>();
  private readonly ratioWindows: Array<Window | undefined>;
  private alerts: AnomalyAlert[] = [];
  private evaluatedTo = 0;

  constructor(
    private readonly rules: readonly MetricRule[],
    private readonly anomalyRules: readonly AnomalyRule[],
  ) {
    this.ratioWindows = rules.map((r, i) => {
      if (!r.ratio) return undefined;
      const w = this.newWindow(i, undefined, this.newWindow(i, undefined, undefined));
      this.judged.push(w);
      return w;
    });
  }

  /** Whether any rule or alert exists; with none, the pipeline skips this stage. */
  get active(): boolean {
    return this.rules.length > 0 || this.anomalyRules.length > 0;
  }

  /** Matches a newly seen series to the rules it feeds. */
  attach(series: number, parts: SeriesParts): void {
    const feeds: number[] = [];
    this.rules.forEach((r, i) => {
      if (r.series && selectsSeries(r.series, parts)) {
        const w = this.newWindow(i, series, undefined);
        this.judged.push(w);
        feeds.push(w.id);
      }
      if (r.ratio && selectsSeries(r.ratio.numerator, parts)) feeds.push(this.ratioWindows[i]!.id);
      if (r.ratio && selectsSeries(r.ratio.denominator, parts))
        feeds.push(this.ratioWindows[i]!.denominator!.id);
    });
    if (series >= this.feedStart.length) {
      const n = Math.max(series + 1, this.feedStart.length * 2);
      this.feedStart = grownInt32(this.feedStart, n, 0);
      this.anomalyOf = grownInt32(this.anomalyOf, n, -1);
      const counts = new Uint8Array(n);
      counts.set(this.feedCount);
      this.feedCount = counts;
    }
    if (this.feedsUsed + feeds.length > this.feedWindows.length)
      this.feedWindows = grownInt32(
        this.feedWindows,
        Math.max(this.feedWindows.length * 2, this.feedsUsed + feeds.length),
        0,
      );
    this.feedStart[series] = this.feedsUsed;
    this.feedCount[series] = feeds.length;
    for (const w of feeds) this.feedWindows[this.feedsUsed++] = w;
    this.anomalyOf[series] = this.anomalyRules.findIndex((a) => selectsSeries(a.series, parts));
  }

  observe(series: number, time: number, value: number, score: number): void {
    const n = this.feedCount[series]!;
    if (n > 0) {
      const minute = bucketStart(time, MINUTE);
      const index = (minute / MINUTE) | 0;
      const ring = this.ring;
      const first = this.feedStart[series]!;
      for (let k = 0; k < n; k++) {
        const w = this.windows[this.feedWindows[first + k]!]!;
        const slot = index % w.slots;
        const full = w.width === SLOT;
        const o = w.at + slot * w.width;
        const held = ring[o + M]!;
        if (held !== minute) {
          // A point older than the ring's minutes falls outside every window still to be judged.
          if (held > minute) continue;
          ring[o + M] = minute;
          ring[o + COUNT] = 0;
          ring[o + SUM] = 0;
          if (full) {
            ring[o + MIN] = Infinity;
            ring[o + MAX] = -Infinity;
            ring[o + LAST_AT] = -Infinity;
          }
          if (w.sketches) w.sketches[slot] = new QuantileSketch();
        }
        ring[o + COUNT]!++;
        ring[o + SUM]! += value;
        if (full) {
          if (value < ring[o + MIN]!) ring[o + MIN] = value;
          if (value > ring[o + MAX]!) ring[o + MAX] = value;
          if (time >= ring[o + LAST_AT]!) {
            ring[o + LAST] = value;
            ring[o + LAST_AT] = time;
          }
        }
        if (w.sketches) w.sketches[slot]!.add(value);
      }
    }
    const a = this.anomalyOf[series]!;
    if (a >= 0 && score >= this.anomalyRules[a]!.minScore) {
      // One alert a series a minute: an anomaly lasting a while is one event, not a flood.
      const minute = Math.floor(time / MINUTE);
      if (this.lastAlertMinute.get(series) !== minute) {
        this.lastAlertMinute.set(series, minute);
        this.alerts.push({ rule: this.anomalyRules[a]!, series, at: time, value, score });
      }
    }
  }

  takeAlerts(): AnomalyAlert[] {
    const out = this.alerts;
    this.alerts = [];
    return out;
  }

  /**
   * Judges every window that ends at the last whole minute before `now`, once per minute,
   * and returns the rules that changed between met and breached.
   */
  evaluate(now: number): RuleTransition[] {
    const to = Math.floor(now / MINUTE) * MINUTE;
    if (to <= this.evaluatedTo) return [];
    this.evaluatedTo = to;
    const out: RuleTransition[] = [];
    for (const w of this.judged) {
      const rule = this.rules[w.rule]!;
      const from = to - rule.overMs;
      const value = w.denominator
        ? this.ratio(w, w.denominator, from, to)
        : this.aggregate(rule.aggregate, w, from, to);
      if (value === undefined) continue; // no data in the window: nothing to judge
      const breached = !satisfies(value, rule.target);
      if (breached !== w.breached) {
        w.breached = breached;
        out.push({
          type: breached ? 'metric.breached' : 'metric.recovered',
          rule,
          series: w.series,
          from,
          to,
          value,
        });
      }
    }
    return out;
  }

  private newWindow(
    rule: number,
    series: number | undefined,
    denominator: Window | undefined,
  ): Window {
    const r = this.rules[rule]!;
    const slots = Math.ceil(r.overMs / MINUTE) + 2;
    const width =
      !r.ratio && (r.aggregate === 'min' || r.aggregate === 'max' || r.aggregate === 'last')
        ? SLOT
        : NARROW_SLOT;
    if (this.ringUsed + slots * width > this.ring.length) {
      // Half again, not twice: at a million windows the unused half of a doubling was most of the ring.
      const grown = new Float64Array(
        Math.max(Math.ceil(this.ring.length * 1.5), this.ringUsed + slots * width),
      );
      grown.set(this.ring);
      this.ring = grown;
    }
    const at = this.ringUsed;
    for (let k = 0; k < slots; k++) this.ring[at + k * width + M] = -Infinity; // no minute yet
    this.ringUsed += slots * width;
    const quantile = r.aggregate in QUANTILES && !r.ratio;
    const w: Window = {
      id: this.windows.length,
      rule,
      series,
      at,
      slots,
      width,
      denominator,
      sketches: quantile ? new Array(slots).fill(undefined) : undefined,
      breached: false,
    };
    this.windows.push(w);
    return w;
  }

  /** The slots of a window whose minute lies in [from, to). */
  private inWindow(w: Window, from: number, to: number): number[] {
    const out: number[] = [];
    for (let k = 0; k < w.slots; k++) {
      const m = this.ring[w.at + k * w.width + M]!;
      if (m >= from && m < to) out.push(k);
    }
    return out;
  }

  private aggregate(
    kind: MetricRule['aggregate'],
    w: Window,
    from: number,
    to: number,
  ): number | undefined {
    const ring = this.ring;
    const slots = this.inWindow(w, from, to);
    const at = (k: number, field: number) => ring[w.at + k * w.width + field]!;
    const count = slots.reduce((n, k) => n + at(k, COUNT), 0);
    if (count === 0) return undefined;
    switch (kind) {
      case 'mean':
        return slots.reduce((s, k) => s + at(k, SUM), 0) / count;
      case 'sum':
        return slots.reduce((s, k) => s + at(k, SUM), 0);
      case 'count':
        return count;
      case 'min':
        return Math.min(...slots.map((k) => at(k, MIN)));
      case 'max':
        return Math.max(...slots.map((k) => at(k, MAX)));
      case 'last':
        return at(
          slots.reduce((best, k) => (at(k, LAST_AT) > at(best, LAST_AT) ? k : best)),
          LAST,
        );
      default: {
        const merged = new QuantileSketch();
        for (const k of slots) if (w.sketches?.[k]) merged.merge(w.sketches[k]!);
        return merged.quantile(QUANTILES[kind]!);
      }
    }
  }

  /** Sum of the numerator over sum of the denominator, in percent; undefined without a denominator. */
  private ratio(
    numerator: Window,
    denominator: Window,
    from: number,
    to: number,
  ): number | undefined {
    const sum = (w: Window) =>
      this.inWindow(w, from, to).reduce((s, k) => s + this.ring[w.at + k * w.width + SUM]!, 0);
    const den = sum(denominator);
    if (den === 0) return undefined;
    return (sum(numerator) / den) * 100;
  }
}

function grownInt32(a: Int32Array, n: number, fill: number): Int32Array<ArrayBuffer> {
  const b = new Int32Array(n).fill(fill);
  b.set(a);
  return b;
}
