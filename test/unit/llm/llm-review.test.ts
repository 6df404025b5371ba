import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { Classifier } from '../../../src/core/classifier.ts';
import { LlmTier } from '../../../src/core/llm/llm-tier.ts';
import {
  DEFAULT_LOCAL_MODEL,
  fitsDevice,
  formatMB,
  LOCAL_MODELS,
  selfHostedProblems,
  selfHostedRecord,
  webLlmFetchBase,
} from '../../../src/core/llm/models.ts';
import { promptConfigOf } from '../../../src/core/llm/prompt.ts';
import { decide, graduation, mergeTrainingRows, ReviewCollector, trainingRowsFrom } from '../../../src/core/llm/review.ts';
import { runClassification } from '../../../src/core/run.ts';
import { trainBundle } from '../../../src/core/training/train.ts';
import { FakeWebLlmEngine } from '../../helpers/fake-webllm-engine.ts';
import { labelledRows } from '../../helpers/fixtures.ts';

describe('the review list and graduation', () => {
  it('collects LLM-labelled lines, turns accepted and corrected ones into training rows, and a class graduates on retraining', async () => {
    // Training data with a single Workflow Error line: the class is rare, its lines go to the LLM.
    const training = labelledRows(3000, 31).filter((row) => row.label !== 'Workflow Error');
    training.push({ message: 'Workflow 1 halted on case 2', label: 'Workflow Error', source: 'LegacyCRM' });
    const options = { name: 't', rules: [], sourceRoutes: { LegacyCRM: 'llm' as const }, minSamples: 10, confidence: 0.5 };
    const bundle = await trainBundle(training, options);
    expect(bundle.classCounts['Workflow Error']).toBe(1);

    // A run over new logs: the legacy lines go to the (fake) LLM and into the review list.
    const incoming = labelledRows(40_000, 32).filter((row) => row.source === 'LegacyCRM');
    incoming.push({ message: 'Mystery line nobody understands', label: 'Unclassified', source: 'LegacyCRM' });
    const input = Papa.unparse({ fields: ['source', 'log_message'], data: incoming.map((row) => [row.source, row.message]) });
    const llm = new LlmTier({ engine: new FakeWebLlmEngine(), model: 'm', destination: 'this device', prompt: promptConfigOf(bundle) });
    const collector = new ReviewCollector();
    await runClassification({ input, kind: 'csv', classifier: new Classifier(bundle, undefined, { llm }), explain: false, onResults: (batch) => collector.add(batch) });

    let items = collector.items();
    expect(items.reduce((sum, item) => sum + item.rows, 0)).toBe(incoming.length);
    expect(items[0].rows).toBeGreaterThan(1);
    expect(items[0]).toMatchObject({ source: 'LegacyCRM', status: 'pending' });
    expect(items[0].reason).toMatch(/typical/);

    // The reviewer accepts right answers, corrects wrong ones, rejects the mystery line.
    const truth = new Map(incoming.map((row) => [row.message, row.label]));
    for (const item of items) {
      const label = truth.get(item.message)!;
      if (label === 'Unclassified') items = decide(items, item.key, { status: 'rejected' });
      else if (label === item.label) items = decide(items, item.key, { status: 'accepted' });
      else items = decide(items, item.key, { status: 'corrected', label });
    }
    expect(() => decide(items, items[0].key, { status: 'corrected', label: ' ' })).toThrow(RangeError);
    const added = trainingRowsFrom(items);
    expect(added).toHaveLength(incoming.length - 1);
    expect(mergeTrainingRows(training, [...added, training[0]])).toHaveLength(training.length + added.length);

    const steps = graduation(bundle.classCounts, added, 10);
    const workflow = steps.find((step) => step.label === 'Workflow Error')!;
    expect(workflow.before).toBe(1);
    expect(workflow.after).toBeGreaterThanOrEqual(10);
    expect(workflow.graduates).toBe(true);

    // Retrained, the class is in the model tier: fresh Workflow Error lines from a source that is
    // not routed are predicted by the n-gram model. (With ~17 examples among 3,000 rows its
    // probability stays modest, so the threshold here is 0.2.)
    const retrained = await trainBundle(mergeTrainingRows(training, added), { ...options, confidence: 0.2 });
    // Its rows all come from LegacyCRM, which stays routed: the LLM keeps examples for those lines.
    expect(retrained.examples?.['Workflow Error']).toHaveLength(3);
    const fresh = labelledRows(30_000, 40)
      .filter((row) => row.label === 'Workflow Error')
      .map((row) => ({ ...row, source: 'ModernCRM' }));
    const results = await new Classifier(retrained).classify(fresh);
    const byModel = results.filter((result) => result.label === 'Workflow Error' && result.tier === 'ngram').length;
    expect(byModel).toBeGreaterThan(fresh.length / 2);
  }, 60_000);

  it('a correction to the same label counts as accepting, and Unclassified never becomes a training row', () => {
    const item = { key: 'k', message: 'm', source: 's', label: 'Error', reason: 'r', rows: 1, status: 'pending' as const };
    expect(decide([item], 'k', { status: 'corrected', label: 'Error' })[0].status).toBe('accepted');
    expect(trainingRowsFrom([{ ...item, label: 'Unclassified', status: 'accepted' }])).toEqual([]);
    expect(trainingRowsFrom([{ ...item, status: 'corrected', correctedLabel: 'Security Alert' }])).toEqual([{ message: 'm', label: 'Security Alert', source: 's' }]);
  });
});

