/**
 * Vite plugin: builds src/sw/service-worker.ts as `sw.js` at the root of the build and fills in
 * its precache list – every file of the build except source maps (the page, scripts, styles, the
 * workers, onnxruntime's .wasm, …), the public files (built-in bundle, examples, manifest, icons)
 * and the files of the BERT models the build serves (listed in models/index.json; test models
 * are left out). Files without a content hash in their name get one as their revision. The
 * version is a hash of the whole list, so a build that changes any file makes a new service
 * worker, which the page offers as an update.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Plugin } from 'vite';
import { listServedModels } from './models-manifest.ts';

export const SW_FILE = 'sw.js';

interface Entry {
  url: string;
  revision: string | null;
  optional?: boolean;
}

/** Vite's hashed file names: name-<8+ chars of [A-Za-z0-9_-]>.ext */
const HASHED = /-[A-Za-z0-9_-]{8,}\.[a-z0-9]+$/i;
const hash = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex').slice(0, 16);

function walk(dir: string, root: string, out: string[]): void {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path, root, out);
    else out.push(relative(root, path).split('\\').join('/'));
  }
}

export function serviceWorkerPlugin(entry: string): Plugin {
  let publicDir = '';
  let isBuild = false;
  return {
    name: 'logsift-service-worker',
    enforce: 'post',
    configResolved(config) {
      publicDir = config.publicDir;
      isBuild = config.command === 'build';
    },
    buildStart() {
      if (!isBuild) return;
      this.emitFile({ type: 'chunk', id: entry, fileName: SW_FILE });
    },
    generateBundle(_options, bundle) {
      const sw = bundle[SW_FILE];
      if (!sw || sw.type !== 'chunk') return;
      const entries = new Map<string, Entry>();
      for (const [fileName, item] of Object.entries(bundle)) {
        // Not for the browser: source maps, the static host's header rules.
        if (fileName === SW_FILE || fileName.endsWith('.map') || fileName === '_headers') continue;
        const source = item.type === 'chunk' ? item.code : item.source;
        entries.set(fileName, { url: fileName, revision: HASHED.test(fileName) ? null : hash(source) });
      }
      // Public files, except the models folder (only served, non-test models go in, below).
      if (publicDir && existsSync(publicDir)) {
        const files: string[] = [];
        walk(publicDir, publicDir, files);
        for (const file of files) {
          if (file.startsWith('models/') || entries.has(file)) continue;
          entries.set(file, { url: file, revision: hash(readFileSync(join(publicDir, file))) });
        }
        const modelsDir = join(publicDir, 'models');
        for (const model of listServedModels(modelsDir)) {
          for (const path of ['logsift-model.json', ...model.files.map((f) => f.path)]) {
            const file = join(modelsDir, model.id, path);
            if (!existsSync(file)) continue;
            const url = `models/${model.id}/${path}`;
            entries.set(url, { url, revision: hash(readFileSync(file)), optional: true });
          }
        }
      }
      if (!entries.has('index.html')) throw new Error('service worker: index.html is not in the build');
      const list = [...entries.values()].sort((a, b) => a.url.localeCompare(b.url));
      const version = hash(JSON.stringify(list));
      const code = sw.code.replace(/(["'`])__LOGSIFT_PRECACHE__\1/g, () => JSON.stringify(list)).replace(/(["'`])__LOGSIFT_VERSION__\1/g, () => JSON.stringify(version));
      if (code === sw.code || code.includes('__LOGSIFT_')) throw new Error('service worker: the placeholders were not found in sw.js');
      sw.code = code;
    },
  };
}
