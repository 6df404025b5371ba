/**
 * Small parts of the hardening work: the network reporter (what the indicator is told), the CSP policies
 * and the host list a deployment adds, the Storage panel's list, and the precache list of the
 * service worker plugin.
 */
import { describe, expect, it } from 'vitest';
import { cspFor, extraHosts, headersFile, llmWorkerCsp, META_CSP, PAGE_CSP } from '../../../scripts/lib/csp.ts';
import { storedItems, storageTotals } from '../../../src/app/storage-report.ts';
import { reportingFetch, type NetworkEvent } from '../../../workers/network-report.ts';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

describe('reportingFetch', () => {
  const SELF = 'http://127.0.0.1:4173';
  function setup(respond: () => Promise<Response>) {
    const events: NetworkEvent[] = [];
    const seen: string[] = [];
    const f = reportingFetch(
      (async (input: RequestInfo | URL) => {
        seen.push(String(input));
        return respond();
      }) as typeof fetch,
      SELF,
      { postMessage: (e) => events.push(e as NetworkEvent) },
    );
    return { f, events, seen };
  }

  it('reports requests to other hosts – host, method, bytes, status – and never the path or the key', async () => {
    const { f, events } = setup(async () => new Response('{}', { status: 200 }));
    await f('https://api.groq.com/openai/v1/chat/completions?x=secret', {
      method: 'POST',
      body: '{"messages":"masked"}',
      headers: { Authorization: 'Bearer gsk_SECRET' },
    });
    expect(events.map((e) => e.phase)).toEqual(['start', 'end']);
    expect(events[0]).toMatchObject({ host: 'api.groq.com', origin: 'https://api.groq.com', method: 'POST', bytesOut: 21 });
    expect(events[1]).toMatchObject({ status: 200, id: events[0].id });
    expect(JSON.stringify(events)).not.toMatch(/secret|SECRET|chat\/completions|masked/);
  });

  it('a redirect the browser followed lists the host it ended on too', async () => {
    const landed = new Response('weights', { status: 200 });
    Object.defineProperty(landed, 'redirected', { value: true });
    Object.defineProperty(landed, 'url', { value: 'https://cas-bridge.xethub.hf.co/x?sig=secret' });
    const { f, events } = setup(async () => landed);
    await f('https://huggingface.co/mlc-ai/m/resolve/main/params_shard_0.bin');
    expect(events.map((e) => [e.phase, e.host])).toEqual([
      ['start', 'huggingface.co'],
      ['end', 'huggingface.co'],
      ['start', 'cas-bridge.xethub.hf.co'],
      ['end', 'cas-bridge.xethub.hf.co'],
    ]);
    expect(JSON.stringify(events)).not.toMatch(/secret|params_shard/);
  });

  it('does not report this origin, blob: or data:; reports failures', async () => {
    const { f, events, seen } = setup(async () => {
      throw new TypeError('Failed to fetch');
    });
    await expect(f(`${SELF}/default-bundle.json`)).rejects.toThrow();
    await expect(f('/models/index.json')).rejects.toThrow();
    expect(events).toEqual([]);
    await expect(f('http://localhost:11434/v1/models')).rejects.toThrow('Failed to fetch');
    expect(events.map((e) => [e.phase, e.host, e.status ?? null, e.error ?? null])).toEqual([
      ['start', 'localhost:11434', null, null],
      ['end', 'localhost:11434', 0, 'TypeError'],
    ]);
    expect(seen).toHaveLength(3);
  });
});

describe('Content-Security-Policy', () => {
  it('the page: own origin only, no inline script, no eval; the meta tag of index.html is the same policy', () => {
    const script = META_CSP.split('; ').find((d) => d.startsWith('script-src'));
    expect(script).toBe("script-src 'self' 'wasm-unsafe-eval'");
    expect(META_CSP).toContain("connect-src 'self' blob: data:;");
    expect(PAGE_CSP).toBe(`${META_CSP}; frame-ancestors 'none'`);
    const html = readFileSync(resolve(import.meta.dirname, '../../../index.html'), 'utf8');
    expect(html).toContain(`content="${META_CSP}"`);
  });

  it('the LLM worker adds the LLM hosts and the deployment’s own; other scripts get the page policy', () => {
    expect(cspFor('/assets/llm.worker-Ab12Cd34.js', ['https://llm.internal.example'])).toBe(llmWorkerCsp(['https://llm.internal.example']));
    expect(cspFor('/assets/llm.worker-Ab12Cd34.js?x=1', [])).toMatch(/connect-src 'self' blob: data: https:\/\/api\.groq\.com .* http:\/\/localhost:\*;/);
    expect(cspFor('/assets/classify.worker-Ab12.js')).toBe(PAGE_CSP);
    expect(cspFor('/')).toBe(PAGE_CSP);
    expect(llmWorkerCsp(['https://llm.internal.example'])).toContain('https://llm.internal.example;');
    const file = headersFile({ workers: ['assets/classify.worker-A1.js', 'assets/llm.worker-B2.js'] }, []);
    expect(file).toContain(`/index.html\n  Content-Security-Policy: ${PAGE_CSP}\n`);
    expect(file).toContain(`/assets/classify.worker-A1.js\n  Content-Security-Policy: ${PAGE_CSP}\n`);
    expect(file).toContain(`/assets/llm.worker-B2.js\n  Content-Security-Policy: ${llmWorkerCsp([])}\n`);
    // The service worker's script gets the page's policy too.
    expect(file).toContain(`/sw.js\n  Content-Security-Policy: ${PAGE_CSP}\n`);
    // One CSP rule per path: hosts merge overlapping rules.
    expect(file.match(/Content-Security-Policy/g)).toHaveLength(5);
  });

  it('LOGSIFT_CONNECT_HOSTS takes origins, separated by spaces or commas, and refuses anything else', () => {
    expect(extraHosts({ LOGSIFT_CONNECT_HOSTS: 'https://a.example, https://b.example:8443  http://10.0.0.5:11434' })).toEqual([
      'https://a.example',
      'https://b.example:8443',
      'http://10.0.0.5:11434',
    ]);
    expect(extraHosts({})).toEqual([]);
    expect(() => extraHosts({ LOGSIFT_CONNECT_HOSTS: "https://a.example; script-src 'unsafe-eval'" })).toThrow(/not an origin/);
    expect(() => extraHosts({ LOGSIFT_CONNECT_HOSTS: 'https://a.example/path' })).toThrow(/not an origin/);
  });
});

