import { resolve } from 'node:path';
import { existsSync } from 'node:fs';
import { ExitCode, UsageError } from '../model/errors.js';
import { closestName } from '../model/closestName.js';
import type { ReportStream, ReportSummary, ReportTotals } from '../model/report.js';
import { checkStream, collectReport } from '../api/check.js';
import { FINGERPRINTING_FORMATS, FORMATTERS, STREAMING_FORMATS } from '../format/index.js';
import type { FormatContext, FormatName, Language } from '../format/index.js';
import type { CliIo } from './io.js';
import { colorFromEnv, languageFromEnv, today } from './locale.js';
import { isOwnOutput, isStandardOutput, writeReportFile, writeTextFile } from './writeReport.js';

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
  baseline?: string;
  writeBaseline?: string;
}

/** The report, the baseline read and the baseline written are three files: one path for two would lose one of them. */
function checkOwnFiles(flags: CheckFlags, cwd: string): void {
  if (flags.baseline !== undefined && flags.writeBaseline !== undefined) {
    throw new UsageError('--baseline and --write-baseline do not go together: a baseline being written accepts every finding');
  }
  for (const [option, file] of [['--baseline', flags.baseline], ['--write-baseline', flags.writeBaseline]] as const) {
    if (file === undefined) continue;
    if (file.trim() === '' || isStandardOutput(file)) throw new UsageError(`${option} needs a file's path (not "${file}")`);
    if (flags.output !== undefined && resolve(cwd, file) === resolve(cwd, flags.output)) {
      throw new UsageError(`-o and ${option} name the same file: ${file}`);
    }
  }
}

/** What `stampcheck NAME` may have meant when NAME is no path: a command. */
const COMMANDS = ['check', 'rules', 'explain', 'verify', 'impact', 'help'];

export async function runCheck(paths: string[], flags: CheckFlags, io: CliIo): Promise<ExitCode> {
  const [only] = paths;
  if (paths.length === 1 && !existsSync(resolve(io.cwd, only))) {
    const meant = closestName(only, COMMANDS);
    if (meant !== null) throw new UsageError(`no such file or directory: ${only} (did you mean the command "${meant}"?)`);
  }
  checkOwnFiles(flags, io.cwd);
  // A baseline being written accepts every finding it records: this run reports what no baseline can accept.
  // Loaded only when asked for: a run without a baseline starts as fast as before.
  const baselines = flags.baseline === undefined && flags.writeBaseline === undefined ? undefined : await import('../config/baseline.js');
  const baseline = flags.baseline === undefined ? undefined : baselines!.readBaseline(resolve(io.cwd, flags.baseline), flags.baseline);
  const recorder = flags.writeBaseline === undefined ? undefined : new baselines!.BaselineRecorder();
  // The baseline and an earlier report in a checked directory are not procedures; any other file at those paths
  // stays in the corpus, so it is never written over.
  const ownFiles = [flags.baseline, flags.writeBaseline, flags.output]
    .filter((file): file is string => file !== undefined && !isStandardOutput(file) && isOwnOutput(resolve(io.cwd, file)));
  const stream = await checkStream({
    paths: paths.length > 0 ? paths : ['.'],
    rules: flags.rules,
    asOf: flags.asOf ?? today(),
    strict: flags.strict === true,
    quiet: flags.quiet === true,
    cwd: io.cwd,
    encoding: flags.encoding,
    maxFileSize: flags.maxFileSize,
    threads: flags.threads,
    fingerprints: FINGERPRINTING_FORMATS.has(flags.format) || baseline !== undefined || recorder !== undefined,
    log: flags.debug ? (message) => io.stderr.write(`stampcheck: debug: ${message}\n`) : undefined,
    seen: recorder && ((finding) => recorder.add(finding)),
    accepted: recorder ? (finding) => finding.fingerprint !== null : baseline && ((finding) => baseline.accepts(finding)),
    exclude: ownFiles,
  });
  const toFile = flags.output !== undefined && !isStandardOutput(flags.output);
  const context = {
    lang: flags.lang ?? languageFromEnv(io.env),
    color: !toFile && colorFromEnv(flags.color, io.env, io.stdout.isTTY === true),
    cwd: io.cwd,
  };
  let totals: ReportTotals | null = null;
  const text = utf8(reportText(stream, flags.format, context, (summary) => (totals = summary.totals)));
  if (toFile) await writeReportFile(flags.output!, text, io.cwd, stream.head.files);
  else {
    for await (const chunk of text) {
      if (io.stdout.write(chunk) === false && io.stdout.once) await new Promise((drained) => io.stdout.once!('drain', () => drained(null)));
    }
  }
  if (recorder) {
    await writeTextFile(flags.writeBaseline!, recorder.text(), io.cwd, stream.head.files, 'baseline');
    io.stderr.write(`stampcheck: wrote a baseline accepting ${recorder.size} finding${recorder.size === 1 ? '' : 's'} to ${flags.writeBaseline}\n`);
  } else if (baseline && (baseline.accepted > 0 || baseline.unused() > 0)) {
    const unused = baseline.unused();
    io.stderr.write(`stampcheck: the baseline accepted ${baseline.accepted} finding${baseline.accepted === 1 ? '' : 's'}` +
      (unused === 0 ? '\n' : `; ${unused} it accepts no longer occur (rewrite it with --write-baseline to drop them)\n`));
  }
  return exitCodeFor(totals!, flags.maxWarnings);
}

