/**
 * Checks log family files of the system-log corpus before they are registered:
 *   npx tsx scripts/check-family.ts src/core/generate/system/families/FILE.ts [--samples 30]
 * Compiles every exported family (an unknown slot or an unmatched brace fails), prints its
 * template count per label and sample lines, and lists masked messages that two labels share
 * (masking must never make templates of different labels look the same).
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { createRng } from '../src/core/generate/random.ts';
import { compileFamilyTemplate } from '../src/core/generate/system/corpus.ts';
import type { LogFamily } from '../src/core/generate/system/family.ts';
import { maskMessage } from '../src/core/message-key.ts';

const { values, positionals } = parseArgs({ args: process.argv.slice(2), allowPositionals: true, options: { samples: { type: 'string', default: '30' } } });
let failed = false;
for (const file of positionals) {
  const module = (await import(pathToFileURL(resolve(file)).href)) as Record<string, unknown>;
  const families = Object.values(module).filter((value): value is LogFamily => typeof value === 'object' && value !== null && 'templates' in value && 'id' in value);
  if (families.length === 0) {
    console.log(`${file}: exports no LogFamily`);
    failed = true;
  }
  for (const family of families) {
    const rng = createRng(family.id);
    const perLabel = new Map<string, number>();
    const keyLabels = new Map<string, Set<string>>();
    const samples: string[] = [];
    for (const template of family.templates) {
      perLabel.set(template.label, (perLabel.get(template.label) ?? 0) + 1);
      const compiled = compileFamilyTemplate(family, template);
      for (let i = 0; i < 20; i++) {
        let text = '';
        for (const piece of compiled.pieces) text += typeof piece === 'string' ? piece : piece(rng, 1_736_000_000 + i * 977);
        const key = maskMessage(text);
        const labels = keyLabels.get(key) ?? new Set<string>();
        labels.add(template.label);
        keyLabels.set(key, labels);
        if (i === 0) samples.push(`${template.label.padEnd(20)} ${text}`);
      }
    }
    console.log(`\n== ${family.id} (${family.group}): ${family.templates.length} templates – ${[...perLabel].map(([l, n]) => `${l} ${n}`).join(', ')}`);
    const clashes = [...keyLabels].filter(([, labels]) => labels.size > 1);
    for (const [key, labels] of clashes) console.log(`  CLASH ${[...labels].join(' / ')}: ${key}`);
    if (clashes.length) failed = true;
    for (let i = 0; i < samples.length; i += Math.max(1, Math.floor(samples.length / Number(values.samples)))) console.log(`  ${samples[i]}`);
  }
}
process.exit(failed ? 1 : 0);
