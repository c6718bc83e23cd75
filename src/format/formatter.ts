import type { Report } from '../model/report.js';

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
