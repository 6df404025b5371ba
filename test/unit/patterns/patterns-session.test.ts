/**
 * A pattern-discovery session without a worker: the lines of a pattern (the file's, or the stored
 * examples after a reload), training rows taken in turns from every shape, split positions, and
 * settings changes refused with the reason.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_MINER_SETTINGS, minePatterns } from '../../../src/core/patterns/index.ts';
import { changedSettings, linesOf, newSession, pickTrainingLines, splitPositions } from '../../../src/core/patterns/session.ts';

const LINES = ['Disk alpha is full', 'Disk beta is full', 'Disk alpha is full', 'Job done for alice', 'Job done for bob', 'Job done for carol'];

async function session(withLines: boolean) {
  const { miner, keys } = await minePatterns(LINES, { settings: { ...DEFAULT_MINER_SETTINGS, similarity: 0 } });
  const lines = withLines ? { messages: LINES, sources: LINES.map((_, i) => (i < 3 ? 'host-a' : 'host-b')), mined: Int32Array.from(LINES.keys()), keys } : null;
  return newSession(miner, { name: 'test.csv' }, lines);
}

describe('pattern session', () => {
  it("gives a pattern's own lines when the file is in memory, else its stored examples", async () => {
    const live = await session(true);
    const disk = live.miner.patterns().findIndex((p) => p.template.startsWith('Disk'));
    const own = linesOf(live, new Set([disk]));
    expect(own.basis).toBe('lines');
    expect(own.lines).toEqual(LINES.slice(0, 3));
    expect(own.sources).toEqual(['host-a', 'host-a', 'host-a']);

    const reloaded = await session(false);
    const fromExamples = linesOf(reloaded, new Set([disk]));
    expect(fromExamples.basis).toBe('examples');
    expect(fromExamples.lines.every((l) => l.startsWith('Disk'))).toBe(true);
    expect(fromExamples.sources.every((s) => s === '')).toBe(true);
  });

  it('picks distinct training lines in turns from every shape, up to the limit', () => {
    const found = {
      lines: ['a 1', 'a 1', 'a 2', 'a 3', 'b x', '   ', 'c y'],
      sources: ['s', 's', 's', 's', 's', 's', 's'],
      keys: [0, 0, 0, 0, 1, 1, 2],
    };
    const all = pickTrainingLines(found, 10);
    // Blank and repeated lines are not offered; the first round takes one line of each shape.
    expect(all.available).toBe(5);
    expect(all.picked.map((i) => found.lines[i])).toEqual(['a 1', 'b x', 'c y', 'a 2', 'a 3']);
    expect(pickTrainingLines(found, 2).picked.map((i) => found.lines[i])).toEqual(['a 1', 'b x']);
  });

  it('lists the positions where a pattern can be split, with their values', async () => {
    const s = await session(true);
    const disk = s.miner.patterns().findIndex((p) => p.template.startsWith('Disk'));
    const splits = splitPositions(s, disk, s.miner.patterns()[disk].variants);
    const device = splits.find((p) => p.top.some((v) => v.value === 'alpha'));
    expect(device?.position).toBe(1);
    expect(device?.token).toBe('<*>');
    expect(device?.distinct).toBe(2);
    expect(device?.top).toEqual([
      { value: 'alpha', count: 2 },
      { value: 'beta', count: 1 },
    ]);
  });

  it('names a position after a run of variables by the token there, not by the shown template', async () => {
    const lines = ['Copied alice smith to alpha', 'Copied bob jones to beta', 'Copied carol white to gamma', 'Copied dave green to alpha'];
    const { miner, keys } = await minePatterns(lines, { settings: { ...DEFAULT_MINER_SETTINGS, similarity: 0 } });
    const s = newSession(miner, { name: 'copies.log' }, { messages: lines, sources: lines.map(() => ''), mined: Int32Array.from(lines.keys()), keys });
    const copied = miner.patterns().findIndex((p) => p.template.endsWith('alpha'));
    // The shown template has one <*> for the two names, so its tokens after them are not the lines'.
    expect(miner.patterns()[copied].template).toBe('Copied <*> to alpha');
    const splits = splitPositions(s, copied, miner.patterns()[copied].variants);
    expect(splits.map((p) => [p.position, p.token])).toEqual([
      [1, '<*>'],
      [2, '<*>'],
    ]);
    expect(splits[1].top).toEqual([
      { value: 'green', count: 1 },
      { value: 'smith', count: 1 },
    ]);
  });

  it('refuses a settings change with the reason, and keeps the settings it was given', () => {
    const before = structuredClone(DEFAULT_MINER_SETTINGS);
    expect(() => changedSettings(DEFAULT_MINER_SETTINGS, { similarity: 1.5 })).toThrow('Grouping sensitivity must be a number from 0 to 1.');
    const bad = { rules: [{ id: 'hex', description: '', pattern: '(', enabled: true }] };
    expect(() => changedSettings(DEFAULT_MINER_SETTINGS, { masking: bad })).toThrow(/^Masking not changed: rule 1 \(hex\): /);
    expect(DEFAULT_MINER_SETTINGS).toEqual(before);
    expect(changedSettings(DEFAULT_MINER_SETTINGS, { similarity: 0.2 }).similarity).toBe(0.2);
  });
});
