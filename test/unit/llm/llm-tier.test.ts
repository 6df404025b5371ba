import 'fake-indexeddb/auto';
import type { MLCEngineInterface } from '@mlc-ai/web-llm';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Classifier } from '../../../src/core/classifier.ts';
import { CancelledError } from '../../../src/core/errors.ts';
import { evaluate } from '../../../src/core/training/evaluate.ts';
import { interruptible, type ChatEngine } from '../../../src/core/llm/engine.ts';
import { LlmKeyCollector, LlmTier, MemoryLlmCache, type LlmProgress, type LlmTierOptions } from '../../../src/core/llm/llm-tier.ts';
import { OpenAiClient } from '../../../src/core/llm/openai-client.ts';
import { promptConfigOf } from '../../../src/core/llm/prompt.ts';
import { compileRedactor } from '../../../src/core/llm/redact.ts';
import { maskMessage } from '../../../src/core/message-key.ts';
import { runClassification } from '../../../src/core/run.ts';
import type { ResultBatch } from '../../../src/core/run-report.ts';
import { UNCLASSIFIED } from '../../../src/core/types.ts';
import { IdbLlmCache } from '../../../src/storage/llm-cache.ts';
import { FakeWebLlmEngine } from '../../helpers/fake-webllm-engine.ts';
import { startMockOpenAiServer, type MockOpenAiServer } from '../../helpers/mock-openai-server.ts';
import { labelledRows, smallBundle } from '../../helpers/fixtures.ts';

// WebLLM's engine fits the ChatEngine interface as it is (a compile-time check).
export const webLlmFits = (engine: MLCEngineInterface): ChatEngine => interruptible(engine);

const PROMPT = { labels: ['Deprecation Warning', 'Error', 'Workflow Error'], examples: {} };
const tier = (engine: ChatEngine, options: Partial<LlmTierOptions> = {}) =>
  new LlmTier({ engine, model: 'fake-r1', destination: 'this device', prompt: PROMPT, ...options });

