import type { Finding, LocalizedText, RuleSource, Severity } from './finding.js';

/** Per-department tallies shown in the summary table. */
export interface DepartmentSummary {
  /** The department code when the rule set knows the department, else the department as written. */
  department: string;
  /** The rule set's name for a known department, else the procedure's display name. */
  departmentName: LocalizedText | null;
  procedures: number;
  steps: number;
  stepsNeedingCommunityStamp: number;
  errors: number;
  warnings: number;
}

export interface ReportTotals {
  files: number;
  procedures: number;
  steps: number;
  stepsNeedingCommunityStamp: number;
  errors: number;
  warnings: number;
  infos: number;
}

/** Rule metadata formatters need (SARIF's tool.driver.rules, JUnit suites, help links). */
export interface RuleDescriptor {
  id: string;
  severity: Severity;
  title: LocalizedText;
  remedy: LocalizedText | null;
  source: RuleSource | null;
  departments: string[];
}

export interface Report {
  tool: { name: string; version: string };
  /** Sorted by file, line, column, rule; de-duplicated. */
  findings: Finding[];
  files: string[];
  departments: DepartmentSummary[];
  totals: ReportTotals;
  rules: RuleDescriptor[];
  /** The date rules were evaluated at (YYYY-MM-DD). */
  asOf: string;
}
