import { describe, expect, it } from '@jest/globals';
import { escapeMarkdown, markdown } from '../../src/format/markdown.js';
import { CWD, emptyReport, sampleReport } from './fixtures/report.js';

describe('markdown', () => {
  const en = markdown(sampleReport, { lang: 'en', color: false, cwd: CWD });
  const zh = markdown(sampleReport, { lang: 'zh', color: false, cwd: CWD });

  it('opens with a heading and a totals sentence', () => {
    expect(en.split('\n').slice(0, 5)).toEqual([
      '## stampcheck report',
      '',
      'Checked 4 files, 3 procedures and 9 steps against the rules in force on 2025-06-30; ' +
        'a community certificate or stamp is still demanded in 3 steps.',
      '',
      '**✖ 5 problems (3 errors, 1 warning, 1 info)**',
    ]);
    expect(zh.startsWith('## stampcheck 检查报告\n')).toBe(true);
    expect(zh).toContain('**✖ 共 5 个问题（3 个错误，1 个警告，1 个提示）**');
  });

  it('has a table per file whose rows keep six cells even when text holds pipes and newlines', () => {
    expect(en).toContain('### examples/health/birth-certificate.yaml\n\n| Line | Severity | Rule | Procedure › Step | Message | Remedy |\n| ---: | --- | --- | --- | --- | --- |\n');
    expect(en).toContain(
      '| 12:7 | error | `no-community-residence-proof` | wj-birth-certificate › register | ' +
        'Asks for \\<committee proof\\> \\& "stamp" \\| copy, no: 100%<br>second line | Check the household register \\| don\'t ask for proof |',
    );
    expect(en).toContain('| 3:5 | error | `parse-error` |  | YAML syntax error: bad indentation |  |');
    expect(zh).toContain('| 行 | 级别 | 规则 | 流程 › 步骤 | 问题 | 整改建议 |');
    const rows = en.split('\n').filter((line) => /^\| \d+:\d+ \|/.test(line));
    expect(rows).toHaveLength(5);
    for (const row of rows) expect(row.split(/(?<!\\)\|/).length - 2).toBe(6);
  });

  it('ends with the department summary and its totals row', () => {
    expect(en.endsWith([
      '### Summary by department',
      '',
      '| Department | Procedures | Steps checked | Steps needing a community stamp | Errors | Warnings |',
      '| --- | ---: | ---: | ---: | ---: | ---: |',
      '| Civil affairs | 1 | 5 | 2 | 1 | 1 |',
      '| health | 2 | 4 | 1 | 1 | 0 |',
      '| **Total** | **3** | **9** | **3** | **3** | **1** |',
      '',
    ].join('\n'))).toBe(true);
    expect(zh).toContain('| **合计** | **3** | **9** | **3** | **3** | **1** |');
  });

  it('escapes Markdown punctuation and line breaks', () => {
    expect(escapeMarkdown('a|b\\c *d* _e_ `f` [g] <h> &i\r\nj')).toBe('a\\|b\\\\c \\*d\\* \\_e\\_ \\`f\\` \\[g\\] \\<h\\> \\&i<br>j');
  });

  it('says so when there is nothing to report', () => {
    expect(markdown(emptyReport, { lang: 'en', color: false, cwd: CWD }).split('\n').slice(-2)).toEqual([
      '✔ No community certificate or stamp demands found',
      '',
    ]);
  });
});
