import { describe, expect, it } from 'vitest';
import { CancelledError } from '../../../src/core/errors.ts';
import { createNgramEmbedder } from '../../../src/core/features/ngram.ts';
import { cosine, dbscan, semanticGroups, semanticText } from '../../../src/core/patterns/index.ts';

describe('dbscan', () => {
  it('finds dense groups and leaves isolated points as noise', () => {
    const points = [0, 0.1, 0.2, 5, 5.1, 9];
    const near = (i: number) => points.flatMap((p, j) => (Math.abs(p - points[i]) <= 0.15 ? [j] : []));
    expect(Array.from(dbscan(points.length, near, 2))).toEqual([0, 0, 0, 1, 1, -1]);
  });
});

describe('semanticGroups', () => {
  const embedder = createNgramEmbedder();

  it('proposes paraphrased patterns as one group', async () => {
    const templates = [
      'Connection closed by <*>',
      'Disk quota exceeded for volume <*>',
      'Connection was closed by <*>',
      'Closed connection by <*>',
      'User <*> logged in',
    ];
    const { groups, groupOf } = await semanticGroups(templates, embedder, { eps: 0.5 });
    expect(groups).toHaveLength(1);
    expect(groups[0].map((i) => templates[i]).sort()).toEqual(['Closed connection by <*>', 'Connection closed by <*>', 'Connection was closed by <*>']);
    expect(groupOf[1]).toBe(-1);
    expect(groupOf[4]).toBe(-1);
  });

  it('embeds the words of a template, not its variables', async () => {
    expect(semanticText('Backup <*> started at <*>')).toBe('Backup started at');
    const [a, b] = await embedder.embed(['x y', 'x y']);
    expect(cosine(a, b)).toBeCloseTo(1, 5);
  });

  it('stops when its signal is aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(semanticGroups(['a <*>'], embedder, { signal: controller.signal })).rejects.toBeInstanceOf(CancelledError);
  });
});
