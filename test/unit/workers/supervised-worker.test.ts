/**
 * The page's worker supervision (src/app/supervised-worker.ts) with comlink over MessageChannels
 * and a small Web Locks stand-in: a worker that dies rejects the calls in flight, is reported and
 * restarted; a busy worker is left alone; a worker that keeps dying is not restarted for ever.
 */
import * as Comlink from 'comlink';
import { afterEach, describe, expect, it } from 'vitest';
import { llmDeathMessage, llmSupervisorOptions } from '../../../src/app/llm-client.ts';
import { MAX_RESTARTS, WorkerSupervisor, WorkerStoppedError, type LocksLike, type SupervisorOptions, type WorkerDeath, type WorkerHandle } from '../../../src/app/supervised-worker.ts';
import { interruptible } from '../../../src/core/llm/engine.ts';
import { MemoryLlmCache } from '../../../src/core/llm/llm-tier.ts';
import { DEFAULT_LOCAL_MODEL } from '../../../src/core/llm/models.ts';
import { MemoryLlmSettingsStore } from '../../../src/storage/llm-settings.ts';
import type { LlmApi, LlmSettings } from '../../../workers/llm-api.ts';
import { holdLifeLock } from '../../../workers/liveness.ts';
import { createLlmService, DEFAULT_LLM_SETTINGS, type AnswerCache } from '../../../workers/llm-service.ts';
import { FakeWebLlmEngine } from '../../helpers/fake-webllm-engine.ts';

/** Web Locks, exclusive mode only, with owners so that a "terminated worker" releases its locks. */
class FakeLocks {
  private held = new Map<string, { owner: string; release: () => void }>();
  private queue = new Map<string, (() => void)[]>();

  for(owner: string): LocksLike & { request(name: string, a: unknown, b?: unknown): Promise<unknown> } {
    return {
      request: (name: string, a: unknown, b?: unknown) => {
        const callback = (typeof a === 'function' ? a : b) as () => unknown;
        const signal = typeof a === 'object' && a ? (a as { signal?: AbortSignal }).signal : undefined;
        return new Promise((resolve, reject) => {
          const grant = () => {
            let release!: () => void;
            const done = new Promise<void>((r) => (release = r));
            this.held.set(name, { owner, release });
            void Promise.resolve(callback()).then(resolve, reject);
            void done.then(() => {
              this.held.delete(name);
              const next = this.queue.get(name)?.shift();
              next?.();
            });
          };
          if (!this.held.has(name)) return grant();
          const waiting = this.queue.get(name) ?? [];
          waiting.push(grant);
          this.queue.set(name, waiting);
          signal?.addEventListener('abort', () => {
            const list = this.queue.get(name) ?? [];
            const i = list.indexOf(grant);
            if (i >= 0) list.splice(i, 1);
            reject(new DOMException('aborted', 'AbortError'));
          });
        });
      },
    };
  }

  releaseAll(owner: string): void {
    for (const [, lock] of [...this.held]) if (lock.owner === owner) lock.release();
  }
}

interface Api {
  echo(x: number): Promise<number>;
  hang(): Promise<never>;
}

interface FakeWorker extends WorkerHandle {
  name: string;
  /** Dies without a word (out of memory, self.close()). */
  crash(): void;
  /** An uncaught error in the worker (an `error` event). */
  fail(message: string): void;
  terminated: boolean;
}

const ports: MessagePort[] = [];
afterEach(() => {
  for (const p of ports.splice(0)) p.close();
});

