/**
 * The page's handle on the LLM worker (comlink), started on first use. The worker hosts the
 * local WebLLM engine and makes the remote calls; see workers/llm.worker.ts.
 *
 * Supervised like the classify worker (src/app/supervised-worker.ts): when it dies (a crash, the
 * GPU process gone, out of memory), the calls in flight reject with a message that says so, the
 * page is told (`onLlmWorkerError`), and a fresh worker is started. The fresh worker reads the
 * settings (and a remembered API key) from storage again; what lived only in the old worker – a
 * loaded local model, a key held for this tab only – is gone, and `llmDeathMessage` says so.
 */
import * as Comlink from 'comlink';
import type { LlmApi, LlmStatus } from '../../workers/llm-api.ts';
import { WorkerSupervisor, type LocksLike, type SupervisorOptions, type WorkerDeath } from './supervised-worker.ts';

/** The supervisor's options for the LLM worker (exported for tests, which start fake workers). */
export function llmSupervisorOptions(overrides: Partial<SupervisorOptions> = {}): SupervisorOptions {
  return {
    label: 'LLM',
    create: (name) => new Worker(new URL('../../workers/llm.worker.ts', import.meta.url), { type: 'module', name }),
    locks: (typeof navigator !== 'undefined' && (navigator as Navigator & { locks?: LocksLike }).locks) || null,
    ...overrides,
  };
}

let supervisor: WorkerSupervisor<LlmApi> | null = null;

function llmSupervisor(): WorkerSupervisor<LlmApi> {
  return (supervisor ??= new WorkerSupervisor<LlmApi>(llmSupervisorOptions()));
}

export function llmWorker(): Comlink.Remote<LlmApi> {
  return llmSupervisor().api;
}

/**
 * Calls `listener` when the LLM worker died, with the supervisor's report; returns a function
 * that removes it. `llmDeathMessage` turns the report into what the page shows.
 */
export function onLlmWorkerError(listener: (message: string, death: WorkerDeath) => void): () => void {
  return llmSupervisor().onDeath((death) => listener(death.message, death));
}

/**
 * What the page says after the LLM worker died: the supervisor's report, plus what the fresh
 * worker does not have (`before`: the status shown before the death).
 */
export function llmDeathMessage(death: WorkerDeath, before: LlmStatus | null): string {
  const lost: string[] = [];
  if (before?.loadedModel) lost.push(`The local model ${before.loadedModel} was unloaded with it: load it again to use it.`);
  if (before?.keySet && !before.keyRemembered) lost.push('The API key held for this tab went with it: enter it again.');
  const restored = death.restarted ? ' The LLM settings were read again from storage.' : '';
  return [death.message + restored, ...lost].join(' ');
}
