import { describe, expect, it } from '@jest/globals';
import { describeRules, ReportBuilder } from '../../src/engine/reportBuilder.js';
import { loadRules } from '../../src/config/loadRules.js';
import type { FileCheck, ProcedureIdentity } from '../../src/engine/checkProcedures.js';
import type { CompiledRules } from '../../src/engine/compileRules.js';
import { BUILTIN_RULE_DESCRIPTORS } from '../../src/model/builtinRules.js';
import type { Finding, LocalizedText, RuleSource, Severity } from '../../src/model/finding.js';

/**
 * ReportBuilder turns file checks, given one file at a time in corpus order, into the report's
 * findings and summary. Everything here is hand-made FileCheck values, so each rule of the builder is
 * checked on its own: per-file order, per-file de-duplication, corpus-wide duplicate procedure ids
 * (reported in the later file, naming the first), and the counts of the summary.
 */

const SOURCE: RuleSource = { document: '关于进一步减轻社区负担的具体措施', clause: '二' };

/** A rule finding about a step (it has a source, so its step needs a community stamp). */
function finding(file: string, overrides: Partial<Finding> = {}): Finding {
  return {
    file,
    procedureId: 'p',
    department: 'civil-affairs',
    stepId: 'apply',
    requirementIndex: 0,
    ruleId: 'no-community-kinship-certificate',
    severity: 'error',
    message: { zh: '消息', en: 'message' },
    remedy: { zh: '建议', en: 'remedy' },
    source: SOURCE,
    fingerprint: 'f0',
    line: 10,
    column: 5,
    endLine: 10,
    endColumn: 9,
    ...overrides,
  };
}

/** A file-level finding (parse-error and the like): no procedure, department, step or source. */
function fileLevel(file: string, ruleId: string, line: number, column: number, severity: Severity = 'error'): Finding {
  return {
    file, procedureId: null, department: null, stepId: null, requirementIndex: null, ruleId, severity,
    message: { zh: ruleId, en: ruleId }, remedy: null, source: null, fingerprint: null,
    line, column, endLine: line, endColumn: column + 1,
  };
}

function identity(file: string, id: string, line: number, department = 'civil-affairs'): ProcedureIdentity {
  return { id, file, department, span: { line, column: 3, endLine: line + 5, endColumn: 1 } };
}

interface ProcedureSummary {
  department: string;
  departmentName: LocalizedText | null;
  steps: number;
}

function fileCheck(path: string, findings: Finding[], identities: ProcedureIdentity[] = [], procedures: ProcedureSummary[] = []): FileCheck {
  return { findings, identities, summary: { path, procedures } };
}

/** [line, column, ruleId, requirementIndex] of each finding, in the order given. */
const places = (findings: readonly Finding[]) => findings.map((f) => [f.line, f.column, f.ruleId, f.requirementIndex]);

