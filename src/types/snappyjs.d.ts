// snappyjs ships no types. Used by tests and benchmarks to build remote-write bodies;
// the parser has its own decompressor (src/sources/ingest/snappy.ts).
declare module 'snappyjs' {
  export function compress<T extends Uint8Array | ArrayBuffer>(uncompressed: T): T;
  export function uncompress<T extends Uint8Array | ArrayBuffer>(
    compressed: T,
    maxLength?: number,
  ): T;
}
