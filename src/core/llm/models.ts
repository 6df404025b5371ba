/**
 * The local models offered for the LLM tier (WebLLM, in the browser), with what the page shows
 * before a download: approximate download size and the GPU memory WebLLM says each needs. Plain
 * data, so the page can show it without loading WebLLM. A "self-hosted" entry lets an air-gapped
 * site point at its own mirror of the weights and the model library; WebLLM rejects relative
 * model URLs, so both must be absolute.
 */

export interface LocalModel {
  id: string;
  name: string;
  /** Approximate download, in MB (weights + library). */
  downloadMB: number;
  /** GPU memory WebLLM reports for it (vram_required_MB in its prebuilt list), in MB. */
  vramMB: number;
  /** WebGPU features it needs (q4f16 models need shader-f16). */
  requiredFeatures: string[];
  reasoning: boolean;
  note: string;
}

export const DEFAULT_LOCAL_MODEL = 'DeepSeek-R1-Distill-Qwen-7B-q4f16_1-MLC';

export const LOCAL_MODELS: readonly LocalModel[] = [
  {
    id: 'DeepSeek-R1-Distill-Qwen-7B-q4f16_1-MLC',
    name: 'DeepSeek R1 Distill Qwen 7B',
    downloadMB: 4300,
    vramMB: 5107,
    requiredFeatures: ['shader-f16'],
    reasoning: true,
    note: 'Default. Thinks before it answers: accurate, a few seconds per message.',
  },
  {
    id: 'DeepSeek-R1-Distill-Llama-8B-q4f16_1-MLC',
    name: 'DeepSeek R1 Distill Llama 8B',
    downloadMB: 4500,
    vramMB: 5001,
    requiredFeatures: ['shader-f16'],
    reasoning: true,
    note: 'Alternative reasoning model of the same size.',
  },
  {
    id: 'Qwen2.5-1.5B-Instruct-q4f16_1-MLC',
    name: 'Qwen2.5 1.5B Instruct',
    downloadMB: 900,
    vramMB: 1630,
    requiredFeatures: ['shader-f16'],
    reasoning: false,
    note: 'For weak GPUs: small and fast, less accurate on unusual lines.',
  },
];

/** A site's own copy of a model: absolute URLs of the weights folder and of the model library (.wasm). */
export interface SelfHostedModel {
  id: string;
  /** Folder holding mlc-chat-config.json, tensor-cache.json and the weight shards. */
  modelUrl: string;
  /** The compiled model library (.wasm). */
  modelLibUrl: string;
  vramMB?: number;
}

/** The shape of a WebLLM `ModelRecord` (kept structural so the page need not load WebLLM to build one). */
export interface WebLlmModelRecord {
  model: string;
  model_id: string;
  model_lib: string;
  vram_required_MB?: number;
  low_resource_required?: boolean;
  required_features?: string[];
  overrides?: { context_window_size?: number };
}

function absoluteHttpUrl(value: unknown): URL | null {
  if (typeof value !== 'string' || value.trim() === '') return null;
  try {
    const url = new URL(value.trim()); // throws on a relative URL: no base is given on purpose
    return url.protocol === 'https:' || url.protocol === 'http:' ? url : null;
  } catch {
    return null;
  }
}

/** The problems with a self-hosted entry, in words; empty when it is usable. */
export function selfHostedProblems(entry: Partial<SelfHostedModel>): string[] {
  const problems: string[] = [];
  if (typeof entry.id !== 'string' || !/^[\w.-]{1,100}$/.test(entry.id.trim())) {
    problems.push('The model id must be 1–100 letters, digits, ".", "_" or "-".');
  }
  const model = absoluteHttpUrl(entry.modelUrl);
  if (!model) problems.push('The model URL must be an absolute http:// or https:// address (WebLLM rejects relative URLs).');
  else if (model.search || model.hash) problems.push('The model URL must not have a query or a fragment.');
  const lib = absoluteHttpUrl(entry.modelLibUrl);
  if (!lib) problems.push('The model library URL must be an absolute http:// or https:// address (WebLLM rejects relative URLs).');
  else if (!lib.pathname.endsWith('.wasm')) problems.push('The model library URL must point at a .wasm file.');
  if (entry.vramMB !== undefined && !(Number.isFinite(entry.vramMB) && entry.vramMB > 0)) {
    problems.push('The GPU memory must be a positive number of MB.');
  }
  return problems;
}

/** A WebLLM model record for a self-hosted entry; throws RangeError listing the problems. */
export function selfHostedRecord(entry: SelfHostedModel): WebLlmModelRecord {
  const problems = selfHostedProblems(entry);
  if (problems.length) throw new RangeError(problems.join(' '));
  const model = new URL(entry.modelUrl.trim()).href;
  return {
    // WebLLM resolves files relative to the model URL: the folder needs its trailing slash.
    model: model.endsWith('/') ? model : `${model}/`,
    model_id: entry.id.trim(),
    model_lib: new URL(entry.modelLibUrl.trim()).href,
    ...(entry.vramMB ? { vram_required_MB: entry.vramMB } : {}),
    overrides: { context_window_size: 4096 },
  };
}

/**
 * Where WebLLM will actually fetch the weights from: it appends `resolve/main/` to a model URL
 * that has no `/resolve/<branch>/` part (Hugging Face's layout), so a mirror must serve that
 * layout. The page shows this so a site can check its mirror.
 */
export function webLlmFetchBase(modelUrl: string): string {
  let url = modelUrl.trim();
  url += url.endsWith('/') ? '' : '/';
  if (!/.+\/resolve\/.+\//.test(url)) url += 'resolve/main/';
  return new URL(url).href;
}

/** "4.3 GB", "900 MB". */
export function formatMB(mb: number): string {
  return mb >= 1000 ? `${(mb / 1000).toFixed(1)} GB` : `${Math.round(mb)} MB`;
}

/** Which catalogue models this GPU can run, from its WebGPU features (and memory, when known). */
export function fitsDevice(model: Pick<LocalModel, 'requiredFeatures' | 'vramMB'>, device: { features: ReadonlySet<string> | Set<string>; memoryMB?: number }): boolean {
  if (!model.requiredFeatures.every((feature) => device.features.has(feature))) return false;
  return device.memoryMB === undefined || device.memoryMB >= model.vramMB;
}
