/**
 * The worker side of pool.ts: classifies the chunks it is sent with its own Classifier, whose
 * decisions by masked key go through the coordinator's shared table, and sends each outcome
 * back with its buffers transferred. The same code runs in a Web Worker (workers/scale.worker.ts)
 * and in a worker_thread (src/cli/pool-thread-main.ts). A Web Worker serves one run after another
 * (workers/scale-run.ts StandbyPool): each run starts with 'init'.
 */
import { parseBundle, type ModelBundle } from '../bundle.ts';
import { Classifier } from '../classifier.ts';
import { ChunkClassifier } from './chunk.ts';
import type { FromWorker, ToWorker } from './pool.ts';
import { transferablesOf } from './pool.ts';
import type { KeyClaim, SharedDecisions } from './shared-keys.ts';
import type { Classification } from '../types.ts';

export function servePoolWorker(post: (message: FromWorker, transfer?: Transferable[]) => void): (message: ToWorker) => void {
  let chunks: ChunkClassifier | null = null;
  let classifier: Classifier | null = null;
  /** Why the last 'init' failed (a bundle this worker cannot read): each chunk of that run fails with it. */
  let setupError: Error | null = null;
  let nextReq = 0;
  const replies = new Map<number, (value: never) => void>();
  const ask = <T>(message: (req: number) => FromWorker): Promise<T> =>
    new Promise<T>((resolve) => {
      const req = nextReq++;
      replies.set(req, resolve as (value: never) => void);
      post(message(req));
    });
  // Decisions the other workers published, pushed here unasked: a key among them needs no question.
  const known = new Map<string, Classification>();
  // The last bundle read: a worker kept between runs reads it once, often before the run starts.
  let bundleRead: { json: string; bundle: ModelBundle } | null = null;
  const bundleOf = (json: string): ModelBundle => {
    if (bundleRead?.json !== json) bundleRead = { json, bundle: parseBundle(json) };
    return bundleRead.bundle;
  };
  const shared: SharedDecisions = {
    claim: async (keys) => {
      const found: [string, Classification][] = [];
      const toAsk: string[] = [];
      for (const key of keys) {
        const decision = known.get(key);
        if (decision) found.push([key, decision]);
        else toAsk.push(key);
      }
      if (toAsk.length === 0) return { known: found, mine: [], pending: [] };
      const claim = await ask<KeyClaim>((req) => ({ type: 'claim', req, keys: toAsk }));
      return { ...claim, known: [...found, ...claim.known] };
    },
    publish: (decisions) => post({ type: 'publish', decisions }),
    wait: (keys) => ask((req) => ({ type: 'wait', req, keys })),
  };

  return (message) => {
    switch (message.type) {
      case 'prepare':
        try {
          bundleOf(message.bundleJson);
        } catch {
          // read again, and reported, when a run brings it
        }
        break;
      case 'init': {
        const s = message.settings;
        // A new run: nothing of the last one – its classifier, its shared decisions – may carry over.
        known.clear();
        replies.clear();
        classifier = null;
        chunks = null;
        setupError = null;
        try {
          classifier = new Classifier(bundleOf(s.bundleJson), undefined, { shared });
          chunks = new ChunkClassifier(classifier, s.format, { explain: s.explain, safeCsv: s.safeCsv, output: s.output, columns: s.columns, time: s.time });
        } catch (error) {
          setupError = error as Error;
        }
        break;
      }
      case 'known':
        for (const [key, decision] of message.decisions) known.set(key, decision);
        break;
      case 'claimed':
      case 'waited': {
        const reply = replies.get(message.req);
        replies.delete(message.req);
        reply?.((message.type === 'claimed' ? message.claim : message.decisions) as never);
        break;
      }
      case 'chunk': {
        const id = message.id;
        if (!chunks || !classifier) {
          post({ type: 'failed', id, name: setupError?.name ?? 'Error', message: setupError?.message ?? 'The pool worker was not set up.' });
          return;
        }
        const cls = classifier;
        chunks.process(message.chunk).then(
          (outcome) => {
            // The output's buffer moves as it is, room and all – mostly the chunk's own buffer, the
            // output written over the input: the coordinator writes the view out and hands the
            // buffer to a later chunk, so a copy the right size would cost a megabyte for nothing.
            const output = outcome.output;
            post({ type: 'done', id, outcome, embedded: cls.embeddingCalls }, transferablesOf(output, outcome.labelIds, outcome.tiers, outcome.confidence, outcome.times));
          },
          (error: Error) => post({ type: 'failed', id, name: error?.name ?? 'Error', message: error?.message ?? String(error) }),
        );
        break;
      }
    }
  };
}
