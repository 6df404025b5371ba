/**
 * The embedder interface: text in, feature vectors out. The n-gram embedder gives sparse vectors
 * (a few hundred non-zeros out of thousands of dimensions), BERT gives dense ones; the logistic
 * regression takes either, so neither pays for the other's shape.
 */

export interface SparseVector {
  indices: Int32Array;
  values: Float32Array;
}

export type FeatureVector = Float32Array | SparseVector;

/** What a bundle records about the embedder it was trained with; enough to rebuild it. */
export interface NgramSpec {
  id: 'ngram';
  /** 1: words and character grams; 2: also the parts of compound words (camelCase, snake_case) and the % sign. */
  version: 1 | 2;
  dim: number;
  wordNgrams: number[];
  charNgrams: number[];
}

export type BertDtype = 'fp32' | 'fp16' | 'q8';

/** What a bundle records about its BERT embedder. */
export interface BertSpec {
  id: 'bert';
  version: 1;
  /** The model's id, e.g. "Xenova/all-MiniLM-L6-v2" or "test-tiny-bert" (its folder under public/models/). */
  model: string;
  /** Hidden size of the model = length of an embedding. */
  dim: number;
  /** The dtype the bundle was trained with; classifying may use another (results differ very slightly). */
  dtype: BertDtype;
  pooling: 'mean';
  normalize: true;
}

export type EmbedderSpec = NgramSpec | BertSpec;

/** For long embedding jobs (BERT): cancel between batches, report texts done out of the total. */
export interface EmbedOptions {
  signal?: AbortSignal;
  onProgress?(done: number, total: number): void;
}

export interface Embedder {
  readonly spec: EmbedderSpec;
  readonly dim: number;
  embed(texts: string[], options?: EmbedOptions): Promise<FeatureVector[]>;
}

export function isSparse(vector: FeatureVector): vector is SparseVector {
  return !(vector instanceof Float32Array);
}
