import { NUMBER } from './normalizeText.js';
import { countAtMost, gap, least, madeOnlyOf } from './termIndex.js';
import type { TermMatch } from './termIndex.js';
import type { VocabularyName } from '../model/ruleSet.js';

/**
 * Sentence forms that decide whether a clause naming a community demands anything of it, beyond a
 * negation near its words: a question and its answer, substitution (以…代替…), acceptance despite a
 * missing seal, a supposed past act, misconduct described beside a sanction, a clause pointing back.
 * The clause walk (clauseWalk.ts), splitter (clauseSplitter.ts) and cancellations ask them; they only read a
 * clause's text and matches.
 */

/** Vocabularies searched for in a clause's text directly (at its ends, its split points, or anywhere), not through the term index. */
export const EDGE_ROLES = [
  'question-mark', 'answer-label', 'affirmative-answer', 'negative-answer', 'need-question', 'coordinator',
  'attributive-marker', 'citation-ending', 'date-clause', 'replaced-marker', 'lack-marker', 'acceptance', 'refusal', 'perfect-marker',
  'sanction', 'reported-demand', 'anaphor', 'content-marker', 'confirmation-marker', 'sign-action', 'application-form', 'list-opener', 'list-item-separator',
  'list-item-marker', 'obligation', 'agent-marker', 'issuer-reference', 'historical-opener', 'present-opener', 'box-label',
  'box-mark', 'box-cancellation', 'chosen-mark', 'unchosen-mark', 'cross-mark', 'choice-label', 'strike-mark',
  'repeat-reference', 'withdrawal-adverb',
  'issuing-action', 'negation-frame', 'document-noun', 'generic-document',
] as const satisfies readonly VocabularyName[];
export type EdgeRole = (typeof EDGE_ROLES)[number];
/** Vocabularies whose terms the clause reader finds with its term index: each match carries one of these. */
export type Role = Exclude<VocabularyName, 'negation-prefix' | 'form-word' | 'generic-modifier' | 'certificate-lookalike' | 'unlisted-topic' | 'whose-fact' | 'agency-actor' | 'own-act' | 'applicant-fills' |
  'own-record' | EdgeRole>;

export type ReaderVocabularies = Record<Role | EdgeRole, readonly string[]>;

/** The vocabularies the sentence forms read. */
export type FormVocabularies = Pick<ReaderVocabularies, 'question-mark' | 'answer-label' | 'affirmative-answer' | 'replaced-marker' |
  'lack-marker' | 'acceptance' | 'refusal' | 'perfect-marker' | 'sanction' | 'reported-demand' | 'anaphor' | 'withdrawal-adverb' | 'agent-marker' | 'issuer-reference' | 'issuing-action' | 'list-opener' |
  'document-noun'>;

export interface Clause {
  text: string;
  /** Where the clause starts in the read text (matches carry offsets in the read text). */
  start: number;
  matches: TermMatch[];
  /** The separator that ends the clause ('' at the end of the text, or where a clause was cut at a new subject). */
  end: string;
}

/** Punctuation or space that may close a clause after its last word (…不予受理）, …不予受理”). */
const TRAILING_MARK = /[\s\p{P}]/u;

/** How far (in characters) a negation reaches to the demand words it cancels, before or after them. */
export const NEGATION_REACH = 6;
/** How far into the next clause an acceptance may start (a short subject first: 窗口不得不予受理). */
const ACCEPTANCE_REACH = 4;

/** The words that name a community as an issuer. */
export const ISSUER_ROLE: ReadonlySet<Role> = new Set(['community-issuer']);
/** Words that make a clause naming a community a demand on it. */
export const DEMAND_ROLES: ReadonlySet<Role> = new Set(['seal-action', 'certify-action', 'certificate-word']);
/** Words that make someone certify or seal (出具, 盖章): in 医院出具的诊断证明 they name another issuer's document. */
export const ACTION_ROLES: ReadonlySet<Role> = new Set(['seal-action', 'certify-action']);
export const NEGATION_ROLES: ReadonlySet<Role> = new Set(['negation', 'negation-of-demand']);
/** Words a negation must stand near to cancel the demand: the demand words and the community itself. */
export const NEGATABLE_ROLES: ReadonlySet<Role> = new Set(['community-issuer', ...DEMAND_ROLES]);

