/**
 * After the classify worker was restarted (src/app/supervised-worker.ts): the new worker reads
 * everything from storage again, so the page asks it again for what it shows. A run, a training
 * or an import that was in flight has already failed with the worker's message.
 */
import { model } from './state/model.svelte.ts';
import { models } from './state/models.svelte.ts';
import { patterns } from './state/patterns.svelte.ts';
import { workspace } from './state/workspace.svelte.ts';
import { callback, classifyWorker } from './worker-client.ts';
import type { ModelsStatus } from '../../workers/models-api.ts';

export function afterWorkerRestart(): void {
  models.importing = null;
  models.retraining = null;
  void model.load();
  void workspace.load();
  void patterns.load();
  // The old worker's model watcher went with it.
  void classifyWorker()
    .watchModels(callback((status: ModelsStatus) => (models.status = status)))
    .then(() => models.refresh())
    .catch(() => {});
}
