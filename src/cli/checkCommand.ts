import { ExitCode } from '../model/errors.js';
import type { Report } from '../model/report.js';
import { check } from '../api/check.js';
import { FORMAT_CHUNKS, FORMATTERS } from '../format/index.js';
import type { FormatName, Language } from '../format/index.js';
import type { CliIo } from './io.js';
import { colorFromEnv, languageFromEnv, today } from './locale.js';
import { writeReportFile } from './writeReport.js';

export interface CheckFlags {
  rules?: string[];
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
  const context = {
    lang: flags.lang ?? languageFromEnv(io.env),
    color: !toFile && colorFromEnv(flags.color, io.env, io.stdout.isTTY === true),
    cwd: io.cwd,
  };
  const text = FORMAT_CHUNKS[flags.format]?.(report, context) ?? [FORMATTERS[flags.format](report, context)];
  if (toFile) writeReportFile(flags.output!, batched(text), io.cwd, report.files);
  else for (const chunk of batched(text)) io.stdout.write(chunk);
  return exitCodeFor(report, flags.maxWarnings);
}

/** 1 for any error finding, or for more warnings than allowed; 0 otherwise. */
function exitCodeFor(report: Report, maxWarnings: number | undefined): ExitCode {
  if (report.totals.errors > 0) return ExitCode.findings;
  if (maxWarnings !== undefined && report.totals.warnings > maxWarnings) return ExitCode.findings;
  return ExitCode.ok;
}

/** Joins small chunks into writes of about 64 KiB: fewer system calls than one per finding. */
function* batched(chunks: Iterable<string>, size = 65_536): Generator<string> {
  let pending = '';
  for (const chunk of chunks) {
    pending += chunk;
    if (pending.length >= size) {
      yield pending;
      pending = '';
    }
  }
  if (pending.length > 0) yield pending;
}
