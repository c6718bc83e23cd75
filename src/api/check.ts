import { resolve } from 'node:path';
import type { Report } from '../model/report.js';
import type { SourceFile } from '../model/procedure.js';
import { loadRules, SHIPPED_RULES } from '../config/loadRules.js';
import type { CompiledRules } from '../engine/compileRules.js';
import { checkProcedures } from '../engine/checkProcedures.js';
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
  /** Debug lines (how each file was decoded). */
  log?: (message: string) => void;
}

/** The main job: find files, load rules and procedures, run the engine, build the report. */
export async function check(request: CheckRequest): Promise<Report> {
  const rules = loadRules(request.rules?.length ? request.rules : [SHIPPED_RULES]);
  const found = await findProcedureFiles(request.paths, request.cwd);
  const options = {
    strict: request.strict,
    maxFileSize: request.maxFileSize ?? DEFAULT_MAX_FILE_SIZE,
    encoding: request.encoding,
    log: request.log,
  };
  const files = [
    ...found.unreadable.map(({ path, code }) => unreadableFile(path, code)),
    ...found.files.map((path) => readProcedureFile(path, resolve(request.cwd, path), options)),
  ];
  return checkLoaded(files, rules, request);
}

export function checkLoaded(files: readonly SourceFile[], rules: CompiledRules, options: Pick<CheckRequest, 'asOf' | 'quiet'>): Report {
  const all = checkProcedures(files, rules, { asOf: options.asOf });
  const findings = options.quiet ? all.filter((finding) => finding.severity === 'error') : all;
  return buildReport({ tool: toolInfo(), files, findings, rules, asOf: options.asOf });
}
