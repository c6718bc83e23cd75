import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import type { Report, ReportStream } from '../model/report.js';
import type { Finding } from '../model/finding.js';
import { compareText } from '../model/order.js';
import { loadRules } from '../config/loadRules.js';
import type { CompiledRules } from '../engine/compileRules.js';
import { FileChecker } from '../engine/checkProcedures.js';
import { describeRules, ReportBuilder } from '../engine/reportBuilder.js';
import { checkInOrder, MAX_THREADS } from './batchScheduler.js';
import type { CheckedBatch } from './batchScheduler.js';
import { DEFAULT_MAX_FILE_SIZE, readProcedureFile, unreadableFile } from '../load/readProcedureFile.js';
import { findProcedureFiles, realPath } from './findProcedureFiles.js';
import { toolInfo } from './toolInfo.js';
import { UsageError } from '../model/errors.js';

export interface CheckRequest {
  paths: readonly string[];
  /** Rule files or directories; the shipped rules when absent. */
  rules?: readonly string[];
  /** YYYY-MM-DD. */
  asOf: string;
  strict: boolean;
  /** Keep error findings only. */
  quiet: boolean;
  cwd: string;
  /** Bytes; larger files are reported as file-too-large. */
  maxFileSize?: number;
  /** Force one encoding for every procedure file. */
  encoding?: string;
  /** Threads to check on (this one and workers); 1 checks in this thread. Default: one per core for large corpora. */
  threads?: number;
  /** Whether findings get their fingerprint (default true); a run whose format prints none skips hashing them. */
  fingerprints?: boolean;
  /** Debug lines (how each file was decoded). */
  log?: (message: string) => void;
  /** Every finding, before a baseline leaves any out (to write a baseline). */
  seen?: (finding: Finding) => void;
  /** Whether a baseline accepts a finding: accepted findings are not reported nor counted. */
  accepted?: (finding: Finding) => boolean;
  /** Files not to check even where a path holds them (the baseline and the report). */
  exclude?: readonly string[];
}

/** The part of a request a worker needs: plain data, no functions. */
export type WorkerRequest = Omit<CheckRequest, 'log' | 'paths' | 'seen' | 'accepted' | 'exclude'> & { debug: boolean };

/** A file to check, or a directory that could not be listed (reported in its place in path order). */
export interface CorpusEntry {
  path: string;
  unreadable?: string;
}

/**
 * Files a batch holds at most: what a worker checks between two posts. Small batches die young: a
 * batch's results are written before the garbage collector promotes them (measured: 10k files peak
 * at 235 MiB with 250-file batches, 190 MiB with 100, same wall time).
 */
const MAX_BATCH = 100;

/**
 * Below this many files per thread, starting workers costs more than it saves (unless asked for): a
 * worker loads the rules again (0.09 s) and warms its own caches and compiled code, about 0.7 s more
 * CPU in all at 10,000 files. Measured on 2 cores: 10,000 files 1.62 s on one thread against 1.72 s on
 * two (medians of 5); two win from about 12,000 (15,000 files 2.45 s against 2.15 s, session 3).
 */
const FILES_PER_THREAD = 6000;

/**
 * The main job as a stream: load rules, find files, then check batch by batch (on every core when
 * the corpus is large) and hand out each batch's findings in report order as soon as it is its turn.
 * Neither the corpus nor, for streaming formats, its findings are ever held whole.
 */
export async function checkStream(request: CheckRequest): Promise<ReportStream> {
  // Rules first: a broken rule file stops the run before any thread starts.
  const rules = loadRules(request.rules, request.cwd);
  const found = await findProcedureFiles(request.paths, request.cwd);
  // The baseline and the report are stampcheck's own files, not procedures, wherever they lie (by real path:
  // a link may name the directory).
  const excluded = new Set((request.exclude ?? []).map((path) => realPath(resolve(request.cwd, path))));
  const files = excluded.size === 0 ? found.files : found.files.filter((path) => !excluded.has(realPath(resolve(request.cwd, path))));
  if (files.length === 0 && found.files.length > 0 && found.unreadable.length === 0) {
    throw new UsageError(`no procedure files to check: only stampcheck's own files under ${request.paths.join(', ')}`);
  }
  const entries: CorpusEntry[] = [
    ...files.map((path) => ({ path })),
    ...found.unreadable.map(({ path, code }) => ({ path, unreadable: code })),
  ].sort((a, b) => compareText(a.path, b.path));
  const threads = Math.max(1, Math.min(
    request.threads ?? Math.min(availableParallelism(), Math.floor(found.files.length / FILES_PER_THREAD)),
    MAX_THREADS,
    entries.length,
  ));
  const size = Math.max(1, Math.min(MAX_BATCH, Math.ceil(entries.length / (threads * 4))));
  const batches = Array.from({ length: Math.ceil(entries.length / size) }, (_, index) => entries.slice(index * size, (index + 1) * size));
  const { paths: _paths, log: _log, seen, accepted, exclude: _exclude, ...plain } = request;
  // With a baseline, warnings are still recorded and accepted before --quiet leaves them out of the report.
  const baselined = seen !== undefined || accepted !== undefined;
  const workerRequest: WorkerRequest = { ...plain, quiet: plain.quiet && !baselined, debug: request.log !== undefined };
  const builder = new ReportBuilder({ seen, accepted, errorsOnly: plain.quiet && baselined });
  async function* findings(): AsyncGenerator<Finding[]> {
    const checked = checkInOrder(batches, threads - 1, workerRequest, (batch) => checkEntries(batch, rules, workerRequest));
    for await (const { checks, logs } of checked) {
      for (const line of logs) request.log?.(line);
      yield checks.flatMap((check) => builder.add(check));
    }
  }
  return {
    head: { tool: toolInfo(), files: entries.map(({ path }) => path), rules: describeRules(rules), asOf: request.asOf },
    findings: findings(),
    summary: () => builder.summary(),
  };
}

/** The main job, whole: every finding in one report. */
export async function check(request: CheckRequest): Promise<Report> {
  return collectReport(await checkStream(request));
}

/** A streamed report made whole, for formats that need every finding before they can start. */
export async function collectReport(stream: ReportStream): Promise<Report> {
  const findings: Finding[] = [];
  for await (const batch of stream.findings) for (const finding of batch) findings.push(finding);
  return { ...stream.head, findings, ...stream.summary() };
}

/**
 * Reads and checks files one at a time: each file's text and tree are garbage once it is checked, and
 * each step of a long file is checked as it is read.
 */
export function checkEntries(entries: readonly CorpusEntry[], rules: CompiledRules, request: WorkerRequest): CheckedBatch {
  const logs: string[] = [];
  const options = {
    strict: request.strict, maxFileSize: request.maxFileSize ?? DEFAULT_MAX_FILE_SIZE, encoding: request.encoding,
    log: request.debug ? (line: string) => logs.push(line) : undefined,
  };
  const checks = entries.map(({ path, unreadable }) => {
    const checker = new FileChecker(path, rules, request);
    const file = unreadable === undefined ? readProcedureFile(path, resolve(request.cwd, path), options, checker) : unreadableFile(path, unreadable);
    const result = checker.finish(file);
    if (request.quiet) result.findings = result.findings.filter((finding) => finding.severity === 'error');
    return result;
  });
  return { checks, logs };
}
