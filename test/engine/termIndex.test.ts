import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { madeOnlyOf, TermIndex } from '../../src/engine/termIndex.js';
import type { TermMatch } from '../../src/engine/termIndex.js';

/** Matches as [term text, start, end], easier to read than term numbers. */
function found(terms: string[], text: string): [string, number, number][] {
  return new TermIndex(terms).findAll(text).map((match) => [terms[match.term], match.start, match.end]);
}

/** The obvious quadratic search, ordered as findAll promises: by start, then longest first. */
function bruteForce(terms: string[], text: string): TermMatch[] {
  const matches: TermMatch[] = [];
  terms.forEach((term, id) => {
    if (term.length === 0) return;
    for (let at = text.indexOf(term); at !== -1; at = text.indexOf(term, at + 1)) matches.push({ term: id, start: at, end: at + term.length });
  });
  return matches.sort((a, b) => a.start - b.start || b.end - a.end || a.term - b.term);
}

describe('TermIndex', () => {
  it('finds every overlapping match, longest first at the same start', () => {
    expect(found(['社区', '社区居委会', '居委会', '居委', '委会'], '请社区居委会盖章')).toEqual([
      ['社区居委会', 1, 6],
      ['社区', 1, 3],
      ['居委会', 3, 6],
      ['居委', 3, 5],
      ['委会', 4, 6],
    ]);
  });

  it('finds terms that end inside a longer partial match (failure links)', () => {
    expect(found(['abcd', 'bc', 'bcde', 'c'], 'abcde')).toEqual([
      ['abcd', 0, 4], ['bcde', 1, 5], ['bc', 1, 3], ['c', 2, 3],
    ]);
    expect(found(['he', 'she', 'his', 'hers'], 'ushers')).toEqual([['she', 1, 4], ['hers', 2, 6], ['he', 2, 4]]);
  });

  it('finds every occurrence, including overlapping repeats of one term', () => {
    expect(found(['aa'], 'aaaa')).toEqual([['aa', 0, 2], ['aa', 1, 3], ['aa', 2, 4]]);
  });

  it('reports a term listed twice under both ids', () => {
    expect(new TermIndex(['证明', '证明']).findAll('证明').map((match) => match.term).sort()).toEqual([0, 1]);
  });

  it('never matches an empty term, and finds nothing in an empty text', () => {
    const index = new TermIndex(['', '社区']);
    expect(index.findAll('社区').map((match) => match.term)).toEqual([1]);
    expect(index.findAll('')).toEqual([]);
    expect(new TermIndex([]).findAll('社区')).toEqual([]);
  });

  it('works on characters outside the BMP as code-unit offsets', () => {
    expect(found(['𠮷野家'], '去𠮷野家')).toEqual([['𠮷野家', 1, 5]]);
  });

  it('agrees with a brute-force search on random terms and texts', () => {
    const letters = fc.constantFrom('社', '区', '居', '委', '会', 'a', 'b');
    const word = (min: number, max: number) => fc.array(letters, { minLength: min, maxLength: max }).map((chars) => chars.join(''));
    fc.assert(fc.property(fc.array(word(1, 4), { maxLength: 8 }), word(0, 30), (terms, text) => {
      const actual = new TermIndex(terms).findAll(text).sort((a, b) => a.start - b.start || b.end - a.end || a.term - b.term);
      expect(actual).toEqual(bruteForce(terms, text));
    }), { numRuns: 300 });
  });

  it('orders every result by start, then by decreasing length', () => {
    const matches = new TermIndex(['a', 'ab', 'abc', 'b', 'bc', 'c']).findAll('abcabc');
    const keys = matches.map((match) => [match.start, -(match.end - match.start)]);
    const sorted = [...keys].sort((x, y) => x[0] - y[0] || x[1] - y[1]);
    expect(keys).toEqual(sorted);
    expect(matches).toHaveLength(12);
  });
});

describe('madeOnlyOf', () => {
  const filler = madeOnlyOf(['早', '就', '早就', '已', '现已', '了']);

  it('takes texts made only of the words, spaces and punctuation, however they segment', () => {
    expect(filler('')).toBe(true);
    expect(filler('现已')).toBe(true);
    expect(filler('早就 了，')).toBe(true);
    expect(filler('早就早就早已')).toBe(true);
    expect(filler('早就x')).toBe(false);
    expect(filler('复印件')).toBe(false);
  });

  it('answers a near miss of thousands of ambiguous words (早就 or 早+就) without backtracking', () => {
    expect(filler(`${'早就'.repeat(5000)}x`)).toBe(false);
    expect(filler('早就'.repeat(5000))).toBe(true);
  });

  it('agrees with a regular expression on random texts', () => {
    const words = ['ab', 'a', 'b', 'ba'];
    const pattern = /^(?:ab|a|b|ba|[\s\p{P}])*$/u;
    const only = madeOnlyOf(words);
    fc.assert(fc.property(fc.array(fc.constantFrom('a', 'b', 'c', ' ', ','), { maxLength: 12 }), (chars) => {
      const text = chars.join('');
      expect(only(text)).toBe(pattern.test(text));
    }));
  });
});
