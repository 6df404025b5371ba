/**
 * After the classify worker was restarted (src/app/supervised-worker.ts): the new worker reads
 * everything from storage again, so the page asks it again for what it shows. A run, a training
 * or an import that was in flight has already failed with the worker's message.
 */
import { bundleState } from './state/bundle.svelte.ts';
import { embeddingModels } from './state/embedding-models.svelte.ts';
import { patterns } from './state/patterns.svelte.ts';
import { trainingState } from './state/training.svelte.ts';
import { callback, classifyWorker } from './worker-client.ts';
import type { ModelsStatus } from '../../workers/models-api.ts';

export function afterWorkerRestart(): void {
  embeddingModels.importing = null;
  embeddingModels.retraining = null;
  void bundleState.load();
  void trainingState.load();
  void patterns.load();
  // The old worker's model watcher went with it.
  void classifyWorker()
    .watchModels(callback((status: ModelsStatus) => (embeddingModels.status = status)))
    .then(() => embeddingModels.refresh())
    .catch(() => {});
}