describe('the local model catalogue', () => {
  it('offers the two DeepSeek distills (default first) and a small model, with size and GPU memory', () => {
    expect(LOCAL_MODELS[0].id).toBe(DEFAULT_LOCAL_MODEL);
    expect(LOCAL_MODELS.map((m) => m.id)).toEqual([
      'DeepSeek-R1-Distill-Qwen-7B-q4f16_1-MLC',
      'DeepSeek-R1-Distill-Llama-8B-q4f16_1-MLC',
      'Qwen2.5-1.5B-Instruct-q4f16_1-MLC',
    ]);
    for (const model of LOCAL_MODELS) {
      expect(model.downloadMB).toBeGreaterThan(0);
      expect(model.vramMB).toBeGreaterThan(0);
    }
    expect(LOCAL_MODELS.filter((m) => !m.id.startsWith('DeepSeek')).every((m) => m.vramMB < 2000)).toBe(true);
    expect(formatMB(5107)).toBe('5.1 GB');
    expect(formatMB(900)).toBe('900 MB');
    expect(fitsDevice(LOCAL_MODELS[0], { features: new Set(['shader-f16']), memoryMB: 4000 })).toBe(false);
    expect(fitsDevice(LOCAL_MODELS[2], { features: new Set(['shader-f16']), memoryMB: 4000 })).toBe(true);
    expect(fitsDevice(LOCAL_MODELS[2], { features: new Set() })).toBe(false);
  });

  it('a self-hosted entry needs absolute URLs and a .wasm library', () => {
    const good = {
      id: 'DeepSeek-R1-Distill-Qwen-7B-q4f16_1-MLC',
      modelUrl: 'https://models.intranet.example/mlc/DeepSeek-R1-Distill-Qwen-7B-q4f16_1-MLC/resolve/main',
      modelLibUrl: 'https://models.intranet.example/libs/Qwen2-7B-Instruct-q4f16_1_cs1k-webgpu.wasm',
      vramMB: 5107,
    };
    expect(selfHostedProblems(good)).toEqual([]);
    expect(selfHostedRecord(good)).toEqual({
      model: `${good.modelUrl}/`,
      model_id: good.id,
      model_lib: good.modelLibUrl,
      vram_required_MB: 5107,
      overrides: { context_window_size: 4096 },
    });
    expect(selfHostedProblems({ ...good, modelUrl: '/mlc/DeepSeek/' }).join(' ')).toMatch(/model URL must be an absolute/);
    expect(selfHostedProblems({ ...good, modelLibUrl: 'libs/x.wasm' }).join(' ')).toMatch(/library URL must be an absolute/);
    expect(selfHostedProblems({ ...good, modelLibUrl: 'https://x.example/lib.js' }).join(' ')).toMatch(/\.wasm/);
    expect(selfHostedProblems({ ...good, modelUrl: 'file:///models/x' }).join(' ')).toMatch(/absolute http/);
    expect(selfHostedProblems({ ...good, id: 'bad id!' }).join(' ')).toMatch(/model id/);
    expect(() => selfHostedRecord({ ...good, modelUrl: 'relative/path' })).toThrow(RangeError);
    // WebLLM appends resolve/main/ unless the URL has a /resolve/<branch>/ part.
    expect(webLlmFetchBase('https://m.example/x')).toBe('https://m.example/x/resolve/main/');
    expect(webLlmFetchBase(good.modelUrl)).toBe(`${good.modelUrl}/`);
  });
});
