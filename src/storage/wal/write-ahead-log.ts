import { closeSync, fsyncSync, openSync } from 'node:fs';
import {
  mkdir,
  open,
  readdir,
  readFile,
  truncate,
  unlink,
  type FileHandle,
} from 'node:fs/promises';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';

/**
 * An append-only log of ingest bodies on local disk: a write is acknowledged only once
 * its bytes are fsynced, and after a crash the log replays everything acknowledged.
 *
 * Appends get their position at once (synchronously), so the caller can apply the record
 * to in-memory state in the same tick and every state snapshot names the exact log
 * position it covers. Writes and fsyncs run in the background, batched: every record that
 * queued while one fsync ran goes out in the next single write + fsync (group commit).
 *
 * Record: u32 length of meta + payload, u32 CRC-32 of meta + payload, 12 bytes of meta
 * (u8 format, u8 precision, u8 flags, u8 reserved, f64 received-at ms), the payload.
 * A torn or corrupt tail (a crash mid-write) ends the log; it is cut off at open.
 */

export interface LogPosition {
  readonly segment: number;
  /** Bytes into the segment, after the last record covered. */
  readonly offset: number;
}

export interface RecordMeta {
  readonly format: number;
  readonly precision: number;
  readonly flags: number;
  readonly receivedAt: number;
}

export interface LogRecord extends RecordMeta {
  readonly payload: Buffer;
  /** The position just after this record: a checkpoint that includes it. */
  readonly end: LogPosition;
}

const HEADER = 8;
const META = 12;
const SEGMENT_DIGITS = 12;

export const comparePositions = (a: LogPosition, b: LogPosition): number =>
  a.segment - b.segment || a.offset - b.offset;
export const formatPosition = (p: LogPosition): string => `${p.segment}:${p.offset}`;
export function parsePosition(text: string): LogPosition {
  const [s, o] = text.split(':').map(Number);
  if (!Number.isInteger(s) || !Number.isInteger(o))
    throw new Error(`"${text}" is not a log position`);
  return { segment: s!, offset: o! };
}

interface Pending {
  readonly segment: number;
  readonly end: LogPosition;
  readonly bytes: Buffer;
  readonly done: { resolve(): void; reject(err: unknown): void };
}

export class WriteAheadLog {
  private segment: number;
  private offset: number;
  private queue: Pending[] = [];
  private writing = false;
  private file: FileHandle | undefined;
  private fileSegment = 0;
  private failed: unknown;
  private syncedTo: LogPosition;
  private syncWaiters: Array<{
    position: LogPosition;
    resolve(): void;
    reject(err: unknown): void;
  }> = [];

  private constructor(
    private readonly dir: string,
    private readonly segmentBytes: number,
    last: LogPosition,
  ) {
    this.segment = last.segment;
    this.offset = last.offset;
    this.syncedTo = last;
  }

