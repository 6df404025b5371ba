import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { fileURLToPath } from 'node:url';
import { servedModelsPlugin } from './scripts/lib/models-manifest.ts';
import { cspHeadersPlugin } from './scripts/lib/csp.ts';
import { serviceWorkerPlugin } from './scripts/lib/service-worker-plugin.ts';

// The app is a static page: `vite build` writes dist/, `vite preview` serves it.
// Workers are ES modules so that they can import the core (code splitting).
export default defineConfig({
  base: '/',
  // servedModelsPlugin: dist/models/index.json lists the BERT models under public/models/.
  // cspHeadersPlugin: the CSP headers of `vite preview` and dist/_headers; serviceWorkerPlugin: dist/sw.js and its precache list.
  plugins: [
    svelte(),
    servedModelsPlugin(fileURLToPath(new URL('./public/models', import.meta.url))),
    cspHeadersPlugin(),
    serviceWorkerPlugin(fileURLToPath(new URL('./src/sw/service-worker.ts', import.meta.url))),
  ],
  // Rolldown's plugin-timing report is about this machine's build speed, not about the app: off.
  worker: {
    format: 'es',
    rolldownOptions: { checks: { pluginTimings: false } },
  },
  build: {
    target: 'es2022',
    sourcemap: true,
    rolldownOptions: { checks: { pluginTimings: false } },
  },
  server: {
    host: '127.0.0.1',
  },
  preview: {
    host: '127.0.0.1',
  },
});
