import { loadRules } from '../config/loadRules.js';
import type { RuleSet } from '../model/ruleSet.js';

/** The merged, validated rule set from rule files or directories (the shipped rules when none). */
export function listRules(locations: readonly string[], cwd: string): RuleSet {
  return loadRules(locations, cwd).ruleSet;
}
