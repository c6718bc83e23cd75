import type { LocalizedText, Severity } from '../model/finding.js';
import type { DepartmentDefinition, RetainedCategory, RuleDefinition, RuleSet } from '../model/ruleSet.js';
import { REQUIRED_VOCABULARIES, VOCABULARY_NAMES } from '../model/ruleSet.js';
import type { VocabularyName } from '../model/ruleSet.js';
import { CommunityTextReader } from './communityText.js';
import type { ReaderVocabularies } from './communityText.js';
import { compileWhen } from './matchers.js';
import type { MatcherContext, Predicate } from './matchers.js';
import { normalizeText } from './normalizeText.js';
import { memoize } from './memo.js';
import { countAtMost, insideLonger, madeOnlyOf, TermIndex, withRangesCut } from './termIndex.js';
import type { TermMatch } from './termIndex.js';
import { certificateFamilies, subjectFamilies } from './certificateFamilies.js';
import { departmentResolver } from './departmentResolver.js';

export interface CompiledException {
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
  /** How an issuer reads in messages: an issuer code's display names, or the text as written. */
  issuerName: (issuer: string) => LocalizedText | string;
  /** The department a procedure belongs to, from its code or the names offices write (memoised). */
  resolveDepartment: (department: string, departmentName: string | null) => DepartmentDefinition | null;
  /** Certificate families a document's name names (memoised). */
  certificateFamiliesOfName: (text: string) => ReadonlySet<number>;
  /** Certificate families free text names next to a certificate, seal or certify word (需居委会证明老人已经死亡). */
  certificateFamiliesInProse: (text: string) => ReadonlySet<number>;
  /** Families of the persons a text has the committee issue a document for (无业人员由社区出具): what is certified when nothing else is named. */
  subjectFamilies: (text: string) => ReadonlySet<number>;
  /** Whether a text names a certificate topic no list names (政审, 现实表现), in prose near a demand word: such a text says what is demanded. */
  namesUnlistedTopic: (text: string, isName: boolean) => boolean;
  /**
   * What a document's name (or a clause) ends in: a certificate or a form (or neither). A seal on
   * 监护证明 is a certificate demand; a seal or a signature on 申请表 or 四类人员证明承诺书 a stamp demand.
   */
  documentKind: (text: string) => 'certificate' | 'form' | null;
  /** Whether a step's actor is the agency or a third party (the rule set's agency-actor vocabulary). */
  actsForAgency: (actor: string) => boolean;
  /** Whether a step's actor is a community and nothing else (村两委, 社区居委会; not 村委会或申请人). */
  namesOnlyCommunity: (actor: string) => boolean;
  /** Whether a text (a name, a note, a clause) names a committee's own act (the own-act vocabulary: 指定监护书, 以自身名义). */
  namesOwnAct: (text: string) => boolean;
  /** Whether a note says, not negated, that the applicant fills in the document (the applicant-fills vocabulary: 由本人填写). */
  filledByApplicant: (text: string) => boolean;
  /** Whether a requirement's name says nothing of what the document is (the generic-document vocabulary: 相关证明). */
  namesNoDocument: (name: string) => boolean;
  /** Whether a name says nothing of the document but who issues it (村委会介绍信, 社区出具的证明). */
  namesOnlyIssuer: (name: string) => boolean;
  /**
   * Whether a clause names a generic document with nothing of its own before it — only generic modifiers (书面, 一份,
   * 情况) after its issuer, an issuing act, a word pointing back or the clause's start (须社区出具证明, 社区给开的条子,
   * 该份证明由村委会出具, 出具的书面证明, 证明你住在本社区) — as opposed to one named by a noun of its own (护理情况证明).
   */
  namesGenericDocument: (clause: string) => boolean;
  /** Whether a text names a village's own record or resolution (the own-record vocabulary), or, `asName`, ends in one. */
  namesOwnRecord: (text: string, asName: boolean) => boolean;
  /**
   * A step's context: the step's own texts, after the procedure's name — without the matters that name
   * holds (the `when.context` terms of rules) when the step names a matter of its own: in 门诊慢特病待遇认定及
   * 外伤住院费用报销, the trauma step is no outpatient matter.
   */
  stepContext: (procedureName: string, stepTexts: string) => string;
  rules: CompiledRule[];
  retained: CompiledRetained[];
}

