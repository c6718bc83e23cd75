import type { Finding, Severity } from '../model/finding.js';
import { wholeReport } from './formatter.js';
import type { FormatContext, Formatter, StreamingFormat } from './formatter.js';
import { LABELS, displayPath, localize, remedyLine } from './shared.js';

/**
 * GitHub Actions workflow commands: one annotation per finding, shown on the pull request diff.
 * Without findings a plain success line is printed (Actions shows it as ordinary log output).
 */
export const githubStream: StreamingFormat = (context) => ({
  head: () => '',
  findings: (batch) => batch.map((finding) => `${annotation(finding, context)}\n`),
  tail: (_summary, written) => (written === 0 ? `${LABELS[context.lang].success}\n` : ''),
});

export const github: Formatter = wholeReport(githubStream);

const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice' };

function annotation(finding: Finding, context: FormatContext): string {
  const properties = [
    ['file', displayPath(finding.file, context.cwd)],
    ['line', String(finding.line)],
    ['col', String(finding.column)],
    ['endLine', String(finding.endLine)],
    ['endColumn', String(finding.endColumn)],
    ['title', finding.ruleId],
  ].map(([name, value]) => `${name}=${escapeProperty(value)}`);
  const remedy = localize(finding.remedy, context.lang);
  const message = localize(finding.message, context.lang);
  const data = remedy === null ? message : `${message}\n${remedyLine(remedy, context.lang)}`;
  return `::${COMMAND[finding.severity]} ${properties.join(',')}::${escapeData(data)}`;
}

/** GitHub's escaping for a command's message (see @actions/core `escapeData`). */
function escapeData(value: string): string {
  return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** GitHub's escaping for a command's properties (see @actions/core `escapeProperty`). */
function escapeProperty(value: string): string {
  return escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
