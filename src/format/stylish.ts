import { Chalk, type ChalkInstance } from 'chalk';
import Table from 'cli-table3';
import type { Finding, Severity } from '../model/finding.js';
import type { ReportSummary } from '../model/report.js';
import { wholeReport } from './formatter.js';
import type { FormatContext, Formatter, StreamingFormat } from './formatter.js';
import { LABELS, displayPath, groupByFile, localize, problemsPhrase, remedyLine, stepLabel, summaryRows } from './shared.js';

/**
 * ESLint-like output for terminals: per file an underlined name and one aligned line per finding
 * (`line:column  severity  procedure › step  message  rule`), its remedy underneath, then a problem
 * count and a summary table by department.
 */
export const stylishStream: StreamingFormat = (context) => {
  const paint = new Chalk({ level: context.color ? 1 : 0 });
  return {
    head: () => '',
    // A batch holds whole files, so a file's section is written at once; sections are a blank line apart.
    findings: (batch, written) => [...groupByFile(batch)].map(([file, findings], index) =>
      `${written === 0 && index === 0 ? '\n' : '\n\n'}${fileSection(displayPath(file, context.cwd), findings, context, paint)}`),
    tail: (summary, written) => {
      const sections = [written > 0 ? problemsLine(summary, context, paint) : paint.green(LABELS[context.lang].success)];
      if (summary.departments.length > 0) sections.push(summaryTable(summary, context, paint));
      return `${written > 0 ? '\n\n' : ''}${sections.join('\n\n')}\n`;
    },
  };
};

export const stylish: Formatter = wholeReport(stylishStream);

/**
 * Columns a terminal needs for the text: East Asian wide characters (CJK, Hangul, full-width forms)
 * take two, everything else one. Enough for aligning messages; combining marks are not special-cased.
 */
export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) width += isWide(char.codePointAt(0) ?? 0) ? 2 : 1;
  return width;
}

const WIDE_RANGES: readonly (readonly [number, number])[] = [
  [0x1100, 0x115f],
  [0x2e80, 0xa4cf],
  [0xac00, 0xd7a3],
  [0xf900, 0xfaff],
  [0xfe30, 0xfe4f],
  [0xff00, 0xff60],
  [0xffe0, 0xffe6],
  [0x20000, 0x10ffff],
];

function isWide(codePoint: number): boolean {
  return WIDE_RANGES.some(([low, high]) => codePoint >= low && codePoint <= high);
}

const SEVERITY_COLOR: Record<Severity, 'red' | 'yellow' | 'blue'> = { error: 'red', warning: 'yellow', info: 'blue' };
const INDENT = '  ';
const GAP = '  ';

interface Row {
  position: string;
  severity: Severity;
  where: string;
  message: string;
  ruleId: string;
  remedy: string | null;
}

function fileSection(path: string, findings: readonly Finding[], context: FormatContext, paint: ChalkInstance): string {
  const labels = LABELS[context.lang];
  const rows: Row[] = findings.map((finding) => ({
    position: `${finding.line}:${finding.column}`,
    severity: finding.severity,
    where: stepLabel(finding) ?? '',
    message: oneLine(localize(finding.message, context.lang)),
    ruleId: finding.ruleId,
    remedy: finding.remedy === null ? null : remedyLine(oneLine(localize(finding.remedy, context.lang)), context.lang),
  }));
  const width = (pick: (row: Row) => string) => Math.max(...rows.map((row) => displayWidth(pick(row))));
  const positionWidth = width((row) => row.position);
  const severityWidth = width((row) => labels.severity[row.severity]);
  const whereWidth = width((row) => row.where);
  const messageWidth = width((row) => row.message);
  const columnsBeforeMessage = [positionWidth, severityWidth, ...(whereWidth > 0 ? [whereWidth] : [])];
  const remedyIndent = ' '.repeat(INDENT.length + columnsBeforeMessage.reduce((sum, columns) => sum + columns + GAP.length, 0));
  const lines = [paint.underline(path)];
  for (const row of rows) {
    const cells = [
      paint.dim(' '.repeat(positionWidth - displayWidth(row.position)) + row.position),
      paint[SEVERITY_COLOR[row.severity]](padEnd(labels.severity[row.severity], severityWidth)),
      ...(whereWidth > 0 ? [padEnd(row.where, whereWidth)] : []),
      padEnd(row.message, messageWidth),
      paint.dim(row.ruleId),
    ];
    lines.push(INDENT + cells.join(GAP));
    if (row.remedy !== null) lines.push(remedyIndent + row.remedy);
  }
  return lines.join('\n');
}

function problemsLine(report: ReportSummary, context: FormatContext, paint: ChalkInstance): string {
  const colour = report.totals.errors > 0 ? 'red' : report.totals.warnings > 0 ? 'yellow' : 'blue';
  return paint[colour].bold(`✖ ${problemsPhrase(report.totals, context.lang)}`);
}

/** The table is always built without cli-table3's own colours, so the only ANSI codes are chalk's. */
function summaryTable(report: ReportSummary, context: FormatContext, paint: ChalkInstance): string {
  const table = new Table({
    head: LABELS[context.lang].summaryHeaders.map((header) => paint.bold(header)),
    colAligns: ['left', 'right', 'right', 'right', 'right', 'right'],
    style: { head: [], border: [] },
  });
  const rows = summaryRows(report, context.lang);
  const totals = rows.pop() ?? [];
  table.push(...rows, totals.map((cell) => paint.bold(cell)));
  return table.toString();
}

function padEnd(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

/** Terminal lines must stay single lines for the columns to line up. */
function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ');
}
