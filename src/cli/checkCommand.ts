import { ExitCode } from '../model/errors.js';
import type { Report } from '../model/report.js';
import { check } from '../api/check.js';
import { FORMATTERS } from '../format/index.js';
import type { FormatName, Language } from '../format/index.js';
import type { CliIo } from './io.js';
import { colorFromEnv, languageFromEnv, today } from './locale.js';
import { writeReportFile } from './writeReport.js';

export interface CheckFlags {
  rules: string[];
  lang?: Language;
  format: FormatName;
  output?: string;
  asOf?: string;
  strict?: boolean;
  encoding?: string;
  maxFileSize?: number;
  debug?: boolean;
  threads?: number;
  quiet?: boolean;
  maxWarnings?: number;
  color?: boolean;
}

export async function runCheck(paths: string[], flags: CheckFlags, io: CliIo): Promise<ExitCode> {
  const report = await check({
    paths: paths.length > 0 ? paths : ['.'],
    rules: flags.rules,
    asOf: flags.asOf ?? today(),
    strict: flags.strict === true,
    quiet: flags.quiet === true,
    cwd: io.cwd,
    encoding: flags.encoding,
    maxFileSize: flags.maxFileSize,
    threads: flags.threads,
    log: flags.debug ? (message) => io.stderr.write(`stampcheck: debug: ${message}\n`) : undefined,
  });
  const toFile = flags.output !== undefined;
  const text = FORMATTERS[flags.format](report, {
    lang: flags.lang ?? languageFromEnv(io.env),
    color: !toFile && colorFromEnv(flags.color, io.env, io.stdout.isTTY === true),
    cwd: io.cwd,
  });
  if (toFile) writeReportFile(flags.output!, text, io.cwd, report.files);
  else io.stdout.write(text);
  return exitCodeFor(report, flags.maxWarnings);
}

/** 1 for any error finding, or for more warnings than allowed; 0 otherwise. */
export function exitCodeFor(report: Report, maxWarnings: number | undefined): ExitCode {
  if (report.totals.errors > 0) return ExitCode.findings;
  if (maxWarnings !== undefined && report.totals.warnings > maxWarnings) return ExitCode.findings;
  return ExitCode.ok;
}
