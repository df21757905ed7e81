import { KeyTable, hashBytes, hashText } from './key-table.js';

const SPACE = 32;
const BACKSLASH = 92;

/**
 * Series keys (`measurement,tags field`) to dense ids, in two tables: the measurement-and-tags
 * part, then the field under it. A line of line protocol names one part and several fields,
 * so its part is looked up once and each field against that part (measured: half the cost of
 * looking every point's whole key up), and a part's bytes are held once for all its fields.
 */
export class SeriesIndex {
  private readonly parts = new KeyTable();
  private readonly fields = new KeyTable();

  get size(): number {
    return this.fields.size;
  }

  /**
   * The part id of `src[s, e)` (measurement and sorted tags), or -1. `guess` is tried first:
   * agents send their series in the same order every time, so the part after the last one
   * found is usually the next part of the body — checked in place, its bytes next to the
   * last one's, where a hash probe is three cache misses (measured: lookups were a quarter
   * of the receiving thread under load).
   */
  findPart(src: DataView, s: number, e: number, guess = -1): number {
    if (this.parts.is(guess, 0, src, s, e)) return guess;
    return this.parts.find(hashBytes(src, s, e, 0), 0, src, s, e);
  }

  /** The series id of field `src[s, e)` under a part, or -1; `guess` as for findPart. */
  findField(part: number, src: DataView, s: number, e: number, guess = -1): number {
    if (this.fields.is(guess, part, src, s, e)) return guess;
    return this.fields.find(hashBytes(src, s, e, part), part, src, s, e);
  }

  /** The id of a whole key given as a latin1 string, or -1. */
  findKey(key: string): number {
    const cut = splitAt(key);
    const part = this.parts.findText(hashText(key, 0, cut, 0), 0, key, 0, cut);
    return part < 0
      ? -1
      : this.fields.findText(
          hashText(key, cut + 1, key.length, part),
          part,
          key,
          cut + 1,
          key.length,
        );
  }

  /** Adds a key (latin1 string) under the next id, which it returns. */
  add(key: string): number {
    const cut = splitAt(key);
    const h = hashText(key, 0, cut, 0);
    let part = this.parts.findText(h, 0, key, 0, cut);
    if (part < 0) part = this.parts.addText(h, 0, key, 0, cut);
    return this.fields.addText(
      hashText(key, cut + 1, key.length, part),
      part,
      key,
      cut + 1,
      key.length,
    );
  }

  keyOf(id: number): string {
    return `${this.parts.textOf(this.fields.prefixOf(id))} ${this.fields.textOf(id)}`;
  }

  /** Bytes held per key on average: for the memory figures. */
  get bytesPerKey(): number {
    return this.size === 0 ? 0 : (this.parts.bytes + this.fields.bytes) / this.size;
  }
}

/** Where the part of a key ends: its first unescaped space. */
function splitAt(key: string): number {
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    if (c === BACKSLASH) i++;
    else if (c === SPACE) return i;
  }
  throw new Error(`"${key}" is not a series key: it has no field`);
}
