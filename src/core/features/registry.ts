/** Builds the embedder a bundle was trained with. */
import { BundleError } from '../errors.ts';
import { createBertEmbedder, type BertRuntime, type BertSpec } from './bert.ts';
import type { Embedder, EmbedderSpec } from './embedder.ts';
import { createNgramEmbedder } from './ngram.ts';

/** What this place (CLI, worker) can offer beyond the always-available n-gram embedder. */
export interface EmbedderContext {
  /** Where BERT models are: one runtime, or a lookup by the spec (the worker may hold several models). */
  bert?: BertRuntime | ((spec: BertSpec) => BertRuntime | undefined);
}

/** A bundle needs an embedder (a BERT model) that is not installed here; `spec` says which. */
export class MissingEmbedderError extends BundleError {
  override name = 'MissingEmbedderError';
  constructor(readonly spec: EmbedderSpec) {
    super(
      spec.id === 'bert'
        ? `This bundle needs the BERT model "${spec.model}", which is not installed here. Install the model files (npm run models:fetch, or "Import model files" in the page; the command line takes --model-dir DIR), or use a bundle trained with the n-gram embedder.`
        : `This bundle needs the "${(spec as { id: string }).id}" embedder, which is not available here.`,
    );
  }
}

export function createEmbedder(spec: EmbedderSpec, context: EmbedderContext = {}): Embedder {
  if (spec.id === 'ngram') return createNgramEmbedder(spec);
  if (spec.id === 'bert') {
    const runtime = typeof context.bert === 'function' ? context.bert(spec) : context.bert;
    if (runtime) return createBertEmbedder(spec, runtime);
  }
  throw new MissingEmbedderError(spec);
}
