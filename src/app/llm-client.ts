/**
 * The page's handle on the LLM worker (comlink), started on first use. The worker hosts the
 * local WebLLM engine and makes the remote calls; see workers/llm.worker.ts.
 */
import * as Comlink from 'comlink';
import type { LlmApi } from '../../workers/llm-api.ts';

let remote: Comlink.Remote<LlmApi> | null = null;
const errorListeners = new Set<(message: string) => void>();

export function llmWorker(): Comlink.Remote<LlmApi> {
  if (!remote) {
    const worker = new Worker(new URL('../../workers/llm.worker.ts', import.meta.url), { type: 'module', name: 'logsift-llm' });
    worker.addEventListener('error', (e) => {
      const message = `The LLM worker stopped: ${e.message || 'it could not be loaded'}. Reload the page to try again.`;
      for (const listener of errorListeners) listener(message);
    });
    remote = Comlink.wrap<LlmApi>(worker);
  }
  return remote;
}

export function onLlmWorkerError(listener: (message: string) => void): () => void {
  errorListeners.add(listener);
  return () => errorListeners.delete(listener);
}
