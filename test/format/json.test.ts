import { describe, expect, it } from '@jest/globals';
import { json } from '../../src/format/json.js';
import { CWD, emptyReport, sampleReport } from './fixtures/report.js';

const FINDING_KEYS = [
  'file', 'procedureId', 'stepId', 'requirementIndex', 'ruleId', 'severity', 'message', 'remedy', 'source',
  'line', 'column', 'endLine', 'endColumn', 'department', 'messages',
];

describe('json', () => {
  const output = json(sampleReport, { lang: 'en', color: false, cwd: CWD });
  const parsed = JSON.parse(output);

  it('is exactly what JSON.stringify(…, null, 2) writes, though written finding by finding', () => {
    for (const lang of ['zh', 'en'] as const) {
      for (const report of [sampleReport, emptyReport]) {
        const text = json(report, { lang, color: false, cwd: CWD });
        expect(text).toBe(`${JSON.stringify(JSON.parse(text), null, 2)}\n`);
      }
    }
  });

  it('has the documented top-level shape, in order', () => {
    expect(Object.keys(parsed)).toEqual(['tool', 'asOf', 'findings', 'summary']);
    expect(parsed.tool).toEqual({ name: 'stampcheck', version: '0.1.0' });
    expect(parsed.asOf).toBe('2025-06-30');
    expect(Object.keys(parsed.summary)).toEqual(['totals', 'departments']);
    expect(parsed.summary.totals).toEqual(sampleReport.totals);
    // departmentName is written in the report's language.
    expect(parsed.summary.departments).toEqual(sampleReport.departments.map((row) => ({ ...row, departmentName: row.departmentName?.en ?? null })));
    expect(output.endsWith('}\n')).toBe(true);
  });

  it('gives every finding exactly the documented fields, in order', () => {
    expect(parsed.findings.map((finding: object) => Object.keys(finding))).toEqual(sampleReport.findings.map(() => FINDING_KEYS));
    expect(parsed.findings.map((finding: { ruleId: string }) => finding.ruleId)).toEqual(sampleReport.findings.map((finding) => finding.ruleId));
  });

  it('shows paths relative to cwd and words in the chosen language', () => {
    expect(parsed.findings[0]).toEqual({
      file: 'examples/health/birth-certificate.yaml',
      procedureId: 'wj-birth-certificate',
      stepId: 'register',
      requirementIndex: 1,
      ruleId: 'no-community-residence-proof',
      severity: 'error',
      message: 'Asks for <committee proof> & "stamp" | copy, no: 100%\nsecond line',
      remedy: "Check the household register | don't ask for proof",
      source: { document: '国务院办公厅关于做好证明事项清理工作的通知', number: '国办发〔2018〕47号' },
      line: 12,
      column: 7,
      endLine: 13,
      endColumn: 20,
      department: 'health',
      messages: {
        zh: '要求<居委会证明>&"盖章"|副本,编号:100%\n第二行',
        en: 'Asks for <committee proof> & "stamp" | copy, no: 100%\nsecond line',
      },
    });
  });

  it('keeps nulls for file-level findings and picks Chinese with lang zh', () => {
    const zh = JSON.parse(json(sampleReport, { lang: 'zh', color: false, cwd: CWD }));
    const parseError = zh.findings.find((finding: { ruleId: string }) => finding.ruleId === 'parse-error');
    expect(parseError).toMatchObject({
      file: 'examples/broken.yaml',
      procedureId: null,
      stepId: null,
      requirementIndex: null,
      message: 'YAML 语法错误：缩进不一致',
      remedy: null,
      source: null,
      department: null,
    });
    expect(Object.keys(zh.findings[3].source)).toEqual(['document', 'number', 'clause', 'date', 'issuer']);
  });

  it('prints an empty list for an empty report', () => {
    expect(JSON.parse(json(emptyReport, { lang: 'en', color: false, cwd: CWD })).findings).toEqual([]);
  });
});
