import Table from 'cli-table3';
import type { DepartmentDefinition, RetainedCategory, RuleDefinition } from '../model/ruleSet.js';
import type { RuleSource } from '../model/finding.js';
import type { RuleDescriptor } from '../model/report.js';
import type { Language } from './formatter.js';
import { LABELS, remedyLine } from './shared.js';

const HEADERS: Record<Language, string[]> = {
  zh: ['规则', '级别', '常见于部门', '依据', '生效'],
  en: ['Rule', 'Severity', 'Usually asked by', 'Source', 'Effective'],
};

/** `stampcheck rules`: one row per rule, then the checks on the files themselves. Pure, like the report formatters. */
export function formatRuleTable(rules: readonly RuleDefinition[], builtins: readonly RuleDescriptor[], lang: Language): string {
  const table = new Table({ head: HEADERS[lang], style: { head: [], border: [] }, wordWrap: true, colWidths: [null, null, 24, 44, null] as unknown as number[] });
  for (const rule of rules) {
    table.push([rule.id, LABELS[lang].severity[rule.severity], rule.departments.join(', ') || '*', describeSource(rule.source, lang), rule.effective]);
  }
  for (const rule of builtins) {
    table.push([rule.id, LABELS[lang].severity[rule.severity], '*', rule.title[lang], '']);
  }
  return `${table.toString()}\n`;
}

/** `stampcheck explain` for a check on the files themselves (parse-error, schema-error, …). */
export function formatBuiltinExplanation(rule: RuleDescriptor, lang: Language): string {
  const other: Language = lang === 'zh' ? 'en' : 'zh';
  const what = lang === 'zh' ? '由 stampcheck 在读取文件时报告，不来自规则文件。' : 'Reported by stampcheck while reading files, not by a rule file.';
  return `${rule.id}  (${LABELS[lang].severity[rule.severity]})\n${rule.title[lang]} / ${rule.title[other]}\n\n${what}\n`;
}

function describeSource(source: RuleSource | null, lang: Language): string {
  if (source === null) return '';
  const parts = [source.number ? `${source.number}《${source.document}》` : `《${source.document}》`, source.clause, source.date];
  return parts.filter(Boolean).join(' ') + (source.draft ? (lang === 'zh' ? '（待核实）' : ' (draft)') : '');
}

/** Department codes as their names in the language, the code after (民政 (civil-affairs)); an unknown code as it is. */
function departmentNames(codes: readonly string[], departments: readonly DepartmentDefinition[], lang: Language): string {
  return codes.map((code) => {
    const department = departments.find((candidate) => candidate.code === code);
    return department === undefined ? code : `${department[lang]} (${code})`;
  }).join(lang === 'zh' ? '、' : ', ');
}

/** `stampcheck explain RULE`: the measure, why, what to do instead, and examples. */
export function formatRuleExplanation(rule: RuleDefinition, retained: readonly RetainedCategory[], departments: readonly DepartmentDefinition[], lang: Language): string {
  const other: Language = lang === 'zh' ? 'en' : 'zh';
  const zh = lang === 'zh';
  const lines = [
    `${rule.id}  (${LABELS[lang].severity[rule.severity]})`,
    `${rule.title[lang]} / ${rule.title[other]}`,
    '',
    `${zh ? '依据' : 'Source'}: ${describeSource(rule.source, lang)}`,
    `${zh ? '生效日期' : 'Effective'}: ${rule.effective}` +
      (rule.transition ? `${zh ? '；过渡期至' : '; transition until'} ${rule.transition.until} (${LABELS[lang].severity[rule.transition.severity]})` : ''),
  ];
  if (rule.listItem !== null) lines.push(`${zh ? '清单事项' : 'National list item'}: ${rule.listItem}`);
  // Informational: where the demand usually arises. Only `when.department` limits where a rule reports.
  if (rule.departments.length > 0) {
    lines.push(zh
      ? `常见于部门: ${departmentNames(rule.departments, departments, lang)}（其他部门提出同样要求也会报告）`
      : `Usually asked by: ${departmentNames(rule.departments, departments, lang)} (the same demand is reported in any department)`);
  }
  if (rule.rationale) lines.push('', `${zh ? '理由' : 'Rationale'}: ${rule.rationale[lang]}`);
  lines.push('', `${zh ? '提示信息' : 'Message'}: ${rule.message[lang]}`, remedyLine(rule.remedy[lang], lang));
  if (rule.when.certificate) lines.push('', `${zh ? '识别的证明名称' : 'Certificate names matched'}: ${rule.when.certificate.join('、')}`);
  if (rule.when.context) lines.push(`${zh ? '适用情形' : 'Applies when the text mentions'}: ${rule.when.context.join('、')}`);
  if (rule.when.department) lines.push(`${zh ? '适用部门' : 'Applies to departments'}: ${departmentNames(rule.when.department, departments, lang)}`);
  if (rule.fallback) {
    lines.push(`${zh ? '兜底规则：仅在没有其他规则适用时报告；以下保留类别不报告' : 'Default deny: reported only when no other rule applies; these retained categories are not reported'}:`);
    for (const category of retained) lines.push(`  ${category.category}. ${category.title[lang]} (${category.legalBasis})`);
  }
  if (rule.supersedes.length > 0) lines.push(`${zh ? '取代' : 'Supersedes'}: ${rule.supersedes.join(', ')}`);
  for (const exception of rule.exceptions) {
    lines.push('', `${zh ? '例外' : 'Exception'} ${exception.id} (${LABELS[lang].severity[exception.severity]}): ${exception.message[lang]}`);
  }
  if (rule.examples.invalid.length > 0) lines.push('', `${zh ? '违反示例' : 'Reported'}:`, ...rule.examples.invalid.map((text) => `  ✗ ${text}`));
  if (rule.examples.valid.length > 0) lines.push(`${zh ? '合规示例' : 'Not reported'}:`, ...rule.examples.valid.map((text) => `  ✓ ${text}`));
  lines.push('', `${zh ? '定义于' : 'Defined in'}: ${rule.file}`);
  return `${lines.join('\n')}\n`;
}
