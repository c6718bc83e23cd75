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

/** What is known of a report before any file is checked: enough to start writing it. */
export interface ReportHead {
  tool: { name: string; version: string };
  files: string[];
  rules: RuleDescriptor[];
  /** The date rules were evaluated at (YYYY-MM-DD). */
  asOf: string;
}

/** What is known only once every file is checked. */
export interface ReportSummary {
  departments: DepartmentSummary[];
  totals: ReportTotals;
}

export interface Report extends ReportHead, ReportSummary {
  /** Sorted by file, line, column, rule; de-duplicated. */
  findings: Finding[];
}

/**
 * A report written as it is made: findings come a batch of whole files at a time, in report order,
 * and the summary is known once the last batch has come. Large corpora never hold every finding.
 */
export interface ReportStream {
  head: ReportHead;
  findings: AsyncIterable<Finding[]>;
  /** Call only after `findings` is exhausted. */
  summary(): ReportSummary;
}
