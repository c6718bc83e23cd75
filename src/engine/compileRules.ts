import type { LocalizedText, Severity } from '../model/finding.js';
import type { RetainedCategory, RuleDefinition, RuleSet } from '../model/ruleSet.js';
import { REQUIRED_VOCABULARIES } from '../model/ruleSet.js';
import type { VocabularyName } from '../model/ruleSet.js';
import { CommunityTextReader } from './communityText.js';
import type { ReaderVocabularies } from './communityText.js';
import { compileWhen } from './matchers.js';
import type { MatcherContext, Predicate } from './matchers.js';
import { normalizeText } from './normalizeText.js';
import { memoize } from './memo.js';
import { TermIndex } from './termIndex.js';

export interface CompiledException {
  id: string;
  applies: Predicate;
  severity: Severity;
  message: LocalizedText;
  remedy: LocalizedText | null;
}

export interface CompiledRule {
  definition: RuleDefinition;
  applies: Predicate;
  exceptions: CompiledException[];
}

export interface CompiledRetained {
  definition: RetainedCategory;
  applies: Predicate;
}

/** A rule set ready to run: every vocabulary normalised and indexed once. */
export interface CompiledRules {
  ruleSet: RuleSet;
  reader: CommunityTextReader;
  /** Certificate families named in a normalised text (memoised). */
  certificateFamiliesOf: (text: string) => ReadonlySet<number>;
  rules: CompiledRule[];
  retained: CompiledRetained[];
}

/** A rule set that cannot be compiled; the config layer turns this into a rule-file error. */
export class RuleSetError extends Error {}

export function compileRules(ruleSet: RuleSet): CompiledRules {
  const missing = REQUIRED_VOCABULARIES.filter((name) => !ruleSet.vocabularies[name]?.length);
  if (missing.length > 0) throw new RuleSetError(`no rule file defines the vocabularies: ${missing.join(', ')}`);

  const vocabularies = Object.fromEntries(
    REQUIRED_VOCABULARIES.map((name) => [name, unique(ruleSet.vocabularies[name].map(normalizeText))]),
  ) as Record<VocabularyName, string[]>;

  const negations = [...vocabularies.negation, ...vocabularies['negation-prefix']];
  const certificateTerms: string[] = [];
  const certificateTermFamily: number[] = [];
  let families = 0;
  const context: MatcherContext = {
    normalize: normalizeText,
    certificateFamily(terms) {
      const family = families++;
      for (const term of unique(terms.map(normalizeText))) {
        certificateTerms.push(term);
        certificateTermFamily.push(family);
      }
      return family;
    },
    departmentNames(code) {
      const department = ruleSet.departments.find((candidate) => candidate.code === code);
      const names = department ? [code, department.zh, ...department.aliases] : [code];
      return unique(names.map(normalizeText));
    },
    negatedAt(text, start) {
      return negations.some((negation) => text.endsWith(negation, start));
    },
  };

  const retained = ruleSet.retained.map((definition) => ({ definition, applies: compileWhen(definition.when, context) }));
  const rules = ruleSet.rules.map((definition) => ({
    definition,
    applies: compileWhen(definition.when, context),
    exceptions: definition.exceptions.map((exception) => ({
      id: exception.id,
      applies: compileWhen(exception.when, context),
      severity: exception.severity,
      message: exception.message,
      remedy: exception.remedy ?? null,
    })),
  }));

  const certificates = new TermIndex(certificateTerms);
  return {
    ruleSet,
    reader: new CommunityTextReader(readerVocabularies(vocabularies)),
    certificateFamiliesOf: memoize((text) => certificateFamilies(text, certificates, certificateTermFamily)),
    rules,
    retained,
  };
}

/** Certificate families named in the text; a term inside a longer term of another family does not count. */
function certificateFamilies(text: string, index: TermIndex, termFamily: readonly number[]): Set<number> {
  const matches = index.findAll(text);
  const families = new Set<number>();
  for (const match of matches) {
    const family = termFamily[match.term];
    const covered = matches.some((other) =>
      other !== match && other.start <= match.start && match.end <= other.end &&
      other.end - other.start > match.end - match.start && termFamily[other.term] !== family);
    if (!covered) families.add(family);
  }
  return families;
}

/** The reader needs every vocabulary but negation prefixes, which only the context matcher uses. */
function readerVocabularies(vocabularies: Record<VocabularyName, string[]>): ReaderVocabularies {
  const { 'negation-prefix': _prefixes, ...reader } = vocabularies;
  return reader;
}

function unique(values: string[]): string[] {
  return [...new Set(values.filter((value) => value.length > 0))];
}
