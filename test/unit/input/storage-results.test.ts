/** The worker-side helpers of a run: the output collector, the progress throttle. */
import { describe, expect, it } from 'vitest';
import { OutputCollector } from '../../../workers/output-collector.ts';
import { throttle } from '../../../workers/throttle.ts';

describe('OutputCollector', () => {
  it('joins chunks in order into one CSV Blob, folding text into parts', async () => {
    const out = new OutputCollector(10);
    const chunks = ['a,b\n', '1,2\n', 'ünïcödé,"x,y"\n', '3,4\n'];
    for (const c of chunks) out.push(c);
    const blob = out.finish();
    expect(blob.type).toBe('text/csv;charset=utf-8');
    expect(await blob.text()).toBe(chunks.join(''));
  });

  it('gives an empty Blob for no chunks', async () => {
    expect(await new OutputCollector().finish().text()).toBe('');
  });
});

describe('throttle', () => {
  it('passes at most one call per interval and flushes the last one held back', () => {
    let now = 0;
    const seen: number[] = [];
    const t = throttle((v: number) => seen.push(v), 100, () => now);
    t(1);
    now = 50;
    t(2);
    t(3);
    expect(seen).toEqual([1]);
    now = 120;
    t(4);
    expect(seen).toEqual([1, 4]);
    now = 130;
    t(5);
    t.flush();
    expect(seen).toEqual([1, 4, 5]);
    t.flush();
    expect(seen).toEqual([1, 4, 5]);
  });
});
