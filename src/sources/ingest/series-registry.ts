import { SuretyError } from '../../domain/errors.js';
import type { KnownParts } from './line-protocol.js';
import type { PointBatch } from './point-batch.js';
import { SeriesIndex } from './series-index.js';

/**
 * Gives every series key a compact id (a dense slot number, used to index the typed arrays
 * of rollups and detectors) and holds the number of series to its bound, so a flood of new
 * series is refused with a reason instead of exhausting memory.
 */
export class SeriesRegistry implements KnownParts {
  private readonly index = new SeriesIndex();

  constructor(readonly maxSeries: number) {}

  get size(): number {
    return this.index.size;
  }

  findPart(src: DataView, s: number, e: number, guess?: number): number {
    return this.index.findPart(src, s, e, guess);
  }

  /** Bytes the registry holds per series. */
  get bytesPerSeries(): number {
    return this.index.bytesPerKey;
  }

  idOf(key: string): number | undefined {
    const id = this.index.findKey(key);
    return id < 0 ? undefined : id;
  }

  keyOf(id: number): string {
    return this.index.keyOf(id);
  }

  /** Series stored earlier, in id order, so ids stay what they were. */
  load(rows: ReadonlyArray<{ id: number; key: string }>): void {
    for (const r of rows) {
      if (r.id !== this.index.size)
        throw new Error(`series ids are not dense: expected ${this.index.size}, got ${r.id}`);
      this.index.add(r.key);
    }
  }

  /**
   * Ids for every point of a batch into `out`, registering the new series (ids from `size`
   * up, in order), or a refusal (and nothing registered) if they would take the registry past
   * its bound.
   */
  resolve(batch: PointBatch, out: Int32Array, ignoreLimit = false): void {
    const {
      count,
      keys,
      pointPart,
      fieldStart,
      fieldEnd,
      partStart,
      partEnd,
      partId: knownId,
    } = batch;
    const src = batch.source
      ? new DataView(batch.source.buffer, batch.source.byteOffset, batch.source.byteLength)
      : undefined;
    const index = this.index;
    let fresh: Map<string, number[]> | undefined;
    // The fields of one line follow each other: their part is looked up once.
    let lastPart = -1;
    let partId = -1;
    let lastId = -1;
    for (let i = 0; i < count; i++) {
      const part = pointPart[i]!;
      let id: number;
      if (part < 0) {
        id = index.findKey(keys[i]!);
      } else {
        if (part !== lastPart) {
          lastPart = part;
          partId =
            knownId[part]! >= 0
              ? knownId[part]!
              : index.findPart(src!, partStart[part]!, partEnd[part]!);
        }
        // Fields registered in the order they came: the next point's series is usually the next id.
        id =
          partId < 0 ? -1 : index.findField(partId, src!, fieldStart[i]!, fieldEnd[i]!, lastId + 1);
      }
      if (id >= 0) {
        out[i] = lastId = id;
        continue;
      }
      const text = batch.keyAt(i);
      fresh ??= new Map();
      const points = fresh.get(text);
      if (points) points.push(i);
      else fresh.set(text, [i]);
    }
    if (!fresh) return;
    if (!ignoreLimit && index.size + fresh.size > this.maxSeries) {
      throw new SuretyError(
        'too_large',
        `series limit reached: this write would add ${fresh.size} new series to the ${index.size} there are, over the limit of ${this.maxSeries} (--max-series); nothing was written`,
      );
    }
    for (const [key, points] of fresh) {
      const id = index.add(key);
      for (const i of points) out[i] = id;
    }
  }
}
