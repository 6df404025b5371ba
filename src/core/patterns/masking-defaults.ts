/**
 * Saved masking rules against today's default rules. Saved rules are a full list, so a default
 * rule added in a later version (or one whose pattern was improved) does not reach patterns saved
 * before it; these say which ones, and put the missing ones in without touching the user's own.
 */
import { DEFAULT_MASKING_RULES, type MaskingRule } from './masking.ts';

export interface DefaultRulesChange {
  /** Ids of default rules the list does not have. */
  missing: string[];
  /** Ids of default rules the list has with another pattern (edited, or saved before the default changed). */
  differing: string[];
}

export function defaultRulesChange(rules: readonly MaskingRule[], defaults: readonly MaskingRule[] = DEFAULT_MASKING_RULES): DefaultRulesChange {
  const byId = new Map(rules.map((rule) => [rule.id, rule]));
  const missing: string[] = [];
  const differing: string[] = [];
  for (const rule of defaults) {
    const own = byId.get(rule.id);
    if (!own) missing.push(rule.id);
    else if (own.pattern !== rule.pattern) differing.push(rule.id);
  }
  return { missing, differing };
}

/**
 * The list with the default rules it lacks put in, enabled: each right after the nearest default
 * rule before it that the list has (first when there is none), so the defaults' order – which
 * decides which rule masks a text two rules could match – holds.
 */
export function withMissingDefaults(rules: readonly MaskingRule[], defaults: readonly MaskingRule[] = DEFAULT_MASKING_RULES): MaskingRule[] {
  const out = rules.map((rule) => ({ ...rule }));
  let after = -1;
  for (const rule of defaults) {
    const at = out.findIndex((own) => own.id === rule.id);
    if (at >= 0) {
      after = at;
      continue;
    }
    out.splice(after + 1, 0, { ...rule });
    after++;
  }
  return out;
}
