/**
 * The LLM tier's settings as the LLM worker keeps them: the defaults, and the check every saved or
 * stored value goes through (mode, local model or self-hosted URLs, the remote server's base URL,
 * limits, redactions) – it throws with a reason the page shows. The API key's form and origin too.
 */
import { DEFAULT_LOCAL_MODEL, LOCAL_MODELS, selfHostedProblems } from '../src/core/llm/models.ts';
import { GROQ_BASE_URL, normaliseBaseUrl } from '../src/core/llm/openai-client.ts';
import { cleanCustomRedactions } from '../src/core/llm/redact.ts';
import { SELF_HOSTED, type LlmSettings } from './llm-api.ts';

export const DEFAULT_LLM_SETTINGS: LlmSettings = {
  mode: 'local',
  localModel: DEFAULT_LOCAL_MODEL,
  selfHosted: null,
  remote: { baseUrl: GROQ_BASE_URL, model: '', concurrency: 4, timeoutSec: 60, retries: 4 },
  labelScope: 'all',
  redactions: [],
};

/** What an API key may be: 1–512 visible ASCII characters, no spaces. */
export const API_KEY = /^[\x21-\x7e]{1,512}$/;

function clampInt(value: unknown, min: number, max: number, name: string): number {
  const n = Math.floor(Number(value));
  if (!Number.isFinite(n) || n < min || n > max) throw new RangeError(`${name} must be a whole number from ${min} to ${max}.`);
  return n;
}

/** Checks and cleans settings; throws with the reason. */
export function cleanSettings(input: LlmSettings): LlmSettings {
  if (!['off', 'local', 'remote'].includes(input.mode)) throw new RangeError('Unknown LLM mode.');
  if (input.labelScope !== 'all' && input.labelScope !== 'rare') throw new RangeError('The label choice must be "all" or "rare".');
  const localModel = String(input.localModel ?? DEFAULT_LOCAL_MODEL);
  if (localModel !== SELF_HOSTED && !LOCAL_MODELS.some((m) => m.id === localModel)) throw new RangeError(`Unknown local model ${localModel}.`);
  let selfHosted = input.selfHosted ? { ...input.selfHosted } : null;
  if (selfHosted) {
    selfHosted = {
      id: String(selfHosted.id ?? '').trim(),
      modelUrl: String(selfHosted.modelUrl ?? '').trim(),
      modelLibUrl: String(selfHosted.modelLibUrl ?? '').trim(),
      ...(selfHosted.vramMB ? { vramMB: Number(selfHosted.vramMB) } : {}),
    };
  }
  if (localModel === SELF_HOSTED) {
    const problems = selfHostedProblems(selfHosted ?? {});
    if (problems.length) throw new RangeError(problems.join(' '));
  }
  const r = input.remote;
  const baseUrl = normaliseBaseUrl(String(r?.baseUrl ?? ''));
  return {
    mode: input.mode,
    localModel,
    selfHosted,
    remote: {
      baseUrl,
      model: String(r.model ?? '').trim(),
      concurrency: clampInt(r.concurrency, 1, 16, 'Concurrent calls'),
      timeoutSec: clampInt(r.timeoutSec, 1, 600, 'The timeout'),
      retries: clampInt(r.retries, 0, 10, 'Retries'),
    },
    labelScope: input.labelScope,
    redactions: cleanCustomRedactions(input.redactions),
  };
}

/** The origin an API key belongs to, and the only one a remote call may reach. */
export const originOf = (baseUrl: string) => new URL(baseUrl).origin;