describe('ReportBuilder.add: the findings of one file', () => {
  it('sorts them by line, then column, then rule id (code-unit order), then requirement index (none first)', () => {
    const file = 'a.yaml';
    const given = [
      finding(file, { line: 12, column: 1, ruleId: 'b-rule', requirementIndex: 0 }),
      finding(file, { line: 3, column: 9, ruleId: 'b-rule', requirementIndex: 0 }),
      finding(file, { line: 12, column: 1, ruleId: 'a-rule', requirementIndex: 2 }),
      finding(file, { line: 12, column: 1, ruleId: 'a-rule', requirementIndex: 0 }),
      finding(file, { line: 12, column: 1, ruleId: 'a-rule', requirementIndex: null }),
      finding(file, { line: 12, column: 1, ruleId: 'Z-rule', requirementIndex: 5 }),
      finding(file, { line: 3, column: 10, ruleId: 'a-rule', requirementIndex: 0 }),
      finding(file, { line: 3, column: 2, ruleId: 'z-rule', requirementIndex: 1 }),
      finding(file, { line: 2, column: 40, ruleId: 'z-rule', requirementIndex: 3 }),
      // Lines and columns compare as numbers: 9 before 10, 2 before 10 (as text, "10" < "9").
      finding(file, { line: 10, column: 1, ruleId: 'a-rule', requirementIndex: 0 }),
      finding(file, { line: 9, column: 1, ruleId: 'a-rule', requirementIndex: 0 }),
    ];
    expect(places(new ReportBuilder().add(fileCheck(file, given)))).toEqual([
      [2, 40, 'z-rule', 3],
      [3, 2, 'z-rule', 1],
      [3, 9, 'b-rule', 0],
      [3, 10, 'a-rule', 0],
      [9, 1, 'a-rule', 0],
      [10, 1, 'a-rule', 0],
      [12, 1, 'Z-rule', 5], // 'Z' < 'a' in code units (no locale collation)
      [12, 1, 'a-rule', null],
      [12, 1, 'a-rule', 0],
      [12, 1, 'a-rule', 2],
      [12, 1, 'b-rule', 0],
    ]);
  });

  it('does not sort or extend the caller\'s array', () => {
    const file = 'a.yaml';
    const given = [finding(file, { line: 5 }), finding(file, { line: 1 })];
    const check = fileCheck(file, given, [identity(file, 'p', 1), identity(file, 'p', 20)]);
    const before = [...given];
    const result = new ReportBuilder().add(check);
    expect(result).toHaveLength(3);
    expect(check.findings).toEqual(before);
    expect(check.findings[0]).toBe(before[0]);
    expect(check.findings).toHaveLength(2);
  });

  it('drops exact duplicates and keeps findings that differ in place, rule, step or requirement', () => {
    const file = 'a.yaml';
    const base = finding(file);
    const builder = new ReportBuilder();
    const result = builder.add(fileCheck(file, [
      base,
      { ...base }, // exact duplicate
      finding(file), // equal again, a separate object
      { ...base, endColumn: 10 },
      { ...base, endLine: 11 },
      { ...base, column: 6 },
      { ...base, ruleId: 'no-community-stamp-outside-list' },
      { ...base, stepId: 'review' },
      { ...base, requirementIndex: 1 },
      { ...base, requirementIndex: null },
      fileLevel(file, 'parse-error', 1, 1),
      fileLevel(file, 'parse-error', 1, 1),
    ]));
    expect(result.map((f) => [f.line, f.column, f.endLine, f.endColumn, f.ruleId, f.stepId, f.requirementIndex])).toEqual([
      [1, 1, 1, 2, 'parse-error', null, null],
      [10, 5, 10, 9, 'no-community-kinship-certificate', 'apply', null],
      [10, 5, 10, 9, 'no-community-kinship-certificate', 'apply', 0],
      // Equal in line, column, rule and requirement: kept in the order given (the sort is stable).
      [10, 5, 10, 10, 'no-community-kinship-certificate', 'apply', 0],
      [10, 5, 11, 9, 'no-community-kinship-certificate', 'apply', 0],
      [10, 5, 10, 9, 'no-community-kinship-certificate', 'review', 0],
      [10, 5, 10, 9, 'no-community-kinship-certificate', 'apply', 1],
      [10, 5, 10, 9, 'no-community-stamp-outside-list', 'apply', 0],
      [10, 6, 10, 9, 'no-community-kinship-certificate', 'apply', 0],
    ]);
    // The dropped duplicates are not counted either.
    expect(builder.summary().totals.errors).toBe(9);
  });

  it('does not de-duplicate across files: the same finding in two files is two findings', () => {
    const builder = new ReportBuilder();
    expect(builder.add(fileCheck('a.yaml', [finding('a.yaml')]))).toHaveLength(1);
    expect(builder.add(fileCheck('b.yaml', [finding('b.yaml')]))).toHaveLength(1);
    expect(builder.summary().totals.errors).toBe(2);
  });

  it('returns the findings themselves (no copies with fields changed)', () => {
    const given = finding('a.yaml');
    const [result] = new ReportBuilder().add(fileCheck('a.yaml', [given]));
    expect(result).toEqual(given);
  });
});