export class SentenceForms {
  private readonly questionMarks: ReadonlySet<string>;
  private readonly answerLabels: readonly string[];
  private readonly agentMarkers: ReadonlySet<string>;
  private readonly issuerReferences: ReadonlySet<string>;
  /** Text made only of withdrawal adverbs, spaces and punctuation. */
  private readonly withdrawalFiller: (text: string) => boolean;
  private readonly listOpeners: ReadonlySet<string>;
  /** Each clause's negation barriers and their starts, listed on first use. */
  private readonly barriers = new WeakMap<Clause, { found: TermMatch[]; starts: number[] }>();

  /** `roles` and `terms` are the clause reader's: each indexed term's role and text, by term number (TermMatch.term). */
  constructor(private readonly roles: readonly Role[], private readonly terms: readonly string[], private readonly words: FormVocabularies) {
    this.questionMarks = new Set(words['question-mark']);
    // The longest label first: 答复 before 答.
    this.answerLabels = [...words['answer-label']].sort((a, b) => b.length - a.length);
    this.agentMarkers = new Set(words['agent-marker']);
    this.issuerReferences = new Set(words['issuer-reference']);
    this.listOpeners = new Set(words['list-opener']);
    this.withdrawalFiller = madeOnlyOf(words['withdrawal-adverb']);
  }

  /**
   * A question (还要社区盖章吗? 是否需要村委会盖章?) demands nothing unless it is answered yes: the first
   * clause after it that is no question, past an answer label (答:, 答复:), is a yes word and nothing else
   * (需要, 是的; or empty, ended by a yes such as 仍需). 答:不需要, 答:须知…, 要看情况 leave it a question;
   * an answer that itself demands (答:到村委会开具) is read as a demand of its own.
   */
  askedNotAnsweredYes(clauses: Clause[], at: number): boolean {
    if (!this.questionMarks.has(clauses[at].end)) return false;
    for (let next = at + 1; next < clauses.length; next++) {
      const clause = clauses[next];
      if (this.questionMarks.has(clause.end)) continue;
      let answer = clause.text.trim();
      const label = this.answerLabels.find((term) => answer.startsWith(term));
      if (label !== undefined) answer = answer.slice(label.length).trim();
      if (answer.length > 0) return !this.words['affirmative-answer'].includes(answer);
      // Nothing but a separator: a yes that is one (答:仍需), or a label whose answer follows (答:|需要).
      if (this.words['affirmative-answer'].includes(clause.end)) return false;
      if (label === undefined || clause.end === '') return true;
    }
    return true;
  }

  /**
   * Whether a substitution verb replaces a demand: one after it within reach (以承诺书代替社区证明), or one
   * before it with a replaced-marker introducing the substitute in between (社区证明由申请人书面承诺代替). A
   * demand right before the verb is the substitute itself (以居委会出具的证明代替户口簿).
   */
  replaces(clause: Clause, verb: TermMatch, demandWords: TermMatch[]): boolean {
    const after = demandWords.some((word) => word.start >= verb.end && this.roles[word.term] === 'community-issuer' &&
      gap(verb, word) <= NEGATION_REACH && !this.barrierBetween(clause, verb, word));
    // After the verb, the community itself must be near: 以承诺书代替村委会出具的证明, not …代替身份证明.
    if (after) return true;
    // Before it, only what lies between the nearest demand word and the verb tells (场地使用证明可以代替: 使用 is no marker).
    const nearest = demandWords.filter((word) => word.end <= verb.start).at(-1);
    if (nearest === undefined || this.barrierBetween(clause, verb, nearest)) return false;
    const between = clause.text.slice(nearest.end - clause.start, verb.start - clause.start);
    return this.words['replaced-marker'].some((marker) => {
      const at = between.indexOf(marker);
      return at !== -1 && at + marker.length < between.length;
    });
  }

  /** The clause up to a substitution verb that follows the community (村委会出具的场地使用证明|可以代替…), else the clause. */
  substitutePart(clause: Clause): Clause {
    const issuer = clause.matches.find((match) => this.roles[match.term] === 'community-issuer');
    const verb = clause.matches.find((match) => this.roles[match.term] === 'substitution' && issuer !== undefined && match.start >= issuer.end);
    if (verb === undefined) return clause;
    return { ...clause, text: clause.text.slice(0, verb.start - clause.start), matches: clause.matches.filter((match) => match.end <= verb.start) };
  }

  /**
   * 未经社区盖章的申请表，不得不予受理: a clause naming the community's seal or certificate as missing, followed
   * by a clause that accepts the application anyway or ending in such an acceptance itself, demands nothing.
   */
  acceptedWithout(clause: Clause, next: Clause | undefined): boolean {
    // The acceptance is what the next clause says, after at most a short subject (窗口不得不予受理), not a later
    // step (退回补正后予以受理).
    const said = next?.text.trimStart() ?? '';
    const acceptedNext = this.words.acceptance.some((term) => { const at = said.indexOf(term); return at !== -1 && at <= ACCEPTANCE_REACH; });
    // …or the clause itself ends accepting it (未经社区盖章的申请表不得不予受理).
    const own = clause.text.trimEnd();
    return (acceptedNext || this.words.acceptance.some((term) => own.endsWith(term))) && this.namesLack(clause);
  }