describe('LlmTier with a WebLLM-shaped engine', () => {
  it('labels each distinct key once, from R1-style answers, streaming or not', async () => {
    for (const stream of [false, true]) {
      const engine = new FakeWebLlmEngine();
      const answers = await tier(engine, { stream }).classifyKeys([
        'Escalation rule <*> did not fire for case <*>',
        'SOAP interface LeadService is deprecated',
        'Escalation rule <*> did not fire for case <*>',
        'Nightly report mailed to the team',
      ]);
      expect(engine.calls).toBe(3);
      expect(engine.requests.every((r) => Boolean(r.stream) === stream)).toBe(true);
      expect(Object.fromEntries([...answers].map(([key, a]) => [key, a.label]))).toEqual({
        'Escalation rule <*> did not fire for case <*>': 'Workflow Error',
        'SOAP interface LeadService is deprecated': 'Deprecation Warning',
        'Nightly report mailed to the team': UNCLASSIFIED,
      });
      expect(answers.get('SOAP interface LeadService is deprecated')!.reason).toBe('The line reads like a typical deprecation warning message.');
    }
  });

  it('caches by (model, prompt id, key): a second run makes no calls; another model or prompt asks again', async () => {
    const cache = new MemoryLlmCache();
    const engine = new FakeWebLlmEngine();
    const keys = ['Workflow <*> halted', 'API v<*> is deprecated'];
    await tier(engine, { cache }).classifyKeys(keys);
    expect(engine.calls).toBe(2);
    const again = tier(engine, { cache });
    expect(await again.countDistinct([...keys, keys[0]])).toEqual({ distinct: 2, cached: 2, toSend: 0, messages: [] });
    const answers = await again.classifyKeys(keys);
    expect(engine.calls).toBe(2);
    expect(again.stats).toMatchObject({ sent: 0, cached: 2 });
    expect(answers.get(keys[0])!.label).toBe('Workflow Error');
    await tier(engine, { cache, model: 'other-model' }).classifyKeys(keys);
    await tier(engine, { cache, prompt: { ...PROMPT, labels: [...PROMPT.labels, 'Security Alert'] } }).classifyKeys(keys);
    expect(engine.calls).toBe(6);
  });

  it('keeps answers in IndexedDB across tier instances', async () => {
    const cache = await IdbLlmCache.open('llm-tier-test');
    await cache.clear();
    const engine = new FakeWebLlmEngine();
    await tier(engine, { cache }).classifyKeys(['Workflow <*> halted']);
    expect(await cache.count()).toBe(1);
    const reopened = await IdbLlmCache.open('llm-tier-test');
    const second = tier(engine, { cache: reopened });
    expect((await second.classifyKeys(['Workflow <*> halted'])).get('Workflow <*> halted')).toEqual({
      label: 'Workflow Error',
      reason: 'The line reads like a typical workflow error message.',
    });
    expect(engine.calls).toBe(1);
    cache.close();
    reopened.close();
  });

  it('reports progress and honours the concurrency limit', async () => {
    const engine = new FakeWebLlmEngine({ delayMs: 5 });
    let inFlight = 0;
    let maxInFlight = 0;
    const counting: ChatEngine = {
      chat: {
        completions: {
          async create(request, options) {
            inFlight++;
            maxInFlight = Math.max(maxInFlight, inFlight);
            try {
              return await interruptible(engine).chat.completions.create(request, options);
            } finally {
              inFlight--;
            }
          },
        },
      },
    };
    const progress: LlmProgress[] = [];
    const keys = Array.from({ length: 9 }, (_, i) => `Workflow step ${'x'.repeat(i)} halted`);
    await tier(counting, { concurrency: 3, onProgress: (p) => progress.push(p) }).classifyKeys(keys);
    expect(maxInFlight).toBe(3);
    expect(progress[0]).toMatchObject({ done: 0, total: 9 });
    expect(progress.at(-1)).toMatchObject({ done: 9, total: 9, sent: 9, failed: 0 });
  });

  it('cancels: interrupts WebLLM generation and rejects with CancelledError', async () => {
    const engine = new FakeWebLlmEngine({ delayMs: 10_000 });
    const controller = new AbortController();
    const pending = tier(interruptible(engine)).classifyKeys(['Workflow <*> halted'], controller.signal);
    setTimeout(() => controller.abort(), 10);
    await expect(pending).rejects.toBeInstanceOf(CancelledError);
    expect(engine.interrupts).toBe(1);
  });

  it('asks for confirmation once, with the count of messages to send; declining sends nothing', async () => {
    const engine = new FakeWebLlmEngine();
    const asked: Array<{ destination: string; messages: number }> = [];
    const declined = tier(engine, { confirm: (info) => (asked.push(info), false) });
    expect((await declined.classifyKeys(['a <*>', 'b <*>'])).size).toBe(0);
    expect(declined.stats.declined).toBe(true);
    expect(engine.calls).toBe(0);
    const accepted = tier(engine, { confirm: (info) => (asked.push(info), true) });
    await accepted.classifyKeys(['a <*>', 'b <*>']);
    await accepted.classifyKeys(['c <*>']);
    expect(asked).toEqual([
      { destination: 'this device', messages: 2 },
      { destination: 'this device', messages: 2 },
    ]);
    expect(engine.calls).toBe(3);
  });
});