/** How long a run of generic modifiers before a generic document may be (上述两项, 该份书面): longer is a name of its own. */
const MAX_GENERIC_MODIFIER = 12;

/** What joins a step's texts, and stands where a matter was cut out of the procedure's name: no term spans it. */
const CONTEXT_JOIN = '\n';

/**
 * How many characters may stand between a negation and the context term it negates (无需办理公证), and between a
 * negation that holds its verb (a negation-prefix of three or more characters: 未办理, 无法提供) and the term its object
 * ends in (未办理继承权公证).
 */
const NEGATION_PREFIX_REACH = 2;
const NEGATED_VERB_REACH = 4;
const NEGATED_VERB_LENGTH = 3;
const MAX_NEGATION_LENGTH = 8;

/** A rule set that cannot be compiled; the config layer turns this into a rule-file error. */
export class RuleSetError extends Error {}

export function compileRules(ruleSet: RuleSet): CompiledRules {
  const missing = REQUIRED_VOCABULARIES.filter((name) => !ruleSet.vocabularies[name]?.length);
  if (missing.length > 0) throw new RuleSetError(`no rule file defines the vocabularies: ${missing.join(', ')}`);
  const vocabularies = Object.fromEntries(
    VOCABULARY_NAMES.map((name) => [name, unique((ruleSet.vocabularies[name] ?? []).map(normalizeText))]),
  ) as Record<VocabularyName, string[]>;

  // A negation or a certificate fact never reaches across a clause break (only short stretches are asked).
  const clauseBreaks = vocabularies['clause-separator'];
  const unseparated = vocabularies['question-mark'].filter((mark) => !clauseBreaks.includes(mark));
  if (unseparated.length > 0) throw new RuleSetError(`question marks must also be clause separators: ${unseparated.join(', ')}`);
  const crossesClause = (text: string) => clauseBreaks.some((separator) => text.includes(separator));
  const certificates = new CertificateRegistry();
  const context = matcherContext(vocabularies, certificates, crossesClause);
  // Phrases that contain a certificate fact without naming the certificate (住所地, 户籍所在地): a family
  // no rule uses, so they hide the shorter fact inside them and then drop out.
  const placeFamily = vocabularies['certificate-lookalike'].length > 0 ? context.certificateFamily(vocabularies['certificate-lookalike']) : -1;
  // Topics of certificates no list names (政审, 现实表现): a family no rule uses either; a person's fact before one
  // only says whose certificate it is.
  const topicFamily = vocabularies['unlisted-topic'].length > 0 ? context.certificateFamily(vocabularies['unlisted-topic']) : -1;
  const retained = ruleSet.retained.map((definition) => ({ definition, applies: compileWhen(definition.when, context) }));
  const rules = ruleSet.rules.map((definition) => compileRule(definition, context));

  const documentNouns = new TermIndex([...vocabularies['certificate-word'], ...vocabularies['form-word']]);
  const lookup = {
    index: new TermIndex(certificates.terms), termFamily: certificates.termFamily, hiding: placeFamily, topic: topicFamily, crossesClause,
    whose: new Set(certificates.terms.flatMap((term, id) => (vocabularies['whose-fact'].includes(term) ? [id] : []))),
    coordinators: new TermIndex(vocabularies.coordinator),
    agents: vocabularies['agent-marker'], agentLookalikes: vocabularies['new-subject-lookalike'], clauseBreaks,
    negationPrefixes: vocabularies['negation-prefix'],
    issuers: new TermIndex(vocabularies['community-issuer']),
    documentNouns,
  };
  const demandWords = new TermIndex([...vocabularies['certificate-word'], ...vocabularies['seal-action'], ...vocabularies['certify-action']]);
  // A name's facts are read whole; prose's only near a demand word. One read gives the families and the topic.
  const factsOfName = memoize((text) => certificateFamilies(text, { ...lookup, near: null }));
  const factsInProse = memoize((text) => certificateFamilies(text, { ...lookup, near: demandWords }));
  const actions = new TermIndex([...vocabularies['seal-action'], ...vocabularies['certify-action']]);
  const certificateNouns = vocabularies['certificate-word'].length;
  const departmentOf = departmentResolver(ruleSet.departments);
  const issuerNames = new Map(Object.entries(ruleSet.issuers).map(([code, name]) => [normalizeText(code), name]));
  const agencyActors = new Set(vocabularies['agency-actor']);
  const communityNames = new Set(vocabularies['community-issuer']);
  const ownActs = new TermIndex(vocabularies['own-act']);
  const applicantFills = new TermIndex(vocabularies['applicant-fills']);
  const ownRecords = vocabularies['own-record'];
  const genericDocumentNames = new Set(vocabularies['generic-document']);
  const genericDocuments = new TermIndex(vocabularies['generic-document']);
  // A generic name with its issuer before it (村委会介绍信, 社区出具的证明) says no more of the document than the bare noun.
  const issuerWordList = [...vocabularies['community-issuer'], ...vocabularies['issuing-action'], ...vocabularies['attributive-marker']];
  const issuerWords = new TermIndex(issuerWordList);
  // …nor does one in prose after a word pointing back at one named before (该证明由村委会出具).
  const genericOpeners = new TermIndex([...issuerWordList, ...vocabularies.anaphor]);
  const genericModifiers = madeOnlyOf(vocabularies['generic-modifier']);
  const matters = new TermIndex(unique(ruleSet.rules.flatMap((rule) => rule.when.context ?? []).map(normalizeText)));
  // Procedure names repeat for every step: their matters are found once.
  const mattersNamed = memoize((procedureName) => matters.findAll(procedureName));
  return {
    ruleSet,
    reader: new CommunityTextReader(readerVocabularies(vocabularies),
      [...ruleSet.rules, ...ruleSet.retained].flatMap(({ when }) => when.certificate ?? []).map(normalizeText)),
    issuerName: (issuer) => issuerNames.get(normalizeText(issuer)) ?? issuer,
    resolveDepartment: (department, departmentName) => departmentOf(`${department}\n${departmentName ?? ''}`),
    certificateFamiliesOfName: (text) => factsOfName(text).families,
    certificateFamiliesInProse: (text) => factsInProse(text).families,
    subjectFamilies: memoize((text) => subjectFamilies(text, { ...lookup, near: null })),
    namesUnlistedTopic: (text, isName) => (isName ? factsOfName : factsInProse)(text).namesTopic,
    actsForAgency: (actor) => agencyActors.has(normalizeText(actor)),
    namesOnlyCommunity: (actor) => communityNames.has(normalizeText(actor).trim()),
    namesOwnAct: memoize((text) => ownActs.findAll(text).length > 0),
    filledByApplicant: memoize((text) => {
      // The longest phrase decides: in 不得由申请人自行填写 the negation reaches 申请人自行填写, not 自行填写 inside it.
      const found = applicantFills.findAll(text);
      return found.some((match) => !found.some((other) => insideLonger(match, other)) && !context.negatedAt(text, match.start));
    }),
    namesNoDocument: (name) => genericDocumentNames.has(name.trim()),
    namesOnlyIssuer: memoize((name) => {
      const rest = withoutTerms(name, issuerWords);
      return rest !== name && genericDocumentNames.has(rest.trim());
    }),
    namesGenericDocument: memoize((clause) => {
      // Each generic word's modifier runs from the last opener before it (or the clause's start); one longer than
      // any run of modifiers is a name of its own, so only a short stretch is read.
      const openerEnds = genericOpeners.findAll(clause).map((match) => match.end).sort((a, b) => a - b);
      const modifierFrom = (at: number) => {
        const before = countAtMost(openerEnds, at);
        return before === 0 ? 0 : openerEnds[before - 1];
      };
      return genericDocuments.findAll(clause).some(({ start }) => {
        const from = modifierFrom(start);
        return start - from <= MAX_GENERIC_MODIFIER && genericModifiers(clause.slice(from, start));
      });
    }),
    namesOwnRecord: (text, asName) => ownRecords.some((noun) => (asName ? text.trimEnd().endsWith(noun) : text.includes(noun))),
    stepContext: (procedureName, stepTexts) => {
      // Only a name that holds a matter can lend a step the wrong one: the step's texts are searched then alone.
      const named = mattersNamed(procedureName);
      if (named.length === 0 || matters.findAll(stepTexts).length === 0) return `${procedureName}${CONTEXT_JOIN}${stepTexts}`;
      let name = procedureName;
      for (let at = named.length - 1; at >= 0; at--) name = `${name.slice(0, named[at].start)}${CONTEXT_JOIN}${name.slice(named[at].end)}`;
      return `${name}${CONTEXT_JOIN}${stepTexts}`;
    },
    documentKind: memoize((text) => {
      // Head-final: the document noun that ends last is what the text names; a noun inside an act
      // (签署意见 on a form) names no document.
      const acts = actions.findAll(text);
      const nouns = documentNouns.findAll(text).filter((noun) => !acts.some((act) => insideLonger(noun, act)));
      const last = nouns.reduce<TermMatch | null>((head, match) => (head === null || match.end >= head.end ? match : head), null);
      return last === null ? null : last.term < certificateNouns ? 'certificate' : 'form';
    }),
    rules,
    retained,
  };
}

