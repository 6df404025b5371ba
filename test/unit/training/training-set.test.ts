/** The training workspace's core: the training set (dedupe, label edits, class counts) and the threshold curve. */
import { describe, expect, it } from 'vitest';
import { pointAt, thresholdCurve, type HeldOutAnswer } from '../../../src/core/training/threshold-curve.ts';
import {
  addRows,
  classCounts,
  deleteLabel,
  filterRows,
  labelProblem,
  mergeLabels,
  renameLabel,
  sanitizeRows,
  trainingSetCsv,
  type TrainingRow,
} from '../../../src/core/training-set/training-set.ts';

const row = (message: string, label: string, source = '', origin: TrainingRow['origin'] = 'import'): TrainingRow => ({ message, label, source, origin });

describe('training set', () => {
  it('adds rows, drops duplicates, relabels a line added again with another label, refuses unusable rows', () => {
    const first = addRows([], [row('a', 'X'), row('b', 'Y'), row('a', 'X'), row('a', 'X', 'other source')]);
    expect(first).toMatchObject({ added: 3, duplicates: 1, relabelled: 0, invalid: 0 });
    const second = addRows(first.rows, [
      { message: 'a', label: '  Z  ', origin: 'correction' },
      { message: ' ', label: 'X', origin: 'import' },
      { message: 'c', label: '', origin: 'import' },
      { message: 'd', label: 'Unclassified', origin: 'import' },
    ]);
    expect(second).toMatchObject({ added: 0, duplicates: 0, relabelled: 1, invalid: 3 });
    expect(second.rows).toEqual([row('a', 'Z', '', 'correction'), row('b', 'Y'), row('a', 'X', 'other source')]);
    // The input is not changed.
    expect(first.rows[0]).toEqual(row('a', 'X'));
  });

  it('renames, merges (also by renaming onto an existing label) and deletes labels', () => {
    const rows = [row('a', 'X'), row('b', 'Y'), row('c', 'Z'), row('d', 'X')];
    expect(renameLabel(rows, 'X', 'Renamed').map((r) => r.label)).toEqual(['Renamed', 'Y', 'Z', 'Renamed']);
    expect(renameLabel(rows, 'X', 'Y').map((r) => r.label)).toEqual(['Y', 'Y', 'Z', 'Y']);
    expect(mergeLabels(rows, ['X', 'Z'], 'W').map((r) => r.label)).toEqual(['W', 'Y', 'W', 'W']);
    expect(deleteLabel(rows, 'X').map((r) => r.message)).toEqual(['b', 'c']);
    expect(() => renameLabel(rows, 'X', ' ')).toThrow(/cannot be empty/);
    expect(() => renameLabel(rows, 'X', 'Unclassified')).toThrow(/cannot be a training label/);
    expect(() => renameLabel(rows, 'nope', 'A')).toThrow(/no label “nope”/);
    expect(labelProblem('Fine label')).toBeNull();
  });

  it('counts classes against minSamples, most first', () => {
    const rows = [...Array.from({ length: 10 }, (_, i) => row(`a${i}`, 'Big')), row('b', 'Rare'), row('c', 'Rare')];
    expect(classCounts(rows, 10)).toEqual([
      { label: 'Big', count: 10, modelled: true },
      { label: 'Rare', count: 2, modelled: false },
    ]);
    expect(classCounts(rows, 2).every((c) => c.modelled)).toBe(true);
  });

  it('filters rows by label and search, exports CSV, and sanitises stored rows', () => {
    const rows = [row('Disk FULL', 'R', 'Billing'), row('login', 'U', 'HR'), row('disk ok, "fine"', 'U', 'x')];
    expect(filterRows(rows, { search: 'disk' })).toEqual([0, 2]);
    expect(filterRows(rows, { label: 'U', search: 'hr' })).toEqual([1]);
    expect(filterRows(rows, {})).toEqual([0, 1, 2]);
    expect(trainingSetCsv(rows)).toBe('source,log_message,target_label,origin\nBilling,Disk FULL,R,import\nHR,login,U,import\nx,"disk ok, ""fine""",U,import\n');
    expect(sanitizeRows('nope')).toEqual([]);
    expect(sanitizeRows([{ message: 'm', label: 'L' }])).toEqual([row('m', 'L')]);
  });
});

describe('threshold curve', () => {
  const answers: HeldOutAnswer[] = [
    { confidence: 0.95, correct: true, eligible: true },
    { confidence: 0.8, correct: true, eligible: true },
    { confidence: 0.6, correct: false, eligible: true },
    { confidence: 0.5, correct: true, eligible: true },
    { confidence: 0.3, correct: false, eligible: true },
    // A rare top class: sent onwards at every threshold.
    { confidence: 0.99, correct: false, eligible: false },
  ];

  it('gives accuracy among accepted lines and the share sent onwards at each threshold', () => {
    const curve = thresholdCurve(answers, 10);
    expect(curve.rows).toBe(6);
    expect(curve.points).toHaveLength(11);
    expect(curve.points[0]).toEqual({ threshold: 0, accuracy: 3 / 5, accepted: 5 / 6, onwards: 1 / 6 });
    expect(curve.points[5]).toMatchObject({ threshold: 0.5, accuracy: 3 / 4, accepted: 4 / 6 });
    expect(curve.points[6]).toMatchObject({ accuracy: 2 / 3, accepted: 3 / 6 });
    expect(curve.points[9]).toMatchObject({ accuracy: 1, accepted: 1 / 6 });
    expect(curve.points[10]).toEqual({ threshold: 1, accuracy: null, accepted: 0, onwards: 1 });
    // Sent onwards never falls as the threshold rises.
    for (let k = 1; k <= 10; k++) expect(curve.points[k].onwards).toBeGreaterThanOrEqual(curve.points[k - 1].onwards);
    expect(pointAt(curve, 0.55)).toBe(curve.points[5]);
    expect(pointAt(curve, 0.5)).toBe(curve.points[5]);
  });

  it('matches a direct count at every threshold of the default grid', () => {
    const many: HeldOutAnswer[] = Array.from({ length: 500 }, (_, i) => ({
      confidence: ((i * 7919) % 1000) / 1000,
      correct: i % 3 !== 0,
      eligible: i % 11 !== 0,
    }));
    const curve = thresholdCurve(many);
    for (const p of curve.points) {
      const accepted = many.filter((a) => a.eligible && a.confidence >= p.threshold - 1e-9);
      expect(p.accepted).toBeCloseTo(accepted.length / many.length, 12);
      if (accepted.length) expect(p.accuracy).toBeCloseTo(accepted.filter((a) => a.correct).length / accepted.length, 12);
    }
  });

  it('is empty without answers', () => {
    expect(thresholdCurve([], 4).points[0]).toEqual({ threshold: 0, accuracy: null, accepted: 0, onwards: 0 });
  });
});
