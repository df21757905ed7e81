/**
 * A hash table of byte-string keys, each under a number (`prefix`) that is part of the key,
 * giving dense ids. Keys live in one byte arena; a lookup is a hash probe and a comparison
 * of bytes, straight from a request body, without making a string (measured: +59 % ingest
 * over a Map of strings). The series index stacks two: measurement-and-tags, then field.
 */
export class KeyTable {
  // Slot pairs [hash, id] and per-id [start, length, prefix, hash] side by side, so a probe
  // and its check read one cache line each (the lookups are cache misses under load).
  private slots = new Int32Array(2 << 10).fill(-1);
  private mask = (1 << 10) - 1;
  private arena = new Uint8Array(1 << 14);
  private arenaView = new DataView(this.arena.buffer);
  private used = 0;
  private meta = new Int32Array(4 * 256);
  size = 0;

  /** The id of `prefix` + the bytes `src[s, e)` (whose hash is `h`), or -1. */
  find(h: number, prefix: number, src: DataView, s: number, e: number): number {
    const length = e - s;
    const slots = this.slots;
    const meta = this.meta;
    for (let slot = h & this.mask; ; slot = (slot + 1) & this.mask) {
      const id = slots[2 * slot + 1]!;
      if (id < 0) return -1;
      if (slots[2 * slot] !== (h | 0) || meta[4 * id + 1] !== length || meta[4 * id + 2] !== prefix)
        continue;
      // Four bytes a step through DataViews (unaligned loads; a third of the time of byte reads, measured).
      const arena = this.arenaView;
      const a = meta[4 * id]! - s;
      let k = s;
      while (k + 4 <= e && arena.getUint32(a + k) === src.getUint32(k)) k += 4;
      while (k < e && arena.getUint8(a + k) === src.getUint8(k)) k++;
      if (k === e) return id;
    }
  }

  /** Whether id `id` is the key `prefix` + `src[s, e)`: a guess checked without hashing. */
  is(id: number, prefix: number, src: DataView, s: number, e: number): boolean {
    if (id < 0 || id >= this.size) return false;
    const meta = this.meta;
    if (meta[4 * id + 1] !== e - s || meta[4 * id + 2] !== prefix) return false;
    const arena = this.arenaView;
    const a = meta[4 * id]! - s;
    let k = s;
    while (k + 4 <= e && arena.getUint32(a + k) === src.getUint32(k)) k += 4;
    while (k < e && arena.getUint8(a + k) === src.getUint8(k)) k++;
    return k === e;
  }

  /** The id of `prefix` + the latin1 string `text[s, e)` (hash `h`), or -1. */
  findText(h: number, prefix: number, text: string, s: number, e: number): number {
    const length = e - s;
    for (let slot = h & this.mask; ; slot = (slot + 1) & this.mask) {
      const id = this.slots[2 * slot + 1]!;
      if (id < 0) return -1;
      if (
        this.slots[2 * slot] !== (h | 0) ||
        this.meta[4 * id + 1] !== length ||
        this.meta[4 * id + 2] !== prefix
      )
        continue;
      const arena = this.arena;
      const a = this.meta[4 * id]! - s;
      let k = s;
      while (k < e && arena[a + k] === (text.charCodeAt(k) & 0xff)) k++;
      if (k === e) return id;
    }
  }

  /** Adds `prefix` + the latin1 string `text[s, e)` (hash `h`) under the next id, which it returns. */
  addText(h: number, prefix: number, text: string, s: number, e: number): number {
    const id = this.size;
    if (4 * (id + 1) > this.meta.length) {
      const meta = new Int32Array(this.meta.length * 2);
      meta.set(this.meta);
      this.meta = meta;
    }
    const length = e - s;
    if (this.used + length > this.arena.length) {
      const arena = new Uint8Array(Math.max(this.arena.length * 2, this.used + length));
      arena.set(this.arena.subarray(0, this.used));
      this.arena = arena;
      this.arenaView = new DataView(arena.buffer);
    }
    for (let k = 0; k < length; k++) this.arena[this.used + k] = text.charCodeAt(s + k) & 0xff;
    this.meta[4 * id] = this.used;
    this.meta[4 * id + 1] = length;
    this.meta[4 * id + 2] = prefix;
    this.meta[4 * id + 3] = h;
    this.used += length;
    this.size++;
    if (this.size * 2 > this.mask + 1) this.rehash((this.mask + 1) * 2);
    else this.place(h, id);
    return id;
  }

  prefixOf(id: number): number {
    return this.meta[4 * id + 2]!;
  }

  /** The bytes of an id's key (without its prefix), as a latin1 string. */
  textOf(id: number): string {
    return Buffer.from(
      this.arena.buffer,
      this.arena.byteOffset + this.meta[4 * id]!,
      this.meta[4 * id + 1]!,
    ).toString('latin1');
  }

  /** Bytes held in all (arena, table, bookkeeping): for the memory figures. */
  get bytes(): number {
    return this.arena.length + this.slots.length * 4 + this.meta.length * 4;
  }

  private place(h: number, id: number): void {
    let slot = h & this.mask;
    while (this.slots[2 * slot + 1]! >= 0) slot = (slot + 1) & this.mask;
    this.slots[2 * slot] = h;
    this.slots[2 * slot + 1] = id;
  }

  private rehash(n: number): void {
    this.slots = new Int32Array(2 * n).fill(-1);
    this.mask = n - 1;
    for (let id = 0; id < this.size; id++) this.place(this.meta[4 * id + 3]!, id);
  }
}

// The hash reads four bytes a step (murmur3's mixing): FNV-1a byte by byte was a fifth of
// parsing, its multiplications one long dependency chain.
const C1 = 0xcc9e2d51;
const C2 = 0x1b873593;

function mix(h: number, w: number): number {
  w = Math.imul(w, C1);
  w = (w << 15) | (w >>> 17);
  h ^= Math.imul(w, C2);
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

function finish(h: number, length: number): number {
  h ^= length;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Hash of the bytes `src[s, e)`, seeded (a prefix goes in as the seed). */
export function hashBytes(src: DataView, s: number, e: number, seed: number): number {
  let h = seed | 0;
  let k = s;
  // DataView reads four unaligned bytes at once: 31 ns for a 65-byte key against 110 ns byte by byte (measured).
  for (; k + 4 <= e; k += 4) h = mix(h, src.getUint32(k, true));
  let w = 0;
  for (let shift = 0; k < e; k++, shift += 8) w |= src.getUint8(k) << shift;
  if (e - s > 0 && (e - s) % 4 !== 0) h = mix(h, w);
  return finish(h, e - s);
}

/** hashBytes of a latin1 string's bytes `text[s, e)`: the same number for the same bytes. */
export function hashText(text: string, s: number, e: number, seed: number): number {
  let h = seed | 0;
  let k = s;
  const c = (i: number) => text.charCodeAt(i) & 0xff;
  for (; k + 4 <= e; k += 4)
    h = mix(h, c(k) | (c(k + 1) << 8) | (c(k + 2) << 16) | (c(k + 3) << 24));
  let w = 0;
  for (let shift = 0; k < e; k++, shift += 8) w |= c(k) << shift;
  if (e - s > 0 && (e - s) % 4 !== 0) h = mix(h, w);
  return finish(h, e - s);
}
