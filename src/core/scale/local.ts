/** A ChunkProcessor in this thread: one chunk at a time, with the caller's Classifier (any embedder, the LLM tier). */
import type { Classifier } from '../classifier.ts';
import { ChunkClassifier, type ChunkOutcome, type ChunkSettings } from './chunk.ts';
import type { ChunkFormat } from './input.ts';
import type { ChunkProcessor } from './run-chunked.ts';
import type { ByteChunk } from './split.ts';

export class LocalChunkProcessor implements ChunkProcessor {
  readonly concurrency = 1;
  private readonly chunks: ChunkClassifier;

  constructor(
    private readonly classifier: Classifier,
    format: ChunkFormat,
    options: ChunkSettings,
  ) {
    this.chunks = new ChunkClassifier(classifier, format, options);
  }

  process(chunk: ByteChunk, signal?: AbortSignal): Promise<ChunkOutcome> {
    return this.chunks.process(chunk, signal);
  }

  distinctKeys(): number {
    return this.classifier.distinctKeys;
  }

  embeddingCalls(): number {
    return this.classifier.embeddingCalls;
  }
}
