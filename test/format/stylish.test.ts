import { describe, expect, it } from '@jest/globals';
import type { FormatContext } from '../../src/format/formatter.js';
import { displayWidth, stylish } from '../../src/format/stylish.js';
import { CWD, emptyReport, sampleReport } from './fixtures/report.js';

const en: FormatContext = { lang: 'en', color: false, cwd: CWD };
const zh: FormatContext = { lang: 'zh', color: false, cwd: CWD };

describe('displayWidth', () => {
  it.each([
    ['abc', 3],
    ['民政局', 6],
    ['“年度”', 6],
    ['（一）', 6],
    ['한글', 4],
    ['𠀀x', 3],
    ['→ ›', 3],
  ])('%s takes %i columns', (text, width) => {
    expect(displayWidth(text)).toBe(width);
  });
});

describe('stylish', () => {
  it('prints one aligned line per finding under its file, with the remedy underneath', () => {
    const lines = stylish(sampleReport, en).split('\n');
    expect(lines.slice(0, 17)).toEqual([
      '',
      'examples/health/birth-certificate.yaml',
      '  12:7  error  wj-birth-certificate › register  Asks for <committee proof> & "stamp" | copy, no: 100% second line  no-community-residence-proof',
      '                                                → Remedy: Check the household register | don\'t ask for proof',
      '  18:9  info   wj-birth-certificate › review    This certificate is still on the retained list                     community-stamp-retained-category',
      '                                                → Remedy: Confirm the legal basis',
      '',
      'examples/broken.yaml',
      '  3:5  error  YAML syntax error: bad indentation  parse-error',
      '',
      'examples/civil-affairs/elderly-allowance.before.yaml',
      '  23:11  error    mz-elderly-allowance › annual-check  Step "年度生存认证" asks the village committee for a survival certificate  no-community-survival-certificate',
      '                                                       → Remedy: Verify survival by data sharing instead',
      '   31:9  warning  mz-elderly-allowance › apply         The application form needs a community stamp                               no-community-stamp-on-form',
      '                                                       → Remedy: Drop the stamp box; accept a written pledge',
      '',
      '✖ 5 problems (3 errors, 1 warning, 1 info)',
    ]);
  });

  it('aligns rule ids by display width when messages hold Chinese text', () => {
    const lines = stylish(sampleReport, zh).split('\n');
    const survival = lines.find((line) => line.includes('no-community-survival-certificate')) ?? '';
    const stamp = lines.find((line) => line.includes('no-community-stamp-on-form')) ?? '';
    expect(survival).toBe('  23:11  错误  mz-elderly-allowance › annual-check  “年度生存认证”要求村委会出具生存证明  no-community-survival-certificate');
    expect(stamp).toBe('   31:9  警告  mz-elderly-allowance › apply         申请表需社区盖章                      no-community-stamp-on-form');
    const ruleColumn = (line: string, ruleId: string) => displayWidth(line.slice(0, line.indexOf(ruleId)));
    expect(ruleColumn(survival, 'no-community')).toBe(ruleColumn(stamp, 'no-community'));
    expect(lines).toContain('                                                    → 整改建议：改为通过信息共享核验生存状态');
    expect(lines).toContain('✖ 共 5 个问题（3 个错误，1 个警告，1 个提示）');
  });

  it('ends with a department table and a totals row', () => {
    const rows = stylish(sampleReport, en).split('\n').filter((line) => line.startsWith('│'));
    const cells = rows.map((row) => row.split('│').slice(1, -1).map((cell) => cell.trim()));
    expect(cells).toEqual([
      ['Department', 'Procedures', 'Steps checked', 'Steps needing a community stamp', 'Errors', 'Warnings'],
      ['Civil affairs', '1', '5', '2', '1', '1'],
      ['health', '2', '4', '1', '1', '0'],
      ['Total', '3', '9', '3', '3', '1'],
    ]);
    const zhHeader = stylish(sampleReport, zh).split('\n').find((line) => line.startsWith('│ 部门'));
    expect(zhHeader?.split('│').slice(1, -1).map((cell) => cell.trim())).toEqual(['部门', '流程数', '检查步骤数', '需社区盖章步骤数', '错误', '警告']);
  });

  it('prints a success line and no table when there is nothing to report', () => {
    expect(stylish(emptyReport, en)).toBe('✔ No community certificate or stamp demands found\n');
    expect(stylish(emptyReport, zh)).toBe('✔ 未发现要求社区出具证明或盖章的环节\n');
  });

  it('uses no ANSI codes without colour and colours severities with it', () => {
    expect(stylish(sampleReport, en)).not.toMatch(/\u001b\[/);
    const coloured = stylish(sampleReport, { ...en, color: true });
    expect(coloured).toContain('\u001b[31merror  \u001b[39m');
    expect(coloured).toContain('\u001b[33mwarning\u001b[39m');
    expect(coloured).toContain('\u001b[34minfo \u001b[39m');
    expect(coloured).toContain('\u001b[2mparse-error\u001b[22m');
    expect(coloured.replace(/\u001b\[\d+m/g, '')).toBe(stylish(sampleReport, en));
  });
});
