/**
 * The LLM service running: the local WebLLM engine (load, answer, cancel) and a classify-service
 * run with the LLM hooks (dry run, confirmation, what is kept on Cancel). Settings, keys, redirects
 * and the remote API are in llm-service.test.ts.
 */
import 'fake-indexeddb/auto';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { Classifier } from '../../../src/core/classifier.ts';
import { parseBundle } from '../../../src/core/bundle.ts';
import { csvLine } from '../../../src/core/csv/format.ts';
import { generateLogs } from '../../../src/core/generate/generator.ts';
import { LlmKeyCollector } from '../../../src/core/llm/llm-tier.ts';
import { DEFAULT_LOCAL_MODEL } from '../../../src/core/llm/models.ts';
import { maskMessage } from '../../../src/core/message-key.ts';
import { runClassification } from '../../../src/core/run.ts';
import type { LlmSettings } from '../../../workers/llm-api.ts';
import { DEFAULT_BUNDLE_JSON as DEFAULT_JSON, testService } from '../../helpers/classify-service.ts';
import type { LlmConfirmation, LlmRunHooks, LlmRunOutcome } from '../../../workers/llm-run.ts';
import { BUNDLE, GPU, harness, NO_GPU, useMockLlmServer, useRemote, type Harness } from '../../helpers/llm-service-harness.ts';

const mock = useMockLlmServer();
const remote = (h: Harness, extra: Partial<LlmSettings['remote']> = {}) => useRemote(h, mock.baseUrl, extra);

describe('LLM service: local WebLLM', () => {
  it('says clearly when WebGPU is missing, and what to do instead', async () => {
    const { api } = harness({ gpu: NO_GPU });
    const error = await api.loadLocalModel(() => {}).then(
      () => null,
      (e: Error) => e,
    );
    expect(error?.message).toMatch(/needs WebGPU/);
    expect(error?.message).toMatch(/no GPU adapter/);
    expect(error?.message).toMatch(/Remote API/);
  });

  it('downloads with progress, runs without confirmation, and deletes a stored model', async () => {
    const h = harness({ gpu: GPU });
    const progress: number[] = [];
    const status = await h.api.loadLocalModel((p) => progress.push(p.fraction));
    expect(progress.at(-1)).toBe(1);
    expect(status).toMatchObject({ ready: true, loadedModel: DEFAULT_LOCAL_MODEL, destination: 'this device' });
    expect(await h.api.storedModels([DEFAULT_LOCAL_MODEL, 'Qwen2.5-1.5B-Instruct-q4f16_1-MLC'])).toEqual({
      [DEFAULT_LOCAL_MODEL]: true,
      'Qwen2.5-1.5B-Instruct-q4f16_1-MLC': false,
    });
    const start = await h.api.beginRun(BUNDLE);
    expect(start).toMatchObject({ remote: false, destination: 'this device' });
    const answers = new Map(await h.api.classifyKeys(['Workflow <*> halted']));
    expect(answers.get('Workflow <*> halted')?.label).toBe('Workflow Error');
    expect(h.engines[0].calls).toBe(1);
    await h.api.endRun();
    const after = await h.api.deleteLocalModel(DEFAULT_LOCAL_MODEL);
    expect(after.loadedModel).toBeNull();
    expect((await h.api.storedModels([DEFAULT_LOCAL_MODEL]))[DEFAULT_LOCAL_MODEL]).toBe(false);
  });

  it('explains a storage quota error', async () => {
    const quota = Object.assign(new Error('Failed to execute put on Cache'), { name: 'QuotaExceededError' });
    const { api } = harness({ gpu: GPU, load: async () => Promise.reject(quota) });
    await expect(api.loadLocalModel(() => {})).rejects.toThrow(/no room to store this model \(about 4\.3 GB\).*Keep for offline use/);
  });

  it('interrupts the local engine on cancel', async () => {
    const h = harness({ gpu: GPU, engineDelayMs: 5000 });
    await h.api.loadLocalModel(() => {});
    await h.api.beginRun(BUNDLE);
    const pending = h.api.classifyKeys(['Workflow <*> halted']);
    await new Promise((r) => setTimeout(r, 50));
    h.api.cancelRun();
    await expect(pending).rejects.toMatchObject({ name: 'CancelledError' });
    expect(h.engines[0].interrupts).toBe(1);
  });
});

