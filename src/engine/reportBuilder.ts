import type { Finding } from '../model/finding.js';
import type { DepartmentSummary, ReportSummary, ReportTotals, RuleDescriptor } from '../model/report.js';
import { BUILTIN_RULE_DESCRIPTORS } from '../model/builtinRules.js';
import { compareText } from '../model/order.js';
import type { CompiledRules } from './compileRules.js';
import type { FileCheck } from './checkProcedures.js';
import { duplicateProcedureFinding } from './duplicateIds.js';

/**
 * Turns file checks, given in corpus order (sorted by path), into the report's findings and summary
 * one file at a time: a file's findings are sorted and de-duplicated on their own, a procedure id is
 * a duplicate when an earlier file used it, and the counts grow as files come. Nothing of a file is
 * kept once it has been added but its procedure ids and the per-department counts. Every finding is shown to
 * `seen` (a baseline being written); those `accepted` (by a baseline), and with `errorsOnly` those not errors, are left
 * out of the report and its counts.
 */
export class ReportBuilder {
  private readonly firstUse = new Map<string, string>();
  private readonly rows = new Map<string, DepartmentSummary>();
  private readonly totals: ReportTotals = { files: 0, procedures: 0, steps: 0, stepsNeedingCommunityStamp: 0, errors: 0, warnings: 0, infos: 0 };

  constructor(private readonly filters: {
    seen?: (finding: Finding) => void;
    accepted?: (finding: Finding) => boolean;
    /** Report errors only (--quiet), once the baseline has seen every finding. */
    errorsOnly?: boolean;
  } = {}) {}

  /** The file's findings in report order. */
  add(check: FileCheck): Finding[] {
    const findings = [...check.findings];
    for (const identity of check.identities) {
      const previous = this.firstUse.get(identity.id);
      if (previous === undefined) this.firstUse.set(identity.id, identity.file);
      else findings.push(duplicateProcedureFinding(identity, previous));
    }
    const sorted = dedupe(findings).sort(compareFindings);
    const { seen, accepted, errorsOnly } = this.filters;
    if (seen) for (const finding of sorted) seen(finding);
    const reported = sorted.filter((finding) => !(accepted?.(finding) ?? false) && (!errorsOnly || finding.severity === 'error'));
    this.count(check, reported);
    return reported;
  }

  summary(): ReportSummary {
    const departments = [...this.rows.values()].sort((a, b) => compareText(a.department, b.department));
    return { departments: departments.map((row) => ({ ...row })), totals: { ...this.totals } };
  }

  private count(check: FileCheck, findings: readonly Finding[]): void {
    this.totals.files += 1;
    for (const procedure of check.summary.procedures) {
      const row = this.row(procedure.department, procedure.departmentName);
      row.procedures += 1;
      row.steps += procedure.steps;
      this.totals.procedures += 1;
      this.totals.steps += procedure.steps;
    }
    const flaggedSteps = new Set<string>();
    for (const finding of findings) {
      if (finding.severity === 'error') this.totals.errors += 1;
      else if (finding.severity === 'warning') this.totals.warnings += 1;
      else this.totals.infos += 1;
      if (finding.department === null) continue;
      const row = this.row(finding.department, null);
      if (finding.severity === 'error') row.errors += 1;
      if (finding.severity === 'warning') row.warnings += 1;
      if (finding.stepId === null || finding.source === null) continue;
      const step = `${finding.procedureId}\u0000${finding.stepId}`;
      if (flaggedSteps.has(step)) continue;
      flaggedSteps.add(step);
      row.stepsNeedingCommunityStamp += 1;
      this.totals.stepsNeedingCommunityStamp += 1;
    }
  }

  private row(department: string, name: DepartmentSummary['departmentName']): DepartmentSummary {
    let row = this.rows.get(department);
    if (!row) {
      row = { department, departmentName: name, procedures: 0, steps: 0, stepsNeedingCommunityStamp: 0, errors: 0, warnings: 0 };
      this.rows.set(department, row);
    }
    row.departmentName ??= name;
    return row;
  }
}

function compareFindings(a: Finding, b: Finding): number {
  return compareText(a.file, b.file) || a.line - b.line || a.column - b.column ||
    compareText(a.ruleId, b.ruleId) || (a.requirementIndex ?? -1) - (b.requirementIndex ?? -1);
}

/** Findings of one file: the same place, rule, step and requirement is one finding. */
function dedupe(findings: readonly Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((finding) => {
    const key = `${finding.line}:${finding.column}:${finding.endLine}:${finding.endColumn}\u0000${finding.ruleId}\u0000${finding.stepId}\u0000${finding.requirementIndex}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Rule metadata for formatters: the rule set's measures, then stampcheck's own rules. */
export function describeRules(rules: CompiledRules): RuleDescriptor[] {
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
