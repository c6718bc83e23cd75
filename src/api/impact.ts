import type { Finding } from '../model/finding.js';
import { compareText } from '../model/order.js';
import { check } from './check.js';

/** How often a rule fires before and after a rule change, and how many of its findings came and went. */
export interface RuleImpact {
  ruleId: string;
  before: number;
  after: number;
  added: number;
  removed: number;
}

export interface ImpactResult {
  asOf: string;
  files: number;
  /** The files checked (a report is never written over one). */
  checkedFiles: string[];
  procedures: number;
  /** Findings the new rules report and the old did not, in report order. */
  added: Finding[];
  /** Findings the old rules report and the new do not, in report order. */
  removed: Finding[];
  /** Every rule either rule set reported, by id. */
  rules: RuleImpact[];
}

export interface ImpactRequest {
  paths: readonly string[];
  /** The rule set as it is (the shipped rules when absent). */
  baseRules?: readonly string[];
  /** The rule set as proposed. */
  rules?: readonly string[];
  asOf: string;
  cwd: string;
  threads?: number;
}

/**
 * The impact of a rule change over a corpus, for policy writers: the corpus checked with the rules as they are and
 * as proposed, and the findings that differ. A finding is the same when its place, rule and severity are: one whose
 * severity changed is removed and added.
 */
export async function impact(request: ImpactRequest): Promise<ImpactResult> {
  const common = { paths: request.paths, asOf: request.asOf, cwd: request.cwd, threads: request.threads, strict: false, quiet: false, fingerprints: false };
  const before = await check({ ...common, rules: request.baseRules });
  const after = await check({ ...common, rules: request.rules });
  const added = without(after.findings, before.findings);
  const removed = without(before.findings, after.findings);
  const rules = new Map<string, RuleImpact>();
  const tally = (finding: Finding, field: keyof Omit<RuleImpact, 'ruleId'>) => {
    let row = rules.get(finding.ruleId);
    if (!row) rules.set(finding.ruleId, (row = { ruleId: finding.ruleId, before: 0, after: 0, added: 0, removed: 0 }));
    row[field] += 1;
  };
  for (const finding of before.findings) tally(finding, 'before');
  for (const finding of after.findings) tally(finding, 'after');
  for (const finding of added) tally(finding, 'added');
  for (const finding of removed) tally(finding, 'removed');
  return {
    asOf: request.asOf,
    files: after.totals.files,
    checkedFiles: after.files,
    procedures: after.totals.procedures,
    added,
    removed,
    rules: [...rules.values()].sort((a, b) => compareText(a.ruleId, b.ruleId)),
  };
}

/** The findings of `these` that `those` lack, each as often as it occurs more. */
function without(these: readonly Finding[], those: readonly Finding[]): Finding[] {
  const left = new Map<string, number>();
  for (const finding of those) {
    const key = sameness(finding);
    left.set(key, (left.get(key) ?? 0) + 1);
  }
  return these.filter((finding) => {
    const key = sameness(finding);
    const count = left.get(key) ?? 0;
    if (count === 0) return true;
    left.set(key, count - 1);
    return false;
  });
}

function sameness(finding: Finding): string {
  return [finding.file, finding.line, finding.column, finding.ruleId, finding.severity, finding.stepId, finding.requirementIndex].join('\u0000');
}