describe('a classify-service run with the LLM hooks', () => {
  function csv(rows: number, seed: string): Blob {
    const parts = [csvLine(['source', 'log_message'])];
    for (const log of generateLogs({ rows, seed })) parts.push(csvLine([log.source, log.log_message]));
    return new Blob(parts);
  }

  const classifyService = () => testService().api;

  /** The hooks the page gives: the LLM service plus a scripted confirmation. */
  function hooks(h: Harness, answer: (info: LlmConfirmation) => boolean) {
    const seen = { confirmations: [] as LlmConfirmation[], phases: [] as string[], outcome: null as LlmRunOutcome | null };
    const value: LlmRunHooks = {
      begin: async (bundle) => h.api.beginRun(bundle),
      count: (keys) => h.api.countKeys(keys),
      confirm: async (info) => {
        seen.confirmations.push(info);
        const ok = answer(info);
        if (ok) h.api.confirmRun();
        return ok;
      },
      classifyKeys: (keys) => h.api.classifyKeys(keys),
      cancel: async () => h.api.cancelRun(),
      phase: async (phase) => void seen.phases.push(phase),
      finish: async (outcome) => {
        seen.outcome = outcome;
        await h.api.endRun();
      },
    };
    return { value, seen };
  }

  /** What the dry run finds: the distinct keys tier 3 gets with the default bundle. */
  async function expectedKeys(blob: Blob): Promise<number> {
    const collector = new LlmKeyCollector();
    const classifier = new Classifier(parseBundle(DEFAULT_JSON), undefined, { llm: collector });
    await runClassification({ input: blob, kind: 'csv', classifier, explain: false });
    return collector.keys.size;
  }

  it('counts, confirms, labels tier llm, fills the review list; a re-run sends nothing', async () => {
    const h = harness();
    await remote(h);
    const api = classifyService();
    const blob = csv(2000, 'llm-svc');
    const expected = await expectedKeys(blob);
    expect(expected).toBeGreaterThan(0);
    const { value, seen } = hooks(h, () => true);
    const summary = await api.classify(blob, 'x.csv', true, () => {}, value);
    expect(summary.cancelled).toBe(false);
    expect(seen.phases).toEqual(['counting', 'confirm', 'classifying']);
    expect(seen.confirmations).toHaveLength(1);
    const [confirmation] = seen.confirmations;
    expect(confirmation).toMatchObject({ distinct: expected, cached: 0, destination: new URL(mock.baseUrl).host, endpoint: `${mock.baseUrl}/chat/completions`, model: 'qwen/qwen3-32b' });
    // The confirmation lists exactly the messages that are then sent, each once, and the instructions sent with them.
    expect(confirmation.toSend).toBe(confirmation.messages.length);
    expect(confirmation.toSend).toBeLessThanOrEqual(expected);
    expect(mock.chatLogs().sort()).toEqual([...confirmation.messages].sort());
    expect(mock.chatRequests().every((r) => JSON.parse(r.body).messages[0].content === confirmation.instructions)).toBe(true);
    expect(summary.byTier['llm-pending']).toBe(0);
    expect(summary.byTier.llm).toBeGreaterThan(0);
    const out = Papa.parse<Record<string, string>>(await (await api.buildOutput(true)).text(), { header: true, skipEmptyLines: true }).data;
    expect(out.filter((r) => r.source === 'LegacyCRM').every((r) => r.tier === 'llm')).toBe(true);
    expect(out.length).toBe(2000);
    const review = seen.outcome!.review;
    expect(review.length).toBeGreaterThan(0);
    expect(review.every((item) => item.reason.length > 0 && item.lines.length >= 1)).toBe(true);
    expect(review.reduce((s, item) => s + item.rows, 0)).toBe(summary.byTier.llm);

    // Re-run: every answer cached, no confirmation, no call.
    const again = hooks(h, () => true);
    const second = await api.classify(blob, 'x.csv', false, () => {}, again.value);
    expect(again.seen.confirmations).toEqual([]);
    expect(mock.chatRequests()).toHaveLength(confirmation.toSend);
    expect(second.byTier.llm).toBe(summary.byTier.llm);
  });

  it('review decisions override the cached answers in later runs, survive clearing the cache, and are never sent again', async () => {
    const h = harness();
    await remote(h);
    const api = classifyService();
    const blob = csv(2000, 'llm-review');
    const first = hooks(h, () => true);
    await api.classify(blob, 'x.csv', true, () => {}, first.value);
    const [corrected, rejected, untouched] = first.seen.outcome!.review;
    expect(untouched).toBeDefined();
    await h.api.recordReview(corrected.key, { status: 'corrected', label: 'Legacy Workflow', llmLabel: corrected.label, reason: corrected.reason });
    await h.api.recordReview(rejected.key, { status: 'rejected', label: 'Unclassified', llmLabel: rejected.label, reason: rejected.reason });
    await expect(h.api.recordReview('x', { status: 'maybe', label: 'A', llmLabel: 'B', reason: '' } as never)).rejects.toThrow(/needs a status \(accepted, corrected or rejected\)/);
    // Even with every cached answer gone, the decided lines are not sent again.
    await h.api.clearAnswers();
    const sentBefore = mock.chatRequests().length;
    const again = hooks(h, () => true);
    const summary = await api.classify(blob, 'x.csv', true, () => {}, again.value);
    expect(mock.chatRequests().length - sentBefore).toBe(again.seen.confirmations[0].toSend);
    expect(again.seen.confirmations[0].messages).not.toContain(corrected.key);
    expect(again.seen.confirmations[0].messages).not.toContain(rejected.key);
    const rows = Papa.parse<Record<string, string>>(await (await api.buildOutput(true)).text(), { header: true, skipEmptyLines: true }).data;
    const ofKey = (key: string) => rows.filter((r) => maskMessage(r.log_message) === key);
    expect(ofKey(corrected.key).length).toBe(corrected.rows);
    expect(ofKey(corrected.key).every((r) => r.target_label === 'Legacy Workflow' && r.tier === 'llm')).toBe(true);
    expect(ofKey(rejected.key).every((r) => r.target_label === 'Unclassified' && r.tier === 'llm')).toBe(true);
    expect(summary.byLabel['Legacy Workflow']).toBe(corrected.rows);
    // The review list comes back with the decisions.
    const byKey = new Map(again.seen.outcome!.review.map((item) => [item.key, item]));
    expect(byKey.get(corrected.key)).toMatchObject({ status: 'corrected', label: corrected.label, correctedLabel: 'Legacy Workflow' });
    expect(byKey.get(rejected.key)).toMatchObject({ status: 'rejected', label: rejected.label });
    expect(byKey.get(untouched.key)?.status).toBe('pending');
    expect((await h.api.endRun()) ?? null).toBeNull();
  });

  it('declining sends nothing and leaves the lines for the LLM unclassified', async () => {
    const h = harness();
    await remote(h);
    const api = classifyService();
    const { value, seen } = hooks(h, () => false);
    const summary = await api.classify(csv(800, 'llm-decline'), 'x.csv', false, () => {}, value);
    expect(seen.outcome?.declined).toBe(true);
    expect(mock.chatRequests()).toHaveLength(0);
    expect(summary.byTier.llm).toBe(0);
    expect(summary.byTier['llm-pending']).toBeGreaterThan(0);
  });

  it('Cancel during the LLM calls stops the LLM only: the run finishes with rules and the model, and keeps every row', async () => {
    const h = harness();
    await remote(h, { concurrency: 1 });
    mock.behaviour.delayMs = 3000;
    const api = classifyService();
    const { value, seen } = hooks(h, () => true);
    const running = api.classify(csv(2000, 'llm-cancel'), 'x.csv', true, () => {}, value);
    await expect.poll(() => mock.requests.filter((r) => r.method === 'POST').length, { timeout: 10_000 }).toBeGreaterThan(0);
    expect(api.cancel()).toBe('llm');
    const summary = await running;
    expect(summary.cancelled).toBe(false);
    expect(summary.llmCancelled).toBe(true);
    expect(summary.rows).toBe(2000);
    expect(seen.outcome).toMatchObject({ cancelled: false, stopped: true });
    const out = Papa.parse<Record<string, string>>(await (await api.buildOutput(true)).text(), { header: true, skipEmptyLines: true }).data;
    expect(out).toHaveLength(2000);
    // The LLM's lines are marked as left for it; rules and the model labelled the rest.
    const pending = out.filter((r) => r.tier === 'llm-pending');
    expect(pending.length).toBe(summary.byTier['llm-pending']);
    expect(pending.every((r) => r.target_label === 'Unclassified')).toBe(true);
    expect(out.filter((r) => r.source === 'LegacyCRM').every((r) => r.tier === 'llm-pending')).toBe(true);
    expect(summary.byTier.regex + summary.byTier.ngram).toBeGreaterThan(1000);
    const before = mock.chatRequests().length;
    await new Promise((r) => setTimeout(r, 300));
    expect(mock.chatRequests().length).toBe(before);
    expect(api.cancel()).toBeNull();
  });

  it('Cancel outside the LLM step cancels the run', async () => {
    const h = harness();
    await remote(h);
    const api = classifyService();
    let cancelled: string | null = null;
    const { value } = hooks(h, () => {
      cancelled = api.cancel();
      return false;
    });
    const summary = await api.classify(csv(800, 'llm-cancel-confirm'), 'x.csv', false, () => {}, value);
    expect(cancelled).toBe('job');
    expect(summary.cancelled).toBe(true);
    expect(mock.chatRequests()).toHaveLength(0);
  });
});
