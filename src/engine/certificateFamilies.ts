import { gap, greatest, insideLonger, least } from './termIndex.js';
import type { TermIndex, TermMatch } from './termIndex.js';

export interface FamilyLookup {
  index: TermIndex;
  termFamily: readonly number[];
  coordinators: TermIndex;
  /** In prose, a fact counts only this close to a demand word (a document name needs none). */
  near: TermIndex | null;
  /** A family that only hides the facts inside its terms (住所地): it is never a head, nor returned. */
  hiding: number;
  /** A family of topics no list names (政审): never returned, it makes a whose-fact before it say whose certificate it is. */
  topic: number;
  /**
   * Terms (ids) of facts that name a person (家庭成员, 无业): before a topic in their clause they say whose certificate
   * it is, and right before an agent (无业人员由社区出具) for whom it is issued.
   */
  whose: ReadonlySet<number>;
  /** Words giving an act to the agent after them (由): the agent-marker vocabulary; and words holding one that is none (由于). */
  agents: readonly string[];
  agentLookalikes: readonly string[];
  /** Nouns of documents (证明, 申请表): a subject's clause that names its own document certifies the subject's fact. */
  documentNouns: TermIndex;
  /** Names of the committee (the community-issuer vocabulary): the agent a case is certified by. */
  issuers: TermIndex;
  /** The rule set's clause separators. */
  clauseBreaks: readonly string[];
  /** Words negating the term right after them (无, 未): facts each after the same one stand side by side (无业无收入). */
  negationPrefixes: readonly string[];
  /** Whether a stretch of text holds a clause break (the rule set's clause-separator vocabulary). */
  crossesClause: (text: string) => boolean;
}

/** In prose, how close a fact must stand to a certificate, seal or certify word to name the certificate. */
const FACT_REACH = 20;

/** How far a person's fact may stand before its agent (无业人员由, 未婚的由) to say for whom a document is issued. */
const SUBJECT_REACH = 3;

/**
 * Certificate families named in the text. A term inside a longer term of another family does not
 * count (婚姻关系证明 is not 亲属关系), and Chinese noun phrases end in their head: a fact followed by
 * another family's fact without a coordinator in between only modifies it (子女死亡后未再生育的证明 is a
 * childbearing certificate, not a death certificate), while 居住及收入情况证明 names both, and so do facts each after the
 * same negation (无业无收入证明, 无收入无业证明, 无犯罪无吸毒证明). A fact naming a person
 * before a topic no list names only says whose certificate it is (本人及家庭成员政治现实表现证明 and 无业人员政审证明 are
 * conduct certificates), and the topic names no family itself; a fact whose own certificate is about conduct
 * keeps its reading (社区康复人员现实表现证明 is item 6). A person's fact right before an agent (在职人员由单位出具，无业
 * 人员由社区出具) says for whom the document is issued, not what it states: see subjectFamilies. Whether the text names
 * such a topic comes with the families: a text naming one says what is demanded.
 */
export function certificateFamilies(text: string, lookup: FamilyLookup): { families: Set<number>; namesTopic: boolean } {
  const { termFamily, coordinators, hiding, topic, whose, crossesClause } = lookup;
  const heads = factsIn(text, lookup).filter((match) => termFamily[match.term] !== hiding && !isSubject(text, match, lookup));
  const topics = heads.filter((match) => termFamily[match.term] === topic);
  const families = new Set<number>();
  for (const match of heads) {
    const family = termFamily[match.term];
    if (family === topic) continue;
    if (whose.has(match.term) && topics.some((head) => head.start >= match.end && !crossesClause(text.slice(match.end, head.start)))) continue;
    const modifies = heads.some((later) => later.start >= match.end && termFamily[later.term] !== family && termFamily[later.term] !== topic &&
      coordinators.findAll(text.slice(match.end, later.start)).length === 0 && !sideBySide(text, match, later, lookup));
    if (!modifies) families.add(family);
  }
  return { families, namesTopic: topics.length > 0 };
}

/**
 * The families of the persons a text has the committee issue a document for (无业人员由社区出具: employment), for a
 * demand whose texts name no certificate otherwise: then the case is what the community is asked to certify. Another
 * agent (父母外出务工、由祖父母代为监护) makes no case of the fact.
 */
