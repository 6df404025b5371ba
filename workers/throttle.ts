/** Rate-limits progress reports: at most one call per `intervalMs`; `flush()` sends the last one held back. */
export interface Throttled<T> {
  (value: T): void;
  flush(): void;
}

export function throttle<T>(fn: (value: T) => void, intervalMs = 100, now: () => number = () => performance.now()): Throttled<T> {
  let last = -Infinity;
  let pending: { value: T } | null = null;
  const call = ((value: T) => {
    const t = now();
    if (t - last >= intervalMs) {
      last = t;
      pending = null;
      fn(value);
    } else {
      pending = { value };
    }
  }) as Throttled<T>;
  call.flush = () => {
    if (pending) {
      const { value } = pending;
      pending = null;
      last = now();
      fn(value);
    }
  };
  return call;
}
