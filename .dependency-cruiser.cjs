/**
 * The layering logsift lives by, checked by `npm run check` (dependency-cruiser):
 * the pure core runs in Node and in any worker, so it imports nothing outside itself; storage is
 * used by workers and the page but knows neither; workers never reach into the page; and no
 * module imports itself through others.
 */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'An import circle makes load order matter and hides which module owns what.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'core-stays-pure',
      severity: 'error',
      comment: 'src/core runs in Node, the CLI and every worker: it must not depend on the page, workers, storage or the CLI.',
      from: { path: '^src/core/' },
      to: { path: '^(src/(app|storage|cli|sw)|workers)/' },
    },
    {
      name: 'storage-below-workers-and-app',
      severity: 'error',
      comment: 'Storage is used by workers and the page; it must not know either.',
      from: { path: '^src/storage/' },
      to: { path: '^(src/(app|cli|sw)|workers)/' },
    },
    {
      name: 'workers-never-import-app',
      severity: 'error',
      comment: 'Workers run apart from the page; what both need lives in core or in the worker contracts.',
      from: { path: '^workers/' },
      to: { path: '^src/app/' },
    },
    {
      name: 'cli-never-imports-browser-code',
      severity: 'error',
      comment: 'The CLI runs in Node: it uses the core, never the page or the workers.',
      from: { path: '^src/cli/' },
      to: { path: '^(src/(app|sw)|workers)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)node_modules/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.svelte', '.json'] },
  },
};
