/**
 * A seeded generator (mulberry32), so a demo or test data set is the same on every run.
 * Hand-written: five lines, and Math.random cannot be seeded.
 */
export function seeded(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const gauss = () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
  return {
    next,
    /** A duration around a median, skewed to the right like real handling times. */
    around: (median: number, spread = 0.6) => median * Math.exp(spread * gauss()),
    chance: (p: number) => next() < p,
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
    weighted: <T>(items: ReadonlyArray<readonly [T, number]>): T => {
      const total = items.reduce((s, [, w]) => s + w, 0);
      let x = next() * total;
      for (const [v, w] of items) if ((x -= w) < 0) return v;
      return items[items.length - 1]![0];
    },
    gauss,
  };
}
export type Random = ReturnType<typeof seeded>;