/** Characters written at once: fewer system calls than one per finding, never the whole report. */
const WRITE_SIZE = 65_536;

/** The report's text as it is made (streaming formats, in writes of about WRITE_SIZE) or once it is whole (the others). */
async function* reportText(
  stream: ReportStream, format: FormatName, context: FormatContext, finished: (summary: ReportSummary) => void,
): AsyncGenerator<string> {
  const streaming = STREAMING_FORMATS[format]?.(context);
  if (streaming === undefined) {
    const report = await collectReport(stream);
    finished(report);
    yield FORMATTERS[format](report, context);
    return;
  }
  let pending = streaming.head(stream.head);
  let written = 0;
  for await (const batch of stream.findings) {
    for (const piece of streaming.findings(batch, written)) {
      pending += piece;
      if (pending.length < WRITE_SIZE) continue;
      yield pending;
      pending = '';
    }
    written += batch.length;
  }
  const summary = stream.summary();
  finished(summary);
  yield pending + streaming.tail(summary, written);
}

const encoder = new TextEncoder();

/** Characters encoded at once: streamed pieces (a little over WRITE_SIZE) in one go, a whole report in slices. */
const ENCODE_SLICE = 1 << 20;

/**
 * Each piece of text as UTF-8 bytes in buffers of their own (a stream may still hold the last one), a whole report
 * (sarif, junit, markdown) in slices of ENCODE_SLICE characters so no buffer is three times a large report. Encoded
 * here rather than by the stream: `encodeInto` is a third faster than `Buffer.from` on text that is mostly Chinese
 * (measured: 43 MB of report, 155 → 100 ms).
 */
async function* utf8(text: AsyncIterable<string>): AsyncGenerator<Uint8Array> {
  for await (const piece of text) {
    for (let start = 0; start < piece.length;) {
      let end = Math.min(piece.length, start + ENCODE_SLICE);
      // Never between the halves of a surrogate pair.
      const last = piece.charCodeAt(end - 1);
      if (end < piece.length && last >= 0xd800 && last <= 0xdbff) end--;
      const slice = piece.slice(start, end);
      const bytes = Buffer.allocUnsafe(slice.length * 3);
      yield bytes.subarray(0, encoder.encodeInto(slice, bytes).written);
      start = end;
    }
  }
}

/** 1 for any error finding, or for more warnings than allowed; 0 otherwise. */
function exitCodeFor(totals: ReportTotals, maxWarnings: number | undefined): ExitCode {
  if (totals.errors > 0) return ExitCode.findings;
  if (maxWarnings !== undefined && totals.warnings > maxWarnings) return ExitCode.findings;
  return ExitCode.ok;
}
