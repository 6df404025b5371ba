/** Settings a fresh install starts with; every one of them is editable and stored with the bundle. */
import { DEFAULT_THRESHOLDS } from './bundle.ts';
import type { SourceRoutes } from './types.ts';

export { DEFAULT_RULES } from './rules/default-rules.ts';
export { DEFAULT_THRESHOLDS };

/** The legacy system's lines are the rare, irregular ones: they go to the LLM tier. */
export const DEFAULT_SOURCE_ROUTES: SourceRoutes = { LegacyCRM: 'llm' };
