import type { Finding } from '../model/finding.js';
import type { Report } from '../model/report.js';
import type { FormatContext, Formatter, Language } from './formatter.js';
import { LABELS, countNoun, displayPath, groupByFile, localize, problemsPhrase, stepLabel, summaryRows } from './shared.js';

/**
 * A GitHub-flavoured Markdown report to paste into issues: a heading, a totals sentence, one table
 * of findings per file and the department summary. Cell text is escaped so that messages quoting
 * `|`, HTML or emphasis characters cannot break the tables.
 */
export const markdown: Formatter = (report, context) => {
  const words = WORDS[context.lang];
  const blocks = [`## ${words.heading(report.tool.name)}`, totalsParagraph(report, context.lang)];
  for (const [file, findings] of groupByFile(report.findings)) {
    blocks.push(`### ${escapeMarkdown(displayPath(file, context.cwd))}`, findingsTable(findings, context));
  }
  if (report.departments.length > 0) {
    blocks.push(`### ${words.departments}`, summaryTable(report, context.lang));
  }
  return `${blocks.join('\n\n')}\n`;
};

interface Words {
  heading: (tool: string) => string;
  checked: (report: Report) => string;
  departments: string;
  columns: readonly string[];
}

const WORDS: Readonly<Record<Language, Words>> = {
  zh: {
    heading: (tool) => `${tool} 检查报告`,
    checked: ({ totals, asOf }) =>
      `按 ${asOf} 有效的规则检查了 ${totals.files} 个文件、${totals.procedures} 个流程、${totals.steps} 个步骤，` +
      `其中 ${totals.stepsNeedingCommunityStamp} 个步骤仍需社区出具证明或盖章。`,
    departments: '各部门汇总',
    columns: ['行', '级别', '规则', '流程 › 步骤', '问题', '整改建议'],
  },
  en: {
    heading: (tool) => `${tool} report`,
    checked: ({ totals, asOf }) =>
      `Checked ${countNoun(totals.files, 'file')}, ${countNoun(totals.procedures, 'procedure')} and ` +
      `${countNoun(totals.steps, 'step')} against the rules in force on ${asOf}; a community certificate ` +
      `or stamp is still demanded in ${countNoun(totals.stepsNeedingCommunityStamp, 'step')}.`,
    departments: 'Summary by department',
    columns: ['Line', 'Severity', 'Rule', 'Procedure › Step', 'Message', 'Remedy'],
  },
};

function totalsParagraph(report: Report, lang: Language): string {
  const verdict = report.findings.length > 0 ? `**✖ ${problemsPhrase(report.totals, lang)}**` : LABELS[lang].success;
  return `${WORDS[lang].checked(report)}\n\n${verdict}`;
}

function findingsTable(findings: readonly Finding[], context: FormatContext): string {
  const { lang } = context;
  const rows = findings.map((finding) => [
    `${finding.line}:${finding.column}`,
    LABELS[lang].severity[finding.severity],
    `\`${finding.ruleId}\``,
    escapeMarkdown(stepLabel(finding) ?? ''),
    escapeMarkdown(localize(finding.message, lang)),
    escapeMarkdown(localize(finding.remedy, lang) ?? ''),
  ]);
  return table(WORDS[lang].columns, ['right', 'left', 'left', 'left', 'left', 'left'], rows);
}

function summaryTable(report: Report, lang: Language): string {
  const rows = summaryRows(report, lang).map((row) => row.map(escapeMarkdown));
  const totals = rows.pop() ?? [];
  rows.push(totals.map((cell) => `**${cell}**`));
  return table(LABELS[lang].summaryHeaders, ['left', 'right', 'right', 'right', 'right', 'right'], rows);
}

function table(header: readonly string[], align: readonly ('left' | 'right')[], rows: readonly string[][]): string {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  const rule = align.map((side) => (side === 'right' ? '---:' : '---'));
  return [line(header), line(rule), ...rows.map(line)].join('\n');
}

/**
 * Makes text literal inside a table cell: backslash-escapes Markdown punctuation (a `\|` also
 * keeps a pipe from splitting the cell) and turns line breaks into `<br>`.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_[\]<>|&#~]/g, '\\$&')
    .replace(/\r\n|\r|\n/g, '<br>');
}
