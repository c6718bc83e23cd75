/** One occurrence of a term in a text: [start, end) in the normalised text. */
export interface TermMatch {
  term: number;
  start: number;
  end: number;
}

interface TrieNode {
  next: Map<string, number>;
  fail: number;
  /** Terms ending here, longest first (own term, then those reached through fail links). */
  outputs: number[];
}

/**
 * Aho–Corasick automaton over literal terms: finds every occurrence of every term in one pass,
 * in time linear in the text, whatever the rule files contain.
 */
export class TermIndex {
  private readonly nodes: TrieNode[] = [{ next: new Map(), fail: 0, outputs: [] }];
  readonly lengths: number[] = [];

  constructor(terms: readonly string[]) {
    terms.forEach((term, id) => this.insert(term, id));
    this.link();
  }

  /** Every match, ordered by start then by decreasing length. */
  findAll(text: string): TermMatch[] {
    const matches: TermMatch[] = [];
    let state = 0;
    for (let i = 0; i < text.length; i++) {
      const char = text[i];
      while (state !== 0 && !this.nodes[state].next.has(char)) state = this.nodes[state].fail;
      state = this.nodes[state].next.get(char) ?? 0;
      for (const term of this.nodes[state].outputs) {
        matches.push({ term, start: i + 1 - this.lengths[term], end: i + 1 });
      }
    }
    return matches.sort((a, b) => a.start - b.start || b.end - a.end);
  }

  private insert(term: string, id: number): void {
    this.lengths[id] = term.length;
    if (term.length === 0) return;
    let state = 0;
    for (let i = 0; i < term.length; i++) {
      const char = term[i];
      let next = this.nodes[state].next.get(char);
      if (next === undefined) {
        next = this.nodes.push({ next: new Map(), fail: 0, outputs: [] }) - 1;
        this.nodes[state].next.set(char, next);
      }
      state = next;
    }
    this.nodes[state].outputs.push(id);
  }

  /** Breadth-first construction of failure links and merged outputs. */
  private link(): void {
    const queue = [...this.nodes[0].next.values()];
    for (let head = 0; head < queue.length; head++) {
      const state = queue[head];
      for (const [char, child] of this.nodes[state].next) {
        let fail = this.nodes[state].fail;
        while (fail !== 0 && !this.nodes[fail].next.has(char)) fail = this.nodes[fail].fail;
        const target = this.nodes[fail].next.get(char);
        this.nodes[child].fail = target !== undefined && target !== child ? target : 0;
        this.nodes[child].outputs.push(...this.nodes[this.nodes[child].fail].outputs);
        queue.push(child);
      }
    }
  }
}

/** Whether a match lies inside a longer one (意见 in 签署意见, 社区 in 社区卫生服务中心). */
export function insideLonger(inner: TermMatch, outer: TermMatch): boolean {
  return outer.start <= inner.start && inner.end <= outer.end && outer.end - outer.start > inner.end - inner.start;
}

/** Characters between two matches (0 when they touch or overlap). */
export function gap(a: TermMatch, b: TermMatch): number {
  return Math.max(0, a.start - b.end, b.start - a.end);
}

/** A text without the ranges [start, end), which come in order and do not overlap. */
export function withRangesCut(text: string, ranges: readonly (readonly [number, number])[]): string {
  let kept = '';
  let from = 0;
  for (const [start, end] of ranges) {
    kept += text.slice(from, start);
    from = end;
  }
  return kept + text.slice(from);
}

/** White space or punctuation: what may stand between the words of a text made only of them. */
const SPACE_OR_PUNCTUATION = /[\s\p{P}]/u;

/**
 * Whether a text is made only of these words, white space and punctuation (the empty text too). Linear in the
 * text: the offsets each word match reaches are followed from the start, so no word list makes it backtrack.
 */
export function madeOnlyOf(words: readonly string[]): (text: string) => boolean {
  const index = new TermIndex(words);
  return (text) => {
    const reachable = new Uint8Array(text.length + 1);
    reachable[0] = 1;
    const matches = index.findAll(text);
    let next = 0;
    for (let at = 0; at < text.length; at++) {
      for (; next < matches.length && matches[next].start === at; next++) if (reachable[at]) reachable[matches[next].end] = 1;
      if (reachable[at] && SPACE_OR_PUNCTUATION.test(text[at])) reachable[at + 1] = 1;
    }
    return reachable[text.length] === 1;
  };
}

/** How many of an ascending list's values are at most `value` (the place of the last such value, plus one). */
export function countAtMost(ascending: readonly number[], value: number): number {
  let low = 0;
  let high = ascending.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (ascending[middle] <= value) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The least of the values, or `none` when there are none (a loop: a long list spread into Math.min overflows the stack). */
export function least(values: Iterable<number>, none: number): number {
  let result = Infinity;
  for (const value of values) if (value < result) result = value;
  return result === Infinity ? none : result;
}

/** The greatest of the values, or `none` when there are none. */
export function greatest(values: Iterable<number>, none: number): number {
  let result = -Infinity;
  for (const value of values) if (value > result) result = value;
  return result === -Infinity ? none : result;
}
