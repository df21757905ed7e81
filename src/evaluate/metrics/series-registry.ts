import { SuretyError } from '../../domain/errors.js';

/**
 * Gives every series key a compact id (a dense slot number, used to index the typed arrays
 * of rollups and detectors) and holds the number of series to its bound, so a flood of new
 * series is refused with a reason instead of exhausting memory.
 */
export class SeriesRegistry {
  private readonly ids = new Map<string, number>();
  private readonly keys: string[] = [];
  /** Ids registered since the last `takeUnsaved`, for the next flush to store. */
  private unsaved: number[] = [];

  constructor(readonly maxSeries: number) {}

  get size(): number {
    return this.keys.length;
  }

  idOf(key: string): number | undefined {
    return this.ids.get(key);
  }

  keyOf(id: number): string {
    return this.keys[id]!;
  }

  /** Series stored earlier, in id order, so ids stay what they were. */
  load(rows: ReadonlyArray<{ id: number; key: string }>): void {
    for (const r of rows) {
      if (r.id !== this.keys.length) throw new Error(`series ids are not dense: expected ${this.keys.length}, got ${r.id}`);
      this.ids.set(r.key, r.id);
      this.keys.push(r.key);
    }
  }

  /**
   * Ids for every key of a batch, registering the new ones, or a refusal (and nothing
   * registered) if they would take the registry past its bound.
   */
  resolve(keys: readonly string[], count: number, out: Int32Array, ignoreLimit = false): void {
    let fresh: Set<string> | undefined;
    for (let i = 0; i < count; i++) {
      const id = this.ids.get(keys[i]!);
      if (id === undefined) (fresh ??= new Set()).add(keys[i]!);
      else out[i] = id;
    }
    if (!fresh) return;
    if (!ignoreLimit && this.keys.length + fresh.size > this.maxSeries) {
      throw new SuretyError(
        'too_large',
        `series limit reached: this write would add ${fresh.size} new series to the ${this.keys.length} there are, over the limit of ${this.maxSeries} (--max-series); nothing was written`,
      );
    }
    for (const key of fresh) {
      const id = this.keys.length;
      this.ids.set(key, id);
      this.keys.push(key);
      this.unsaved.push(id);
    }
    for (let i = 0; i < count; i++) if (fresh.has(keys[i]!)) out[i] = this.ids.get(keys[i]!)!;
  }

  /** Hands over the ids registered since last time (and takes them back if storing them failed). */
  takeUnsaved(): number[] {
    const out = this.unsaved;
    this.unsaved = [];
    return out;
  }

  giveBackUnsaved(ids: readonly number[]): void {
    this.unsaved = [...ids, ...this.unsaved];
  }
}