export function subjectFamilies(text: string, lookup: FamilyLookup): Set<number> {
  if (!lookup.agents.some((agent) => text.includes(agent))) return new Set();
  return new Set(factsIn(text, lookup).filter((match) => isSubject(text, match, lookup, true)).map((match) => lookup.termFamily[match.term]));
}

/** The certificate facts in a text (in prose, near a demand word), without those inside a longer fact of another family. */
function factsIn(text: string, { index, termFamily, near, crossesClause }: FamilyLookup): TermMatch[] {
  const words = near ? near.findAll(text) : [];
  const all = index.findAll(text).filter((match) => near === null || words.some((word) =>
    gap(match, word) <= FACT_REACH && !crossesClause(between(text, match, word))));
  return all.filter((match) => !all.some((other) => insideLonger(match, other) && termFamily[other.term] !== termFamily[match.term]));
}

/** Whether two facts each come with the same negation, in or right before the fact, nothing else between them (无业无收入, 无收入无业). */
function sideBySide(text: string, first: TermMatch, later: TermMatch, { negationPrefixes }: FamilyLookup): boolean {
  const between = text.slice(first.end, later.start);
  return negationPrefixes.some((prefix) =>
    (text.startsWith(prefix, first.start) || (first.start >= prefix.length && text.startsWith(prefix, first.start - prefix.length))) &&
    (between === prefix || (between === '' && text.startsWith(prefix, later.start))));
}


/** How far after the agent marker the committee may be named (由户籍所在地社区居委会). */
const ISSUER_REACH = 12;

/** How far around a case its clause is looked at for a document noun of its own. */
const CLAUSE_REACH = 40;

/**
 * Whether a fact names the person an agent after it issues a document for, the document named elsewhere (在职人员由
 * 单位出具，无业人员由社区出具); `byCommittee`, only when that agent is the committee (由社区…). A clause naming its own
 * document (无业人员由社区出具证明, 证明其无业由社区出具) certifies the fact — a one-character noun (单, 表) is too often
 * part of another word (单位, 表现) to count; 由于 (because) gives no act to anyone.
 */
function isSubject(text: string, match: TermMatch, lookup: FamilyLookup, byCommittee = false): boolean {
  const { whose, agents, agentLookalikes, documentNouns, issuers, crossesClause } = lookup;
  if (!whose.has(match.term)) return false;
  return agents.some((agent) => {
    const at = match.end + text.slice(match.end, match.end + SUBJECT_REACH + agent.length).indexOf(agent);
    if (at < match.end || crossesClause(text.slice(match.end, at))) return false;
    if (agentLookalikes.some((word) => word.includes(agent) && at >= word.indexOf(agent) && text.startsWith(word, at - word.indexOf(agent)))) return false;
    const [start, end] = clauseAround(text, match.start, at + agent.length, lookup);
    if (byCommittee && issuers.findAll(text.slice(at + agent.length, Math.min(end, at + agent.length + ISSUER_REACH))).length === 0) return false;
    return !documentNouns.findAll(text.slice(start, end)).some((noun) => noun.end - noun.start > 1);
  });
}

/** Where the clause holding [from, to) starts and ends, looked for within CLAUSE_REACH. */
function clauseAround(text: string, from: number, to: number, { clauseBreaks }: FamilyLookup): [number, number] {
  const low = Math.max(0, from - CLAUSE_REACH);
  const high = Math.min(text.length, to + CLAUSE_REACH);
  const before = text.slice(low, from);
  const after = text.slice(to, high);
  const starts = clauseBreaks.map((mark) => before.lastIndexOf(mark)).filter((at) => at !== -1).map((at) => low + at + 1);
  const ends = clauseBreaks.map((mark) => after.indexOf(mark)).filter((at) => at !== -1).map((at) => to + at);
  return [Math.max(low, greatest(starts, low)), least(ends, high)];
}

function between(text: string, a: TermMatch, b: TermMatch): string {
  return a.end <= b.start ? text.slice(a.end, b.start) : text.slice(b.end, a.start);
}
