import { ExitCode, UsageError } from '../model/errors.js';
import { listRules } from '../api/rules.js';
import type { Language } from '../format/index.js';
import { formatBuiltinExplanation, formatRuleExplanation, formatRuleTable } from '../format/ruleListing.js';
import { BUILTIN_RULE_DESCRIPTORS } from '../model/builtinRules.js';
import type { CliIo } from './io.js';
import { languageFromEnv } from './locale.js';

export interface RulesFlags {
  rules?: string[];
  lang?: Language;
}

export function runRules(flags: RulesFlags, io: CliIo): ExitCode {
  const ruleSet = listRules(flags.rules ?? [], io.cwd);
  io.stdout.write(formatRuleTable(ruleSet.rules, BUILTIN_RULE_DESCRIPTORS, flags.lang ?? languageFromEnv(io.env)));
  return ExitCode.ok;
}

export function runExplain(ruleId: string, flags: RulesFlags, io: CliIo): ExitCode {
  const ruleSet = listRules(flags.rules ?? [], io.cwd);
  const rule = ruleSet.rules.find((candidate) => candidate.id === ruleId);
  const builtin = BUILTIN_RULE_DESCRIPTORS.find((candidate) => candidate.id === ruleId);
  if (builtin) {
    io.stdout.write(formatBuiltinExplanation(builtin, flags.lang ?? languageFromEnv(io.env)));
    return ExitCode.ok;
  }
  if (!rule) {
    const close = ruleSet.rules.filter((candidate) => candidate.id.includes(ruleId) || ruleId.includes(candidate.id)).map((candidate) => candidate.id);
    throw new UsageError(`unknown rule "${ruleId}"${close.length ? `; did you mean ${close.slice(0, 3).join(', ')}?` : ' (see `stampcheck rules`)'}`);
  }
  io.stdout.write(formatRuleExplanation(rule, ruleSet.retained, ruleSet.departments, flags.lang ?? languageFromEnv(io.env)));
  return ExitCode.ok;
}