describe('ReportBuilder.add: duplicate procedure ids', () => {
  /** The exact finding for a procedure id reused in `file` at `line`, first used in `first`. */
  function duplicateFinding(file: string, id: string, line: number, first: string, department = 'civil-affairs'): Finding {
    return {
      file,
      procedureId: id,
      department,
      stepId: null,
      requirementIndex: null,
      ruleId: 'duplicate-id',
      severity: 'error',
      message: { zh: `流程编号 ${id} 已在 ${first} 中使用`, en: `procedure id "${id}" is already used in ${first}` },
      remedy: null,
      source: null,
      fingerprint: null,
      line,
      column: 3,
      endLine: line + 5,
      endColumn: 1,
    };
  }

  it('reports an id seen in an earlier file in the later file, naming the earlier file, sorted among its findings', () => {
    const builder = new ReportBuilder();
    expect(builder.add(fileCheck('a.yaml', [], [identity('a.yaml', 'shared', 1), identity('a.yaml', 'only-a', 30)]))).toEqual([]);
    expect(builder.add(fileCheck('b.yaml', [], [identity('b.yaml', 'only-b', 1)]))).toEqual([]);
    const later = builder.add(fileCheck('c.yaml',
      [finding('c.yaml', { line: 2 }), finding('c.yaml', { line: 40 })],
      [identity('c.yaml', 'only-c', 1), identity('c.yaml', 'shared', 20, 'finance')]));
    expect(later.map((f) => [f.line, f.ruleId])).toEqual([[2, 'no-community-kinship-certificate'], [20, 'duplicate-id'], [40, 'no-community-kinship-certificate']]);
    expect(later[1]).toEqual(duplicateFinding('c.yaml', 'shared', 20, 'a.yaml', 'finance'));
  });

  it('names the first file on every later use, not the previous one', () => {
    const builder = new ReportBuilder();
    builder.add(fileCheck('a.yaml', [], [identity('a.yaml', 'x', 1)]));
    expect(builder.add(fileCheck('b.yaml', [], [identity('b.yaml', 'x', 4)]))).toEqual([duplicateFinding('b.yaml', 'x', 4, 'a.yaml')]);
    expect(builder.add(fileCheck('c.yaml', [], [identity('c.yaml', 'x', 7)]))).toEqual([duplicateFinding('c.yaml', 'x', 7, 'a.yaml')]);
  });

  it('reports an id used twice in one file at its second use, naming that same file', () => {
    const builder = new ReportBuilder();
    expect(builder.add(fileCheck('a.yaml', [], [identity('a.yaml', 'x', 1), identity('a.yaml', 'x', 15)])))
      .toEqual([duplicateFinding('a.yaml', 'x', 15, 'a.yaml')]);
    expect(builder.add(fileCheck('b.yaml', [], [identity('b.yaml', 'x', 2)]))).toEqual([duplicateFinding('b.yaml', 'x', 2, 'a.yaml')]);
  });

  it('compares ids exactly: ids that differ only in case or spacing are not duplicates', () => {
    const builder = new ReportBuilder();
    builder.add(fileCheck('a.yaml', [], [identity('a.yaml', 'pension', 1)]));
    expect(builder.add(fileCheck('b.yaml', [], [identity('b.yaml', 'Pension', 1), identity('b.yaml', 'pension ', 8)]))).toEqual([]);
  });

  it('counts a duplicate as an error of its procedure\'s department, not as a step needing a stamp', () => {
    const builder = new ReportBuilder();
    const hr = { department: 'human-resources', departmentName: null, steps: 1 };
    builder.add(fileCheck('a.yaml', [], [identity('a.yaml', 'x', 1, 'human-resources')], [hr]));
    builder.add(fileCheck('b.yaml', [], [identity('b.yaml', 'x', 1, 'human-resources')], [hr]));
    expect(builder.summary()).toEqual({
      departments: [{ department: 'human-resources', departmentName: null, procedures: 2, steps: 2, stepsNeedingCommunityStamp: 0, errors: 1, warnings: 0 }],
      totals: { files: 2, procedures: 2, steps: 2, stepsNeedingCommunityStamp: 0, errors: 1, warnings: 0, infos: 0 },
    });
  });
});

