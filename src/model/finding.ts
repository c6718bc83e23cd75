export type Severity = 'error' | 'warning' | 'info';

/** A 1-based range in characters of the decoded text; endColumn is exclusive, as in SARIF. */
export interface Span {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** Where a measure comes from: enough to look it up in the gazette. */
export interface RuleSource {
  document: string;
  number?: string;
  clause?: string;
  date?: string;
  issuer?: string;
  /** Set when no primary text was found and the rule encodes a draft reading. */
  draft?: boolean;
}

export interface LocalizedText {
  zh: string;
  en: string;
}

/** A finding about a file or a procedure as a whole, raised by stampcheck itself (no rule, no remedy). */
export function fileFinding(file: string, span: Span, ruleId: string, message: LocalizedText, severity: Severity): Finding {
  return {
    file, procedureId: null, department: null, stepId: null, requirementIndex: null,
    ruleId, severity, message, remedy: null, source: null, fingerprint: null, ...span,
  };
}

/** A finding is data: the words are rendered from the rule's messages by the formatters' caller. */
export interface Finding extends Span {
  file: string;
  procedureId: string | null;
  department: string | null;
  stepId: string | null;
  requirementIndex: number | null;
  ruleId: string;
  severity: Severity;
  message: LocalizedText;
  remedy: LocalizedText | null;
  source: RuleSource | null;
  /**
   * A stable id of what was found (rule, procedure, step, requirement and the demanded text), the same
   * wherever the lines move: for SARIF fingerprints and baselines. Null for file-level findings, and in a run
   * asked for none (`fingerprints: false`).
   */
  fingerprint: string | null;
}
