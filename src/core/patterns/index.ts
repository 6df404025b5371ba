/** Pattern discovery: masking, the miner, value statistics, edits, semantic grouping. */
export * from './masking.ts';
export * from './masking-defaults.ts';
export * from './template.ts';
export * from './cluster.ts';
export * from './miner.ts';
export * from './mine.ts';
export * from './values.ts';
export * from './semantic.ts';
export * from './edits.ts';
export * from './patterns-file.ts';
export * from './session.ts';
