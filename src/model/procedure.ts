/** A stretch of the decoded source text, 0-based and end-exclusive; turned into a Span only on demand. */
export interface Range {
  start: number;
  end: number;
}

export interface TextField {
  text: string;
  range: Range;
}

export interface Requirement {
  index: number;
  name: TextField | null;
  issuer: TextField | null;
  stamp: boolean;
  purpose: TextField | null;
  note: TextField | null;
  range: Range;
}

export interface Step {
  id: string;
  name: TextField | null;
  actor: string | null;
  description: TextField | null;
  requirements: Requirement[];
  range: Range;
}

export interface Procedure {
  id: string;
  name: TextField | null;
  department: string;
  departmentName: string | null;
  version: string | null;
  steps: Step[];
  range: Range;
}

/**
 * Takes a file's steps as the loader reads them, so a long file never holds every step's model: each
 * valid step comes with its procedure as read before its steps (whose list stays empty). When the file
 * must be read again whole (a step or the outline breaks the schema, or the block reader declines it
 * midway), `discard` voids everything taken and the procedures come back with their steps listed.
 */
export interface StepConsumer {
  take(procedure: Procedure, step: Step, locate: SourceFile['locate']): void;
  discard(): void;
}

/** One source file after loading: its procedures, and a way to turn ranges into 1-based positions. */
export interface SourceFile {
  path: string;
  procedures: Procedure[];
  /** Findings raised while loading (parse-error, schema-error, encoding-error, ...). */
  loadFindings: import('./finding.js').Finding[];
  locate(range: Range): import('./finding.js').Span;
}
