/**
 * What can go wrong with the browser's storage, in words a user can act on:
 * - a write that does not fit (QuotaExceededError),
 * - an upgrade of the database blocked by another tab that still has the older version open,
 * - a connection this tab had to give up (a newer logsift opened in another tab, or the browser
 *   closed it: storage cleared, disk trouble),
 * - a database that cannot be opened at all (a newer schema from a newer logsift, a broken file).
 *
 * Storage modules map their errors through `storageError`, wrap their stores in
 * `withStorageErrors`, and open databases through `openGuarded`, which gives up on a blocked
 * upgrade after a while instead of waiting for ever. test/unit/storage/storage-faults.test.ts checks
 * each case on fake-indexeddb.
 */

/** An error of the browser's storage, with a message that says what happened and what to do. */
export class StorageError extends Error {
  override name = 'StorageError';
  constructor(
    message: string,
    /** The browser's error name (QuotaExceededError, VersionError, …). */
    readonly cause: string,
  ) {
    super(message);
  }
}

const nameOf = (err: unknown): string =>
  err && typeof err === 'object' && 'name' in err && typeof (err as { name: unknown }).name === 'string' ? (err as { name: string }).name : '';
const messageOf = (err: unknown): string =>
  err && typeof err === 'object' && 'message' in err && typeof (err as { message: unknown }).message === 'string' ? (err as { message: string }).message : String(err);

/** Whether the browser refused a write for lack of space. */
export function isQuotaError(err: unknown): boolean {
  const name = nameOf(err);
  // Firefox once called it NS_ERROR_DOM_QUOTA_REACHED; legacy code 22.
  return name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED' || (err as { code?: unknown } | null)?.code === 22;
}

/** A user-readable error for a failed storage call; `action` says what was being done ("saving the bundle version"). */
export function storageError(err: unknown, action: string): Error {
  if (err instanceof StorageError) return err;
  const name = nameOf(err);
  if (isQuotaError(err)) {
    return new StorageError(
      `The browser’s storage for this site is full, so ${action} failed and nothing was changed. Free some space under Storage (old bundle versions, models, caches) and try again.`,
      'QuotaExceededError',
    );
  }
  if (name === 'InvalidStateError' || name === 'TransactionInactiveError' || /connection is clos/i.test(messageOf(err))) {
    return new StorageError(
      `This tab lost its connection to the browser’s storage (a newer logsift opened in another tab, or the browser closed it), so ${action} failed. Reload the page.`,
      name || 'InvalidStateError',
    );
  }
  if (name === 'UnknownError' || name === 'DataError' || name === 'DataCloneError') {
    return new StorageError(`The browser’s storage failed while ${action} (${name}: ${messageOf(err)}). Nothing was changed.`, name);
  }
  return err instanceof Error ? err : new Error(messageOf(err));
}

/**
 * Wraps every method of a store so that a failure rejects with `storageError`'s message.
 * `what` names the store in messages ("bundle versions").
 */
export function withStorageErrors<T extends object>(store: T, what: string): T {
  return new Proxy(store, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (typeof value !== 'function' || prop === 'constructor') return value;
      const action = `${typeof prop === 'string' ? describeMethod(prop) : 'using'} ${what}`;
      return (...args: unknown[]) => {
        let out: unknown;
        try {
          out = (value as (...a: unknown[]) => unknown).apply(target, args);
        } catch (err) {
          throw storageError(err, action);
        }
        return out instanceof Promise ? out.catch((err: unknown) => Promise.reject(storageError(err, action))) : out;
      };
    },
  });
}

function describeMethod(name: string): string {
  if (/^(load|list|get|active|files)/i.test(name)) return 'reading';
  if (/^(delete|remove|clear)/i.test(name)) return 'deleting from';
  return 'saving to';
}

/** How long an upgrade may wait for other tabs before the page starts without storage. */
export const BLOCKED_TIMEOUT_MS = 4000;

export interface GuardedOpenHooks {
  /** Pass to idb's `openDB` options: called when another tab holds an older version open. */
  blocked(): void;
  /** Pass to idb's `openDB` options: this tab must let a newer version in (the connection is closed). */
  blocking(): void;
  /** Pass to idb's `openDB` options: the browser closed the connection. */
  terminated(): void;
}

/**
 * Opens a database with `open(hooks)` (an idb `openDB` call that passes the hooks on), and:
 * - rejects with a StorageError when the upgrade stays blocked by another tab for `blockedMs`
 *   (a connection that opens later is closed again),
 * - rejects with a StorageError when it cannot be opened (VersionError: made by a newer logsift),
 * - calls `onLost` with a message when the connection has to be given up later.
 */
export async function openGuarded<D extends { close(): void }>(
  label: string,
  open: (hooks: GuardedOpenHooks) => Promise<D>,
  options: {
    blockedMs?: number;
    onLost?: (message: string) => void;
    /** What the app does without this database, a clause for the messages (default: the bundle storage's "this tab starts on the built-in default and …"). */
    fallback?: string;
  } = {},
): Promise<D> {
  const fallback = options.fallback ?? 'this tab starts on the built-in default and keeps changes only until it is closed';
  let db: D | null = null;
  let gaveUp = false;
  let blockedTimer: ReturnType<typeof setTimeout> | undefined;
  let rejectBlocked!: (err: Error) => void;
  const blockedPromise = new Promise<never>((_, reject) => (rejectBlocked = reject));
  const hooks: GuardedOpenHooks = {
    blocked() {
      if (blockedTimer !== undefined) return;
      blockedTimer = setTimeout(() => {
        gaveUp = true;
        rejectBlocked(
          new StorageError(
            `logsift’s ${label} could not be upgraded: another tab still has an older version of logsift open. Close the other logsift tabs and reload this page. Until then ${fallback}.`,
            'blocked',
          ),
        );
      }, options.blockedMs ?? BLOCKED_TIMEOUT_MS);
    },
    blocking() {
      // Let the newer version in; this tab then works on without storage until it reloads.
      db?.close();
      options.onLost?.(`A newer logsift opened in another tab and upgraded its storage: reload this tab to go on with the stored ${label}.`);
    },
    terminated() {
      options.onLost?.(`The browser closed logsift’s ${label} (storage cleared or a disk problem): reload the page.`);
    },
  };
  try {
    const opening = open(hooks).then((d) => {
      if (gaveUp) d.close();
      else db = d;
      return d;
    });
    opening.catch(() => {});
    return await Promise.race([opening, blockedPromise]);
  } catch (err) {
    if (err instanceof StorageError) throw err;
    const name = nameOf(err);
    if (name === 'VersionError') {
      throw new StorageError(
        `logsift’s ${label} was written by a newer version of logsift than this one, so it was not opened (nothing was changed). Reload to get the newer version; until then ${fallback}.`,
        name,
      );
    }
    throw new StorageError(`logsift’s ${label} could not be opened (${name || 'error'}: ${messageOf(err)}). ${fallback.charAt(0).toUpperCase()}${fallback.slice(1)}.`, name || 'error');
  } finally {
    if (blockedTimer !== undefined) clearTimeout(blockedTimer);
  }
}