describe('Storage panel list', () => {
  it('lists each kind with sizes and what Delete does', () => {
    const items = storedItems({
      data: {
        versions: { count: 3, bytes: 3000, activeId: 'v1' },
        trainingSet: { rows: 12, bytes: 800 },
        patterns: { keys: 0, bytes: 0 },
        outputs: { files: 3, bytes: 25_000_000, mine: 2 },
        persistent: true,
      },
      models: [
        { id: 'Xenova/all-MiniLM-L6-v2', bytes: 23_000_000, source: 'imported' },
        { id: 'served-one', bytes: 5, source: 'served' },
      ],
      llmAnswers: 4,
      llmKeyOrigin: 'https://api.groq.com',
      caches: [
        { name: 'logsift-app-abc', entries: 20, bytes: 35_000_000 },
        { name: 'logsift-app-history', entries: 1, bytes: 10 },
        { name: 'logsift-models-v1', entries: 6, bytes: 23_000_000 },
        { name: 'webllm/model', entries: 40, bytes: 900_000_000 },
        { name: 'something-else', entries: 2, bytes: 50 },
      ],
    });
    const by = Object.fromEntries(items.map((i) => [i.id, i]));
    expect(Object.keys(by)).toEqual(['versions', 'training', 'patterns', 'outputs', 'bert:Xenova/all-MiniLM-L6-v2', 'llm-answers', 'llm-key', 'app-cache', 'llm-models', 'cache:something-else']);
    expect(by.versions).toMatchObject({ detail: '3 versions, one of them in use', bytes: 3000, deleteLabel: 'Delete all but the one in use' });
    expect(by.training).toMatchObject({ detail: '12 labelled lines', deleteLabel: 'Delete the training set' });
    expect(by.patterns.deleteLabel).toBeNull();
    expect(by.outputs).toMatchObject({ detail: "3 files for downloads, 2 of this tab's last run, 1 file of other open tabs", bytes: 25_000_000, deleteLabel: 'Delete the classified files' });
    // What the items add up to, and what the browser counts beyond them.
    expect(storageTotals(items, 1_100_000_000)).toEqual({ listed: 3000 + 800 + 25_000_000 + 23_000_000 + 35_000_010 + 900_000_000 + 50, other: 1_100_000_000 - 983_003_860 });
    expect(storageTotals(items, 10).other).toBe(0);
    expect(by['app-cache']).toMatchObject({ bytes: 35_000_010, detail: '21 files (1 version)' });
    expect(by['llm-models'].bytes).toBe(900_000_000);
    expect(by['llm-answers']).toMatchObject({ detail: '4 cached answers', bytes: null });
    // The remembered key is named with its origin, never shown, and can be deleted.
    expect(by['llm-key']).toMatchObject({ what: 'Remembered API key', detail: 'for https://api.groq.com (not shown)', deleteLabel: 'Forget the key' });
  });

  it('nothing to delete when only the version in use is stored', () => {
    const data = { versions: { count: 1, bytes: 10, activeId: 'v1' }, trainingSet: { rows: 0, bytes: 2 }, patterns: { keys: 0, bytes: 0 }, outputs: { files: 0, bytes: 0, mine: 0 }, persistent: true };
    const items = storedItems({ data, models: [], llmAnswers: null, llmKeyOrigin: null, caches: [] });
    expect(items.map((i) => [i.id, i.deleteLabel])).toEqual([
      ['versions', null],
      ['training', null],
      ['patterns', null],
      ['outputs', null],
    ]);
  });
});
