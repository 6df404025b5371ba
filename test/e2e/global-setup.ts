/**
 * Serves the already built dist/ (run `npm run build` first) with `vite preview` on a free port
 * of 127.0.0.1, hands its URL to the tests (`inject('baseUrl')`) and stops it after.
 */
import type { TestProject } from 'vitest/node';
import { startPreview } from '../../scripts/lib/preview.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const preview = await startPreview();
  project.provide('baseUrl', preview.url);
  return preview.stop;
}
