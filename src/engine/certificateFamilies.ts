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
  /** A family of topics no list names (政审): a head over a fact right before it (家庭成员政审, 家庭成员的政审), never returned. */
  topic: number;
  /** What may stand between a fact and a topic it modifies (的). */
  attributives: readonly string[];
  /** Whether a stretch of text holds a clause break (the rule set's clause-separator vocabulary). */
  crossesClause: (text: string) => boolean;
}

/** In prose, how close a fact must stand to a certificate, seal or certify word to name the certificate. */
const FACT_REACH = 20;

/**
 * Certificate families named in the text. A term inside a longer term of another family does not
 * count (婚姻关系证明 is not 亲属关系), and Chinese noun phrases end in their head: a fact followed by
 * another family's fact without a coordinator in between only modifies it (子女死亡后未再生育的证明 is a
 * childbearing certificate, not a death certificate), while 居住及收入情况证明 names both. A topic no list names
 * is such a head too over the fact right before it, the fact saying whose it is (家庭成员政治现实表现证明 is a
 * conduct certificate; 社区戒毒期间现实表现 is conduct in rehabilitation), and names no family itself.
 */
export function certificateFamilies(text: string, lookup: FamilyLookup): Set<number> {
  const { index, termFamily, coordinators, near, hiding, topic, attributives, crossesClause } = lookup;
  const words = near ? near.findAll(text) : [];
  const all = index.findAll(text).filter((match) => near === null || words.some((word) =>
    gap(match, word) <= FACT_REACH && !crossesClause(between(text, match, word))));
  const matches = all.filter((match) => !all.some((other) =>
    insideLonger(match, other) && termFamily[other.term] !== termFamily[match.term]));
  const heads = matches.filter((match) => termFamily[match.term] !== hiding);
  const families = new Set<number>();
  for (const match of heads) {
    const family = termFamily[match.term];
    const modifies = heads.some((later) => {
      if (later.start < match.end || termFamily[later.term] === family) return false;
      const between = text.slice(match.end, later.start);
      return termFamily[later.term] === topic ? between === '' || attributives.includes(between) : coordinators.findAll(between).length === 0;
    });
    if (!modifies && family !== topic) families.add(family);
  }
  return families;
}

function between(text: string, a: TermMatch, b: TermMatch): string {
  return a.end <= b.start ? text.slice(a.end, b.start) : text.slice(b.end, a.start);
}
