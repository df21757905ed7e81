import type { Millis } from '../../domain/duration.js';
import type { Instant } from '../../domain/time.js';

/**
 * Half-open spans of time, [from, to) in epoch ms. Everything availability measures (outages,
 * maintenance, silent agents) is a set of these, so this file is the arithmetic the rest rests
 * on. Integers in, integers out: exact to the millisecond.
 */
export interface Interval {
  readonly from: Instant;
  readonly to: Instant;
}

/**
 * Sorted, without empty spans, and merged: overlapping or touching spans ([0,5) and [5,9))
 * become one. Every function below returns this form and accepts any input.
 */
export function normalise(list: Iterable<Interval>): Interval[] {
  const sorted = [...list]
    .filter((i) => i.to > i.from)
    .sort((a, b) => a.from - b.from || a.to - b.to);
  const out: Interval[] = [];
  for (const i of sorted) {
    const last = out[out.length - 1];
    if (last !== undefined && i.from <= last.to) {
      if (i.to > last.to) out[out.length - 1] = { from: last.from, to: i.to };
    } else {
      out.push({ from: i.from, to: i.to });
    }
  }
  return out;
}

export function union(...lists: ReadonlyArray<Iterable<Interval>>): Interval[] {
  return normalise(lists.flatMap((l) => [...l]));
}

export function intersect(a: Iterable<Interval>, b: Iterable<Interval>): Interval[] {
  const x = normalise(a);
  const y = normalise(b);
  const out: Interval[] = [];
  let i = 0;
  let j = 0;
  while (i < x.length && j < y.length) {
    const p = x[i]!;
    const q = y[j]!;
    const from = Math.max(p.from, q.from);
    const to = Math.min(p.to, q.to);
    if (to > from) out.push({ from, to });
    if (p.to < q.to) i++;
    else j++;
  }
  return out;
}

/** The parts of `a` not covered by `b`. */
export function subtract(a: Iterable<Interval>, b: Iterable<Interval>): Interval[] {
  const y = normalise(b);
  const out: Interval[] = [];
  let j = 0;
  for (const p of normalise(a)) {
    let from = p.from;
    while (j < y.length && y[j]!.to <= from) j++;
    for (let k = j; k < y.length && y[k]!.from < p.to; k++) {
      const q = y[k]!;
      if (q.from > from) out.push({ from, to: q.from });
      from = Math.max(from, q.to);
    }
    if (from < p.to) out.push({ from, to: p.to });
  }
  return out;
}

export function clip(list: Iterable<Interval>, window: Interval): Interval[] {
  return intersect(list, [window]);
}

/** The parts of `window` that `list` does not cover. */
export function complement(list: Iterable<Interval>, window: Interval): Interval[] {
  return subtract([window], list);
}

/** Total time covered, counting overlaps once. */
export function totalLength(list: Iterable<Interval>): Millis {
  let total = 0;
  for (const i of normalise(list)) total += i.to - i.from;
  return total;
}

/**
 * The times, between the first and the last boundary of `lists` (and inside `within` if
 * given), at which `test` holds; `covered[k]` says whether `lists[k]` covers that moment.
 * A sweep over the boundaries: O(boundaries × lists), for the few lists of a quorum.
 * `test` sees a reused array: read it, do not keep it.
 */
export function where(
  lists: ReadonlyArray<Iterable<Interval>>,
  test: (covered: readonly boolean[]) => boolean,
  within?: Interval,
): Interval[] {
  const norm = lists.map((l) => (within ? clip(l, within) : normalise(l)));
  const points = new Set<number>();
  for (const l of norm) for (const i of l) points.add(i.from).add(i.to);
  if (within) points.add(within.from).add(within.to);
  const bounds = [...points].sort((a, b) => a - b);
  const next = norm.map(() => 0); // per list: the first interval not yet behind us
  const covered = norm.map(() => false);
  const out: Interval[] = [];
  for (let s = 0; s + 1 < bounds.length; s++) {
    const from = bounds[s]!;
    const to = bounds[s + 1]!;
    for (let k = 0; k < norm.length; k++) {
      const l = norm[k]!;
      let n = next[k]!;
      while (n < l.length && l[n]!.to <= from) n++;
      next[k] = n;
      covered[k] = n < l.length && l[n]!.from <= from;
    }
    if (!test(covered)) continue;
    const last = out[out.length - 1];
    if (last !== undefined && last.to === from) out[out.length - 1] = { from: last.from, to };
    else out.push({ from, to });
  }
  return out;
}
