/**
 * What logsift keeps in this browser, for the Storage panel: the classify worker's data
 * (bundle versions, training set, patterns), imported BERT models, the LLM's answers, every Cache
 * Storage cache by what it holds (offline copy of the app, WebLLM model files, …), the remembered
 * API key (named, never shown), the browser's
 * estimate and whether storage is persistent. Each item can be deleted on its own.
 */
import type { StoredDataUsage } from '../../workers/classify-api.ts';

export type StoredKind = 'versions' | 'training' | 'patterns' | 'outputs' | 'bert-model' | 'llm-answers' | 'llm-key' | 'app-cache' | 'llm-models' | 'cache';

export interface StoredItem {
  id: string;
  kind: StoredKind;
  what: string;
  detail: string;
  /** Bytes, or null when the browser does not say. */
  bytes: number | null;
  /** What Delete does, in words; null when there is nothing to delete. */
  deleteLabel: string | null;
}

export interface CacheUsage {
  name: string;
  entries: number;
  bytes: number;
}

/** The kind of a Cache Storage cache, by its name. */
export function cacheKind(name: string): StoredKind {
  if (name.startsWith('logsift-app-')) return 'app-cache';
  if (name.startsWith('webllm/')) return 'llm-models';
  return 'cache';
}

/** Sizes of every cache of this origin (Content-Length when the response has one, else its body). */
export async function cacheUsage(): Promise<CacheUsage[]> {
  if (typeof caches === 'undefined') return [];
  const out: CacheUsage[] = [];
  for (const name of await caches.keys()) {
    const cache = await caches.open(name);
    const requests = await cache.keys();
    let bytes = 0;
    for (const request of requests) {
      const res = await cache.match(request);
      if (!res) continue;
      const length = Number(res.headers.get('content-length'));
      bytes += Number.isFinite(length) && length > 0 ? length : (await res.blob()).size;
    }
    out.push({ name, entries: requests.length, bytes });
  }
  return out;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/** The panel's list from the parts (pure, for tests). */
export function storedItems(parts: {
  data: StoredDataUsage | null;
  models: { id: string; bytes: number; source: 'served' | 'imported' }[];
  llmAnswers: number | null;
  /** The remembered API key's origin (the key itself is never here), or null when none is remembered. */
  llmKeyOrigin: string | null;
  caches: CacheUsage[];
}): StoredItem[] {
  const items: StoredItem[] = [];
  const d = parts.data;
  if (d) {
    items.push({
      id: 'versions',
      kind: 'versions',
      what: 'Bundle versions',
      detail: d.versions.count ? `${plural(d.versions.count, 'version')}${d.versions.activeId ? ', one of them in use' : ''}` : 'none (the built-in default is in use)',
      bytes: d.versions.bytes,
      deleteLabel: d.versions.count > (d.versions.activeId ? 1 : 0) ? (d.versions.activeId ? 'Delete all but the one in use' : 'Delete all') : null,
    });
    items.push({
      id: 'training',
      kind: 'training',
      what: 'Training set',
      detail: plural(d.trainingSet.rows, 'labelled line'),
      bytes: d.trainingSet.bytes,
      deleteLabel: d.trainingSet.rows ? 'Delete the training set' : null,
    });
    items.push({
      id: 'patterns',
      kind: 'patterns',
      what: 'Discovered patterns',
      detail: d.patterns.keys ? plural(d.patterns.keys, 'distinct masked line') : 'none',
      bytes: d.patterns.bytes,
      deleteLabel: d.patterns.bytes ? 'Delete the patterns' : null,
    });
    const o = d.outputs;
    items.push({
      id: 'outputs',
      kind: 'outputs',
      what: 'Classified files',
      detail: o.files
        ? `${plural(o.files, 'file')} for downloads${o.mine ? `, ${o.mine.toLocaleString('en-US')} of this tab's last run` : ''}${o.files > o.mine ? `, ${plural(o.files - o.mine, 'file')} of other open tabs` : ''}`
        : 'none',
      bytes: o.bytes,
      deleteLabel: o.files ? 'Delete the classified files' : null,
    });
  }
  for (const m of parts.models.filter((x) => x.source === 'imported')) {
    items.push({ id: `bert:${m.id}`, kind: 'bert-model', what: `BERT model ${m.id}`, detail: 'imported', bytes: m.bytes, deleteLabel: 'Remove the model' });
  }
  if (parts.llmAnswers !== null) {
    items.push({
      id: 'llm-answers',
      kind: 'llm-answers',
      what: 'LLM answers',
      detail: plural(parts.llmAnswers, 'cached answer'),
      bytes: null,
      deleteLabel: parts.llmAnswers ? 'Forget the answers' : null,
    });
  }
  if (parts.llmKeyOrigin !== null) {
    items.push({
      id: 'llm-key',
      kind: 'llm-key',
      what: 'Remembered API key',
      detail: `for ${parts.llmKeyOrigin} (not shown)`,
      bytes: null,
      deleteLabel: 'Forget the key',
    });
  }
  const app = parts.caches.filter((c) => cacheKind(c.name) === 'app-cache');
  if (app.length) {
    items.push({
      id: 'app-cache',
      kind: 'app-cache',
      what: 'Offline copy of logsift',
      detail: `${plural(app.reduce((n, c) => n + c.entries, 0), 'file')} (${plural(app.filter((c) => c.name !== 'logsift-app-history').length, 'version')})`,
      bytes: app.reduce((n, c) => n + c.bytes, 0),
      deleteLabel: 'Remove (needs the network next time)',
    });
  }
  const llm = parts.caches.filter((c) => cacheKind(c.name) === 'llm-models');
  if (llm.length && llm.some((c) => c.entries > 0)) {
    items.push({
      id: 'llm-models',
      kind: 'llm-models',
      what: 'Local LLM model files',
      detail: plural(llm.reduce((n, c) => n + c.entries, 0), 'file'),
      bytes: llm.reduce((n, c) => n + c.bytes, 0),
      deleteLabel: 'Delete the LLM model files',
    });
  }
  for (const c of parts.caches.filter((x) => cacheKind(x.name) === 'cache' && x.name !== 'logsift-models-v1')) {
    items.push({ id: `cache:${c.name}`, kind: 'cache', what: `Cache “${c.name}”`, detail: plural(c.entries, 'entry', 'entries'), bytes: c.bytes, deleteLabel: c.entries ? 'Delete the cache' : null });
  }
  return items;
}

/**
 * What the listed items add up to, and what the browser counts for this site beyond them
 * (`usage` from navigator.storage.estimate(): its databases' own bookkeeping, and items whose size
 * it does not tell, such as the LLM answers). The two add up to `usage`.
 */
export function storageTotals(items: readonly StoredItem[], usage: number): { listed: number; other: number } {
  const listed = items.reduce((n, item) => n + (item.bytes ?? 0), 0);
  return { listed, other: Math.max(0, usage - listed) };
}
