import type { Finding } from '../model/finding.js';
import type { Report, ReportHead, ReportSummary } from '../model/report.js';

export type Language = 'zh' | 'en';

export interface FormatContext {
  lang: Language;
  /** Whether ANSI colours may be used (only the stylish format colours). */
  color: boolean;
  /** Directory file paths are shown relative to (they are stored as given on the command line). */
  cwd: string;
}

/** A formatter is pure: the same report and context always give the same text. */
export type Formatter = (report: Report, context: FormatContext) => string;

/**
 * A format written as the report is made: its head, then each batch of findings (whole files, in
 * report order), then its tail once the summary is known. As pure as a Formatter: the same calls give
 * the same text; it may only cache text it has already made.
 */
export interface StreamingFormatter {
  head(head: ReportHead): string;
  /** The batch's text in pieces (a file's section, or about 64 KiB); `written`: findings before this batch. */
  findings(batch: readonly Finding[], written: number): Iterable<string>;
  tail(summary: ReportSummary, written: number): string;
}

export type StreamingFormat = (context: FormatContext) => StreamingFormatter;

/** A streaming format as a plain formatter of a whole report. */
export function wholeReport(format: StreamingFormat): Formatter {
  return (report, context) => {
    const writer = format(context);
    return writer.head(report) + [...writer.findings(report.findings, 0)].join('') + writer.tail(report, report.findings.length);
  };
}
