/**
 * The list of BERT models the build serves under /models/: a Vite plugin writes
 * `models/index.json` into dist/ (and answers it in `vite dev`), so the page learns which models
 * are installed with one request to its own origin instead of probing the hub or guessing ids.
 *
 * A model is a folder under public/models/ with a logsift-model.json (written by
 * `npm run models:fetch`); its files are the ones that manifest names and that exist. Test models
 * (ids starting with "test-", e.g. the tiny random-weight BERT that tests import) are left out:
 * the page should never offer them as a real embedder.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Plugin } from 'vite';

export const SERVED_MODELS_INDEX = 'models/index.json';

export interface ServedModelEntry {
  /** The model id = its folder under /models/, e.g. "Xenova/all-MiniLM-L6-v2". */
  id: string;
  dim: number | null;
  files: { path: string; bytes: number }[];
}

export interface ServedModelsIndex {
  models: ServedModelEntry[];
}

export const isTestModel = (id: string) => /(^|\/)test-/.test(id);

/** Folders (up to three levels down) of `modelsDir` that hold a logsift-model.json, as entries. */
export function listServedModels(modelsDir: string, options: { includeTest?: boolean } = {}): ServedModelEntry[] {
  const out: ServedModelEntry[] = [];
  const visit = (dir: string, depth: number) => {
    const manifestPath = join(dir, 'logsift-model.json');
    if (existsSync(manifestPath)) {
      let manifest: { id?: unknown; dim?: unknown; files?: Record<string, { size?: number }> };
      try {
        manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
      } catch {
        return;
      }
      const id = typeof manifest.id === 'string' && manifest.id ? manifest.id : relative(modelsDir, dir).split('\\').join('/');
      const folderId = relative(modelsDir, dir).split('\\').join('/');
      // The page loads /models/<id>/…: a manifest whose id is not its folder would point elsewhere.
      if (id !== folderId) return;
      if (!options.includeTest && isTestModel(id)) return;
      const files = Object.keys(manifest.files ?? {})
        .filter((path) => existsSync(join(dir, path)))
        .map((path) => ({ path, bytes: statSync(join(dir, path)).size }));
      out.push({ id, dim: typeof manifest.dim === 'number' ? manifest.dim : null, files });
      return;
    }
    if (depth >= 3) return;
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) visit(path, depth + 1);
    }
  };
  if (existsSync(modelsDir)) visit(modelsDir, 0);
  return out;
}

/** Vite plugin: dist/models/index.json (build) and /models/index.json (dev server). */
export function servedModelsPlugin(publicModelsDir: string): Plugin {
  const index = () => JSON.stringify({ models: listServedModels(publicModelsDir) } satisfies ServedModelsIndex, null, 1) + '\n';
  let base = '/';
  return {
    name: 'logsift-served-models',
    configResolved(config) {
      base = config.base;
    },
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: SERVED_MODELS_INDEX, source: index() });
    },
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        if (req.url?.split('?')[0] !== `${base}${SERVED_MODELS_INDEX}`) return next();
        res.setHeader('content-type', 'application/json');
        res.end(index());
      });
    },
  };
}