/** Certificate names as rules register them: every term with the family it belongs to. */
class CertificateRegistry {
  readonly terms: string[] = [];
  readonly termFamily: number[] = [];
  private families = 0;

  add(terms: readonly string[]): number {
    const family = this.families++;
    for (const term of unique(terms.map(normalizeText))) {
      this.terms.push(term);
      this.termFamily.push(family);
    }
    return family;
  }
}

/** What matchers may use: normalisation, certificate registration, and negation by the rule set's words. */
function matcherContext(
  vocabularies: Record<VocabularyName, string[]>, certificates: CertificateRegistry, crossesClause: (text: string) => boolean,
): MatcherContext {
  const negations = [...vocabularies.negation, ...vocabularies['negation-prefix']];
  const negatedVerbs = new Set(vocabularies['negation-prefix'].filter((prefix) => prefix.length >= NEGATED_VERB_LENGTH));
  return {
    normalize: normalizeText,
    certificateFamily: (terms) => certificates.add(terms),
    negatedAt(text, start) {
      // 非公证, 无需公证, and with a verb between: 无需办理公证, 未经公证; never across a clause break.
      const before = text.slice(Math.max(0, start - NEGATION_PREFIX_REACH - MAX_NEGATION_LENGTH), start);
      return negations.some((negation) => {
        const at = before.lastIndexOf(negation);
        if (at === -1) return false;
        const between = before.slice(at + negation.length);
        // A one-character prefix must touch the term: 不动产公证 is about property, not a negation.
        const reach = negation.length === 1 ? 0 : negatedVerbs.has(negation) ? NEGATED_VERB_REACH : NEGATION_PREFIX_REACH;
        return between.length <= reach && !crossesClause(between);
      });
    },
  };
}