  /**
   * Whether the clause names what it demands as missing: a lack-marker before the seal, the act or the certificate
   * (未经社区盖章的…, 社区未盖章的 too).
   */
  private namesLack(clause: Clause): boolean {
    const firstDemand = this.firstOf(clause, DEMAND_ROLES);
    return this.words['lack-marker'].some((marker) => {
      const at = clause.text.indexOf(marker);
      return at !== -1 && clause.start + at < firstDemand;
    });
  }

  /**
   * 如社区已出具相关证明的，可一并提交: under a condition, a community act in the past (已出具, 如已在社区开具)
   * supposes a document that may exist; the clause asks for none. So does one accepted as already issued.
   */
  supposesPastAct(clause: Clause): boolean {
    const condition = clause.matches.find((match) => this.roles[match.term] === 'condition');
    // 2020年4月1日前已由居委会开具的死亡证明仍予认可: documents already issued, accepted, are no demand either.
    const accepted = this.words.acceptance.some((term) => clause.text.includes(term));
    if (condition === undefined && !accepted) return false;
    const from = condition?.end ?? clause.start;
    const action = clause.matches.find((match) => ACTION_ROLES.has(this.roles[match.term]) && match.start >= from);
    if (action === undefined) return false;
    // 如已在社区开具证明的 too; but 如已满60周岁须到社区开具证明 starts a new predicate (须) before the act.
    // The marker stands right before the act (已出具) or the community (已在社区, 已由村委会): not 已故, 已满, 曾用名.
    const anchors = [action, ...clause.matches.filter((match) => this.roles[match.term] === 'community-issuer' && match.start >= from && match.end <= action.start)];
    const marked = anchors.some((anchor) => this.words['perfect-marker'].some((marker) => {
      const at = anchor.start - clause.start;
      return clause.text.startsWith(marker, at - marker.length) || clause.text.startsWith(marker, at - marker.length - 1);
    }));
    return marked &&
      !clause.matches.some((match) => this.roles[match.term] === 'negation-barrier' && match.start >= from && match.end <= action.start);
  }

  /**
   * 对仍要求社区出具证明的单位，予以通报批评: a demand reported as someone's act of requiring (仍要求, 违规要求)
   * with a sanction in its clause or after it describes misconduct. A procedure's own demand followed by a
   * complaint line is still one.
   */
  describesMisconduct(clauses: Clause[], at: number): boolean {
    const clause = clauses[at];
    const head = clause.text.slice(0, this.firstOf(clause, NEGATABLE_ROLES) - clause.start);
    return this.words['reported-demand'].some((term) => head.includes(term)) &&
      clauses.slice(at).some((part) => this.words.sanction.some((term) => part.text.includes(term)));
  }

  /**
   * Whether a clause gives the issuing of a document to someone it names (在职人员由所在单位出具, 由医院出具诊断证明;
   * the reader asks only of clauses naming no community): 由 standing alone (not inside a longer term such as
   * the new-subject-lookalikes 由于, 理由), then an agent that is not the issuer already named or the community by
   * its place (由其出具, 由户籍所在地出具), then an issuing act (not 核实, 签字).
   */
  actOfAnother(clause: Clause): boolean {
    return clause.matches.some((subject) => {
      if (this.roles[subject.term] !== 'new-subject' || !this.agentMarkers.has(this.terms[subject.term])) return false;
      if (clause.matches.some((other) => other !== subject && other.start < subject.end && subject.start < other.end)) return false;
      const act = clause.matches.find((match) => ACTION_ROLES.has(this.roles[match.term]) && match.start > subject.end &&
        this.words['issuing-action'].includes(this.terms[match.term]));
      if (act === undefined) return false;
      const agent = clause.text.slice(subject.end - clause.start, act.start - clause.start).trim();
      return agent !== '' && !this.issuerReferences.has(agent);
    });
  }