function setup<A = Api>(
  options: {
    locks?: boolean;
    loads?: boolean;
    /** The API each fresh "worker" exposes (default: echo and hang). */
    expose?: () => object;
    /** The page's supervisor options, from the fake locks and workers (default: a plain "test" supervisor). */
    supervisorOptions?: (base: Pick<SupervisorOptions, 'create' | 'locks'>) => SupervisorOptions;
  } = {},
) {
  const locks = new FakeLocks();
  const workers: FakeWorker[] = [];
  const base: Pick<SupervisorOptions, 'create' | 'locks'> = {
    locks: options.locks === false ? null : locks.for('page'),
    create(name) {
      const { port1, port2 } = new MessageChannel();
      ports.push(port1, port2);
      const errorListeners: ((e: unknown) => void)[] = [];
      const worker: FakeWorker = {
        name,
        terminated: false,
        postMessage: (m: unknown, t?: Transferable[]) => port1.postMessage(m, t ?? []),
        addEventListener: ((type: string, l: (e: unknown) => void) => {
          if (type === 'error') errorListeners.push(l);
          else port1.addEventListener(type as 'message', l as never);
        }) as WorkerHandle['addEventListener'],
        removeEventListener: ((type: string, l: (e: unknown) => void) => port1.removeEventListener(type as 'message', l as never)) as WorkerHandle['removeEventListener'],
        terminate() {
          worker.terminated = true;
          locks.releaseAll(name);
          port2.close();
        },
        crash() {
          locks.releaseAll(name);
          port2.close();
        },
        fail(message: string) {
          errorListeners.forEach((l) => l({ message }));
        },
      };
      port1.start();
      if (options.loads === false) {
        setTimeout(() => errorListeners.forEach((l) => l({ message: 'SyntaxError: bad script' })), 0);
      } else {
        // The "worker": the API and the life lock.
        Comlink.expose(options.expose?.() ?? ({ echo: async (x: number) => x, hang: () => new Promise(() => {}) } satisfies Api), port2 as never);
        holdLifeLock({ name, navigator: options.locks === false ? {} : { locks: locks.for(name) as never }, postMessage: (m) => port2.postMessage(m) });
      }
      workers.push(worker);
      return worker;
    },
  };
  const supervisor = new WorkerSupervisor<A>(options.supervisorOptions ? options.supervisorOptions(base) : { label: 'test', ...base });
  const deaths: WorkerDeath[] = [];
  supervisor.onDeath((d) => deaths.push(d));
  return { supervisor, workers, deaths };
}

const tick = (ms = 20) => new Promise((r) => setTimeout(r, ms));

describe('WorkerSupervisor', () => {
  it('passes calls through and leaves a busy worker alone', async () => {
    const { supervisor, workers, deaths } = setup();
    expect(await supervisor.api.echo(7)).toBe(7);
    void supervisor.api.hang();
    await tick(50);
    expect(deaths).toEqual([]);
    expect(workers).toHaveLength(1);
    expect(await supervisor.api.echo(8)).toBe(8);
  });

  it('rejects the calls in flight when the worker dies, reports it and restarts', async () => {
    const { supervisor, workers, deaths } = setup();
    await supervisor.api.echo(1);
    const pending = supervisor.api.hang();
    workers[0].crash();
    await expect(pending).rejects.toBeInstanceOf(WorkerStoppedError);
    await expect(pending).rejects.toThrow(/stopped unexpectedly.*work in progress was lost.*restarted/);
    expect(deaths).toHaveLength(1);
    expect(deaths[0]).toMatchObject({ restarted: true, pendingCalls: 1 });
    expect(workers).toHaveLength(2);
    expect(workers[1].name).not.toBe(workers[0].name);
    expect(await supervisor.api.echo(2)).toBe(2);
  });

  it('does not report a worker it ended on purpose', async () => {
    const { supervisor, workers, deaths } = setup();
    await supervisor.api.echo(1);
    const pending = supervisor.api.hang();
    supervisor.terminate();
    await expect(pending).rejects.toBeInstanceOf(WorkerStoppedError);
    await tick();
    expect(deaths).toEqual([]);
    expect(workers[0].terminated).toBe(true);
    expect(supervisor.running).toBe(false);
    expect(await supervisor.api.echo(3)).toBe(3);
  });

  it('reports a worker whose script cannot be loaded', async () => {
    const { supervisor, deaths } = setup({ loads: false });
    await expect(supervisor.api.echo(1)).rejects.toThrow(/could not be loaded \(SyntaxError: bad script\)/);
    expect(deaths[0].message).toMatch(/could not be loaded/);
  });

  it('stops restarting a worker that keeps dying', async () => {
    const { supervisor, workers, deaths } = setup();
    for (let i = 0; i <= MAX_RESTARTS; i++) {
      await supervisor.api.echo(i);
      workers.at(-1)!.crash();
      await tick();
    }
    expect(deaths).toHaveLength(MAX_RESTARTS + 1);
    expect(deaths.at(-1)).toMatchObject({ restarted: false });
    expect(deaths.at(-1)!.message).toMatch(/reload the page/);
    await expect(supervisor.api.echo(1)).rejects.toThrow(/Reload the page/);
  });

  it('an uncaught error in a live worker is not a death when locks tell', async () => {
    const { supervisor, workers, deaths } = setup();
    await supervisor.api.echo(1);
    const warn = console.warn;
    console.warn = () => {};
    try {
      workers[0].fail('Uncaught TypeError: x');
    } finally {
      console.warn = warn;
    }
    expect(deaths).toEqual([]);
    expect(await supervisor.api.echo(2)).toBe(2);
  });

  it('without Web Locks, an error event counts as a crash', async () => {
    const { supervisor, workers, deaths } = setup({ locks: false });
    await supervisor.api.echo(1);
    const pending = supervisor.api.hang();
    workers[0].fail('Uncaught RangeError: Array buffer allocation failed');
    await expect(pending).rejects.toThrow(/Array buffer allocation failed/);
    expect(deaths).toHaveLength(1);
    expect(workers[0].terminated).toBe(true);
    expect(await supervisor.api.echo(2)).toBe(2);
  });
});

