import { gap, insideLonger } from './termIndex.js';
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
  /** The rule set's clause separators. */
  clauseBreaks: readonly string[];
  /** Words negating the term right after them (无, 未): facts each opening with the same one stand side by side (无业无收入). */
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
 * childbearing certificate, not a death certificate), while 居住及收入情况证明 names both, and so do facts each opening
 * with the same negation (无业无收入证明, 未婚未育证明). A fact naming a person
 * before a topic no list names only says whose certificate it is (本人及家庭成员政治现实表现证明 and 无业人员政审证明 are
 * conduct certificates), and the topic names no family itself; a fact whose own certificate is about conduct
 * keeps its reading (社区康复人员现实表现证明 is item 6). A person's fact right before an agent (在职人员由单位出具，无业
 * 人员由社区出具) says for whom the document is issued, not what it states: see subjectFamilies.
 */
export function certificateFamilies(text: string, lookup: FamilyLookup): Set<number> {
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
  return families;
}

/**
 * The families of the persons a text has the issuer issue a document for (无业人员由社区出具: employment), for a demand
 * whose texts name no certificate otherwise: then the case is what the community is asked to certify. Another agent
 * (父母外出务工、由祖父母代为监护) makes no case of the fact.
 */
export function subjectFamilies(text: string, issuer: string, lookup: FamilyLookup): Set<number> {
  if (!lookup.agents.some((agent) => text.includes(agent))) return new Set();
  return new Set(factsIn(text, lookup).filter((match) => isSubject(text, match, lookup, issuer)).map((match) => lookup.termFamily[match.term]));
}

/** The certificate facts in a text (in prose, near a demand word), without those inside a longer fact of another family. */
function factsIn(text: string, { index, termFamily, near, crossesClause }: FamilyLookup): TermMatch[] {
  const words = near ? near.findAll(text) : [];
  const all = index.findAll(text).filter((match) => near === null || words.some((word) =>
    gap(match, word) <= FACT_REACH && !crossesClause(between(text, match, word))));
  return all.filter((match) => !all.some((other) => insideLonger(match, other) && termFamily[other.term] !== termFamily[match.term]));
}

/** Whether two facts each open with the same negation, nothing else between them (无业无收入, 未婚未育). */
function sideBySide(text: string, first: TermMatch, later: TermMatch, { negationPrefixes }: FamilyLookup): boolean {
  const between = text.slice(first.end, later.start);
  return negationPrefixes.some((prefix) => text.startsWith(prefix, first.start) &&
    (between === prefix || (between === '' && text.startsWith(prefix, later.start))));
}

/** How far after the agent marker the issuer may be named (由户籍所在地社区). */
const ISSUER_REACH = 8;

/**
 * Whether a fact names the person an agent after it issues a document for, the document named elsewhere (在职人员由
 * 单位出具，无业人员由社区出具); with `issuer`, only when that agent is the issuer (由社区…). A clause naming its own
 * document (无业人员由社区出具证明, 证明其无业由社区出具) certifies the fact; 由于 (because) gives no act to anyone.
 */
function isSubject(text: string, match: TermMatch, lookup: FamilyLookup, issuer?: string): boolean {
  const { whose, agents, agentLookalikes, documentNouns, crossesClause } = lookup;
  if (!whose.has(match.term)) return false;
  return agents.some((agent) => {
    const at = match.end + text.slice(match.end, match.end + SUBJECT_REACH + agent.length).indexOf(agent);
    if (at < match.end || crossesClause(text.slice(match.end, at))) return false;
    if (agentLookalikes.some((word) => word.includes(agent) && text.startsWith(word, at - word.indexOf(agent)))) return false;
    const [start, end] = clauseAround(text, match.start, at + agent.length, lookup);
    const byIssuer = issuer === undefined || text.slice(at + agent.length, Math.min(end, at + agent.length + ISSUER_REACH + issuer.length)).includes(issuer);
    return byIssuer && documentNouns.findAll(text.slice(start, end)).length === 0;
  });
}

/** Where the clause holding [from, to) starts and ends. */
function clauseAround(text: string, from: number, to: number, { clauseBreaks }: FamilyLookup): [number, number] {
  const starts = clauseBreaks.map((mark) => text.lastIndexOf(mark, from - 1)).filter((at) => at !== -1).map((at) => at + 1);
  const ends = clauseBreaks.map((mark) => text.indexOf(mark, to)).filter((at) => at !== -1);
  return [Math.max(0, ...starts), ends.length === 0 ? text.length : Math.min(...ends)];
}

function between(text: string, a: TermMatch, b: TermMatch): string {
  return a.end <= b.start ? text.slice(a.end, b.start) : text.slice(b.end, a.start);
}
