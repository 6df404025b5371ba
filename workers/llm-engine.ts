/**
 * The local LLM as the LLM worker runs it: which model a setting names (a prebuilt WebLLM model or
 * a self-hosted one), where its files may come from, how WebLLM is reached (WebLlmHost: the
 * worker's, or the fake engine in tests), and what a user is told when it cannot run or load.
 */
import { CancelledError } from '../src/core/errors.ts';
import type { ChatEngine } from '../src/core/llm/engine.ts';
import { formatMB, LOCAL_MODELS, selfHostedRecord, type WebLlmModelRecord } from '../src/core/llm/models.ts';
import { SELF_HOSTED, type DownloadProgress, type LlmSettings, type WebGpuInfo } from './llm-api.ts';
import { originOf } from './llm-settings.ts';
import type { ModelHosts } from './model-fetch-guard.ts';
import { PREBUILT_MODEL_ORIGINS, PREBUILT_REDIRECT_HOSTS } from './model-download-hosts.ts';

/** What the worker needs to run a local model: WebLLM, or the fake in tests. */
export interface LocalModelSpec {
  id: string;
  /** A model record for a self-hosted model; null for WebLLM's prebuilt list. */
  record: WebLlmModelRecord | null;
}

export interface LoadedEngine {
  engine: ChatEngine;
  unload(): Promise<void>;
}

export interface WebLlmHost {
  load(spec: LocalModelSpec, onProgress: (p: DownloadProgress) => void, signal: AbortSignal): Promise<LoadedEngine>;
  isStored(spec: LocalModelSpec): Promise<boolean>;
  remove(spec: LocalModelSpec): Promise<void>;
}

/** "Use Chrome or Edge…": what a user without WebGPU can do instead. */
export function webGpuMissingMessage(gpu: WebGpuInfo): string {
  return (
    `The local LLM needs WebGPU, and ${gpu.reason || 'this browser does not offer it'} ` +
    'Use a recent Chrome or Edge (113 or later) with hardware acceleration turned on, on a machine with a GPU – ' +
    'or choose "Remote API" and point it at an OpenAI-compatible server (Ollama or LM Studio on this machine work too). ' +
    'Without an LLM, the lines for it stay Unclassified.'
  );
}

export function explainLoadError(error: unknown, spec: LocalModelSpec): Error {
  if (error instanceof CancelledError) return error;
  const err = error as { name?: string; message?: string };
  const message = String(err?.message ?? error);
  const size = LOCAL_MODELS.find((m) => m.id === spec.id);
  if (err?.name === 'QuotaExceededError' || /quota/i.test(message)) {
    return new Error(
      `The browser has no room to store this model${size ? ` (about ${formatMB(size.downloadMB)})` : ''}: its storage quota for this site is used up. ` +
        'Free disk space, delete stored models you no longer use, or pick a smaller model; "Keep for offline use" also stops the browser from evicting it later.',
    );
  }
  if (/device|adapter|webgpu|gpu/i.test(message) && /lost|memory|limit|create|request/i.test(message)) {
    return new Error(`The GPU could not run this model (${message}). Close other GPU-heavy tabs or pick a smaller model.`);
  }
  return new Error(`The model could not be loaded: ${message}`);
}

export function localSpec(s: LlmSettings): LocalModelSpec {
  if (s.localModel === SELF_HOSTED && s.selfHosted) return { id: s.selfHosted.id, record: selfHostedRecord(s.selfHosted) };
  return { id: s.localModel, record: null };
}

/** A self-hosted model's files come from its two URLs' origins, and redirect nowhere else. */
export function modelHosts(spec: LocalModelSpec): ModelHosts {
  if (!spec.record) return { origins: PREBUILT_MODEL_ORIGINS, redirectHosts: PREBUILT_REDIRECT_HOSTS };
  return { origins: [...new Set([originOf(spec.record.model), originOf(spec.record.model_lib)])], redirectHosts: [] };
}
