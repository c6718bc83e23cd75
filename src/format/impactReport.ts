import Table from 'cli-table3';
import type { ImpactResult } from '../api/impact.js';
import type { Finding } from '../model/finding.js';
import { compareText } from '../model/order.js';
import type { Language } from './formatter.js';
import { LABELS, displayPath, localize, stableSource, stepLabel } from './shared.js';

const WORDS = {
  en: {
    heading: (files: number, procedures: number, asOf: string) => `Impact of the rule change on ${procedures} procedure${procedures === 1 ? '' : 's'} in ${files} file${files === 1 ? '' : 's'} (as of ${asOf})`,
    none: '✔ No finding changes',
    headers: ['Rule', 'Before', 'After', 'Added', 'Removed'],
    total: (added: number, removed: number) => `${added} finding${added === 1 ? '' : 's'} added, ${removed} removed`,
  },
  zh: {
    heading: (files: number, procedures: number, asOf: string) => `规则变更对 ${files} 个文件中 ${procedures} 个流程的影响（评估日期 ${asOf}）`,
    none: '✔ 检查结果没有变化',
    headers: ['规则', '变更前', '变更后', '新增', '消失'],
    total: (added: number, removed: number) => `新增 ${added} 个结果，消失 ${removed} 个`,
  },
} as const;

/**
 * `stampcheck impact` for people: every finding the change adds (+) or removes (−), in report order, then a table
 * of the rules whose counts moved. Pure.
 */
export function formatImpactText(result: ImpactResult, lang: Language, cwd: string): string {
  const words = WORDS[lang];
  const lines = [words.heading(result.files, result.procedures, result.asOf), ''];
  const changes = [...result.added.map((finding) => ({ finding, mark: '+' })), ...result.removed.map((finding) => ({ finding, mark: '-' }))]
    .sort((a, b) => compareFindingPlace(a.finding, b.finding) || (a.mark === '-' ? 0 : 1) - (b.mark === '-' ? 0 : 1));
  if (changes.length === 0) return `${lines[0]}\n\n${words.none}\n`;
  for (const { finding, mark } of changes) lines.push(`${mark} ${changeLine(finding, lang, cwd)}`);
  const table = new Table({ head: [...words.headers], style: { head: [], border: [] } });
  for (const row of result.rules.filter((rule) => rule.added > 0 || rule.removed > 0)) {
    table.push([row.ruleId, row.before, row.after, `+${row.added}`, `-${row.removed}`]);
  }
  lines.push('', table.toString(), '', words.total(result.added.length, result.removed.length));
  return `${lines.join('\n')}\n`;
}

/** `stampcheck impact -f json`: the result as data, findings with the fields of the json report's. */
export function formatImpactJson(result: ImpactResult, lang: Language, cwd: string): string {
  const finding = (item: Finding) => ({
    file: displayPath(item.file, cwd), procedureId: item.procedureId, stepId: item.stepId, requirementIndex: item.requirementIndex,
    ruleId: item.ruleId, severity: item.severity, message: localize(item.message, lang), remedy: localize(item.remedy, lang),
    source: item.source === null ? null : stableSource(item.source), line: item.line, column: item.column, endLine: item.endLine,
    endColumn: item.endColumn, department: item.department, messages: item.message,
  });
  return `${JSON.stringify({ asOf: result.asOf, files: result.files, procedures: result.procedures, rules: result.rules,
    added: result.added.map(finding), removed: result.removed.map(finding) }, null, 2)}\n`;
}

function changeLine(finding: Finding, lang: Language, cwd: string): string {
  const step = stepLabel(finding);
  return [`${displayPath(finding.file, cwd)}:${finding.line}:${finding.column}`, LABELS[lang].severity[finding.severity], finding.ruleId,
    ...(step === null ? [] : [step]), finding.message[lang]].join('  ');
}

/** Report order, what was removed before what was added at the same place. */
function compareFindingPlace(a: Finding, b: Finding): number {
  return compareText(a.file, b.file) || a.line - b.line || a.column - b.column || compareText(a.ruleId, b.ruleId);
}
