/**
 * Streams seeded, labelled synthetic log rows: a source by its share, a label by that source's
 * mix, a template of that label, its slots filled. Pure TypeScript, so it runs in Node, in tests
 * and in a browser worker alike.
 */
import { createRng, WeightedTable, type Rng } from './random.ts';
import {
  LABELS,
  RARE_LABELS,
  RARE_SOURCE,
  SLOTS,
  SOURCES,
  SOURCE_LABEL_WEIGHTS,
  SOURCE_WEIGHTS,
  TEMPLATES,
  type Label,
  type LogTemplate,
  type SlotFiller,
  type Source,
} from './templates.ts';

export { LABELS, SOURCES };

export interface GeneratedLog {
  /** `YYYY-MM-DD HH:MM:SS`, UTC, strictly increasing. */
  timestamp: string;
  source: string;
  log_message: string;
  target_label: string;
}

export interface GenerateOptions {
  rows: number;
  seed: number | string;
  /** Time of the first row (minus a small gap); a fixed date by default, so output never depends on the clock. */
  start?: Date;
  /**
   * With at least RARE_GUARANTEE_MIN_ROWS rows, plant one row of each rare class, so that a
   * sample always shows them (at ~0.1% LegacyCRM a 2,000-row file could otherwise lack one).
   * On by default.
   */
  guaranteeRareClasses?: boolean;
}

/** A row together with the template that produced it, for tests and statistics. */
export interface TemplatedLog {
  log: GeneratedLog;
  template: LogTemplate;
}

export const RARE_GUARANTEE_MIN_ROWS = 500;

const DEFAULT_START = new Date(Date.UTC(2025, 2, 1, 0, 0, 0));

/** Mean seconds between rows; gaps are exponential, so rows come in bursts and lulls. */
const MEAN_GAP_SECONDS = 4;

interface CompiledTemplate {
  template: LogTemplate;
  /** The text between slots: always one more than `slots`. */
  literals: string[];
  slots: SlotFiller[];
}

function compileTemplate(template: LogTemplate): CompiledTemplate {
  const pieces = template.text.split(/\{(\w+)\}/);
  const literals: string[] = [];
  const slots: SlotFiller[] = [];
  pieces.forEach((piece, index) => {
    if (index % 2 === 0) {
      literals.push(piece);
      return;
    }
    const filler = SLOTS[piece];
    if (!filler) throw new Error(`template "${template.text}" uses the unknown slot {${piece}}`);
    slots.push(filler);
  });
  return { template, literals, slots };
}

function render(compiled: CompiledTemplate, rng: Rng, timestamp: string): string {
  let message = compiled.literals[0] as string;
  for (let i = 0; i < compiled.slots.length; i++) {
    message += (compiled.slots[i] as SlotFiller)(rng, timestamp) + (compiled.literals[i + 1] as string);
  }
  return message;
}

interface SourceMix {
  labels: WeightedTable<Label>;
  templatesByLabel: Map<Label, WeightedTable<CompiledTemplate>>;
}

/** Built once at import: per source, its label table and, per label, the templates it may use. */
function buildMixes(): Map<Source, SourceMix> {
  const compiled = TEMPLATES.map(compileTemplate);
  const mixes = new Map<Source, SourceMix>();
  for (const source of SOURCES) {
    const labelWeights = Object.entries(SOURCE_LABEL_WEIGHTS[source]) as [Label, number][];
    const templatesByLabel = new Map<Label, WeightedTable<CompiledTemplate>>();
    for (const [label] of labelWeights) {
      const usable = compiled.filter(
        ({ template }) => template.label === label && (!template.sources || template.sources.includes(source)),
      );
      if (usable.length === 0) throw new Error(`source ${source} emits ${label} but no template allows it`);
      templatesByLabel.set(label, new WeightedTable(usable.map((entry) => [entry, entry.template.weight] as const)));
    }
    mixes.set(source, { labels: new WeightedTable(labelWeights), templatesByLabel });
  }
  return mixes;
}

const MIXES = buildMixes();
const SOURCE_TABLE = new WeightedTable(SOURCES.map((source) => [source, SOURCE_WEIGHTS[source]] as const));

const pad2 = (value: number): string => (value < 10 ? `0${value}` : String(value));

/** Formats epoch seconds as `YYYY-MM-DD HH:MM:SS` (UTC), redoing the date part only when the day changes. */
function createTimestampFormatter(): (epochSeconds: number) => string {
  let cachedDay = Number.NaN;
  let datePart = '';
  return (epochSeconds) => {
    const day = Math.floor(epochSeconds / 86400);
    if (day !== cachedDay) {
      cachedDay = day;
      datePart = new Date(day * 86400 * 1000).toISOString().slice(0, 10);
    }
    const secondOfDay = epochSeconds - day * 86400;
    const hours = Math.floor(secondOfDay / 3600);
    const minutes = Math.floor((secondOfDay % 3600) / 60);
    return `${datePart} ${pad2(hours)}:${pad2(minutes)}:${pad2(secondOfDay % 60)}`;
  };
}

/** Row indexes that carry a planted rare-class row, or none when the guarantee does not apply. */
function plantedRareRows(options: GenerateOptions, rng: Rng): Map<number, Label> {
  const planted = new Map<number, Label>();
  if (options.guaranteeRareClasses === false || options.rows < RARE_GUARANTEE_MIN_ROWS) return planted;
  for (const label of RARE_LABELS) {
    let row = rng.int(0, options.rows - 1);
    while (planted.has(row)) row = rng.int(0, options.rows - 1);
    planted.set(row, label);
  }
  return planted;
}

/** Like generateLogs, but also says which template made each row. */
export function* generateTemplatedLogs(options: GenerateOptions): Generator<TemplatedLog> {
  if (!Number.isSafeInteger(options.rows) || options.rows < 0) {
    throw new RangeError(`rows must be a non-negative integer, got ${options.rows}`);
  }
  const startMs = (options.start ?? DEFAULT_START).getTime();
  if (!Number.isFinite(startMs)) throw new RangeError('start is not a valid date');

  const rng = createRng(options.seed);
  const planted = plantedRareRows(options, rng);
  const formatTimestamp = createTimestampFormatter();
  let epochSeconds = Math.floor(startMs / 1000);

  for (let row = 0; row < options.rows; row++) {
    epochSeconds += 1 + Math.floor(-Math.log(1 - rng.next()) * MEAN_GAP_SECONDS);
    const timestamp = formatTimestamp(epochSeconds);

    const plantedLabel = planted.get(row);
    const source = plantedLabel ? RARE_SOURCE : SOURCE_TABLE.pick(rng);
    const mix = MIXES.get(source) as SourceMix;
    const label = plantedLabel ?? mix.labels.pick(rng);
    const compiled = (mix.templatesByLabel.get(label) as WeightedTable<CompiledTemplate>).pick(rng);

    yield {
      log: { timestamp, source, log_message: render(compiled, rng, timestamp), target_label: label },
      template: compiled.template,
    };
  }
}

/** Streams `rows` labelled log rows; the same options always give the same rows. */
export function* generateLogs(options: GenerateOptions): Generator<GeneratedLog> {
  for (const { log } of generateTemplatedLogs(options)) yield log;
}
