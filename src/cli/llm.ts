/**
 * `--llm openai …` for classify and eval: tier 3 through an OpenAI-compatible API (Groq by
 * default, or a local server such as Ollama or LM Studio). The key comes from the environment
 * (LOGSIFT_LLM_API_KEY), never from a flag, so it stays out of shell history and process lists.
 * The local WebLLM models need WebGPU and run in the page only.
 */
import { readFile } from 'node:fs/promises';
import type { ModelBundle } from '../core/bundle.ts';
import { LlmTier, MemoryLlmCache, type LlmAnswer } from '../core/llm/llm-tier.ts';
import { GROQ_BASE_URL, LlmHttpError, OpenAiClient } from '../core/llm/openai-client.ts';
import { promptConfigOf, type LabelScope } from '../core/llm/prompt.ts';
import { compileRedactor } from '../core/llm/redact.ts';
import { InputError } from '../core/errors.ts';
import { parseNumber, UsageError } from './options.ts';
import { planOutput, writeOutput, type OutputPlan } from './output-file.ts';
import { say } from './terminal.ts';

export const LLM_KEY_ENV = 'LOGSIFT_LLM_API_KEY';

export const LLM_OPTIONS = {
  llm: { type: 'string' },
  'llm-base-url': { type: 'string' },
  'llm-model': { type: 'string' },
  'llm-labels': { type: 'string' },
  'llm-concurrency': { type: 'string' },
  'llm-timeout': { type: 'string' },
  'llm-retries': { type: 'string' },
  'llm-cache': { type: 'string' },
} as const;

export const LLM_USAGE = `LLM tier (classify and eval): --llm openai [--llm-base-url URL] --llm-model ID [--llm-labels all|rare]
                [--llm-concurrency 4] [--llm-timeout SECONDS] [--llm-retries 4] [--llm-cache FILE.json]
  Lines that are routed to the LLM, whose top class is rare, or below the threshold are sent, once per
  distinct masked message (with e-mail addresses, user and host names, IPv6/MAC addresses, tokens and
  query strings redacted), to an OpenAI-compatible API (default ${GROQ_BASE_URL}); redirects are not
  followed. The key is read from ${LLM_KEY_ENV}. Without --llm those lines stay Unclassified. Without
  --llm-model the server's models are listed.
`;

type LlmValues = { [K in keyof typeof LLM_OPTIONS]?: string };

export interface CliLlm {
  /** A tier for a bundle (its labels and examples); eval calls it with the bundle trained on its split. */
  tierFor(bundle: ModelBundle): LlmTier;
  /** Prints what was sent where, and saves the cache file. */
  finish(): Promise<void>;
}

function isLocalHost(host: string): boolean {
  return /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])(:\d+)?$/.test(host);
}

async function loadCacheFile(path: string): Promise<MemoryLlmCache> {
  const cache = new MemoryLlmCache();
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') return cache;
    throw new InputError(`--llm-cache ${path}: ${(error as Error).message}`);
  }
  try {
    const entries = JSON.parse(text) as Record<string, LlmAnswer>;
    for (const [key, answer] of Object.entries(entries)) {
      if (typeof answer?.label === 'string' && typeof answer.reason === 'string') cache.entries.set(key, { label: answer.label, reason: answer.reason });
    }
  } catch {
    throw new InputError(`--llm-cache ${path}: not a logsift LLM cache file (JSON); it is left as it is`);
  }
  return cache;
}

/**
 * Reads the --llm flags; null without --llm. Throws UsageError for flags that do not fit together.
 * `files`: what the command reads and writes otherwise, which the answer cache must not be.
 */
export async function llmFrom(
  values: LlmValues,
  env: NodeJS.ProcessEnv = process.env,
  files: { reads: readonly string[]; outputs: readonly OutputPlan[] } = { reads: [], outputs: [] },
): Promise<CliLlm | null> {
  if (values.llm === undefined) {
    const stray = Object.keys(LLM_OPTIONS).find((flag) => flag !== 'llm' && values[flag as keyof LlmValues] !== undefined);
    if (stray) throw new UsageError(`--${stray} needs --llm openai`);
    return null;
  }
  if (values.llm !== 'openai') {
    throw new UsageError(`--llm must be "openai" (an OpenAI-compatible API); the local WebLLM models need WebGPU and run in the page`);
  }
  const scope = values['llm-labels'] ?? 'all';
  if (scope !== 'all' && scope !== 'rare') throw new UsageError(`--llm-labels must be all or rare, got "${scope}"`);
  const concurrency = parseNumber('--llm-concurrency', values['llm-concurrency'], 4, (n) => Number.isInteger(n) && n >= 1 && n <= 64, 'a whole number from 1 to 64');
  const client = new OpenAiClient({
    baseUrl: values['llm-base-url'] ?? GROQ_BASE_URL,
    apiKey: env[LLM_KEY_ENV] || undefined,
    model: values['llm-model'],
    concurrency,
    timeoutMs: 1000 * parseNumber('--llm-timeout', values['llm-timeout'], 60, (n) => n > 0, 'a number of seconds > 0'),
    retries: parseNumber('--llm-retries', values['llm-retries'], 4, (n) => Number.isInteger(n) && n >= 0 && n <= 10, 'a whole number from 0 to 10'),
    onRetry: (info) => say(`LLM: ${info.reason} Retrying in ${(info.delayMs / 1000).toFixed(1)} s.`),
  });
  if (!env[LLM_KEY_ENV] && !isLocalHost(client.host)) {
    say(`warning: ${LLM_KEY_ENV} is not set; ${client.host} will probably refuse the requests`);
  }
  if (!client.model) {
    const models = await client.listModels();
    throw new UsageError(
      `--llm-model is required. ${client.host} offers: ${models.map((m) => m.id).join(', ') || '(no models)'}`,
    );
  }
  const model = client.model;
  const cachePath = values['llm-cache'];
  const cachePlan = cachePath ? await planOutput('--llm-cache', cachePath, files.reads, files.outputs) : null;
  const cache = cachePath ? await loadCacheFile(cachePath) : new MemoryLlmCache();
  const tiers: LlmTier[] = [];
  const redact = compileRedactor();
  return {
    tierFor(bundle) {
      const tier = new LlmTier({
        engine: client,
        model: `openai:${client.host}:${model}`,
        destination: client.host,
        prompt: promptConfigOf(bundle, scope as LabelScope),
        cache,
        concurrency,
        redact,
        confirm: ({ destination }) => {
          say(`LLM: sending distinct masked and redacted messages to ${destination} (model ${model})…`);
          return true;
        },
      });
      tiers.push(tier);
      return tier;
    },
    async finish() {
      const total = { sent: 0, cached: 0, failed: 0, skipped: 0, lastError: null as string | null, stopped: null as string | null };
      for (const tier of tiers) {
        total.sent += tier.stats.sent;
        total.cached += tier.stats.cached;
        total.failed += tier.stats.failed;
        total.skipped += tier.stats.skipped;
        total.lastError = tier.stats.lastError ?? total.lastError;
        total.stopped = tier.stats.stopped ?? total.stopped;
      }
      say(
        `LLM: sent ${total.sent} distinct messages to ${client.host} (model ${model}); ${total.cached} answered from the cache` +
          (total.failed ? `; ${total.failed} failed, their rows stay unlabelled (last error: ${total.lastError})` : '') +
          (total.stopped ? `. ${total.stopped} ${total.skipped} messages not sent; their rows stay llm-pending.` : ''),
      );
      if (cachePlan) await writeOutput(cachePlan, JSON.stringify(Object.fromEntries(cache.entries)));
    },
  };
}

export { LlmHttpError };
