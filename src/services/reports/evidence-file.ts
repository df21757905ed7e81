import { createHash, type Hash } from 'node:crypto';
import { stringify } from 'csv-stringify/sync';
import type { EvidenceFile } from '../../reports/models/quarterly.js';
import type { EvidenceFileSink, EvidenceSink } from './evidence-sink.js';

const CHUNK = 256 * 1024;

/**
 * One file of a pack as it is written: rows are buffered into large chunks, and its size and
 * SHA-256 are computed from exactly the bytes written, so the manifest cannot disagree.
 */
export class PackFileWriter {
  private readonly hash: Hash = createHash('sha256');
  private readonly out: EvidenceFileSink;
  private buffer = '';
  private bytes = 0;
  private rows = 0;

  constructor(
    sink: EvidenceSink,
    readonly name: string,
  ) {
    this.out = sink.create(name);
  }

  async text(text: string, rows = 0): Promise<void> {
    this.buffer += text;
    this.rows += rows;
    if (this.buffer.length >= CHUNK) await this.flush();
  }

  /** One JSON value per line (JSON Lines). */
  line(value: unknown): Promise<void> {
    return this.text(`${JSON.stringify(value)}\n`, 1);
  }

  /** One CSV row; the header is written with `rows: 0`. */
  csv(values: readonly unknown[], header = false): Promise<void> {
    const cells = values.map((v) =>
      v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : v,
    );
    return this.text(stringify([cells]), header ? 0 : 1);
  }

  private async flush(): Promise<void> {
    if (this.buffer === '') return;
    const chunk = this.buffer;
    this.buffer = '';
    this.hash.update(chunk, 'utf8');
    this.bytes += Buffer.byteLength(chunk, 'utf8');
    await this.out.write(chunk);
  }

  async close(): Promise<EvidenceFile> {
    await this.flush();
    await this.out.end();
    return { name: this.name, rows: this.rows, bytes: this.bytes, sha256: this.hash.digest('hex') };
  }
}

/** Writes a whole file at once (small ones: the manifest, the policy). */
export async function writeWhole(
  sink: EvidenceSink,
  name: string,
  content: string,
  rows = 0,
): Promise<EvidenceFile> {
  const f = new PackFileWriter(sink, name);
  await f.text(content, rows);
  return f.close();
}
