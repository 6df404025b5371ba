/**
 * The typed comlink API of workers/llm.worker.ts: the LLM tier's engine host. It holds the local
 * WebLLM engine or the OpenAI-compatible client, the API key (in memory unless the user asked to
 * remember it), the answer cache, and a run's LlmTier. Only plain data crosses the boundary; the
 * API key goes in (`setApiKey`) and never comes out.
 */
import type { ReviewDecision } from '../src/core/llm/review.ts';
import type { KeyCount, LlmAnswer, LlmProgress, LlmStats } from '../src/core/llm/llm-tier.ts';
import type { SelfHostedModel } from '../src/core/llm/models.ts';
import type { RemoteModel } from '../src/core/llm/openai-client.ts';
import type { LabelScope, PromptExamples } from '../src/core/llm/prompt.ts';
import type { CustomRedaction } from '../src/core/llm/redact.ts';

export type { CustomRedaction, KeyCount, LabelScope, LlmAnswer, LlmProgress, RemoteModel, SelfHostedModel };

/** Which LLM the runs use. `local`: WebLLM on this device (the default choice). */
export type LlmMode = 'off' | 'local' | 'remote';

/** The `localModel` value of the self-hosted entry. */
export const SELF_HOSTED = 'self-hosted';

export interface RemoteSettings {
  /** OpenAI-compatible base URL, e.g. https://api.groq.com/openai/v1 or http://127.0.0.1:11434/v1 */
  baseUrl: string;
  /** Model id, picked from `GET {base}/models`; '' until one is picked. */
  model: string;
  /** Calls in flight at once. */
  concurrency: number;
  /** Per attempt, in seconds. */
  timeoutSec: number;
  /** Retries after the first attempt (429, 5xx, network errors). */
  retries: number;
}

export interface LlmSettings {
  mode: LlmMode;
  /** A catalogue model id (LOCAL_MODELS) or SELF_HOSTED. */
  localModel: string;
  /** The site's own mirror, used when localModel is SELF_HOSTED. */
  selfHosted: SelfHostedModel | null;
  remote: RemoteSettings;
  /** Labels the prompt offers: all of the bundle's, or only those the LLM tier handles. */
  labelScope: LabelScope;
  /** The user's own redaction rules for what a remote LLM is sent (run before the built-in ones). */
  redactions: CustomRedaction[];
}

/** What the worker found out about WebGPU. */
export interface WebGpuInfo {
  available: boolean;
  /** Why not, in words (empty when available). */
  reason: string;
  features: string[];
  /** Adapter vendor/architecture, when the browser says. */
  adapter: string | null;
}

export interface LlmStatus {
  settings: LlmSettings;
  /** An API key is held (in memory or remembered). Its value is never returned. */
  keySet: boolean;
  /** The origin the key was entered for (it is sent nowhere else; a base URL on another origin forgets it), or null. */
  keyOrigin: string | null;
  /** The key is stored on this device. */
  keyRemembered: boolean;
  /** False when the browser gives no IndexedDB: settings last until the tab closes. */
  persistent: boolean;
  /** What went wrong with the LLM tier's storage (not opened, full, a record not read), in words. */
  storageNotice?: string;
  /** The local model loaded in the worker, or null. */
  loadedModel: string | null;
  /** LLM answers kept between runs. */
  cachedAnswers: number;
  /** Whether a run would use the LLM tier now. */
  ready: boolean;
  /** Why not (when mode is not off and ready is false). */
  notReady: string;
  /** Where messages go: a host, or "this device". */
  destination: string;
}

export interface DownloadProgress {
  /** 0..1 */
  fraction: number;
  text: string;
}

/** The bundle fields the prompt is made of. */
export interface PromptBundle {
  labels: string[];
  classCounts: Record<string, number>;
  thresholds: { minSamples: number };
  examples?: PromptExamples;
}

