import { describe, expect, it } from '@jest/globals';
import { loadRules } from '../../src/config/loadRules.js';
import { checkProcedures } from '../../src/engine/checkProcedures.js';
import { loadProcedureFile } from '../../src/load/procedureFile.js';

const rules = loadRules();

/** A one-step procedure whose description is the example text, in the rule's first department. */
function findingsFor(text: string, department: string, procedureName: string): string[] {
  const yaml = [
    'procedure:', '  id: example', `  name: ${JSON.stringify(procedureName)}`, `  department: ${department}`,
    '  steps:', '    - id: step', '      name: 办理', `      description: ${JSON.stringify(text)}`, '',
  ].join('\n');
  const file = loadProcedureFile('example.yaml', yaml, { strict: false });
  expect(file.loadFindings).toEqual([]);
  return checkProcedures([file], rules, { asOf: '2026-01-01' }).map((finding) => finding.ruleId);
}

/** Every shipped rule documents what it reports and what it does not; the documentation must be true. */
describe.each(rules.ruleSet.rules.map((rule) => [rule.id, rule] as const))('%s examples', (_id, rule) => {
  const department = rule.departments[0] ?? 'civil-affairs';
  const procedureName = rule.when.context?.[0] ?? '办事流程';
  it.each(rule.examples.invalid)('reports: %s', (text) => {
    expect(findingsFor(text, department, procedureName)).toContain(rule.id);
  });
  it.each(rule.examples.valid)('does not report: %s', (text) => {
    expect(findingsFor(text, department, procedureName)).not.toContain(rule.id);
  });
});
