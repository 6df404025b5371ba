/**
 * Reads the Loghub-2k layout that the benchmarks measure on: one folder per system holding
 * `<S>_2k.log_structured*.csv` (Content, EventId, EventTemplate). The data is read from where
 * the caller says and never copied.
 */
import { createReadStream } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { requireColumn } from '../../src/core/csv/columns.ts';
import { openTable } from '../../src/core/csv/table.ts';

export interface LoghubSystem {
  system: string;
  contents: string[];
  eventIds: string[];
  templates: string[];
}

/** The system folders under `dir`, sorted. */
export async function loghubSystems(dir: string): Promise<string[]> {
  return (await readdir(dir, { withFileTypes: true }))
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

/** One system's lines, from the structured file whose name ends in `suffix`; null when it has none. */
export async function readLoghubSystem(dir: string, system: string, suffix = '_structured_corrected.csv'): Promise<LoghubSystem | null> {
  const files = await readdir(join(dir, system)).catch(() => [] as string[]);
  const file = files.find((name) => name.endsWith(suffix));
  if (!file) return null;
  const table = await openTable(createReadStream(join(dir, system, file)), 'csv');
  const content = requireColumn(table.header, ['content'], 'Content');
  const eventId = requireColumn(table.header, ['eventid'], 'EventId');
  const template = requireColumn(table.header, ['eventtemplate'], 'EventTemplate');
  const data: LoghubSystem = { system, contents: [], eventIds: [], templates: [] };
  for await (const batch of table.batches) {
    for (const row of batch.rows) {
      data.contents.push(row[content] ?? '');
      data.eventIds.push(row[eventId] ?? '');
      data.templates.push(row[template] ?? '');
    }
  }
  return data;
}

/** A system's silver labels (`EventId,label,sure,template`): EventId → label and whether it is sure. */
export async function readTemplateLabels(file: string): Promise<Map<string, { label: string; sure: boolean }>> {
  const table = await openTable(createReadStream(file), 'csv');
  const eventId = requireColumn(table.header, ['eventid'], 'EventId');
  const label = requireColumn(table.header, ['label'], 'label');
  const sure = requireColumn(table.header, ['sure'], 'sure');
  const labels = new Map<string, { label: string; sure: boolean }>();
  for await (const batch of table.batches) {
    for (const row of batch.rows) labels.set(row[eventId] ?? '', { label: (row[label] ?? '').trim(), sure: (row[sure] ?? '').trim() === 'yes' });
  }
  return labels;
}
