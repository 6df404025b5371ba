/**
 * The page's output file (workers/output-sink.ts, in OPFS): a run's file is offered only once the
 * run has finished; a storage that fills up fails the run with the reason – it never loops on a
 * write that takes nothing, never offers a shorter file – and leaves no unfinished file behind.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseBundle } from '../../src/core/bundle.ts';
import { Classifier } from '../../src/core/classifier.ts';
import { runScale } from '../../workers/scale-run.ts';
import { memoryOpfs } from '../helpers/memory-opfs.ts';

const bundle = parseBundle(readFileSync(resolve(import.meta.dirname, '../../public/default-bundle.json'), 'utf8'));
const input = new Blob(['source,log_message\n' + 'App,User User12 logged in.\n'.repeat(20_000)]);

function classify() {
  return runScale({ input, fileName: 'logs.csv', explain: false, classifier: new Classifier(bundle), signal: new AbortController().signal, results: null }, null);
}

describe('the output file in OPFS', () => {
  afterEach(() => vi.unstubAllGlobals());

  function useOpfs(capacity?: number) {
    const opfs = memoryOpfs(capacity);
    vi.stubGlobal('navigator', { hardwareConcurrency: 1, storage: { getDirectory: async () => opfs } });
    vi.stubGlobal('FileSystemSyncAccessHandle', class {});
    return opfs;
  }

  it('holds the whole output once the run has finished', async () => {
    const opfs = useOpfs();
    const result = await classify();
    const text = await result.output!.text();
    expect(text.trim().split('\n')).toHaveLength(20_001);
    expect([...opfs.files.keys()]).toHaveLength(1);
  });

  it('fails the run when the storage is full, saying so, and removes the unfinished file', async () => {
    const opfs = useOpfs(100_000);
    await expect(classify()).rejects.toThrow(/storage for this site is full, so writing the classified file failed/);
    expect([...opfs.files.keys()]).toEqual([]);
  });
});
