import type { Cancellations } from './cancellations.js';
import { DEMAND_ROLES, ISSUER_ROLE, NEGATION_ROLES } from './sentenceForms.js';
import type { Clause, ReaderVocabularies, Role } from './sentenceForms.js';
import type { TermMatch } from './termIndex.js';

/**
 * Splits a text into the clauses the clause reader (communityText.ts) reads one by one: at its separators,
 * joining a form's label to its value, and cutting a text that lost its punctuation at a new subject.
 */
export class ClauseSplitter {
  private readonly roles: readonly Role[];
  private readonly terms: readonly string[];
  private readonly cancellations: Cancellations;
  private readonly listOpeners: ReadonlySet<string>;
  private readonly coordinators: readonly string[];

  /** `roles` and `terms` are the clause reader's: each indexed term's role and text, by term number (TermMatch.term). */
  constructor({ roles, terms, words, cancellations }: {
    roles: readonly Role[]; terms: readonly string[]; words: Pick<ReaderVocabularies, 'list-opener' | 'coordinator'>; cancellations: Cancellations;
  }) {
    this.roles = roles;
    this.terms = terms;
    this.cancellations = cancellations;
    this.listOpeners = new Set(words['list-opener']);
    this.coordinators = words.coordinator;
  }

  /** Splits at separator matches; every other match goes to the clause it lies in. */
  split(text: string, matches: TermMatch[]): Clause[] {
    const clauses: Clause[] = [];
    let start = 0;
    let current: TermMatch[] = [];
    let covered = 0;
    for (const match of matches) {
      if (this.roles[match.term] === 'clause-separator') {
        if (match.start < covered) continue;
        const clause = { text: text.slice(start, match.start), start, matches: current.filter((m) => m.end <= match.start), end: this.terms[match.term] };
        clauses.push(...this.atNewSubjects(clause));
        current = current.filter((m) => m.end > match.start && m.start >= match.end);
        start = covered = match.end;
      } else if (match.start >= start) {
        current.push(match);
      }
    }
    clauses.push(...this.atNewSubjects({ text: text.slice(start), start, matches: current, end: '' }));
    return this.withLabelsJoined(text, clauses);
  }

  /** Whether a coordinator or a negation ends right before a predicate, governing it still. */
  private governed(clause: Clause, predicate: TermMatch, negationEnds: ReadonlySet<number>): boolean {
    const at = predicate.start - clause.start;
    return negationEnds.has(predicate.start) || this.coordinators.some((coordinator) => clause.text.startsWith(coordinator, at - coordinator.length));
  }

  /**
   * A form's label and its value are one clause: in 盖章单位：所在居（村）委会 the label holds the demand word and
   * the value the community, so neither alone would read as a demand.
   */
  private withLabelsJoined(text: string, clauses: Clause[]): Clause[] {
    const has = (clause: Clause, roles: ReadonlySet<Role>) => clause.matches.some((match) => roles.has(this.roles[match.term]));
    const joined: Clause[] = [];
    for (let at = 0; at < clauses.length; at++) {
      const [label, value] = [clauses[at], clauses[at + 1]];
      if (value !== undefined && this.listOpeners.has(label.end) && has(label, DEMAND_ROLES) && !has(label, ISSUER_ROLE) &&
        has(value, ISSUER_ROLE) && !has(value, DEMAND_ROLES)) {
        const end = value.start + value.text.length;
        joined.push({ text: text.slice(label.start, end), start: label.start, matches: [...label.matches, ...value.matches], end: value.end });
        at++;
      } else {
        joined.push(label);
      }
    }
    return joined;
  }

  /**
   * Text that lost its punctuation (无需社区盖章由村委会出具与逝者关系证明, 无需社区盖章须村委会出具收入证明) runs two
   * predicates together: a new-subject word (由, 请) or a new predicate (须, 需: a negation-barrier) after a complete
   * negated community demand starts a new clause. Elsewhere it belongs to its clause: 须由社区出具证明, and
   * 村委会盖章的生存证明由民政部门信息共享核验 (the demand is the topic of what follows); inside a longer term (为由,
   * 原由, 无须) it is none; nor is a predicate right after a coordinator or a negation (…材料及需村委会出具的收入证明).
   * A new predicate asks only of the stretch since the last one (a negation reaches no demand past a predicate), so
   * a text is read in time linear in its predicates.
   */
  private atNewSubjects(clause: Clause): Clause[] {
    const { matches } = clause;
    const parts: Clause[] = [];
    const negationEnds = new Set(matches.filter((match) => NEGATION_ROLES.has(this.roles[match.term])).map((match) => match.end));
    let partStart = clause.start;
    let partFrom = 0;
    let stretchStart = clause.start;
    let stretchFrom = 0;
    let reach = -1;
    for (let at = 0; at < matches.length; at++) {
      const marker = matches[at];
      // Never cut through another term (为由, 原由, 无需再由, or a new-subject-lookalike: 由于, 申请 …).
      const overlaps = reach > marker.start || (at + 1 < matches.length && matches[at + 1].start < marker.end);
      reach = Math.max(reach, marker.end);
      const role = this.roles[marker.term];
      if ((role !== 'new-subject' && role !== 'negation-barrier') || marker.start <= partStart || overlaps) continue;
      const predicate = role === 'negation-barrier';
      if (predicate && this.governed(clause, marker, negationEnds)) continue;
      const [headStart, headFrom] = predicate ? [Math.max(stretchStart, partStart), Math.max(stretchFrom, partFrom)] : [partStart, partFrom];
      if (predicate) [stretchStart, stretchFrom] = [marker.end, at + 1];
      const before = matches.slice(headFrom, at).filter((match) => match.start >= headStart && match.end <= marker.start);
      if (!before.some((match) => this.roles[match.term] === 'community-issuer') || !before.some((match) => DEMAND_ROLES.has(this.roles[match.term]))) continue;
      const head: Clause = { text: clause.text.slice(headStart - clause.start, marker.start - clause.start), start: headStart, matches: before, end: '' };
      if (!this.cancellations.isCancelled(head)) continue;
      parts.push({
        text: clause.text.slice(partStart - clause.start, marker.start - clause.start), start: partStart, end: '',
        matches: matches.slice(partFrom, at).filter((match) => match.end <= marker.start),
      });
      [partStart, partFrom] = [marker.start, at];
    }
    parts.push({ text: clause.text.slice(partStart - clause.start), start: partStart, matches: matches.slice(partFrom), end: clause.end });
    return parts;
  }
}
