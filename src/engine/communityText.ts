import { memoize } from './memo.js';
import { TermIndex } from './termIndex.js';
import type { TermMatch } from './termIndex.js';
import type { VocabularyName } from '../model/ruleSet.js';

type Role = Exclude<VocabularyName, 'negation-prefix'>;

export type ReaderVocabularies = Record<Role, readonly string[]>;

/** A clause that demands something of a community, as read from free text. */
export interface CommunityMention {
  clause: string;
  issuer: string;
}

/** What one text says about communities. */
export interface TextReading {
  /** Clauses that currently demand a community certificate or stamp. */
  demands: CommunityMention[];
  /** A community is named (outside look-alikes), whether or not demanded. */
  namesCommunity: boolean;
  /** A community demand is named but negated, replaced or historical. */
  cancelsCommunity: boolean;
}

/**
 * Reads normalised text clause by clause. A clause demands a community certificate when it names a
 * community issuer that no look-alike covers, together with a seal/certify action or a certificate
 * word, and holds no negation or historical marker. Negations cover their own clause only.
 */
export class CommunityTextReader {
  private readonly index: TermIndex;
  private readonly roles: Role[] = [];
  private readonly terms: string[] = [];

  constructor(vocabularies: ReaderVocabularies) {
    for (const role of Object.keys(vocabularies) as Role[]) {
      for (const term of vocabularies[role]) {
        this.terms.push(term);
        this.roles.push(role);
      }
    }
    this.index = new TermIndex(this.terms);
  }

  /** Memoised: texts repeat across a corpus, and a reading is never modified. */
  readonly read: (text: string) => TextReading = memoize((text) => this.readUncached(text));

  private readUncached(text: string): TextReading {
    const reading: TextReading = { demands: [], namesCommunity: false, cancelsCommunity: false };
    if (text.length === 0) return reading;
    const matches = this.index.findAll(text);
    const live = this.withoutLookalikes(matches);
    for (const clause of this.clauses(text, live)) {
      const issuer = clause.matches.find((match) => this.roles[match.term] === 'community-issuer');
      if (!issuer) continue;
      reading.namesCommunity = true;
      const demanding = clause.matches.some((match) => {
        const role = this.roles[match.term];
        return role === 'seal-action' || role === 'certificate-word';
      });
      if (!demanding) continue;
      const cancelled = clause.matches.some((match) => {
        const role = this.roles[match.term];
        return role === 'negation' || role === 'historical';
      });
      if (cancelled) reading.cancelsCommunity = true;
      else reading.demands.push({ clause: clause.text, issuer: this.terms[issuer.term] });
    }
    return reading;
  }

  /**
   * Drops community terms that overlap a look-alike (社区 in 社区卫生服务中心), unless the look-alike
   * itself lies inside a longer community term (社区居民 in 社区居民委员会).
   */
  private withoutLookalikes(matches: TermMatch[]): TermMatch[] {
    const issuers = matches.filter((match) => this.roles[match.term] === 'community-issuer');
    const lookalikes = matches.filter((match) => this.roles[match.term] === 'community-lookalike' &&
      !issuers.some((issuer) => issuer.start <= match.start && match.end <= issuer.end && issuer.end - issuer.start > match.end - match.start));
    return matches.filter((match) => {
      const role = this.roles[match.term];
      if (role === 'community-lookalike') return false;
      if (role === 'clause-separator') return true;
      return !lookalikes.some((cover) => cover.start < match.end && match.start < cover.end);
    });
  }

  /** Splits at separator matches; every other match goes to the clause it lies in. */
  private clauses(text: string, matches: TermMatch[]): { text: string; matches: TermMatch[] }[] {
    const clauses: { text: string; matches: TermMatch[] }[] = [];
    let start = 0;
    let current: TermMatch[] = [];
    let covered = 0;
    for (const match of matches) {
      if (this.roles[match.term] === 'clause-separator') {
        if (match.start < covered) continue;
        clauses.push({ text: text.slice(start, match.start), matches: current.filter((m) => m.end <= match.start) });
        current = current.filter((m) => m.end > match.start && m.start >= match.end);
        start = covered = match.end;
      } else if (match.start >= start) {
        current.push(match);
      }
    }
    clauses.push({ text: text.slice(start), matches: current });
    return clauses;
  }
}
