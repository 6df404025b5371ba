/**
 * A pause that lets the event loop run: long work in a worker awaits it between pieces, so that
 * progress is posted, a Cancel or a worker's answer is heard, and timers fire. A macrotask
 * (setTimeout), not a microtask: awaiting a resolved promise would not let messages in.
 */
export const yieldToEventLoop = (): Promise<void> => new Promise<void>((resolve) => setTimeout(resolve, 0));
