/**
 * The system-log corpus: seeded, labelled lines from many families of real-world software
 * (system/families), each line a message of one family's template, sometimes behind the header
 * of a raw log file. Deterministic and fast, like the business generator it complements.
 */
import { createRng, WeightedTable, type Rng } from '../random.ts';
import type { FamilyTemplate, HeaderStyle, Label, LogFamily, SlotSpec, SystemSlot } from './family.ts';
import { SYSTEM_FAMILIES } from './families/index.ts';
import { renderHeader } from './headers.ts';
import { SHARED_SLOTS } from './slots.ts';
import { wrapMessage } from './wrappers.ts';

/** A family's label mix when it does not give one: mostly routine chatter, few failures. */
export const DEFAULT_LABEL_MIX: Record<Label, number> = {
  'System Notification': 60,
  Error: 14,
  'Security Alert': 6,
  'Resource Usage': 6,
  'User Action': 5,
  'HTTP Status': 4,
  'Critical Error': 3,
  'Deprecation Warning': 2,
  'Workflow Error': 0,
};

/** Share of lines written with a header when the family has header styles. */
const HEADER_SHARE = 0.35;
/** Share of the other lines given a wrapper (JSON, logfmt, a tag, request context; system/wrappers.ts). */
const WRAP_SHARE = 0.15;

export interface SystemLog {
  family: string;
  group: string;
  source: string;
  log_message: string;
  target_label: Label;
  /** The template's text, for statistics and tests. */
  template: string;
}

type Piece = string | SystemSlot;

interface CompiledFamily {
  family: LogFamily;
  labels: WeightedTable<Label>;
  templates: Map<Label, WeightedTable<CompiledTemplate>>;
  programs: readonly string[];
  headers: readonly HeaderStyle[];
}

interface CompiledTemplate {
  template: FamilyTemplate;
  pieces: Piece[];
}

const asSlot = (spec: SlotSpec): SystemSlot => (typeof spec === 'function' ? spec : (rng) => rng.pick(spec));

/** Splits a template into literal text and slot fillers; an unknown slot is an error at load time. */
export function compileFamilyTemplate(family: LogFamily, template: FamilyTemplate): CompiledTemplate {
  const pieces: Piece[] = [];
  const text = template.text;
  let literal = '';
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if ((char === '{' || char === '}') && text[i + 1] === char) {
      literal += char;
      i++;
      continue;
    }
    if (char === '}') throw new Error(`${family.id}: unmatched } in "${text}"`);
    if (char !== '{') {
      literal += char;
      continue;
    }
    const end = text.indexOf('}', i);
    if (end < 0) throw new Error(`${family.id}: unmatched { in "${text}"`);
    const inner = text.slice(i + 1, end);
    if (literal) pieces.push(literal);
    literal = '';
    if (inner.includes('|')) {
      const choices = inner.split('|');
      pieces.push((rng) => rng.pick(choices));
    } else {
      const spec = family.slots?.[inner] ?? SHARED_SLOTS[inner];
      if (!spec) throw new Error(`${family.id}: template "${text}" uses the unknown slot {${inner}}`);
      pieces.push(asSlot(spec));
    }
    i = end;
  }
  if (literal) pieces.push(literal);
  return { template, pieces };
}

function compileFamily(family: LogFamily): CompiledFamily {
  const templates = new Map<Label, CompiledTemplate[]>();
  for (const template of family.templates) {
    const list = templates.get(template.label) ?? [];
    list.push(compileFamilyTemplate(family, template));
    templates.set(template.label, list);
  }
  const mix = family.labelMix ?? DEFAULT_LABEL_MIX;
  const labelWeights = [...templates.keys()].map((label) => [label, mix[label] ?? DEFAULT_LABEL_MIX[label]] as const).filter(([, w]) => w > 0);
  if (labelWeights.length === 0) throw new Error(`${family.id}: no template has a label with a weight in its mix`);
  const programs = family.program === undefined ? [family.id] : typeof family.program === 'string' ? [family.program] : family.program;
  return {
    family,
    labels: new WeightedTable(labelWeights),
    templates: new Map([...templates].map(([label, list]) => [label, new WeightedTable(list.map((t) => [t, t.template.weight ?? 1] as const))])),
    programs,
    headers: family.headers ?? [],
  };
}

let compiled: { families: CompiledFamily[]; table: WeightedTable<CompiledFamily> } | null = null;

/** Compiled once, on first use. */
function compiledFamilies() {
  if (!compiled) {
    const families = SYSTEM_FAMILIES.map(compileFamily);
    compiled = { families, table: new WeightedTable(families.map((f) => [f, f.family.weight ?? 1] as const)) };
  }
  return compiled;
}

function render(template: CompiledTemplate, rng: Rng, time: number): string {
  let out = '';
  for (const piece of template.pieces) out += typeof piece === 'string' ? piece : piece(rng, time);
  return out;
}

export interface SystemCorpusOptions {
  rows: number;
  seed: number | string;
  /** Only these families (ids); all when absent. */
  families?: readonly string[];
  /** Leave these families' groups out (for leave-one-group-out measurement). */
  excludeGroups?: readonly string[];
  /** Share of lines with a raw-file header (default 0.35). */
  headerShare?: number;
  /** Share of the lines without a header that get a wrapper (default 0.15). */
  wrapShare?: number;
}

const START = Date.UTC(2024, 0, 1) / 1000;
/** Lines are spread over two years, so header dates show every month and weekday. */
const SPAN_SECONDS = 2 * 365 * 86400;

/** Streams `rows` labelled system-log lines; the same options always give the same lines. */
export function* generateSystemLogs(options: SystemCorpusOptions): Generator<SystemLog> {
  const all = compiledFamilies();
  let pool = all.families;
  if (options.families) pool = pool.filter((f) => options.families!.includes(f.family.id));
  if (options.excludeGroups) pool = pool.filter((f) => !options.excludeGroups!.includes(f.family.group));
  if (pool.length === 0) throw new Error('no log family is left to generate from');
  const table = pool === all.families ? all.table : new WeightedTable(pool.map((f) => [f, f.family.weight ?? 1] as const));
  const headerShare = options.headerShare ?? HEADER_SHARE;
  const wrapShare = options.wrapShare ?? WRAP_SHARE;
  const rng = createRng(options.seed);
  for (let row = 0; row < options.rows; row++) {
    const time = START + Math.floor(rng.next() * SPAN_SECONDS);
    const family = table.pick(rng);
    const label = family.labels.pick(rng);
    const template = family.templates.get(label)!.pick(rng);
    const program = rng.pick(family.programs);
    let message = render(template, rng, time);
    if (family.headers.length > 0 && rng.next() < headerShare) {
      const header = renderHeader(rng, {
        style: rng.pick(family.headers),
        label,
        time,
        program,
        logger: family.family.loggers ? rng.pick(family.family.loggers) : program,
        thread: (SHARED_SLOTS.thread as SystemSlot)(rng, time),
      });
      message = header + message;
    } else if (rng.next() < wrapShare) {
      message = wrapMessage(rng, message, label, time);
    }
    yield { family: family.family.id, group: family.family.group, source: program, log_message: message, target_label: label, template: template.template.text };
  }
}

/** Every family, compiled (throws on a template with an unknown slot); for tests and statistics. */
export function systemFamilies(): readonly LogFamily[] {
  return compiledFamilies().families.map((f) => f.family);
}
