import { bucketStart } from '../../domain/buckets.js';
import { RollupColumns } from './rollup-columns.js';
import { HOUR, MINUTE } from '../../domain/duration.js';

/**
 * The hour deltas a flush's minute deltas add up to: one row per series and hour they touch.
 * Every point lands in one minute and that minute in one hour, so an hour's count, sum, min,
 * max, last value and peak score are those of its minutes' deltas, combined the way the
 * accumulator combines points (the later `lastAt` wins, a tie goes to the later row). The
 * evaluator therefore keeps minutes only, and storage gets hours from here.
 */
export function hourDeltas(minutes: RollupColumns): RollupColumns {
  const out = new RollupColumns();
  const order = minutes.orderBySeries();
  for (let a = 0; a < order.length;) {
    const series = minutes.series[order[a]!]!;
    // This series' hour rows start here; a flush's minutes rarely span more than two hours.
    const first = out.length;
    for (; a < order.length && minutes.series[order[a]!] === series; a++) {
      const i = order[a]!;
      if (minutes.resolution[i] !== MINUTE) continue;
      const hour = bucketStart(minutes.bucket[i]!, HOUR);
      let h = first;
      while (h < out.length && out.bucket[h] !== hour) h++;
      if (h === out.length) {
        out.push(
          series,
          HOUR,
          hour,
          minutes.count[i]!,
          minutes.sum[i]!,
          minutes.min[i]!,
          minutes.max[i]!,
          minutes.last[i]!,
          minutes.lastAt[i]!,
          minutes.score[i]!,
          minutes.open[i]!,
        );
        continue;
      }
      out.count[h]! += minutes.count[i]!;
      out.sum[h]! += minutes.sum[i]!;
      if (minutes.min[i]! < out.min[h]!) out.min[h] = minutes.min[i]!;
      if (minutes.max[i]! > out.max[h]!) out.max[h] = minutes.max[i]!;
      if (minutes.lastAt[i]! >= out.lastAt[h]!) {
        out.last[h] = minutes.last[i]!;
        out.lastAt[h] = minutes.lastAt[i]!;
      }
      if (minutes.score[i]! > out.score[h]!) out.score[h] = minutes.score[i]!;
      out.open[h] = out.open[h]! | minutes.open[i]!;
    }
  }
  return out;
}
