import type { Finding, LocalizedText, Span } from '../model/finding.js';
import { fileFinding } from '../model/finding.js';
import { BUILTIN_RULES } from '../model/builtinRules.js';
import type { ProcedureIdentity } from './checkProcedures.js';
import { ownCopy } from './memo.js';

/** A procedure or step id used twice; ids are copied, since findings outlive the file's text. */
export function duplicateIdFinding(
  file: string, procedureId: string, department: string, stepId: string | null, span: Span, message: LocalizedText,
): Finding {
  return {
    ...fileFinding(file, span, BUILTIN_RULES.duplicateId, message, 'error'),
    procedureId: ownCopy(procedureId), department, stepId: stepId === null ? null : ownCopy(stepId),
  };
}

/** A procedure id already used in an earlier file (or earlier in this one). */
export function duplicateProcedureFinding(identity: ProcedureIdentity, firstFile: string): Finding {
  return duplicateIdFinding(identity.file, identity.id, identity.department, null, identity.span,
    { zh: `流程编号 ${identity.id} 已在 ${firstFile} 中使用`, en: `procedure id "${identity.id}" is already used in ${firstFile}` });
}