describe('ReportBuilder.summary', () => {
  it('starts empty', () => {
    expect(new ReportBuilder().summary()).toEqual({
      departments: [],
      totals: { files: 0, procedures: 0, steps: 0, stepsNeedingCommunityStamp: 0, errors: 0, warnings: 0, infos: 0 },
    });
  });

  it('counts files, procedures, steps, findings by severity and each flagged step once', () => {
    const builder = new ReportBuilder();
    const civil = (name: string) => ({ department: 'civil-affairs', departmentName: { zh: name, en: name }, steps: 0 });
    // a.yaml: two procedures; step p/apply has three findings (two rules, two requirements), one of
    // them a warning; step p/review an info; q/apply an error; q/check only a duplicate step id (no stamp); a file-level parse error.
    builder.add(fileCheck('a.yaml', [
      finding('a.yaml', { procedureId: 'p', stepId: 'apply', requirementIndex: 0, line: 10 }),
      finding('a.yaml', { procedureId: 'p', stepId: 'apply', requirementIndex: 1, line: 12 }),
      finding('a.yaml', { procedureId: 'p', stepId: 'apply', requirementIndex: 1, line: 12, ruleId: 'no-community-stamp-outside-list', severity: 'warning' }),
      finding('a.yaml', { procedureId: 'p', stepId: 'review', requirementIndex: null, line: 20, severity: 'info' }),
      finding('a.yaml', { procedureId: 'q', stepId: 'apply', line: 40 }),
      // A builtin finding about a step (a step id used twice): no source, so no stamp demanded.
      finding('a.yaml', { procedureId: 'q', stepId: 'check', line: 45, ruleId: 'duplicate-id', source: null, remedy: null, fingerprint: null }),
      fileLevel('a.yaml', 'parse-error', 60, 1),
    ], [identity('a.yaml', 'p', 1), identity('a.yaml', 'q', 30)], [{ ...civil('民政'), steps: 3 }, { ...civil('民政局'), steps: 2 }]));
    // b.yaml: the same procedure and step ids as a.yaml's p/apply, in another file: flagged again,
    // plus a duplicate-id (p is reused). A procedure of another department with no findings.
    builder.add(fileCheck('b.yaml', [
      finding('b.yaml', { procedureId: 'p', stepId: 'apply', line: 8 }),
      finding('b.yaml', { procedureId: 'p', stepId: 'apply', line: 9, severity: 'warning' }),
    ], [identity('b.yaml', 'p', 1), identity('b.yaml', 'r', 20, 'finance')], [{ ...civil('民政'), steps: 4 }, { department: 'finance', departmentName: null, steps: 6 }]));
    // c.yaml: holds no procedure at all, only a file-level warning.
    builder.add(fileCheck('c.yaml', [fileLevel('c.yaml', 'unknown-field', 3, 3, 'warning')]));

    expect(builder.summary()).toEqual({
      departments: [
        // errors: a p/apply×2, q/apply, q duplicate step id; b p/apply, b duplicate procedure id. Warnings: a, b.
        // Steps needing a stamp: a p/apply, a p/review (info counts: it is a rule's finding), a q/apply, b p/apply.
        { department: 'civil-affairs', departmentName: { zh: '民政', en: '民政' }, procedures: 3, steps: 9, stepsNeedingCommunityStamp: 4, errors: 6, warnings: 2 },
        { department: 'finance', departmentName: null, procedures: 1, steps: 6, stepsNeedingCommunityStamp: 0, errors: 0, warnings: 0 },
      ],
      // errors: the six above and a's parse error; warnings: the two above and c's unknown field.
      totals: { files: 3, procedures: 4, steps: 15, stepsNeedingCommunityStamp: 4, errors: 7, warnings: 3, infos: 1 },
    });
  });

  it('sorts departments by code in code-unit order and keeps the first name given', () => {
    const builder = new ReportBuilder();
    const procedure = (department: string, departmentName: LocalizedText | null) => ({ department, departmentName, steps: 1 });
    builder.add(fileCheck('a.yaml', [], [], [procedure('民政', null), procedure('b-dept', { zh: '乙', en: 'B' }), procedure('a-dept', null)]));
    builder.add(fileCheck('b.yaml', [], [], [procedure('a-dept', { zh: '甲', en: 'A' }), procedure('b-dept', { zh: '乙二', en: 'B2' }), procedure('A-dept', { zh: '大甲', en: 'Big A' })]));
    builder.add(fileCheck('c.yaml', [], [], [procedure('a-dept', { zh: '甲二', en: 'A2' })]));
    const departments = builder.summary().departments;
    expect(departments.map((row) => [row.department, row.departmentName, row.procedures])).toEqual([
      ['A-dept', { zh: '大甲', en: 'Big A' }, 1],
      // No name in a.yaml: the first name given (b.yaml's) is kept, not c.yaml's.
      ['a-dept', { zh: '甲', en: 'A' }, 3],
      ['b-dept', { zh: '乙', en: 'B' }, 2],
      ['民政', null, 1],
    ]);
  });

  it('gives a department met only in findings a row with no procedures', () => {
    const builder = new ReportBuilder();
    builder.add(fileCheck('a.yaml', [finding('a.yaml', { department: 'orphan' })]));
    expect(builder.summary().departments).toEqual([
      { department: 'orphan', departmentName: null, procedures: 0, steps: 0, stepsNeedingCommunityStamp: 1, errors: 1, warnings: 0 },
    ]);
  });

  it('returns copies: changing a summary changes neither the builder nor a later summary', () => {
    const builder = new ReportBuilder();
    builder.add(fileCheck('a.yaml', [finding('a.yaml')], [], [{ department: 'civil-affairs', departmentName: null, steps: 2 }]));
    const first = builder.summary();
    first.totals.errors = 99;
    first.departments[0].errors = 99;
    first.departments.pop();
    const second = builder.summary();
    expect(second.totals.errors).toBe(1);
    expect(second.departments).toEqual([
      { department: 'civil-affairs', departmentName: null, procedures: 1, steps: 2, stepsNeedingCommunityStamp: 1, errors: 1, warnings: 0 },
    ]);
  });

  it('grows as files come: a summary taken between files counts only the files added so far', () => {
    const builder = new ReportBuilder();
    builder.add(fileCheck('a.yaml', [finding('a.yaml')]));
    expect(builder.summary().totals).toEqual({ files: 1, procedures: 0, steps: 0, stepsNeedingCommunityStamp: 1, errors: 1, warnings: 0, infos: 0 });
    builder.add(fileCheck('b.yaml', [finding('b.yaml', { severity: 'warning' })]));
    expect(builder.summary().totals).toEqual({ files: 2, procedures: 0, steps: 0, stepsNeedingCommunityStamp: 2, errors: 1, warnings: 1, infos: 0 });
  });
});

describe('describeRules', () => {
  it('lists the rule set\'s measures, then stampcheck\'s own rules', () => {
    const rules = { ruleSet: { rules: [] } } as unknown as CompiledRules;
    expect(describeRules(rules)).toEqual(BUILTIN_RULE_DESCRIPTORS);
    const shipped = loadRules();
    const ids = describeRules(shipped).map((rule) => rule.id);
    expect(ids).toEqual([...shipped.ruleSet.rules.map((rule) => rule.id), ...BUILTIN_RULE_DESCRIPTORS.map((rule) => rule.id)]);
  });
});
