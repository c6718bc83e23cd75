import { readFileSync } from 'node:fs';
import type { SourceFile } from '../model/procedure.js';
import { BUILTIN_RULES } from '../model/builtinRules.js';
import { createLocator } from './lineIndex.js';
import { loadFinding, loadProcedureFile } from './procedureFile.js';
import type { LoadOptions } from './procedureFile.js';

/** Reads one procedure file from disk; a file that cannot be read becomes a finding, not a crash. */
export function readProcedureFile(path: string, absolutePath: string, options: LoadOptions): SourceFile {
  let text: string;
  try {
    text = readFileSync(absolutePath, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    const locate = createLocator('');
    const message = { zh: `无法读取文件：${code}`, en: `cannot read the file: ${code}` };
    const finding = loadFinding(path, locate({ start: 0, end: 0 }), BUILTIN_RULES.parseError, message, 'error');
    return { path, procedures: [], loadFindings: [finding], locate };
  }
  return loadProcedureFile(path, text.replace(/^\uFEFF/, ''), options);
}
