/**
 * The buffers a run's chunks are assembled in, with room behind the rows for the cells the run
 * adds, so that a chunk's output can be written over its own input (chunk.ts) instead of into a
 * new buffer. Buffers whose output has been written out can come back (`give`) and serve later
 * chunks: a megabyte buffer per chunk, allocated and dropped, is external memory that makes V8
 * run a full garbage collection every few dozen megabytes – in each worker.
 */

/** Room behind a chunk's rows: half its size (a label and a newline per ~100-byte row need a fifth). */
export function capacityFor(size: number): number {
  return size + (size >> 1) + 4096;
}

export class ChunkBuffers {
  private readonly free: ArrayBuffer[] = [];

  /** `keep`: how many given-back buffers are held for reuse at most. */
  constructor(private readonly keep = 8) {}

  /** A view of `size` bytes at the start of a buffer with room behind them; a given-back buffer where one is big enough. */
  take(size: number): Uint8Array {
    const need = capacityFor(size);
    const at = this.free.findIndex((buffer) => buffer.byteLength >= need);
    const buffer = at >= 0 ? this.free.splice(at, 1)[0] : new ArrayBuffer(need);
    return new Uint8Array(buffer, 0, size);
  }

  /** A buffer nothing reads any more (its chunk's output has been written out). */
  give(buffer: ArrayBuffer): void {
    if (buffer.byteLength === 0 || this.free.length >= this.keep || this.free.includes(buffer)) return;
    this.free.push(buffer);
  }
}
