import type { When } from '../model/ruleSet.js';

/** What the matchers may look at for one community demand; all text is normalised. */
export interface DemandFacts {
  /** Certificate families (ids from MatcherContext.certificateFamily) that the demanded document belongs to. */
  certificateFamilies: ReadonlySet<number>;
  context: string;
  /** What the demanded document itself says (name, note, purpose, or its clause) and the procedure name. */
  purpose: string;
  /** The procedure's department code, or null when no rule-set department matches it. */
  department: string | null;
  stamp: boolean;
}

/** Services compilation offers matchers: shared indexes built once for the whole rule set. */
export interface MatcherContext {
  normalize(text: string): string;
  /** Registers a family of certificate names; the id shows up in DemandFacts.certificateFamilies. */
  certificateFamily(terms: readonly string[]): number;
  /** Whether a negation (非, 无需, ...) ends right where a term starts in the text. */
  negatedAt(text: string, start: number): boolean;
}

export type Predicate = (facts: DemandFacts) => boolean;

interface Matcher<Options> {
  /** JSON Schema of the matcher's options, as published in schemas/rules.schema.json. */
  optionsSchema: object;
  /** Whether the matcher searches a text (slower than looking a value up). */
  searchesText?: boolean;
  compile(options: Options, context: MatcherContext): Predicate;
}

const TERMS_SCHEMA = { $ref: '#/definitions/terms' };

/** Whether a term occurs in the text other than right after a negation (非公证 is not 公证). */
function mentions(text: string, term: string, context: MatcherContext): boolean {
  for (let at = text.indexOf(term); at !== -1; at = text.indexOf(term, at + 1)) {
    if (!context.negatedAt(text, at)) return true;
  }
  return false;
}

/** A term, not right after a negation, in one of the demand's texts. */
function textMatcher(text: 'context' | 'purpose'): Matcher<string[]> {
  return {
    optionsSchema: TERMS_SCHEMA,
    searchesText: true,
    compile(terms, context) {
      const normalized = terms.map((term) => context.normalize(term));
      return (facts) => normalized.some((term) => mentions(facts[text], term, context));
    },
  };
}

/** Every matcher a rule's `when` may name, by name. */
export const MATCHERS: { [Name in keyof Required<When>]: Matcher<Required<When>[Name]> } = {
  certificate: {
    optionsSchema: TERMS_SCHEMA,
    compile(terms, context) {
      const family = context.certificateFamily(terms);
      return (facts) => facts.certificateFamilies.has(family);
    },
  },
  context: textMatcher('context'),
  purpose: textMatcher('purpose'),
  department: {
    optionsSchema: TERMS_SCHEMA,
    compile(codes) {
      return (facts) => facts.department !== null && codes.includes(facts.department);
    },
  },
  stamp: {
    optionsSchema: { type: 'boolean' },
    compile(expected) {
      return (facts) => facts.stamp === expected;
    },
  },
};

/**
 * All conditions of a `when` must hold; an absent `when` holds for every demand. Conditions that look
 * a value up are asked before those that search texts, so most demands are decided without a search.
 */
export function compileWhen(when: When, context: MatcherContext): Predicate {
  const predicates: Predicate[] = [];
  const names = (Object.keys(when) as (keyof When)[]).sort((a, b) => Number(MATCHERS[a].searchesText ?? false) - Number(MATCHERS[b].searchesText ?? false));
  for (const name of names) {
    const options = when[name];
    if (options === undefined) continue;
    predicates.push((MATCHERS[name] as Matcher<typeof options>).compile(options, context));
  }
  return (facts) => predicates.every((predicate) => predicate(facts));
}
