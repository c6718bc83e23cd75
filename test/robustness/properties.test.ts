import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { dump, load } from 'js-yaml';
import type { DumpOptions } from 'js-yaml';
import { loadRules } from '../../src/config/loadRules.js';
import { checkProcedures } from '../../src/engine/checkProcedures.js';
import { normalizeText } from '../../src/engine/normalizeText.js';
import { loadProcedureFile } from '../../src/load/procedureFile.js';
import { loadProcedureBytes } from '../../src/load/readProcedureFile.js';
import type { Finding } from '../../src/model/finding.js';

/**
 * Properties of the loader and the engine on generated input: loading never throws and always
 * places findings at 1-based positions; normalisation is idempotent; the script a procedure is
 * written in does not change its findings; and every finding points at the node it names.
 */

const REPO = join(import.meta.dirname, '..', '..');
const require = createRequire(import.meta.url);
const toTraditional = (require('opencc-js/cn2t') as typeof import('opencc-js')).Converter({ from: 'cn', to: 'tw' });
const AS_OF = '2026-01-01';
const rules = loadRules();

function expectPositioned(findings: readonly Finding[]): void {
  for (const { line, column, endLine, endColumn } of findings) {
    expect(line).toBeGreaterThanOrEqual(1);
    expect(column).toBeGreaterThanOrEqual(1);
    expect(endLine).toBeGreaterThanOrEqual(line);
    if (endLine === line) expect(endColumn).toBeGreaterThanOrEqual(column);
  }
}

describe('loading never throws', () => {
  /** Text that gets past the decoder: hostile bytes alone are mostly encoding errors. */
  const textBytes = fc.string({ unit: 'grapheme', maxLength: 300 }).map((text) => new TextEncoder().encode(text));

  it('(a) loadProcedureBytes: arbitrary bytes give findings at 1-based positions', () => {
    fc.assert(fc.property(fc.oneof(fc.uint8Array({ maxLength: 2000 }), textBytes), (bytes) => {
      const file = loadProcedureBytes('x.yaml', bytes, { strict: false });
      expectPositioned(file.loadFindings);
      expectPositioned(checkProcedures([file], rules, { asOf: AS_OF }));
    }), { numRuns: 300 });
  });

  const TOKENS = [':', ': ', '- ', '[', ']', '{', '}', ',', '&a', '&a ', '*a', '\n', '  ', ' ', '"', "'", '#', '? ', '|', '>',
    '<<: ', '!!str ', '---\n', 'procedure', 'steps', 'requires', 'id', 'name', 'issuer', 'stamp', 'true', '1', 'department',
    '社区居委会', '村委会', '亲属关系证明', '親屬關係證明', '盖章', '无需社区盖章', '社區', '\u3000', '🏠'];
  const yamlish = fc.array(fc.constantFrom(...TOKENS), { maxLength: 120 }).map((tokens) => tokens.join(''));

  it('(b) loadProcedureFile: arbitrary and YAML-ish strings, as YAML and as JSON', () => {
    const path = fc.constantFrom('x.yaml', 'x.json');
    fc.assert(fc.property(path, fc.oneof(fc.string({ unit: 'grapheme', maxLength: 300 }), yamlish), fc.boolean(), (name, text, strict) => {
      const file = loadProcedureFile(name, text, { strict });
      expectPositioned(file.loadFindings);
      expectPositioned(checkProcedures([file], rules, { asOf: AS_OF }));
    }), { numRuns: 300 });
  });
});

