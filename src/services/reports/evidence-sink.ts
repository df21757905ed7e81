/**
 * Where an evidence pack is written, a file at a time, in order. The runtime hands in a
 * directory; the pack is streamed, so a quarter of any size is written whole.
 */
export interface EvidenceSink {
  create(name: string): EvidenceFileSink;
}

export interface EvidenceFileSink {
  /** Resolves when the chunk may be followed by the next (back-pressure). */
  write(chunk: string): Promise<void>;
  /** Resolves when the file is complete on disk. */
  end(): Promise<void>;
}
