/** Pattern discovery (the issue's `src/core/patterns.ts`): everything lives in ./patterns/. */
export * from './patterns/index.ts';
