/**
 * The held-out split used unless told otherwise – by the page's training workspace and by
 * `logsift eval` alike, so that the same file gives the same figures in both. A module of its own
 * so the page can show the defaults without loading the training code.
 */
export const DEFAULT_HOLD_OUT = { testFraction: 0.2, seed: 1 } as const;