  /** Opens (creating) the log in `dir`, cutting off a torn tail left by a crash. */
  static async open(dir: string, options: { segmentBytes?: number } = {}): Promise<WriteAheadLog> {
    await mkdir(dir, { recursive: true });
    const segments = await listSegments(dir);
    const last = segments.length === 0 ? 1 : segments[segments.length - 1]!;
    const path = segmentPath(dir, last);
    let offset = 0;
    try {
      const data = await readFile(path);
      offset = validLength(data);
      if (offset < data.length) await truncate(path, offset);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    return new WriteAheadLog(dir, options.segmentBytes ?? 64 * 1024 * 1024, {
      segment: last,
      offset,
    });
  }

  /** Where the next record will start. */
  get head(): LogPosition {
    return { segment: this.segment, offset: this.offset };
  }

  /**
   * Queues a record. Returns its end position now, and a promise that resolves once the
   * record is on disk (fsynced) — only then may the write be acknowledged.
   */
  append(meta: RecordMeta, payload: Buffer): { end: LogPosition; durable: Promise<void> } {
    if (this.failed) return { end: this.head, durable: Promise.reject(this.failed) };
    const size = HEADER + META + payload.length;
    if (this.offset > 0 && this.offset + size > this.segmentBytes) {
      this.segment++;
      this.offset = 0;
    }
    const bytes = Buffer.allocUnsafe(size);
    bytes.writeUInt32LE(META + payload.length, 0);
    bytes.writeUInt8(meta.format, HEADER);
    bytes.writeUInt8(meta.precision, HEADER + 1);
    bytes.writeUInt8(meta.flags, HEADER + 2);
    bytes.writeUInt8(0, HEADER + 3);
    bytes.writeDoubleLE(meta.receivedAt, HEADER + 4);
    payload.copy(bytes, HEADER + META);
    bytes.writeUInt32LE(crc32(bytes.subarray(HEADER)), 4);
    this.offset += size;
    const end = this.head;
    const durable = new Promise<void>((resolve, reject) =>
      this.queue.push({ segment: this.segment, end, bytes, done: { resolve, reject } }),
    );
    void this.pump();
    return { end, durable };
  }

  /** Resolves once everything up to `position` is on disk. */
  syncedThrough(position: LogPosition): Promise<void> {
    if (this.failed) return Promise.reject(this.failed);
    if (comparePositions(position, this.syncedTo) <= 0) return Promise.resolve();
    return new Promise((resolve, reject) => this.syncWaiters.push({ position, resolve, reject }));
  }

  /** Every record after `after`, in order; stops at the first torn or corrupt record. */
  async *replay(after: LogPosition): AsyncGenerator<LogRecord> {
    for (const segment of await listSegments(this.dir)) {
      if (segment < after.segment) continue;
      let data: Buffer;
      try {
        data = await readFile(segmentPath(this.dir, segment));
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') continue;
        throw err;
      }
      let pos = segment === after.segment ? after.offset : 0;
      for (;;) {
        const record = readRecord(data, pos);
        if (!record) break;
        pos = record.next;
        yield { ...record.meta, payload: record.payload, end: { segment, offset: pos } };
      }
    }
  }

  /** Deletes segments wholly before `position` (their records are checkpointed elsewhere). */
  async discardBefore(position: LogPosition): Promise<number> {
    let removed = 0;
    for (const segment of await listSegments(this.dir)) {
      if (segment >= position.segment || segment >= this.fileSegment) break;
      await unlink(segmentPath(this.dir, segment));
      removed++;
    }
    return removed;
  }

  /** Waits for queued records, then closes the file. */
  async close(): Promise<void> {
    await this.syncedThrough(this.head).catch(() => {});
    await this.file?.close();
    this.file = undefined;
  }

  private async pump(): Promise<void> {
    if (this.writing) return;
    this.writing = true;
    try {
      while (this.queue.length > 0) {
        const batch = this.queue;
        this.queue = [];
        let i = 0;
        while (i < batch.length) {
          // One write + one fsync for every queued record of the same segment.
          const segment = batch[i]!.segment;
          let j = i;
          while (j < batch.length && batch[j]!.segment === segment) j++;
          const file = await this.fileFor(segment);
          await file.writev(batch.slice(i, j).map((p) => p.bytes));
          await file.datasync();
          i = j;
        }
        this.markSynced(batch[batch.length - 1]!.end);
        for (const p of batch) p.done.resolve();
      }
    } catch (err) {
      // A disk that refuses writes refuses all later ones too: nothing unsynced is acknowledged.
      this.failed = err;
      for (const p of this.queue) p.done.reject(err);
      this.queue = [];
      for (const w of this.syncWaiters) w.reject(err);
      this.syncWaiters = [];
    } finally {
      this.writing = false;
    }
  }

  private markSynced(position: LogPosition): void {
    this.syncedTo = position;
    const still: typeof this.syncWaiters = [];
    for (const w of this.syncWaiters) {
      if (comparePositions(w.position, position) <= 0) w.resolve();
      else still.push(w);
    }
    this.syncWaiters = still;
  }

  private async fileFor(segment: number): Promise<FileHandle> {
    if (this.file && this.fileSegment === segment) return this.file;
    if (this.file) {
      await this.file.datasync();
      await this.file.close();
    }
    this.file = await open(segmentPath(this.dir, segment), 'a');
    this.fileSegment = segment;
    syncDirectory(this.dir); // the new file's name must survive a crash too
    return this.file;
  }
}

function syncDirectory(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function segmentPath(dir: string, segment: number): string {
  return join(dir, `${String(segment).padStart(SEGMENT_DIGITS, '0')}.wal`);
}

async function listSegments(dir: string): Promise<number[]> {
  return (await readdir(dir))
    .filter((f) => /^\d+\.wal$/.test(f))
    .map((f) => Number(f.slice(0, -4)))
    .sort((a, b) => a - b);
}

function readRecord(
  data: Buffer,
  pos: number,
): { meta: RecordMeta; payload: Buffer; next: number } | undefined {
  if (pos + HEADER + META > data.length) return undefined;
  const length = data.readUInt32LE(pos);
  const end = pos + HEADER + length;
  if (length < META || end > data.length) return undefined;
  const body = data.subarray(pos + HEADER, end);
  if (crc32(body) !== data.readUInt32LE(pos + 4)) return undefined;
  return {
    meta: {
      format: body.readUInt8(0),
      precision: body.readUInt8(1),
      flags: body.readUInt8(2),
      receivedAt: body.readDoubleLE(4),
    },
    payload: body.subarray(META),
    next: end,
  };
}

/** Bytes of whole, valid records at the start of a segment. */
function validLength(data: Buffer): number {
  let pos = 0;
  for (;;) {
    const r = readRecord(data, pos);
    if (!r) return pos;
    pos = r.next;
  }
}
