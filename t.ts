import { readFileSync } from 'node:fs';
import { parseBundle, modelOfBundle } from './src/core/bundle.ts';
import { createEmbedder } from './src/core/features/registry.ts';
import { predictProba } from './src/core/logreg.ts';
import { maskMessage } from './src/core/masking.ts';
const b = parseBundle(readFileSync('public/default-bundle.json', 'utf8'));
const m = modelOfBundle(b); const e = createEmbedder(b.embedder);
for (const t of process.argv.slice(2)) {
  const [v] = await e.embed([maskMessage(t)]);
  const p = predictProba(m, v);
  console.log(t, '\n   ', b.labels.map((l, i) => [l, p[i]] as const).sort((a, c) => c[1] - a[1]).slice(0, 3).map(([l, x]) => `${l} ${x.toFixed(2)}`).join(', '));
}
