import { seeded } from '../../../src/domain/random.js';
import { MINUTE } from '../../../src/domain/duration.js';
/** Generated series for the detector tests: deterministic noise, 5-minute points from a fixed start. */

export const START = Date.UTC(2026, 0, 5); // a Monday, midnight UTC
export const STEP = 5 * MINUTE;
export const PER_DAY = 288;

/** A seeded uniform generator in [0, 1): the same seed, the same sequence. */
export const random = (seed: number): (() => number) => seeded(seed).next;

/** Standard normal noise from a seeded PRNG (Box–Muller). */
export function gaussian(seed: number): () => number {
  const u = random(seed);
  return () => Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u());
}

/** `n` points of `shape(i)` plus unit gaussian noise; timestamps every 5 minutes. */
export function series(
  n: number,
  shape: (i: number) => number,
  seed = 1,
): { t: number[]; v: number[] } {
  const noise = gaussian(seed);
  const t: number[] = [];
  const v: number[] = [];
  for (let i = 0; i < n; i++) {
    t.push(START + i * STEP);
    v.push(shape(i) + noise());
  }
  return { t, v };
}

/** A daily cycle of the given amplitude around `mean` (peak at noon). */
export const daily = (mean: number, amplitude: number) => (i: number) =>
  mean - amplitude * Math.cos((2 * Math.PI * (i % PER_DAY)) / PER_DAY);
