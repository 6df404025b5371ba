/**
 * Semantic grouping of patterns: patterns that say the same thing in other words ("Connection
 * closed by <*>" / "Closed connection from <*>"), found by embedding each template with the
 * project's embedder and clustering the embeddings with DBSCAN over cosine distance. The groups
 * are proposals: the page shows them so the user can label (or merge) them together.
 */
import { CancelledError } from '../errors.ts';
import { isSparse, type Embedder, type FeatureVector } from '../features/embedder.ts';
import { WILDCARD } from './masking.ts';

export interface SemanticOptions {
  /** Largest cosine distance (1 − cosine similarity) between neighbours (default 0.35). */
  eps?: number;
  /** Patterns within eps (itself included) that make a core point (default 2). */
  minPoints?: number;
  signal?: AbortSignal;
}

export interface SemanticGroups {
  /** Groups of pattern indices (into the input), largest first; each has two or more patterns. */
  groups: number[][];
  /** Per input pattern, its group index, or -1 (noise: no paraphrase found). */
  groupOf: Int32Array;
}

/** Cosine similarity of two L2-normalised vectors, sparse (sorted indices) or dense. */
export function cosine(a: FeatureVector, b: FeatureVector): number {
  if (isSparse(a) && isSparse(b)) {
    let i = 0;
    let j = 0;
    let dot = 0;
    while (i < a.indices.length && j < b.indices.length) {
      const x = a.indices[i];
      const y = b.indices[j];
      if (x === y) dot += a.values[i++] * b.values[j++];
      else if (x < y) i++;
      else j++;
    }
    return dot;
  }
  const dense = (v: FeatureVector, k: number) => (isSparse(v) ? sparseAt(v, k) : v[k]);
  const length = isSparse(a) ? (b as Float32Array).length : a.length;
  let dot = 0;
  for (let k = 0; k < length; k++) dot += dense(a, k) * dense(b, k);
  return dot;
}

function sparseAt(v: { indices: Int32Array; values: Float32Array }, k: number): number {
  let lo = 0;
  let hi = v.indices.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (v.indices[mid] === k) return v.values[mid];
    if (v.indices[mid] < k) lo = mid + 1;
    else hi = mid - 1;
  }
  return 0;
}

/**
 * DBSCAN (Ester et al., 1996) over a precomputed neighbourhood: `neighbours(i)` lists the points
 * within eps of i, i included. Returns a cluster per point, -1 for noise.
 */
export function dbscan(count: number, neighbours: (i: number) => number[], minPoints: number): Int32Array {
  const UNSEEN = -2;
  const NOISE = -1;
  const label = new Int32Array(count).fill(UNSEEN);
  let cluster = 0;
  for (let i = 0; i < count; i++) {
    if (label[i] !== UNSEEN) continue;
    const seeds = neighbours(i);
    if (seeds.length < minPoints) {
      label[i] = NOISE;
      continue;
    }
    label[i] = cluster;
    const queue = seeds.filter((j) => j !== i);
    for (let q = 0; q < queue.length; q++) {
      const j = queue[q];
      if (label[j] === NOISE) label[j] = cluster; // border point
      if (label[j] !== UNSEEN) continue;
      label[j] = cluster;
      const more = neighbours(j);
      if (more.length >= minPoints) for (const m of more) if (label[m] === UNSEEN || label[m] === NOISE) queue.push(m);
    }
    cluster++;
  }
  return label;
}

/** The text embedded for a template: its words, without the variables. */
export function semanticText(template: string): string {
  return template.replaceAll(WILDCARD, ' ').replace(/\s+/g, ' ').trim();
}

export async function semanticGroups(templates: readonly string[], embedder: Embedder, options: SemanticOptions = {}): Promise<SemanticGroups> {
  const eps = options.eps ?? 0.35;
  const minPoints = options.minPoints ?? 2;
  const vectors: FeatureVector[] = [];
  const batch = 256;
  for (let start = 0; start < templates.length; start += batch) {
    if (options.signal?.aborted) throw new CancelledError();
    vectors.push(...(await embedder.embed(templates.slice(start, start + batch).map(semanticText))));
  }
  if (options.signal?.aborted) throw new CancelledError();
  const n = vectors.length;
  // All pairwise similarities once (patterns number in the hundreds or thousands).
  const near: number[][] = Array.from({ length: n }, (_, i) => [i]);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      if (1 - cosine(vectors[i], vectors[j]) <= eps) {
        near[i].push(j);
        near[j].push(i);
      }
    }
  }
  const labels = dbscan(n, (i) => near[i], minPoints);
  const byCluster = new Map<number, number[]>();
  labels.forEach((c, i) => {
    if (c < 0) return;
    const list = byCluster.get(c);
    if (list) list.push(i);
    else byCluster.set(c, [i]);
  });
  const groups = [...byCluster.values()].filter((g) => g.length >= 2).sort((a, b) => b.length - a.length || a[0] - b[0]);
  const groupOf = new Int32Array(n).fill(-1);
  groups.forEach((g, index) => g.forEach((i) => (groupOf[i] = index)));
  return { groups, groupOf };
}
