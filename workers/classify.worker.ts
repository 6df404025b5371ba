/**
 * The classify worker: parses, classifies, trains and stores, off the page's thread.
 * Exposes `ClassifyApi` (workers/classify-api.ts) through comlink; the work is in
 * workers/classify-service.ts.
 */
import * as Comlink from 'comlink';
import { openBundleStorage } from '../src/storage/db.ts';
import { createClassifyService } from './classify-service.ts';

async function loadDefaultBundle(): Promise<string> {
  const url = `${import.meta.env.BASE_URL}default-bundle.json`;
  const res = await fetch(url);
  if (!res.ok) throw new Error(`The built-in model could not be loaded (${url}: HTTP ${res.status}).`);
  return res.text();
}

Comlink.expose(createClassifyService({ storage: () => openBundleStorage(), loadDefaultBundle }));