function compileRule(definition: RuleDefinition, context: MatcherContext): CompiledRule {
  return {
    definition,
    applies: compileWhen(definition.when, context),
    exceptions: definition.exceptions.map((exception) => ({
      applies: compileWhen(exception.when, context),
      severity: exception.severity,
      message: exception.message,
      remedy: exception.remedy ?? null,
    })),
  };
}

/** The reader needs every vocabulary but those only certificate lookup and the matchers use. */
function readerVocabularies(vocabularies: Record<VocabularyName, string[]>): ReaderVocabularies {
  const { 'negation-prefix': _prefixes, 'form-word': _forms, 'generic-modifier': _modifiers, 'certificate-lookalike': _places, 'unlisted-topic': _topics, 'whose-fact': _whose, 'agency-actor': _actors, 'own-act': _acts, 'applicant-fills': _fills,
    'own-record': _records, ...reader } = vocabularies;
  return reader;
}

function unique(values: string[]): string[] {
  return [...new Set(values.filter((value) => value.length > 0))];
}

/** The text with every occurrence of the index's terms cut out (the longest where they overlap). */
function withoutTerms(text: string, terms: TermIndex): string {
  const ranges: [number, number][] = [];
  for (const match of terms.findAll(text).sort((a, b) => a.start - b.start || b.end - a.end)) {
    if (match.start >= (ranges.at(-1)?.[1] ?? 0)) ranges.push([match.start, match.end]);
  }
  return withRangesCut(text, ranges);
}
