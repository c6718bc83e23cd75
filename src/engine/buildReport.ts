import type { Finding, LocalizedText } from '../model/finding.js';
import type { DepartmentSummary, Report, RuleDescriptor } from '../model/report.js';
import { BUILTIN_RULE_DESCRIPTORS } from '../model/builtinRules.js';
import type { CompiledRules } from './compileRules.js';
import type { FileSummary } from './checkProcedures.js';

export interface ReportInput {
  tool: Report['tool'];
  files: readonly FileSummary[];
  findings: readonly Finding[];
  rules: CompiledRules;
  asOf: string;
}

/** Sorts and de-duplicates findings once and computes every count, before any formatter runs. */
export function buildReport(input: ReportInput): Report {
  const findings = sortFindings(dedupe(input.findings));
  const departments = summarizeDepartments(input.files, findings);
  const count = (severity: Finding['severity']) => findings.filter((finding) => finding.severity === severity).length;
  return {
    tool: input.tool,
    findings,
    files: input.files.map((file) => file.path),
    departments,
    totals: {
      files: input.files.length,
      procedures: departments.reduce((sum, row) => sum + row.procedures, 0),
      steps: departments.reduce((sum, row) => sum + row.steps, 0),
      stepsNeedingCommunityStamp: departments.reduce((sum, row) => sum + row.stepsNeedingCommunityStamp, 0),
      errors: count('error'),
      warnings: count('warning'),
      infos: count('info'),
    },
    rules: describeRules(input.rules),
    asOf: input.asOf,
  };
}

function compareFindings(a: Finding, b: Finding): number {
  return compareText(a.file, b.file) || a.line - b.line || a.column - b.column ||
    compareText(a.ruleId, b.ruleId) || (a.requirementIndex ?? -1) - (b.requirementIndex ?? -1);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort(compareFindings);
}

function dedupe(findings: readonly Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((finding) => {
    const key = `${finding.file}\u0000${finding.line}:${finding.column}:${finding.endLine}:${finding.endColumn}\u0000${finding.ruleId}\u0000${finding.stepId}\u0000${finding.requirementIndex}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function summarizeDepartments(files: readonly FileSummary[], findings: readonly Finding[]): DepartmentSummary[] {
  const rows = new Map<string, DepartmentSummary>();
  const row = (department: string, name: LocalizedText | null) => {
    let summary = rows.get(department);
    if (!summary) {
      summary = { department, departmentName: name, procedures: 0, steps: 0, stepsNeedingCommunityStamp: 0, errors: 0, warnings: 0 };
      rows.set(department, summary);
    }
    summary.departmentName ??= name;
    return summary;
  };
  for (const file of files) {
    for (const procedure of file.procedures) {
      const summary = row(procedure.department, procedure.departmentName);
      summary.procedures += 1;
      summary.steps += procedure.steps;
    }
  }
  const flaggedSteps = new Set<string>();
  for (const finding of findings) {
    if (finding.department === null) continue;
    const summary = row(finding.department, null);
    if (finding.severity === 'error') summary.errors += 1;
    if (finding.severity === 'warning') summary.warnings += 1;
    if (finding.stepId === null || finding.source === null) continue;
    const step = [finding.file, finding.procedureId, finding.stepId].join('\u0000');
    if (flaggedSteps.has(step)) continue;
    flaggedSteps.add(step);
    summary.stepsNeedingCommunityStamp += 1;
  }
  return [...rows.values()].sort((a, b) => compareText(a.department, b.department));
}

function describeRules(rules: CompiledRules): RuleDescriptor[] {
  const measures = rules.ruleSet.rules.map((rule) => ({
    id: rule.id,
    severity: rule.severity,
    title: rule.title,
    remedy: rule.remedy,
    source: rule.source,
    departments: rule.departments,
  }));
  return [...measures, ...BUILTIN_RULE_DESCRIPTORS];
}