describe('LlmTier with redaction (what a remote LLM gets)', () => {
  const redact = compileRedactor();
  const keys = [
    'Password reset mailed to jane.doe@example.com',
    'Password reset mailed to bob@example.org',
    'Neighbour fe<*>::<*>ff:fe<*>:<*>:<*>a unreachable',
    'SOAP interface LeadService is deprecated',
  ];

  it('lists and sends each redacted message once; every masked key gets its answer and its cache entry', async () => {
    const cache = new MemoryLlmCache();
    const engine = new FakeWebLlmEngine();
    const t = tier(engine, { cache, redact });
    const count = await t.countDistinct(keys);
    expect(count).toEqual({
      distinct: 4,
      cached: 0,
      toSend: 3,
      messages: ['Password reset mailed to <email>', 'Neighbour <ip> unreachable', 'SOAP interface LeadService is deprecated'],
    });
    const answers = await t.classifyKeys(keys);
    expect(engine.calls).toBe(3);
    expect(t.stats.sent).toBe(3);
    const sent = engine.requests.map((r) => r.messages.at(-1)!.content);
    expect(sent).toEqual(count.messages.map((m) => `<log>${m}</log>`));
    expect(sent.join('\n')).not.toMatch(/jane|bob|example\.(com|org)|fe<\*>/);
    // Answers are cached by the masked key, so a run without redaction would find them too.
    expect([...answers.keys()].sort()).toEqual([...keys].sort());
    expect(answers.get(keys[0])).toEqual(answers.get(keys[1]));
    expect(cache.entries.size).toBe(4);
    expect([...cache.entries.keys()].every((k) => keys.some((key) => k.endsWith(`\u0000${key}`)))).toBe(true);
  });

  it('redacts the prompt’s examples and says what the placeholders mean; a local run (no redact) is unchanged', async () => {
    const prompt = { labels: ['Security Alert', 'Error'], examples: { 'Security Alert': ['Login failed for root@build-<*> token=abcDEF<*>xyz'] } };
    const remote = tier(new FakeWebLlmEngine(), { prompt, redact });
    expect(remote.instructions).toContain('<log>Login failed for <user>@<host> token=<secret></log> → <category>Security Alert</category>');
    expect(remote.instructions).toMatch(/placeholders such as <email>/);
    expect(remote.instructions).not.toMatch(/root|build-|abcDEF/);
    const local = tier(new FakeWebLlmEngine(), { prompt });
    expect(local.instructions).toContain('<log>Login failed for root@build-<*> token=abcDEF<*>xyz</log>');
    expect(local.instructions).not.toMatch(/placeholders/);
    // Another prompt, another cache key: a redacted prompt never reuses a local answer.
    expect(remote.promptId).not.toBe(local.promptId);
  });
});

describe('LlmTier with the OpenAI-compatible client', () => {
  let server: MockOpenAiServer;
  beforeAll(async () => {
    server = await startMockOpenAiServer();
  });
  afterAll(() => server.close());

  const client = () => new OpenAiClient({ baseUrl: server.baseUrl, model: 'deepseek-r1-distill-llama-70b', backoffMs: 1, retries: 1 });

  it('a call that fails after retries leaves its key unanswered and uncached; a refused key stops the run', async () => {
    server.reset();
    server.behaviour.failures.push({ status: 500 }, { status: 500 });
    const cache = new MemoryLlmCache();
    const t = tier(client(), { cache });
    const answers = await t.classifyKeys(['Workflow <*> halted', 'API v<*> is deprecated']);
    expect(answers.size).toBe(1);
    expect(t.stats.failed).toBe(1);
    expect(t.stats.lastError).toMatch(/answered 500/);
    expect(cache.entries.size).toBe(1);

    server.behaviour.requireKey = 'right';
    await expect(tier(client()).classifyKeys(['x <*>', 'y <*>', 'z <*>'])).rejects.toThrow(/refused the API key/);
  });

  it('stops calling a server that fails several calls in a row, for the rest of the run', async () => {
    server.reset();
    // Every attempt fails: 20 messages would be 40 attempts; the breaker stops after 3 calls.
    server.behaviour.failures.push(...Array.from({ length: 40 }, () => ({ status: 503 })));
    const t = tier(client(), { destination: 'llm.example:8080' });
    const keys = Array.from({ length: 20 }, (_, i) => `Job ${i} <*> halted`);
    const answers = await t.classifyKeys(keys);
    expect(answers.size).toBe(0);
    expect(server.chatRequests()).toHaveLength(3 * 2);
    expect(t.stats).toMatchObject({ sent: 3, failed: 3, skipped: 17 });
    expect(t.stats.stopped).toMatch(/^Stopped calling llm\.example:8080 after 3 failed calls in a row \(.*answered 503.*\); the other messages were not sent\.$/);
    // A later batch of the same run sends nothing either.
    expect((await t.classifyKeys(['Other <*> thing', 'And <*> another'])).size).toBe(0);
    expect(server.chatRequests()).toHaveLength(6);
    expect(t.stats.skipped).toBe(19);
  });

  it('a call that succeeds between failures keeps the server in use', async () => {
    // fail, fail, ok, fail, fail, ok …: never three failures in a row.
    const fake = new FakeWebLlmEngine();
    let call = 0;
    const engine: ChatEngine = {
      chat: {
        completions: {
          create: (request) => (call++ % 3 === 2 ? fake.chat.completions.create(request) : Promise.reject(new Error('connection reset'))),
        },
      },
    };
    const t = tier(engine);
    const answers = await t.classifyKeys(Array.from({ length: 9 }, (_, i) => `Step ${i} <*> done`));
    expect(t.stats.stopped).toBeNull();
    expect(t.stats.failed).toBe(6);
    expect(answers.size).toBe(3);
  });
});

