/**
 * The page's output file (workers/output-sink.ts, in OPFS): a run's file is offered only once the
 * run has finished; a storage that fills up fails the run with the reason – it never loops on a
 * write that takes nothing, never offers a shorter file – and leaves no unfinished file behind.
 */
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseBundle } from '../../../src/core/bundle.ts';
import { Classifier } from '../../../src/core/classifier.ts';
import { createClassifyService } from '../../../workers/classify-service.ts';
import { outputUsage, removeOldOutputs } from '../../../workers/output-sink.ts';
import { runScale } from '../../../workers/scale-run.ts';
import { IdbBundleStorage } from '../../../src/storage/db.ts';
import { memoryOpfs } from '../../helpers/memory-opfs.ts';

const bundle = parseBundle(readFileSync(resolve(import.meta.dirname, '../../../public/default-bundle.json'), 'utf8'));
const input = new Blob(['source,log_message\n' + 'App,User User12 logged in.\n'.repeat(20_000)]);

function classify() {
  return runScale({ input, fileName: 'logs.csv', explain: false, classifier: new Classifier(bundle), signal: new AbortController().signal, results: null }, null);
}

describe('the output file in OPFS', () => {
  afterEach(() => vi.unstubAllGlobals());

  function useOpfs(capacity?: number, liveWorkers: string[] = []) {
    const opfs = memoryOpfs(capacity);
    const locks = { query: async () => ({ held: ['logsift-classify-me', ...liveWorkers].map((name) => ({ name })) }) };
    vi.stubGlobal('navigator', { hardwareConcurrency: 1, storage: { getDirectory: async () => opfs }, locks });
    vi.stubGlobal('FileSystemSyncAccessHandle', class {});
    vi.stubGlobal('name', 'logsift-classify-me');
    return opfs;
  }

  it('a new run supersedes the last one’s file; a closed tab’s files go too, an open tab’s stay', async () => {
    const opfs = useOpfs(Infinity, ['logsift-classify-other']);
    const put = (name: string, size: number) => opfs.files.set(name, new Uint8Array(size));
    put('logsift-output-logsift-classify-other~a-0', 100);
    put('logsift-output-logsift-classify-gone~b-0', 200);
    put('logsift-output-c-0', 300);
    const service = createClassifyService({
      storage: async () => ({ storage: await IdbBundleStorage.open(`outputs-${Date.now()}`), persistent: true }),
      loadDefaultBundle: async () => readFileSync(resolve(import.meta.dirname, '../../../public/default-bundle.json'), 'utf8'),
      progressIntervalMs: 0,
    });
    await service.classify(input, 'a.csv', false, () => {});
    const names = () => [...opfs.files.keys()].sort();
    const mine = () => names().filter((n) => n.startsWith('logsift-output-logsift-classify-me~'));
    expect(names()).toEqual([...mine(), 'logsift-output-logsift-classify-other~a-0'].sort());
    expect(mine()).toHaveLength(1);
    const first = mine()[0];
    // A second download of the same run adds its own file; the next run supersedes both.
    await service.buildOutput(true);
    expect(mine()).toHaveLength(2);
    const usage = await service.storedData();
    expect(usage.outputs).toEqual({ files: 3, bytes: [...opfs.files.values()].reduce((n, f) => n + f.length, 0), mine: 2 });
    await service.classify(input, 'b.csv', false, () => {});
    expect(mine()).toHaveLength(1);
    expect(mine()[0]).not.toBe(first);
    // Deleting from Storage: this tab's file goes (a later download builds it again), the open tab's stays.
    expect(await service.clearOutputs()).toBeGreaterThan(0);
    expect(names()).toEqual(['logsift-output-logsift-classify-other~a-0']);
    expect((await (await service.buildOutput(false)).text()).trim().split('\n')).toHaveLength(20_001);
    expect(await outputUsage()).toMatchObject({ files: 2, mine: 1 });
    expect(await removeOldOutputs()).toBeGreaterThan(0);
    expect(names()).toEqual(['logsift-output-logsift-classify-other~a-0']);
  });

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
