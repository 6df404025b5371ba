/**
 * Line headers: what precedes the message in a raw log file (time, host, program, level). A
 * user who drops a plain .log file gets whole lines as messages, so the model must learn that a
 * header carries little of the label – except the level word, which the rubric uses to break ties.
 */
import type { Rng } from '../random.ts';
import type { HeaderStyle, Label } from './family.ts';
import { MONTHS, SHARED_SLOTS, WEEKDAYS } from './slots.ts';

/** The level a line of this label is usually written at, and the less usual ones. */
const LEVELS: Record<Label, readonly (readonly [string, number])[]> = {
  'System Notification': [['INFO', 70], ['DEBUG', 15], ['NOTICE', 5], ['WARN', 7], ['TRACE', 3]],
  'HTTP Status': [['INFO', 85], ['DEBUG', 5], ['WARN', 10]],
  'User Action': [['INFO', 85], ['NOTICE', 10], ['WARN', 5]],
  'Resource Usage': [['INFO', 55], ['WARN', 35], ['DEBUG', 10]],
  'Deprecation Warning': [['WARN', 80], ['INFO', 15], ['ERROR', 5]],
  Error: [['ERROR', 60], ['WARN', 35], ['INFO', 5]],
  'Critical Error': [['ERROR', 35], ['FATAL', 25], ['CRITICAL', 20], ['EMERG', 5], ['ALERT', 5], ['SEVERE', 10]],
  'Security Alert': [['WARN', 45], ['ERROR', 20], ['INFO', 20], ['NOTICE', 10], ['ALERT', 5]],
  'Workflow Error': [['ERROR', 70], ['WARN', 30]],
};

/** A level word for a line of this label, as a logger would have written it. */
export function levelFor(rng: Rng, label: Label): string {
  return pickWeighted(rng, LEVELS[label]);
}

function pickWeighted(rng: Rng, table: readonly (readonly [string, number])[]): string {
  let total = 0;
  for (const [, weight] of table) total += weight;
  let draw = rng.next() * total;
  for (const [value, weight] of table) {
    draw -= weight;
    if (draw < 0) return value;
  }
  return table[table.length - 1][0];
}

const two = (value: number) => String(value).padStart(2, '0');

export interface HeaderContext {
  style: HeaderStyle;
  label: Label;
  time: number;
  program: string;
  logger: string;
  thread: string;
}

/** The header text, ending with the separator the message follows. */
export function renderHeader(rng: Rng, context: HeaderContext): string {
  const date = new Date(context.time * 1000);
  const iso = date.toISOString();
  const ms = String(rng.int(0, 999)).padStart(3, '0');
  const level = pickWeighted(rng, LEVELS[context.label]);
  const host = (SHARED_SLOTS.host as (rng: Rng, time: number) => string)(rng, context.time);
  const pid = rng.int(2, 65535);
  switch (context.style) {
    case 'syslog': {
      const day = String(date.getUTCDate()).padStart(2, ' ');
      const stamp = `${MONTHS[date.getUTCMonth()]} ${day} ${iso.slice(11, 19)}`;
      return `${stamp} ${host} ${context.program}${rng.int(0, 4) ? `[${pid}]` : ''}: `;
    }
    case 'rfc5424':
      return `<${rng.int(0, 191)}>1 ${iso} ${host} ${context.program} ${pid} - - `;
    case 'log4j': {
      const short = level === 'WARNING' ? 'WARN' : level === 'CRITICAL' || level === 'EMERG' || level === 'ALERT' ? 'FATAL' : level === 'NOTICE' ? 'INFO' : level;
      const stamp = `${iso.slice(0, 10)} ${iso.slice(11, 19)},${ms}`;
      return rng.int(0, 1)
        ? `${stamp} ${short} [${context.thread}] ${context.logger}: `
        : `${stamp} ${short.padEnd(5)} ${context.logger.split('.').pop()}:${rng.int(20, 900)} - `;
    }
    case 'iso-level':
      return `${iso.slice(0, 19)}.${ms}Z ${level} `;
    case 'apache-error': {
      const stamp = `${WEEKDAYS[date.getUTCDay()]} ${MONTHS[date.getUTCMonth()]} ${two(date.getUTCDate())} ${iso.slice(11, 19)}.${ms}${rng.int(100, 999)} ${date.getUTCFullYear()}`;
      const apacheLevel = { INFO: 'info', DEBUG: 'debug', NOTICE: 'notice', WARN: 'warn', TRACE: 'trace1', ERROR: 'error', FATAL: 'emerg', CRITICAL: 'crit', EMERG: 'emerg', ALERT: 'alert', SEVERE: 'crit' }[level] ?? 'notice';
      return `[${stamp}] [${context.program}:${apacheLevel}] [pid ${pid}] `;
    }
    case 'glog': {
      const letter = level === 'ERROR' ? 'E' : level.startsWith('WARN') ? 'W' : level === 'FATAL' || level === 'CRITICAL' ? 'F' : 'I';
      return `${letter}${two(date.getUTCMonth() + 1)}${two(date.getUTCDate())} ${iso.slice(11, 19)}.${ms}${rng.int(100, 999)} ${String(pid).padStart(7)} ${context.program}.go:${rng.int(10, 999)}] `;
    }
    case 'logcat': {
      const letter = level === 'ERROR' || level === 'CRITICAL' || level === 'FATAL' ? 'E' : level.startsWith('WARN') ? 'W' : level === 'DEBUG' ? 'D' : level === 'TRACE' ? 'V' : 'I';
      return `${two(date.getUTCMonth() + 1)}-${two(date.getUTCDate())} ${iso.slice(11, 19)}.${ms} ${String(pid).padStart(5)} ${String(pid + rng.int(0, 40)).padStart(5)} ${letter} ${context.program}: `;
    }
    case 'python':
      return `${iso.slice(0, 10)} ${iso.slice(11, 19)},${ms} - ${context.logger} - ${level === 'WARN' ? 'WARNING' : level} - `;
    case 'windows': {
      const winLevel = level === 'ERROR' || level === 'FATAL' || level === 'CRITICAL' ? 'Error' : level.startsWith('WARN') ? 'Warning' : 'Info';
      return `${iso.slice(0, 10)} ${iso.slice(11, 19)}, ${winLevel.padEnd(22)}${context.program.padEnd(7)}`;
    }
    case 'bracket-level':
      return `[${iso.slice(0, 10)} ${iso.slice(11, 19)}] [${level}] `;
  }
}