describe('the pipeline with the LLM tier', () => {
  // Training the shared test bundle takes a few seconds on a busy machine.
  beforeAll(() => smallBundle(), 60_000);

  const csvOf = (rows: Array<{ source: string; message: string }>) =>
    Papa.unparse({ fields: ['id', 'source', 'log_message'], data: rows.map((row, i) => [String(i), row.source, row.message]) });

  async function run(classifier: Classifier, input: string) {
    let output = '';
    const batches: ResultBatch[] = [];
    const summary = await runClassification({
      input,
      kind: 'csv',
      classifier,
      explain: true,
      onOutput: (text) => {
        output += text;
      },
      onResults: (batch) => batches.push(batch),
    });
    return { summary, rows: Papa.parse<string[]>(output, { skipEmptyLines: true }).data.slice(1), batches };
  }

  it('routed rows, rare top classes and low-confidence rows get tier llm; the others are unchanged', async () => {
    const bundle = await smallBundle();
    const data = labelledRows(3000, 5);
    data.push({ source: 'ModernCRM', message: 'zzz qqq', label: '?' }, { source: 'ModernCRM', message: '   ', label: '?' });
    const input = csvOf(data);
    const without = await run(new Classifier(bundle), input);
    const engine = new FakeWebLlmEngine();
    const llm = new LlmTier({ engine, model: 'fake-r1', destination: 'this device', prompt: promptConfigOf(bundle) });
    const withLlm = await run(new Classifier(bundle, undefined, { llm }), input);

    expect(without.summary.byTier['llm-pending']).toBeGreaterThan(0);
    expect(without.summary.byTier.none).toBeGreaterThan(0);
    const undecided = new Set<string>();
    without.rows.forEach((row, i) => {
      const after = withLlm.rows[i];
      if (row[4] === 'llm-pending' || (row[4] === 'none' && data[i].message.trim() !== '')) {
        undecided.add(maskMessage(data[i].message));
        expect(after[4]).toBe('llm');
      } else {
        expect(after).toEqual(row);
      }
    });
    expect(engine.calls).toBe(undecided.size);
    expect(withLlm.summary.byTier['llm-pending']).toBe(0);
    expect(withLlm.summary.byTier.llm).toBe(without.summary.byTier['llm-pending'] + without.summary.byTier.none - 1);
    // The blank row stays Unclassified/none; the gibberish row is the LLM's Unclassified.
    expect(withLlm.rows.at(-1)!.slice(3, 5)).toEqual([UNCLASSIFIED, 'none']);
    expect(withLlm.rows.at(-2)!.slice(3, 5)).toEqual([UNCLASSIFIED, 'llm']);
    // The rare classes come back from the LLM.
    const llmRows = withLlm.rows.map((row, i) => ({ row, truth: data[i].label })).filter(({ row }) => row[4] === 'llm');
    const workflow = llmRows.filter(({ truth }) => truth === 'Workflow Error');
    expect(workflow.length).toBeGreaterThan(0);
    expect(workflow.every(({ row }) => row[3] === 'Workflow Error')).toBe(true);
    expect(withLlm.batches.flatMap((b) => b.results).find((r) => r.tier === 'llm')!.reason).toMatch(/typical/);

    // Re-running with the same cache costs nothing.
    const rerun = await run(new Classifier(bundle, undefined, { llm: new LlmTier({ engine, model: 'fake-r1', destination: 'x', prompt: promptConfigOf(bundle), cache: new MemoryLlmCache() }) }), input);
    expect(rerun.rows).toEqual(withLlm.rows);
  }, 20_000);

  it('a second run with the same cache makes zero calls', async () => {
    const bundle = await smallBundle();
    const input = csvOf(labelledRows(1500, 8));
    const cache = new MemoryLlmCache();
    const engine = new FakeWebLlmEngine();
    const make = () => new Classifier(bundle, undefined, { llm: new LlmTier({ engine, model: 'm', destination: 'd', prompt: promptConfigOf(bundle), cache }) });
    const first = await run(make(), input);
    const calls = engine.calls;
    expect(calls).toBeGreaterThan(0);
    const second = await run(make(), input);
    expect(engine.calls).toBe(calls);
    expect(second.rows).toEqual(first.rows);
  });

  it('a dry run counts the distinct messages for the confirmation, without calling the model', async () => {
    const bundle = await smallBundle();
    const input = csvOf(labelledRows(1500, 8));
    const collector = new LlmKeyCollector();
    const classifier = new Classifier(bundle, undefined, { llm: collector });
    const dry = await run(classifier, input);
    expect(dry.summary.byTier.llm).toBe(0);
    const engine = new FakeWebLlmEngine();
    const llm = new LlmTier({ engine, model: 'm', destination: 'd', prompt: promptConfigOf(bundle) });
    expect(await llm.countDistinct(collector.keys)).toEqual({ distinct: collector.keys.size, cached: 0, toSend: collector.keys.size, messages: [...collector.keys] });
    classifier.llm = llm; // the same classifier: tiers 1 and 2 are cached already
    await run(classifier, input);
    expect(engine.calls).toBe(collector.keys.size);
  });

  it('a cancelled LLM call ends the run as cancelled', async () => {
    const bundle = await smallBundle();
    const controller = new AbortController();
    const engine = new FakeWebLlmEngine({ delayMs: 10_000 });
    const classifier = new Classifier(bundle, undefined, {
      llm: new LlmTier({ engine: interruptible(engine), model: 'm', destination: 'd', prompt: promptConfigOf(bundle) }),
    });
    setTimeout(() => controller.abort(), 20);
    const summary = await runClassification({ input: 'source,log_message\nLegacyCRM,Workflow 1 halted\n', kind: 'csv', classifier, explain: false, signal: controller.signal });
    expect(summary.cancelled).toBe(true);
  });

  it('eval can run the LLM tier on the held-out rows', async () => {
    const rows = labelledRows(2000, 3);
    const engine = new FakeWebLlmEngine();
    const result = await evaluate(rows, {
      testFraction: 0.3,
      seed: 1,
      rules: [],
      sourceRoutes: { LegacyCRM: 'llm' },
      minSamples: 10,
      confidence: 0.5,
      llm: (bundle) => new LlmTier({ engine, model: 'm', destination: 'd', prompt: promptConfigOf(bundle) }),
    });
    expect(result.tiers.llm).toBeGreaterThan(0);
    expect(result.tiers['llm-pending'] ?? 0).toBe(0);
    // Without the LLM tier the routed rare class is never predicted; with it, it is.
    expect(result.perClass['Workflow Error'].recall).toBeGreaterThan(0.9);
  }, 30_000);
});

describe('interruptible WebLLM streams', () => {
  it('an abort while a stream is read interrupts the generation', async () => {
    const engine = new FakeWebLlmEngine({ chunkSize: 3 });
    const controller = new AbortController();
    const reply = await interruptible(engine).chat.completions.create({ messages: [{ role: 'user', content: '<log>x</log>' }], stream: true }, { signal: controller.signal });
    let chunks = 0;
    for await (const _chunk of reply as AsyncIterable<unknown>) {
      if (++chunks === 2) controller.abort();
    }
    expect(engine.interrupts).toBe(1);
    // Once the stream is done, a later abort does nothing.
    const done = new AbortController();
    const full = await interruptible(engine).chat.completions.create({ messages: [{ role: 'user', content: '<log>x</log>' }], stream: true }, { signal: done.signal });
    for await (const _chunk of full as AsyncIterable<unknown>) void _chunk;
    done.abort();
    expect(engine.interrupts).toBe(1);
  });
});