describe('(c) normalizeText is idempotent', () => {
  const CJK = [...'社区社區居委会會村证證明亲親属屬关關系係盖蓋章乾干髮发后後里裡裏臺台著着復复面麵無无需須蘋苹'].concat(
    [...'ＡＢＣａｂｃ０１２３（）：，．！　'], ['︰', '・', '‧', '豈', '更', 'ｱ', '²', '³', 'Ⅻ', '\u0301', '\u200d', '\u00ad', '\ufeff', 'İ', 'ẞ', 'Σ', '\r\n', '\u2028', ' ', '1', 'A']);
  const SPACED_MARKS = new Set<string>();
  for (let code = 0; code <= 0xffff; code++) {
    const char = String.fromCharCode(code);
    const compatible = char.normalize('NFKC');
    if (compatible.length > 1 && /^\s/.test(compatible)) SPACED_MARKS.add(char);
  }
  const withoutSpacedMarks = (text: string) => ![...text].some((char) => SPACED_MARKS.has(char));

  it('on arbitrary graphemes', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 100 }).filter(withoutSpacedMarks), (text) => {
      const once = normalizeText(text);
      expect(normalizeText(once)).toBe(once);
    }), { numRuns: 300 });
  });

  it('on CJK text mixing Simplified, Traditional and full-width forms', () => {
    fc.assert(fc.property(fc.string({ unit: fc.constantFrom(...CJK), maxLength: 60 }), (text) => {
      const once = normalizeText(text);
      expect(normalizeText(once)).toBe(once);
    }), { numRuns: 300 });
  });
  it.each(['e\u00b4', 'か\u309b', 'a\uffe3', 'Y\u030a', '薴'])('on %s', (text) => {
    const once = normalizeText(text);
    expect(normalizeText(once)).toBe(once);
  });
});

// ---- Generated procedures, from the phrases real service guides use ----

interface RuleFile {
  rules: { when?: { certificate?: string[] } }[];
}
const nationalList = load(readFileSync(join(REPO, 'rules', 'national-list.yaml'), 'utf8')) as RuleFile;
const CERTIFICATES = nationalList.rules.flatMap((rule) => rule.when?.certificate ?? []);
const ISSUERS = ['社区居委会', '村委会', '派出所', '社区卫生服务中心', '本人', 'community', 'village-committee', 'applicant'];
const NOTES = ['由社区居委会核实并加盖公章', '无需社区盖章', '不再要求村委会出具证明', '原需社区盖章，现已取消', '以承诺书代替',
  '通过信息共享核验', '须村委会签字', '请携带原件', '无需社区盖章，但需村委会出具收入证明'];
const PURPOSES = ['证明亲属关系', '用于公证', '办理低保', '证明受伤原因', '核实身份'];
const PROCEDURE_NAMES = ['养老保险待遇领取', '公共租赁住房申请', '最低生活保障申请', '门诊特殊疾病认定', '外伤住院医疗费用报销', '继承公证', '户口迁移'];
const DEPARTMENTS = ['civil-affairs', 'public-security', 'medical-insurance', 'human-resources', 'justice', 'housing', 'finance'];
const STEP_NAMES = ['提交申请', '受理', '审核', '办结', '领取结果'];

const description = fc.oneof(
  fc.constantFrom('申请人如实填写申请表', '窗口工作人员当场审核', '无需社区盖章', '原需社区盖章，现已取消'),
  fc.tuple(fc.constantFrom('需到', '须由', '无需', '不再要求', '凭'), fc.constantFrom(...ISSUERS), fc.constantFrom('开具', '出具', '盖章确认'), fc.constantFrom(...CERTIFICATES))
    .map(([lead, issuer, verb, certificate]) => `${lead}${issuer}${verb}${certificate}`),
  fc.constantFrom(...CERTIFICATES).map((certificate) => `无需社区盖章，但需村委会出具${certificate}`),
);
const requirement = fc.record({
  name: fc.constantFrom(...CERTIFICATES, '居民身份证', '户口簿', '医疗费用发票'),
  issuer: fc.constantFrom(...ISSUERS),
  stamp: fc.boolean(),
  purpose: fc.constantFrom(...PURPOSES),
  note: fc.constantFrom(...NOTES),
}, { requiredKeys: ['name'] });
const step = fc.record({
  name: fc.constantFrom(...STEP_NAMES),
  description,
  requires: fc.array(requirement, { minLength: 1, maxLength: 3 }),
}, { requiredKeys: ['name'] });
const procedure = fc.record({
  name: fc.constantFrom(...PROCEDURE_NAMES),
  department: fc.constantFrom(...DEPARTMENTS),
  steps: fc.array(step, { minLength: 1, maxLength: 3 }),
}).map(({ steps, ...head }) => ({
  procedure: { id: 'generated', ...head, steps: steps.map((content, index) => ({ id: `s${index}`, ...content })) },
}));
type GeneratedProcedure = typeof procedure extends fc.Arbitrary<infer T> ? T : never;

