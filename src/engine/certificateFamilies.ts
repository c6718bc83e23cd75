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
  /** Terms (ids) of facts that name a person (家庭成员, 无业): before a topic in their clause they say whose certificate it is. */
  whose: ReadonlySet<number>;
  /** Whether a stretch of text holds a clause break (the rule set's clause-separator vocabulary). */
  crossesClause: (text: string) => boolean;
}

/** In prose, how close a fact must stand to a certificate, seal or certify word to name the certificate. */
const FACT_REACH = 20;

/**
 * Certificate families named in the text. A term inside a longer term of another family does not
 * count (婚姻关系证明 is not 亲属关系), and Chinese noun phrases end in their head: a fact followed by
 * another family's fact without a coordinator in between only modifies it (子女死亡后未再生育的证明 is a
 * childbearing certificate, not a death certificate), while 居住及收入情况证明 names both. A fact naming a person
 * before a topic no list names only says whose certificate it is (本人及家庭成员政治现实表现证明 and 无业人员政审证明 are
 * conduct certificates), and the topic names no family itself; a fact whose own certificate is about conduct
 * keeps its reading (社区康复人员现实表现证明 is item 6).
 */
export function certificateFamilies(text: string, lookup: FamilyLookup): Set<number> {
  const { index, termFamily, coordinators, near, hiding, topic, whose, crossesClause } = lookup;
  const words = near ? near.findAll(text) : [];
  const all = index.findAll(text).filter((match) => near === null || words.some((word) =>
    gap(match, word) <= FACT_REACH && !crossesClause(between(text, match, word))));
  const matches = all.filter((match) => !all.some((other) =>
    insideLonger(match, other) && termFamily[other.term] !== termFamily[match.term]));
  const heads = matches.filter((match) => termFamily[match.term] !== hiding);
  const topics = heads.filter((match) => termFamily[match.term] === topic);
  const families = new Set<number>();
  for (const match of heads) {
    const family = termFamily[match.term];
    if (family === topic) continue;
    if (whose.has(match.term) && topics.some((head) => head.start >= match.end && !crossesClause(text.slice(match.end, head.start)))) continue;
    const modifies = heads.some((later) => later.start >= match.end && termFamily[later.term] !== family && termFamily[later.term] !== topic &&
      coordinators.findAll(text.slice(match.end, later.start)).length === 0);
    if (!modifies) families.add(family);
  }
  return families;
}

function between(text: string, a: TermMatch, b: TermMatch): string {
  return a.end <= b.start ? text.slice(a.end, b.start) : text.slice(b.end, a.start);
}