  /**
   * A clause that starts by pointing back at the document just named (该证明, 上述证明) and ends with what
   * cancels it (该证明现已取消): in 该证明无需公证 the negation governs 公证, not the document.
   */
  pointsBack(clause: Clause): boolean {
    const text = clause.text.trim();
    if (!this.words.anaphor.some((anaphor) => text.startsWith(anaphor))) return false;
    const clauseEnd = clause.start + clause.text.trimEnd().length;
    return clause.matches.some((match) => (NEGATION_ROLES.has(this.roles[match.term]) || this.roles[match.term] === 'item-withdrawal') &&
      match.end === clauseEnd);
  }

  /**
   * 须到社区开具居住证明，现已取消 — a clause that is nothing but a withdrawal (a negation or an item withdrawal, with only
   * withdrawal adverbs around it: 现已取消, 早就不要了, 已于2020年6月取消) takes back what the clause before it demanded.
   * Not when anything else stands in it (复印件不需要, 不予受理), when it heads a list (已取消：…) or asks (现在不需要了？),
   * when its date is not told as done (自2027年1月1日起不再需要 may lie ahead: only 已 makes it past), or when the next
   * clause that says anything asks again with no object of its own (现已取消，但申请特困供养的仍须提供).
   */
  withdrawsAlone(clause: Clause, next: () => Clause | undefined): boolean {
    if (this.questionMarks.has(clause.end) || this.listOpeners.has(clause.end)) return false;
    let rest = '';
    let from = 0;
    let withdrawn = '';
    for (const match of clause.matches) {
      const role = this.roles[match.term];
      if (!NEGATION_ROLES.has(role) && role !== 'item-withdrawal') continue;
      const start = match.start - clause.start;
      if (start > from) rest += clause.text.slice(from, start);
      withdrawn += this.terms[match.term];
      from = Math.max(from, match.end - clause.start);
    }
    if (from === 0) return false;
    rest += clause.text.slice(from);
    if (!this.withdrawalFiller(rest)) return false;
    if (rest.includes(NUMBER) && !this.words['perfect-marker'].some((marker) => rest.includes(marker) || withdrawn.includes(marker))) return false;
    const later = next();
    return later === undefined || !this.asksAgain(later);
  }

  /** A clause with a new predicate (仍须, 需) and no document or community of its own: it asks again for what came before. */
  private asksAgain(clause: Clause): boolean {
    return clause.matches.some((match) => this.roles[match.term] === 'negation-barrier') &&
      !clause.matches.some((match) => NEGATABLE_ROLES.has(this.roles[match.term])) &&
      !this.words['document-noun'].some((noun) => clause.text.includes(noun));
  }

  /**
   * 未经社区盖章的申请表不予受理: a clause naming its demand as missing that ends in a refusal sanctions the lack. The
   * refusal's negation is no negation of the demand, unless another negation in the clause speaks of the refusal
   * itself (不得以此为由不予受理, 不再不予受理): so only a clause whose every negation lies in the refusal sanctions it.
   */
  sanctionsLack(clause: Clause): boolean {
    let end = clause.text.length;
    while (end > 0 && TRAILING_MARK.test(clause.text[end - 1])) end--;
    const text = clause.text.slice(0, end);
    const refusal = this.words.refusal.find((term) => text.endsWith(term));
    // 不得不予受理, 不应不予受理: the refusal itself refused, an acceptance.
    if (refusal === undefined || this.words.acceptance.some((term) => text.endsWith(term))) return false;
    const refusalStart = clause.start + text.length - refusal.length;
    const negations = clause.matches.filter((match) => NEGATION_ROLES.has(this.roles[match.term]));
    return negations.every((match) => match.start >= refusalStart) && this.namesLack(clause);
  }

  /** A new predicate (须, 需, 应当 …) between a negation and a demand word: 申请免除利息须持村委会出具的证明. */
  barrierBetween(clause: Clause, negation: TermMatch, word: TermMatch): boolean {
    const [from, to] = negation.end <= word.start ? [negation.end, word.start] : [word.end, negation.start];
    // A clause's barriers are listed once, in order of their starts: only those starting in [from, to) are read.
    let barriers = this.barriers.get(clause);
    if (barriers === undefined) {
      const found = clause.matches.filter((match) => this.roles[match.term] === 'negation-barrier');
      barriers = { found, starts: found.map((barrier) => barrier.start) };
      this.barriers.set(clause, barriers);
    }
    const { found, starts } = barriers;
    for (let at = countAtMost(starts, from - 1); at < found.length && found[at].start < to; at++) if (found[at].end <= to) return true;
    return false;
  }

  /** Where the first match of these roles starts in the clause (in read-text offsets). */
  private firstOf(clause: Clause, roles: ReadonlySet<Role>): number {
    return least(clause.matches.filter((match) => roles.has(this.roles[match.term])).map((match) => match.start), Infinity);
  }
}
