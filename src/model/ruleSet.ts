import type { LocalizedText, RuleSource, Severity } from './finding.js';

/** Conditions on a community demand; each key names a matcher in engine/matchers.ts. */
export interface When {
  certificate?: string[];
  context?: string[];
  purpose?: string[];
  department?: string[];
  stamp?: boolean;
}

export interface RuleException {
  id: string;
  when: When;
  severity: Severity;
  message: LocalizedText;
  remedy?: LocalizedText;
}

export interface RuleDefinition {
  id: string;
  severity: Severity;
  departments: string[];
  listItem: number | null;
  title: LocalizedText;
  message: LocalizedText;
  remedy: LocalizedText;
  rationale: LocalizedText | null;
  source: RuleSource;
  effective: string;
  transition: { until: string; severity: Severity } | null;
  when: When;
  fallback: boolean;
  supersedes: string[];
  exceptions: RuleException[];
  examples: { invalid: string[]; valid: string[] };
  /** The rule file that defined it, for `explain` and error messages. */
  file: string;
}

export interface RetainedCategory {
  id: string;
  category: number;
  title: LocalizedText;
  legalBasis: string;
  source: RuleSource | null;
  when: When;
  /** Rules whose facts the certificate may state as part of what it certifies: silent when the category applies. */
  covers: string[];
  file: string;
}

export interface DepartmentDefinition {
  code: string;
  zh: string;
  en: string;
  aliases: string[];
}

/** Every rule file merged: what the engine compiles. */
export interface RuleSet {
  vocabularies: Record<string, string[]>;
  /** Display names of issuer codes (community → 社区), for messages. */
  issuers: Record<string, LocalizedText>;
  departments: DepartmentDefinition[];
  retained: RetainedCategory[];
  rules: RuleDefinition[];
}

/** Vocabularies the engine reads by name. */
export const VOCABULARY_NAMES = [
  'community-issuer',
  'community-lookalike',
  'lookalike-after',
  'party-role',
  'own-act',
  'applicant-fills',
  'own-record',
  'citation-ending',
  'seal-action',
  'certify-action',
  'certificate-word',
  'certificate-lookalike',
  'unlisted-topic',
  'whose-fact',
  'generic-document',
  'form-word',
  'document-noun',
  'negation',
  'negation-of-demand',
  'negation-frame',
  'item-withdrawal',
  'condition',
  'question-mark',
  'answer-label',
  'affirmative-answer',
  'negative-answer',
  'need-question',
  'new-subject',
  'attributive-marker',
  'negation-prefix',
  'negation-barrier',
  'practice-noun',
  'replacement-marker',
  'replacement',
  'substitution',
  'replaced-marker',
  'lack-marker',
  'acceptance',
  'refusal',
  'perfect-marker',
  'sanction',
  'reported-demand',
  'anaphor',
  'withdrawal-adverb',
  'content-marker',
  'confirmation-marker',
  'generic-modifier',
  'sign-action',
  'application-form',
  'list-opener',
  'box-label',
  'box-mark',
  'box-cancellation',
  'chosen-mark',
  'unchosen-mark',
  'cross-mark',
  'choice-label',
  'strike-mark',
  'list-item-separator',
  'list-item-marker',
  'obligation',
  'new-subject-lookalike',
  'agent-marker',
  'issuer-reference',
  'historical',
  'historical-opener',
  'present-opener',
  'repeat-reference',
  'issuing-action',
  'double-negation',
  'date-clause',
  'clause-separator',
  'coordinator',
  'agency-actor',
] as const;
export type VocabularyName = (typeof VOCABULARY_NAMES)[number];

/** The ones a rule set must define; the others refine the reading and default to empty. */
export const REQUIRED_VOCABULARIES: readonly VocabularyName[] = [
  'community-issuer',
  'community-lookalike',
  'seal-action',
  'certificate-word',
  'negation',
  'negation-prefix',
  'historical',
  'clause-separator',
];
