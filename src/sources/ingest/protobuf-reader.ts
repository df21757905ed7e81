/**
 * Reading the protobuf wire format by hand, over bytes, for decoders on the hot path: varints,
 * length prefixes checked against their enclosing message, and skipping any field by its wire
 * type (groups included). Every read is bounded by an `end` the caller passes, and every
 * malformed byte is a WireError at its offset, so hostile input can neither crash nor loop.
 */

export class WireError extends Error {
  constructor(
    /** Byte offset of the fault. */
    readonly at: number,
    message: string,
  ) {
    super(message);
  }
}

export class WireReader {
  pos = 0;
  /** For fixed64/fixed32 reads; offsets are relative to `b`. */
  readonly view: DataView;

  constructor(readonly b: Buffer) {
    this.view = new DataView(b.buffer, b.byteOffset, b.length);
  }

  /** A field tag; field numbers from 1 to 2^29 - 1, so `tag >>> 3` and `tag & 7` are exact. */
  tag(end: number): number {
    const at = this.pos;
    const tag = this.uint(end);
    if (tag >= 2 ** 32) throw new WireError(at, 'a field number is out of range');
    if (tag >>> 3 === 0) throw new WireError(at, 'a field has number 0');
    return tag;
  }

  expect(tag: number, wireType: number, at: number, what: string): void {
    if ((tag & 7) !== wireType)
      throw new WireError(at, `${what} has wire type ${tag & 7}, not ${wireType}`);
  }

  /** A length prefix, checked against what is left of the enclosing message. */
  length(end: number): number {
    const at = this.pos;
    const len = this.uint(end);
    if (len > end - this.pos)
      throw new WireError(
        at,
        `a field of ${len} bytes runs past the end of its message (${end - this.pos} bytes left)`,
      );
    return len;
  }

  /** A varint as an unsigned number (exact below 2^53). */
  uint(end: number): number {
    const b = this.b;
    let p = this.pos;
    if (p >= end) throw new WireError(p, 'the message ends inside a varint');
    let c = b[p++]!;
    if (c < 0x80) {
      this.pos = p;
      return c;
    }
    let value = c & 0x7f;
    let scale = 128;
    for (let k = 1; ; k++) {
      if (p >= end) throw new WireError(p, 'the message ends inside a varint');
      c = b[p++]!;
      if (k === 9 && c > 1) throw new WireError(p - 1, 'a varint overflows 64 bits');
      value += (c & 0x7f) * scale;
      if (c < 0x80) break;
      scale *= 128;
    }
    this.pos = p;
    return value;
  }

  /** A little-endian double (wire type 1). */
  double(end: number): number {
    if (end - this.pos < 8) throw new WireError(this.pos, 'an 8-byte value is cut off');
    const value = this.view.getFloat64(this.pos, true);
    this.pos += 8;
    return value;
  }

  /** A varint as a two's-complement int64 (exact within ±2^53). */
  int64(end: number): number {
    const b = this.b;
    let p = this.pos;
    let low = 0;
    let high: number;
    let c: number;
    for (let shift = 0; shift < 28; shift += 7) {
      if (p >= end) throw new WireError(p, 'the message ends inside a varint');
      c = b[p++]!;
      low |= (c & 0x7f) << shift;
      if (c < 0x80) {
        this.pos = p;
        return low;
      }
    }
    if (p >= end) throw new WireError(p, 'the message ends inside a varint');
    c = b[p++]!;
    low |= (c & 0x0f) << 28;
    high = (c & 0x7f) >>> 4;
    for (let shift = 3; c >= 0x80; shift += 7) {
      if (p >= end) throw new WireError(p, 'the message ends inside a varint');
      c = b[p++]!;
      if (shift === 31 && c > 1) throw new WireError(p - 1, 'a varint overflows 64 bits');
      high |= (c & 0x7f) << shift;
    }
    this.pos = p;
    return high * 4294967296 + (low >>> 0);
  }

  /** Skips a field of any wire type, groups included (iteratively, to a depth of 100). */
  skip(tag: number, end: number): void {
    const wireType = tag & 7;
    if (wireType !== 3) {
      this.skipScalar(wireType, end);
      return;
    }
    const open = [tag >>> 3];
    while (open.length > 0) {
      const at = this.pos;
      if (at >= end) throw new WireError(at, 'a group is not closed');
      const inner = this.tag(end);
      const type = inner & 7;
      if (type === 4) {
        if (open.pop() !== inner >>> 3)
          throw new WireError(at, 'an end-group marker does not match its group');
      } else if (type === 3) {
        if (open.length === 100) throw new WireError(at, 'groups are nested more than 100 deep');
        open.push(inner >>> 3);
      } else {
        this.skipScalar(type, end);
      }
    }
  }

  private skipScalar(wireType: number, end: number): void {
    const at = this.pos;
    switch (wireType) {
      case 0:
        this.uint(end);
        return;
      case 1:
      case 5: {
        const size = wireType === 1 ? 8 : 4;
        if (end - this.pos < size)
          throw new WireError(at, `a ${size}-byte field runs past the end of its message`);
        this.pos += size;
        return;
      }
      case 2: {
        const len = this.length(end); // read before adding: it moves pos
        this.pos += len;
        return;
      }
      case 4:
        throw new WireError(at, 'an end-group marker without a group');
      default:
        throw new WireError(at, `invalid wire type ${wireType}`);
    }
  }
}
