import { isAbsolute, join } from 'node:path';
import type { Report } from '../model/report.js';
import type { SourceFile } from '../model/procedure.js';
import { loadRules, SHIPPED_RULES } from '../config/loadRules.js';
import type { CompiledRules } from '../engine/compileRules.js';
import { checkProcedures } from '../engine/checkProcedures.js';
import { buildReport } from '../engine/buildReport.js';
import { readProcedureFile } from '../load/readProcedureFile.js';
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
}

/** The main job: find files, load rules and procedures, run the engine, build the report. */
export async function check(request: CheckRequest): Promise<Report> {
  const rules = loadRules(request.rules?.length ? request.rules : [SHIPPED_RULES]);
  const paths = await findProcedureFiles(request.paths, request.cwd);
  const files = paths.map((path) => readProcedureFile(path, isAbsolute(path) ? path : join(request.cwd, path), { strict: request.strict }));
  return checkLoaded(files, rules, request);
}

export function checkLoaded(files: readonly SourceFile[], rules: CompiledRules, options: Pick<CheckRequest, 'asOf' | 'quiet'>): Report {
  const all = checkProcedures(files, rules, { asOf: options.asOf });
  const findings = options.quiet ? all.filter((finding) => finding.severity === 'error') : all;
  return buildReport({ tool: toolInfo(), files, findings, rules, asOf: options.asOf });
}
