/** Builds the embedder a bundle was trained with. */
import { BundleError } from '../errors.ts';
import type { Embedder, EmbedderSpec } from './embedder.ts';
import { createNgramEmbedder } from './ngram.ts';

export function createEmbedder(spec: EmbedderSpec): Embedder {
  if (spec.id === 'ngram') return createNgramEmbedder(spec);
  throw new BundleError(`The "${(spec as { id: string }).id}" embedder is not available here.`);
}