function check(text: string): Finding[] {
  const file = loadProcedureFile('generated.yaml', text, { strict: false });
  expect(file.loadFindings).toEqual([]);
  return checkProcedures([file], rules, { asOf: AS_OF });
}

describe('(d) the script does not change the findings', () => {
  it('gives the same findings for a procedure in Simplified and in Traditional (OpenCC cn → tw)', () => {
    const project = (findings: Finding[]) => findings
      .map(({ ruleId, line, stepId, requirementIndex, severity }) => JSON.stringify({ ruleId, line, stepId, requirementIndex, severity }))
      .sort();
    fc.assert(fc.property(procedure, (generated) => {
      const simplified = dump(generated, { lineWidth: -1 });
      const traditional = toTraditional(simplified);
      expect(traditional.split('\n')).toHaveLength(simplified.split('\n').length);
      expect(project(check(traditional))).toEqual(project(check(simplified)));
    }), { numRuns: 200 });
  });
});

describe('(e) a finding points at the node it names', () => {
  const layout = fc.record({
    indent: fc.constantFrom(2, 4),
    flowLevel: fc.constantFrom(-1, -1, 2, 3, 4),
    forceQuotes: fc.boolean(),
    quoteStyle: fc.constantFrom('single' as const, 'double' as const),
    seqNoIndent: fc.boolean(),
    quoteFlowKeys: fc.boolean(),
  });
  /** Comment lines before the procedure, with characters outside the BMP: columns count code points. */
  const preamble = fc.array(fc.constantFrom('# 办事指南 🏠', '# 𠀀𪚥 社區', '#', ''), { maxLength: 3 });

  /** The source from (line, column), columns counting code points (1-based). */
  function sourceAt(text: string, line: number, column: number): string {
    return [...text.split('\n')[line - 1]].slice(column - 1).join('');
  }
  const unquote = (source: string) => source.replace(/^["']/, '');

  function expectAtNode(text: string, generated: GeneratedProcedure, finding: Finding): void {
    const at = sourceAt(text, finding.line, finding.column);
    const step = generated.procedure.steps.find((candidate) => candidate.id === finding.stepId)!;
    if (finding.requirementIndex !== null) {
      const firstKey = Object.keys(step.requires![finding.requirementIndex])[0];
      // A block mapping starts at its first key; a flow mapping at its brace.
      expect(at.replace(/^\{\s*/, '')).toMatch(new RegExp(`^["']?${firstKey}["']?:`));
    } else {
      const values = [step.description, step.name].filter((value) => value !== undefined);
      expect(values.some((value) => unquote(at).startsWith(value))).toBe(true);
    }
  }

  it('a requirement finding starts at its first key, a step finding at its value', () => {
    fc.assert(fc.property(procedure, layout, preamble, (generated, options, comments) => {
      const text = `${comments.map((comment) => `${comment}\n`).join('')}${dump(generated, { ...options, lineWidth: -1 } as DumpOptions)}`;
      const findings = check(text);
      for (const finding of findings) expectAtNode(text, generated, finding);
    }), { numRuns: 200 });
  });
  it('a description written as a block scalar: at its value', () => {
    const text = [
      'procedure:', '  id: p', '  name: 低保申请', '  department: civil-affairs', '  steps:', '    - id: a', '      name: 提交申请',
      '      description: >-', '        需到社区居委会开具', '        收入证明', '',
    ].join('\n');
    const findings = check(text);
    expect(findings.map((finding) => [finding.stepId, finding.requirementIndex])).toEqual([['a', null]]);
    expect(sourceAt(text, findings[0].line, findings[0].column)).toMatch(/^(需到社区居委会开具|>-)/);
  });
});