describe('the LLM worker under supervision (src/app/llm-client.ts)', () => {
  class Answers extends MemoryLlmCache implements AnswerCache {
    async count() {
      return this.entries.size;
    }
    async clear() {
      this.entries.clear();
    }
  }

  /** LLM workers (the real service) over one "IndexedDB": the settings store outlives each worker. */
  function llmSetup() {
    const storage = new MemoryLlmSettingsStore<LlmSettings>();
    let gate: Promise<void> = Promise.resolve();
    const env = setup<LlmApi>({
      supervisorOptions: (base) => llmSupervisorOptions(base),
      expose: () =>
        createLlmService({
          settings: async () => ({ store: storage, persistent: true }),
          answers: async () => new Answers(),
          detectWebGpu: async () => {
            await gate;
            return { available: true, reason: '', features: [], adapter: 'fake' };
          },
          webLlm: {
            load: async () => {
              await gate;
              return { engine: interruptible(new FakeWebLlmEngine()), unload: async () => {} };
            },
            isStored: async () => true,
            remove: async () => {},
          },
        }),
    });
    return { ...env, storage, hold: (next: Promise<void>) => (gate = next) };
  }

  it('rejects the calls in flight, restarts, and the fresh worker has the stored settings but not the loaded model', async () => {
    const { supervisor, workers, deaths, hold } = llmSetup();
    const api = supervisor.api;
    // Remote settings with a key for this tab only; then the local model, loaded.
    await api.saveSettings({ ...structuredClone(DEFAULT_LLM_SETTINGS), mode: 'remote', remote: { ...DEFAULT_LLM_SETTINGS.remote, baseUrl: 'http://127.0.0.1:9/v1', model: 'm' } });
    await api.setApiKey('gsk_tab_only', false);
    const settings = (await api.status()).settings;
    await api.saveSettings({ ...settings, mode: 'local', localModel: DEFAULT_LOCAL_MODEL });
    await api.loadLocalModel(Comlink.proxy(() => {}));
    const before = await api.status();
    expect(before).toMatchObject({ ready: true, loadedModel: DEFAULT_LOCAL_MODEL, keySet: true, keyRemembered: false });

    // A call hangs (the GPU does not answer); the worker dies meanwhile.
    hold(new Promise(() => {}));
    const pending = api.detectWebGpu();
    await tick();
    workers[0].crash();
    await expect(pending).rejects.toBeInstanceOf(WorkerStoppedError);
    await expect(pending).rejects.toThrow(/^The LLM worker stopped: it stopped unexpectedly.*work in progress was lost.*restarted/);
    expect(deaths).toHaveLength(1);
    expect(deaths[0]).toMatchObject({ restarted: true, pendingCalls: 1 });

    const message = llmDeathMessage(deaths[0], before);
    expect(message).toMatch(/LLM worker stopped.*settings were read again from storage/);
    expect(message).toMatch(new RegExp(`local model ${DEFAULT_LOCAL_MODEL.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} was unloaded with it: load it again`));
    expect(message).toMatch(/API key held for this tab went with it: enter it again/);

    // The fresh worker: settings from storage, no model, no key; it works.
    expect(workers).toHaveLength(2);
    const after = await api.status();
    expect(after.settings).toEqual(before.settings);
    expect(after).toMatchObject({ loadedModel: null, keySet: false, ready: false });
    expect(after.notReady).toMatch(/not loaded/);
    hold(Promise.resolve());
    expect((await api.detectWebGpu()).available).toBe(true);
    expect((await api.loadLocalModel(Comlink.proxy(() => {}))).loadedModel).toBe(DEFAULT_LOCAL_MODEL);
  });

  it('says nothing of a model or key when there was none', () => {
    const death: WorkerDeath = { message: 'The LLM worker stopped: x. It has been restarted: try again.', restarted: true, pendingCalls: 0 };
    expect(llmDeathMessage(death, null)).toBe('The LLM worker stopped: x. It has been restarted: try again. The LLM settings were read again from storage.');
    expect(llmDeathMessage({ ...death, restarted: false }, null)).toBe('The LLM worker stopped: x. It has been restarted: try again.');
  });
});
