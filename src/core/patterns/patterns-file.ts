/**
 * Reading a patterns file (the miner's exported state, format "logsift-patterns" version 1) that
 * a user imports or that was stored: its shape is checked beyond format and version, and every
 * problem is named (which key, which edit, which masking rule) so that the user can act on it.
 */
import { validateMasking, type MaskingConfig } from './masking.ts';
import { DEFAULT_MINER_SETTINGS, type MinerState, type PatternEdit } from './miner.ts';

function isObject(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}

/** Checks a patterns file's shape beyond format and version, with reasons a user can act on. */
export function readPatternsFile(json: string): MinerState {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw new Error('This is not a patterns file: it is not JSON.');
  }
  if (!isObject(value) || value.format !== 'logsift-patterns') throw new Error('This is not a logsift patterns file (its "format" is not "logsift-patterns").');
  if (value.version !== 1) throw new Error(`Patterns file version ${String(value.version)} is not supported (this page reads version 1).`);
  const settingsIn = isObject(value.settings) ? value.settings : {};
  const masking = isObject(settingsIn.masking) && Array.isArray(settingsIn.masking.rules) ? (settingsIn.masking as unknown as MaskingConfig) : DEFAULT_MINER_SETTINGS.masking;
  for (const rule of masking.rules) {
    if (!isObject(rule) || typeof rule.pattern !== 'string' || typeof rule.id !== 'string') throw new Error('The patterns file has a malformed masking rule.');
  }
  const problems = validateMasking(masking);
  if (problems.length) throw new Error(`The patterns file's masking rule ${problems[0].index + 1} cannot be used: ${problems[0].reason}.`);
  const similarity = typeof settingsIn.similarity === 'number' && settingsIn.similarity >= 0 && settingsIn.similarity <= 1 ? settingsIn.similarity : DEFAULT_MINER_SETTINGS.similarity;
  const maxExamples =
    typeof settingsIn.maxExamples === 'number' && Number.isInteger(settingsIn.maxExamples) && settingsIn.maxExamples > 0 ? settingsIn.maxExamples : DEFAULT_MINER_SETTINGS.maxExamples;
  if (!Array.isArray(value.keys)) throw new Error('The patterns file has no "keys" list.');
  const keys: MinerState['keys'] = value.keys.map((key, i) => {
    if (
      !isObject(key) ||
      !Array.isArray(key.tokens) ||
      key.tokens.length === 0 ||
      !key.tokens.every((t) => typeof t === 'string' && t !== '' && !/\s/.test(t)) ||
      typeof key.count !== 'number' ||
      !Number.isInteger(key.count) ||
      key.count < 1 ||
      !Array.isArray(key.examples) ||
      !key.examples.every((e) => typeof e === 'string')
    ) {
      throw new Error(`The patterns file's key ${i + 1} is malformed (it needs tokens, a count and example lines).`);
    }
    return { tokens: key.tokens as string[], count: key.count, examples: key.examples as string[] };
  });
  const editsIn = Array.isArray(value.edits) ? value.edits : [];
  const edits: PatternEdit[] = editsIn.map((edit, i) => {
    if (isObject(edit) && edit.type === 'merge' && Array.isArray(edit.templates) && edit.templates.every((t) => typeof t === 'string')) {
      return { type: 'merge', templates: edit.templates as string[] };
    }
    if (isObject(edit) && edit.type === 'split' && typeof edit.template === 'string' && Number.isInteger(edit.position) && (edit.position as number) >= 0) {
      return { type: 'split', template: edit.template, position: edit.position as number };
    }
    throw new Error(`The patterns file's edit ${i + 1} is malformed.`);
  });
  return { format: 'logsift-patterns', version: 1, settings: { masking, similarity, maxExamples }, edits, keys };
}