export interface RunStart {
  destination: string;
  /** The URL the messages are posted to ('' for a local model). */
  endpoint: string;
  /** Messages leave the device: the run asks for confirmation first. */
  remote: boolean;
  model: string;
  /** The labels the prompt offers. */
  labels: string[];
  /** The system prompt sent with every message, as sent. */
  instructions: string;
}

/** A built-in redaction rule as the LLM panel shows it. */
export interface RedactionRuleView {
  id: string;
  description: string;
  /** A log line, the line as masking leaves it, and as it is sent. */
  example: RedactionPreview;
}

export interface RedactionPreview {
  line: string;
  /** The masked key: the cache key, and what a local model sees. */
  masked: string;
  /** What a remote LLM is sent. */
  sent: string;
}

export interface LlmRunStats extends LlmStats {
  /** Attempts repeated after a 429, a 5xx, a timeout or a network error. */
  retries: number;
  destination: string;
  model: string;
}

export type LlmProgressCallback = (p: LlmProgress) => void;
export type DownloadProgressCallback = (p: DownloadProgress) => void;

export interface LlmApi {
  status(): Promise<LlmStatus>;
  /**
   * Validates and stores the settings (never the key). A base URL on another origin than the
   * key's forgets the key, in memory and on this device. Throws with the reason for a bad base
   * URL, self-hosted entry or redaction rule.
   */
  saveSettings(settings: LlmSettings): Promise<LlmStatus>;
  /**
   * Holds the key in memory for the origin of `baseUrl` (default: the saved base URL's);
   * `remember` also stores it on this device. '' forgets it. Throws for a bad base URL or key.
   */
  setApiKey(key: string, remember: boolean, baseUrl?: string): Promise<LlmStatus>;
  forgetApiKey(): Promise<LlmStatus>;
  /** `GET {base}/models` with the settings' base URL and the key held. Throws LlmHttpError's message (a refused redirect names where it pointed). */
  listRemoteModels(): Promise<RemoteModel[]>;
  /** The built-in redaction rules, each with its example. */
  redactionRules(): Promise<RedactionRuleView[]>;
  /** `lines` masked and redacted with the built-in rules and `custom`; throws a RangeError naming a rule that cannot be used. */
  previewRedaction(lines: string[], custom: CustomRedaction[]): Promise<RedactionPreview[]>;

  detectWebGpu(): Promise<WebGpuInfo>;
  /** Which of these local models are stored in the browser (loads WebLLM). */
  storedModels(ids: string[]): Promise<Record<string, boolean>>;
  /** Downloads (when not stored yet) and loads the chosen local model onto the GPU. */
  loadLocalModel(onProgress: DownloadProgressCallback): Promise<LlmStatus>;
  /** Stops a download in progress. */
  cancelLoad(): void;
  unloadLocalModel(): Promise<LlmStatus>;
  /** Deletes a stored model's weights, library and config from the browser. */
  deleteLocalModel(id: string): Promise<LlmStatus>;
  /** Forgets every cached LLM answer (review decisions are kept: they are the user's work). */
  clearAnswers(): Promise<LlmStatus>;
  /**
   * Keeps the review's decision about a masked message: later runs give its lines that label
   * (rejected: Unclassified) and never send it again. Throws a StorageError (storage full) with
   * the reason; a cache kept in memory keeps it until the tab closes.
   */
  recordReview(maskedKey: string, decision: ReviewDecision): Promise<void>;

  // One run (called by the page on behalf of the classify worker).
  /** Prepares a run's tier with the bundle's labels; throws when the LLM is not ready. */
  beginRun(bundle: PromptBundle, onProgress?: LlmProgressCallback): Promise<RunStart>;
  countKeys(keys: string[]): Promise<KeyCount>;
  /** The user agreed to send this run's messages (remote runs send nothing before this). */
  confirmRun(): void;
  classifyKeys(keys: string[]): Promise<Array<[string, LlmAnswer]>>;
  /** Aborts the calls in flight; classifyKeys rejects with a CancelledError. */
  cancelRun(): void;
  /** The run's totals; the run is over. */
  endRun(): Promise<LlmRunStats | null>;
}
