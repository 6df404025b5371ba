/**
 * The masked-key cache shared by a pool of workers, so that each distinct key is embedded once
 * over the whole pool. Each worker asks for the keys it has not seen (`claim`): keys already
 * decided come back with their decision, keys nobody has yet are the asker's to embed (it
 * `publish`es the decisions), keys another worker is embedding right now are `pending` – the
 * asker publishes its own first and only then `wait`s for those, so no two workers wait on
 * each other.
 */
import type { Classification } from '../types.ts';

export interface KeyClaim {
  known: [string, Classification][];
  mine: string[];
  pending: string[];
}

/** What a Classifier in a pool worker is given (classifier.ts `shared`). */
export interface SharedDecisions {
  claim(keys: string[]): Promise<KeyClaim>;
  publish(decisions: [string, Classification][]): void;
  wait(keys: string[]): Promise<[string, Classification][]>;
}

/** The coordinator's side: the table itself. */
export class SharedKeyTable {
  private readonly decided = new Map<string, Classification>();
  private readonly inProgress = new Map<string, { promise: Promise<Classification>; resolve(c: Classification): void }>();

  get size(): number {
    return this.decided.size;
  }

  claim(keys: string[]): KeyClaim {
    const out: KeyClaim = { known: [], mine: [], pending: [] };
    for (const key of keys) {
      const known = this.decided.get(key);
      if (known) out.known.push([key, known]);
      else if (this.inProgress.has(key)) out.pending.push(key);
      else {
        let resolve!: (c: Classification) => void;
        const promise = new Promise<Classification>((r) => (resolve = r));
        this.inProgress.set(key, { promise, resolve });
        out.mine.push(key);
      }
    }
    return out;
  }

  publish(decisions: [string, Classification][]): void {
    for (const [key, decision] of decisions) {
      this.decided.set(key, decision);
      this.inProgress.get(key)?.resolve(decision);
      this.inProgress.delete(key);
    }
  }

  async wait(keys: string[]): Promise<[string, Classification][]> {
    return Promise.all(keys.map(async (key): Promise<[string, Classification]> => [key, this.decided.get(key) ?? (await this.inProgress.get(key)!.promise)]));
  }

  /** This table as a SharedDecisions in the same thread (tests, a pool of one). */
  local(): SharedDecisions {
    return { claim: async (keys) => this.claim(keys), publish: (d) => this.publish(d), wait: (keys) => this.wait(keys) };
  }
}
