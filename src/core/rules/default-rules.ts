/**
 * The rules a fresh install starts with: one per frequent, fixed-wording message of the example
 * logs (src/core/generate/templates.ts), so tier 1 takes about a third of the rows before any
 * model runs. Each pattern is anchored and uses only single-level quantifiers over disjoint
 * character classes, so matching is linear in the message length.
 */
import type { Rule } from '../types.ts';

const rule = (pattern: string, label: string): Rule => ({ pattern, flags: '', label, enabled: true });

export const DEFAULT_RULES: Rule[] = [
  rule('^User User\\d+ logged (in|out)\\.$', 'User Action'),
  rule('^Account with ID \\d+ created by User\\d+\\.$', 'User Action'),
  rule('^Backup completed successfully\\.$', 'System Notification'),
  rule('^Backup (started|ended) at \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}\\.$', 'System Notification'),
  rule('^System updated to version \\d+\\.\\d+\\.\\d+\\.$', 'System Notification'),
  rule('^Disk cleanup completed successfully\\.$', 'System Notification'),
  rule('^File [\\w-]+\\.[a-z]+ uploaded successfully by user User\\d+\\.$', 'System Notification'),
  rule('^System reboot initiated by user User\\d+\\.$', 'System Notification'),
];
