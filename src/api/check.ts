import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Report } from '../model/report.js';
import type { Finding } from '../model/finding.js';
import { loadRules } from '../config/loadRules.js';
import type { CompiledRules } from '../engine/compileRules.js';
import { checkFile, duplicateProcedureFindings } from '../engine/checkProcedures.js';
import type { FileCheck } from '../engine/checkProcedures.js';
import { buildReport } from '../engine/buildReport.js';
import { DEFAULT_MAX_FILE_SIZE, readProcedureFile, unreadableFile } from '../load/readProcedureFile.js';
import { findProcedureFiles } from './findProcedureFiles.js';
import { toolInfo } from './toolInfo.js';

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
  /** Worker threads; 1 checks in this thread. Default: one per core for large corpora. */
  threads?: number;
  /** Debug lines (how each file was decoded). */
  log?: (message: string) => void;
}

/** The part of a request a worker needs: plain data, no functions. */
export type WorkerRequest = Omit<CheckRequest, 'log' | 'paths'> & { debug: boolean };

/** What a worker posts: the next batch of its chunk, in order. */
export interface WorkerMessage {
  checks: FileCheck[];
  logs: string[];
  done: boolean;
}

/** Files a worker checks between two posts. */
export const WORKER_BATCH = 250;

/** Below this many files per thread, starting workers costs more than it saves. */
const FILES_PER_THREAD = 1500;

/** The main job: load rules, find files, check file by file (never holding the corpus), build the report. */
export async function check(request: CheckRequest): Promise<Report> {
  // Rules first: a broken rule file stops the run before any thread starts.
  const rules = loadRules(request.rules, request.cwd);
  const found = await findProcedureFiles(request.paths, request.cwd);
  const threads = Math.max(1, Math.min(request.threads ?? availableParallelism(), Math.floor(found.files.length / FILES_PER_THREAD)));
  const { paths: _paths, log: _log, ...plain } = request;
  const workerRequest: WorkerRequest = { ...plain, debug: request.log !== undefined };
  const size = Math.ceil(found.files.length / threads);
  const chunks = Array.from({ length: threads }, (_, index) => found.files.slice(index * size, (index + 1) * size));
  // Contiguous chunks: workers start first, this thread checks the first chunk meanwhile, and results
  // are merged in corpus order, so the report is byte-identical to a single-thread run.
  const workers = chunks.slice(1).map((chunk) => startWorker(chunk, workerRequest));
  try {
    const logs: string[] = [];
    const first: FileCheck[] = [];
    for (let start = 0; start < chunks[0].length; start += WORKER_BATCH) {
      first.push(...checkPaths(chunks[0].slice(start, start + WORKER_BATCH), rules, workerRequest, request.log ? (line) => logs.push(line) : undefined));
      // Let the workers' batches be received meanwhile, not all at the end.
      if (workers.length > 0) await new Promise((next) => setImmediate(next));
    }
    const rest = await Promise.all(workers.map((worker) => worker.result));
    for (const line of [...logs, ...rest.flatMap((result) => result.logs)]) request.log?.(line);
    const unreadable = found.unreadable.map(({ path, code }) => checkFile(unreadableFile(path, code), rules, request));
    return reportOf([...unreadable, ...first, ...rest.flatMap((result) => result.checks)], rules, request);
  } finally {
    for (const worker of workers) void worker.stop();
  }
}

/** Reads and checks files one at a time: each file's text and tree are garbage once it is checked. */
export function checkPaths(paths: readonly string[], rules: CompiledRules, request: WorkerRequest, log?: (message: string) => void): FileCheck[] {
  const options = { strict: request.strict, maxFileSize: request.maxFileSize ?? DEFAULT_MAX_FILE_SIZE, encoding: request.encoding, log };
  return paths.map((path) => {
    const result = checkFile(readProcedureFile(path, resolve(request.cwd, path), options), rules, request);
    if (request.quiet) result.findings = result.findings.filter((finding) => finding.severity === 'error');
    return result;
  });
}

interface RunningWorker {
  result: Promise<{ checks: FileCheck[]; logs: string[] }>;
  stop(): Promise<number>;
}

/**
 * One contiguous chunk in a worker thread; its batches come back in order. The result rejects if the
 * worker fails or stops before its last batch, and never goes unhandled if the caller fails first.
 */
function startWorker(paths: readonly string[], request: WorkerRequest): RunningWorker {
  const worker = new Worker(new URL('./checkWorker.js', import.meta.url), { workerData: { paths, request } });
  const result = new Promise<{ checks: FileCheck[]; logs: string[] }>((done, fail) => {
    const checks: FileCheck[] = [];
    const logs: string[] = [];
    worker.on('message', (message: WorkerMessage) => {
      checks.push(...message.checks);
      logs.push(...message.logs);
      if (message.done) done({ checks, logs });
    });
    worker.once('error', fail);
    worker.once('exit', (code) => fail(new Error(`a worker thread stopped before its last batch (exit code ${code})`)));
  });
  result.catch(() => undefined);
  return { result, stop: () => worker.terminate() };
}

function reportOf(checks: readonly FileCheck[], rules: CompiledRules, request: Pick<CheckRequest, 'asOf'>): Report {
  const findings: Finding[] = checks.flatMap((check) => check.findings);
  findings.push(...duplicateProcedureFindings(checks.flatMap((check) => check.identities)));
  return buildReport({ tool: toolInfo(), files: checks.map((check) => check.summary), findings, rules, asOf: request.asOf });
}
