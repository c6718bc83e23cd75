import type { Expectation, VerifyResult } from '../api/verify.js';
import type { Language } from './formatter.js';

const WORDS = {
  en: {
    invalid: 'example not reported',
    valid: 'example reported, though documented as not',
    missing: 'expected, not reported',
    unexpected: 'reported, not expected',
    passed: (examples: number, files: number) => `✔ ${examples} rule example${examples === 1 ? '' : 's'} and ${files} test file${files === 1 ? '' : 's'} pass\n`,
    failed: (count: number) => `✖ ${count} failure${count === 1 ? '' : 's'}\n`,
  },
  zh: {
    invalid: '规则示例未被报告',
    valid: '规则示例被报告，但文档说明不应报告',
    missing: '预期的结果未被报告',
    unexpected: '报告了未预期的结果',
    passed: (examples: number, files: number) => `✔ ${examples} 条规则示例和 ${files} 个测试文件全部通过\n`,
    failed: (count: number) => `✖ ${count} 处未通过\n`,
  },
} as const;

/** `stampcheck verify`: one line per failure (rule examples, then test files by line), then a count. Pure. */
export function formatVerifyReport(result: VerifyResult, lang: Language): string {
  const words = WORDS[lang];
  const lines = result.exampleFailures.map((failure) => `${failure.ruleId}: ${words[failure.kind]}: ${failure.text}`);
  for (const failure of result.fileFailures) {
    const rows = [
      ...failure.missing.map((expectation) => ({ expectation, what: words.missing })),
      ...failure.unexpected.map((expectation) => ({ expectation, what: words.unexpected })),
    ].sort((a, b) => a.expectation.line - b.expectation.line);
    for (const { expectation, what } of rows) lines.push(`${failure.file}:${expectation.line}: ${what}: ${describe(expectation)}`);
  }
  return lines.length === 0 ? words.passed(result.examples, result.files) : `${lines.join('\n')}\n${words.failed(lines.length)}`;
}

function describe({ ruleId, severity }: Expectation): string {
  return severity === null ? ruleId : `${ruleId} (${severity})`;
}
