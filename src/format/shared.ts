import { isAbsolute, relative } from 'node:path';
import type { Finding, LocalizedText, RuleSource, Severity } from '../model/finding.js';
import type { DepartmentSummary, ReportSummary, ReportTotals } from '../model/report.js';
import type { Language } from './formatter.js';

/** Words every human-readable format shares, so stylish, markdown, junit and github say the same thing. */
export interface Labels {
  severity: Record<Severity, string>;
  remedy: string;
  success: string;
  total: string;
  summaryHeaders: readonly string[];
}

export const LABELS: Readonly<Record<Language, Labels>> = {
  zh: {
    severity: { error: '错误', warning: '警告', info: '提示' },
    remedy: '整改建议：',
    success: '✔ 未发现要求社区出具证明或盖章的环节',
    total: '合计',
    summaryHeaders: ['部门', '流程数', '检查步骤数', '需社区盖章步骤数', '错误', '警告'],
  },
  en: {
    severity: { error: 'error', warning: 'warning', info: 'info' },
    remedy: 'Remedy:',
    success: '✔ No community certificate or stamp demands found',
    total: 'Total',
    summaryHeaders: ['Department', 'Procedures', 'Steps checked', 'Steps needing a community stamp', 'Errors', 'Warnings'],
  },
};

/** The text of a bilingual string in the requested language. */
export function localize(text: LocalizedText, lang: Language): string;
export function localize(text: LocalizedText | null, lang: Language): string | null;
export function localize(text: LocalizedText | null, lang: Language): string | null {
  return text === null ? null : text[lang];
}

/** The path as a reader expects it: relative to cwd when given absolute inside it, always with forward slashes. */
export function displayPath(file: string, cwd: string): string {
  const inside = isAbsolute(file) ? relative(cwd, file) : file;
  const shown = inside.startsWith('..') || isAbsolute(inside) ? file : inside;
  return shown.replace(/\\/g, '/');
}

/** `→ 整改建议：…` / `→ Remedy: …`: the line that follows a finding (a full-width colon needs no space). */
export function remedyLine(remedy: string, lang: Language): string {
  return `→ ${LABELS[lang].remedy}${lang === 'en' ? ' ' : ''}${remedy}`;
}

/** `procedureId › stepId`, `procedureId`, or null for file-level findings. */
export function stepLabel(finding: Finding): string | null {
  if (finding.procedureId === null) return null;
  return finding.stepId === null ? finding.procedureId : `${finding.procedureId} › ${finding.stepId}`;
}

/** Findings grouped by file, files in order of first appearance (the report is already sorted). */
export function groupByFile(findings: readonly Finding[]): Map<string, Finding[]> {
  const groups = new Map<string, Finding[]>();
  for (const finding of findings) {
    const group = groups.get(finding.file);
    if (group) group.push(finding);
    else groups.set(finding.file, [finding]);
  }
  return groups;
}

/** `3 problems (2 errors, 1 warning)` / `共 3 个问题（2 个错误，1 个警告）`; infos are named only when present. */
export function problemsPhrase(totals: ReportTotals, lang: Language): string {
  const { errors, warnings, infos } = totals;
  const problems = errors + warnings + infos;
  if (lang === 'zh') {
    const parts = [`${errors} 个错误`, `${warnings} 个警告`];
    if (infos > 0) parts.push(`${infos} 个提示`);
    return `共 ${problems} 个问题（${parts.join('，')}）`;
  }
  const parts = [countNoun(errors, 'error'), countNoun(warnings, 'warning')];
  if (infos > 0) parts.push(`${infos} info`);
  return `${countNoun(problems, 'problem')} (${parts.join(', ')})`;
}

/** `1 file`, `2 files`: English counts for nouns with a regular plural. */
export function countNoun(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function departmentLabel(summary: DepartmentSummary, lang: Language): string {
  return summary.departmentName?.[lang] ?? summary.department;
}

/** Rows of the department summary (stylish and markdown), the totals row last; header from LABELS. */
export function summaryRows(report: ReportSummary, lang: Language): string[][] {
  const rows = report.departments.map((summary) => [
    departmentLabel(summary, lang),
    ...[summary.procedures, summary.steps, summary.stepsNeedingCommunityStamp, summary.errors, summary.warnings].map(String),
  ]);
  const { totals } = report;
  rows.push([
    LABELS[lang].total,
    ...[totals.procedures, totals.steps, totals.stepsNeedingCommunityStamp, totals.errors, totals.warnings].map(String),
  ]);
  return rows;
}

/** A rule's source rebuilt key by key, so machine formats do not depend on how the rule file was written. */
export function stableSource(source: RuleSource): RuleSource {
  const { document, number, clause, date, issuer, draft } = source;
  return {
    document,
    ...(number !== undefined && { number }),
    ...(clause !== undefined && { clause }),
    ...(date !== undefined && { date }),
    ...(issuer !== undefined && { issuer }),
    ...(draft !== undefined && { draft }),
  };
}
