/**
 * What a newly trained model would change on a file, before it replaces the model in use: the
 * file is classified by both (rules, routes and thresholds as they are now, without the LLM
 * tier) and compared row by row – the share left Unclassified before and after, and which labels
 * turn into which, with an example line each. Plain data in and out; the classify worker runs it.
 */
import type { Classifier } from '../classifier.ts';
import { runClassification, type InputSource } from '../run.ts';
import type { RowFormat } from '../scale/split.ts';
import { UNCLASSIFIED } from '../types.ts';

export interface LabelChange {
  from: string;
  to: string;
  rows: number;
  /** The first line that changed this way. */
  example: string;
}

export interface CandidateEffect {
  fileName: string;
  /** The file is the bundled example (no file was classified in this tab). */
  example: boolean;
  rows: number;
  unclassifiedBefore: number;
  unclassifiedAfter: number;
  /** Rows whose label differs. */
  changed: number;
  /** The most frequent changes, most rows first (at most MAX_CHANGES). */
  changes: LabelChange[];
  /** The new model leaves clearly more of the file Unclassified (WORSE_BY or more of its rows). */
  worse: boolean;
}

export const MAX_CHANGES = 12;
/** A rise in the Unclassified share this large (a share of the rows) counts as worse. */
export const WORSE_BY = 0.01;

export interface EffectOptions {
  input: InputSource;
  kind: RowFormat;
  fileName: string;
  example: boolean;
  current: Classifier;
  candidate: Classifier;
  signal?: AbortSignal;
  /** 0–1 over both passes. */
  onProgress?(fraction: number): void;
}

export async function candidateEffect(o: EffectOptions): Promise<CandidateEffect> {
  const labels: string[] = [];
  const ids = new Map<string, number>();
  let before = new Uint16Array(1 << 12);
  let rows = 0;
  const idOf = (label: string) => {
    let id = ids.get(label);
    if (id === undefined) ids.set(label, (id = labels.push(label) - 1));
    return id;
  };
  const bytesTotal = o.input instanceof Blob ? o.input.size : 0;
  const progress = (pass: number) => (p: { bytesDone: number }) => o.onProgress?.((pass + (bytesTotal ? p.bytesDone / bytesTotal : 0)) / 2);

  await runClassification({
    input: o.input,
    kind: o.kind,
    classifier: o.current,
    explain: false,
    signal: o.signal,
    onProgress: progress(0),
    onResults: ({ startIndex, results }) => {
      const end = startIndex + results.length;
      if (end > before.length) {
        const grown = new Uint16Array(Math.max(end, before.length * 2));
        grown.set(before);
        before = grown;
      }
      results.forEach((r, i) => (before[startIndex + i] = idOf(r.label)));
      rows = Math.max(rows, end);
    },
  });

  let unclassifiedBefore = 0;
  for (let i = 0; i < rows; i++) if (labels[before[i]] === UNCLASSIFIED) unclassifiedBefore++;
  let unclassifiedAfter = 0;
  let changed = 0;
  const changes = new Map<string, LabelChange>();
  await runClassification({
    input: o.input,
    kind: o.kind,
    classifier: o.candidate,
    explain: false,
    signal: o.signal,
    onProgress: progress(1),
    onResults: ({ startIndex, records, results }) => {
      results.forEach((r, i) => {
        const row = startIndex + i;
        if (row >= rows) return;
        if (r.label === UNCLASSIFIED) unclassifiedAfter++;
        const from = labels[before[row]];
        if (from === r.label) return;
        changed++;
        const key = `${from}\u0000${r.label}`;
        const change = changes.get(key);
        if (change) change.rows++;
        else changes.set(key, { from, to: r.label, rows: 1, example: records[i].message });
      });
    },
  });

  return {
    fileName: o.fileName,
    example: o.example,
    rows,
    unclassifiedBefore,
    unclassifiedAfter,
    changed,
    changes: [...changes.values()].sort((a, b) => b.rows - a.rows || a.from.localeCompare(b.from) || a.to.localeCompare(b.to)).slice(0, MAX_CHANGES),
    worse: rows > 0 && (unclassifiedAfter - unclassifiedBefore) / rows >= WORSE_BY,
  };
}
