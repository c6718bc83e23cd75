import { describe, expect, it } from '@jest/globals';
import { DEFAULT_TREE_LIMITS, nodeAtPointer, parseYamlTree, toPlain } from '../../src/load/yamlTree.js';
import type { MapNode, ParsedYaml, SeqNode, TreeNode } from '../../src/load/yamlTree.js';

/** The one document of a text that must parse cleanly. */
function only(text: string): TreeNode {
  const parsed = parseYamlTree(text);
  expect(parsed.syntaxError).toBeNull();
  expect(parsed.problems).toEqual([]);
  expect(parsed.documents).toHaveLength(1);
  return parsed.documents[0]!;
}

function entry(node: TreeNode, key: string): TreeNode {
  if (node.kind !== 'map') throw new Error(`expected a map, got ${node.kind}`);
  const found = node.entries.get(key);
  if (!found) throw new Error(`no key ${key}`);
  return found.value;
}

/** Offset of the nth occurrence (0-based) of a needle: keeps expected offsets readable. */
function offsetOf(text: string, needle: string, nth = 0): number {
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(needle, at + 1);
    if (at === -1) throw new Error(`"${needle}" not found ${nth + 1} times`);
  }
  return at;
}

/** A billion-laughs document: nine levels, each a list of nine aliases to the level below. */
function billionLaughs(levels = 9): string {
  const names = 'abcdefghijklmnopqrstuvwxyz';
  const lines = [`a: &a [${Array(9).fill('"lol"').join(', ')}]`];
  for (let level = 1; level < levels; level++) {
    lines.push(`${names[level]}: &${names[level]} [${Array(9).fill(`*${names[level - 1]}`).join(', ')}]`);
  }
  return `${lines.join('\n')}\n`;
}

describe('parseYamlTree: offsets', () => {
  const text = 'a: 1\nb: [x, y]\nc: {d: e}\n';
  const root = only(text) as MapNode;

  it('gives scalars their 0-based, end-exclusive source range', () => {
    const key = root.entries.get('a')!.key;
    expect(key).toEqual({ kind: 'scalar', value: 'a', start: 0, end: 1 });
    expect(entry(root, 'a')).toEqual({ kind: 'scalar', value: 1, source: '1', start: 3, end: 4 });
  });

  it('gives flow sequences and maps their range from the opening bracket', () => {
    const seq = entry(root, 'b') as SeqNode;
    expect([seq.kind, seq.start, seq.end]).toEqual(['seq', offsetOf(text, '['), offsetOf(text, 'y') + 1]);
    expect(seq.items.map((item) => [item.start, item.end])).toEqual([[9, 10], [12, 13]]);
    const map = entry(root, 'c') as MapNode;
    expect([map.kind, map.start, map.end]).toEqual(['map', offsetOf(text, '{'), offsetOf(text, 'e}') + 1]);
    expect(entry(map, 'd')).toEqual({ kind: 'scalar', value: 'e', start: 22, end: 23 });
  });

  it('spans the root map from its first key to the end of its last value', () => {
    expect([root.start, root.end]).toEqual([0, 23]);
  });

  it('starts a block sequence at its dash and each item map at its first key', () => {
    const block = 'procedure:\n  id: p1\n  steps:\n    - id: s1\n      name: 提交\n    - id: s2\n';
    const procedure = entry(only(block), 'procedure') as MapNode;
    expect(procedure.start).toBe(offsetOf(block, 'id: p1'));
    const steps = entry(procedure, 'steps') as SeqNode;
    expect(steps.start).toBe(offsetOf(block, '- id: s1'));
    expect(steps.items.map((item) => item.start)).toEqual([offsetOf(block, 'id: s1'), offsetOf(block, 'id: s2')]);
    expect(steps.items[0].end).toBe(offsetOf(block, '提交') + 2);
    expect(steps.end).toBe(block.length - 1);
  });
  it('gives an empty value the position of its key, not -1', () => {
    const text = 'a:\nb: 1\n';
    const root = only(text) as MapNode;
    const value = entry(root, 'a');
    expect(value).toMatchObject({ kind: 'scalar', value: null });
    expect([value.start, value.end]).toEqual([0, 1]);
  });

  it('gives quoted scalars a range that includes their quotes, and decodes escapes', () => {
    const quoted = "k: 'it''s'\nq: \"a\\tb\"\n";
    const root2 = only(quoted);
    expect(entry(root2, 'k')).toEqual({ kind: 'scalar', value: "it's", start: 3, end: 10 });
    expect(entry(root2, 'q')).toEqual({ kind: 'scalar', value: 'a\tb', start: 14, end: 20 });
  });
});

describe('parseYamlTree: core-schema scalars', () => {
  const cases: [string, unknown][] = [
    ['~', null], ['null', null], ['Null', null], ['NULL', null],
    ['true', true], ['True', true], ['TRUE', true], ['false', false], ['FALSE', false],
    ['0', 0], ['42', 42], ['-17', -17], ['+1', 1], ['012', 12], ['0x1F', 31], ['0o17', 15],
    ['1.5', 1.5], ['-0.25', -0.25], ['1e3', 1000], ['.5', 0.5], ['.inf', Infinity], ['-.Inf', -Infinity],
    // YAML 1.1 only: plain text in 1.2's core schema.
    ['yes', 'yes'], ['no', 'no'], ['on', 'on'], ['0b101', '0b101'], ['1_000', '1_000'],
    // Dates stay strings: `effective: 2020-04-01` is compared as text.
    ['2020-04-01', '2020-04-01'], ['2020-04-01T10:00:00Z', '2020-04-01T10:00:00Z'],
    // Quoted and tagged scalars are strings whatever they look like.
    ['"42"', '42'], ["'true'", 'true'], ['"null"', 'null'], ['!!str 42', '42'], ['!!str true', 'true'], ['! 12', '12'],
    ['社区居委会', '社区居委会'],
  ];

  it.each(cases)('%s resolves to %p', (source, expected) => {
    expect(entry(only(`v: ${source}\n`), 'v')).toMatchObject({ kind: 'scalar', value: expected });
  });

  it('reads .nan as NaN', () => {
    expect(Number.isNaN((entry(only('v: .nan\n'), 'v') as { value: number }).value)).toBe(true);
  });

  it('keeps block scalars as text', () => {
    expect(entry(only('v: |\n  12\n  true\n'), 'v')).toMatchObject({ value: '12\ntrue\n' });
  });
});

describe('parseYamlTree: documents', () => {
  it('returns one tree per document, with offsets into the whole text', () => {
    const text = 'a: 1\n---\n- x\n---\nb: 2\n';
    const parsed = parseYamlTree(text);
    expect(parsed.syntaxError).toBeNull();
    expect(parsed.documents.map((document) => document && toPlain(document))).toEqual([{ a: 1 }, ['x'], { b: 2 }]);
    expect(parsed.documents.map((document) => document?.start)).toEqual([0, offsetOf(text, '- x'), offsetOf(text, 'b: 2')]);
  });

  it('returns no documents for an empty text or a text of comments', () => {
    expect(parseYamlTree('')).toEqual({ documents: [], syntaxError: null, problems: [] });
    expect(parseYamlTree('# only a comment\n')).toEqual({ documents: [], syntaxError: null, problems: [] });
  });

  it('resets alias limits per document', () => {
    const text = `a: &a x\nb: [*a, *a, *a]\n---\na: &a y\nb: [*a, *a]\n`;
    const parsed = parseYamlTree(text, { ...DEFAULT_TREE_LIMITS, maxAliases: 2 });
    expect(parsed.problems).toEqual([{ offset: offsetOf(text, '*a', 2), kind: 'alias', message: 'more than 2 aliases' }]);
    expect(parsed.documents.map(toPlain)).toEqual([{ a: 'x', b: ['x', 'x', null] }, { a: 'y', b: ['y', 'y'] }]);
  });

  it('keeps anchors per document: an alias to the previous document is unknown', () => {
    const text = 'a: &x 1\n---\nb: *x\n';
    const parsed = parseYamlTree(text);
    expect(parsed.problems).toEqual([{ offset: offsetOf(text, '*x'), kind: 'alias', message: 'unknown alias "*x"' }]);
  });
});

describe('parseYamlTree: problems', () => {
  it('reports a duplicate key at the repeated key and keeps the first value', () => {
    const text = 'procedure:\n  id: p1\n  id: p2\n';
    const parsed = parseYamlTree(text);
    expect(parsed.problems).toEqual([{ offset: offsetOf(text, 'id', 1), kind: 'duplicate-key', message: 'duplicate key "id"' }]);
    expect(toPlain(parsed.documents[0])).toEqual({ procedure: { id: 'p1' } });
  });

  it('reports every duplicate, at each repetition', () => {
    const text = 'a: 1\nb: 2\na: 3\nb: 4\na: 5\n';
    expect(parseYamlTree(text).problems.map((problem) => problem.offset)).toEqual([10, 15, 20]);
  });

  it('reports a non-scalar key as a problem at the key', () => {
    const text = 'ok: 1\n? [a, b]\n: c\n';
    const parsed = parseYamlTree(text);
    expect(parsed.problems).toEqual([{ offset: offsetOf(text, '[a'), kind: 'complex-key', message: 'only plain keys are supported here' }]);
    expect(toPlain(parsed.documents[0])).toEqual({ ok: 1 });
  });

  it('reports an unknown alias at its star and reads it as null', () => {
    const text = 'a: 1\nb: *nope\n';
    const parsed = parseYamlTree(text);
    expect(parsed.problems).toEqual([{ offset: offsetOf(text, '*nope'), kind: 'alias', message: 'unknown alias "*nope"' }]);
    expect(toPlain(parsed.documents[0])).toEqual({ a: 1, b: null });
  });

  it('reports an alias to its own, still open, node', () => {
    const text = 'a: &x [1, *x]\n';
    expect(parseYamlTree(text).problems).toEqual([{ offset: offsetOf(text, '*x'), kind: 'alias', message: 'alias "*x" refers to its own node' }]);
  });
});

describe('parseYamlTree: aliases', () => {
  it('shares the anchored node instead of copying it', () => {
    const root = only('a: &x {k: v}\nb: *x\nc: [*x, *x]\n');
    const anchored = entry(root, 'a');
    expect(entry(root, 'b')).toBe(anchored);
    expect((entry(root, 'c') as SeqNode).items[0]).toBe(anchored);
    expect((entry(root, 'c') as SeqNode).items[1]).toBe(anchored);
    expect(toPlain(root)).toEqual({ a: { k: 'v' }, b: { k: 'v' }, c: [{ k: 'v' }, { k: 'v' }] });
  });

  it('follows the latest definition of a re-used anchor name', () => {
    const root = only('a: &x [1]\nb: &x [2]\nc: *x\n');
    expect(entry(root, 'c')).toBe(entry(root, 'b'));
  });

  it('reports a billion-laughs document instead of expanding it, quickly', () => {
    const text = billionLaughs();
    const started = Date.now();
    const parsed = parseYamlTree(text);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(parsed.syntaxError).toBeNull();
    // a..f expand to 672,603 nodes; the first *f inside g crosses the 1,000,000 limit.
    // One problem: once the limit is hit, the document's remaining aliases are cut silently.
    expect(parsed.problems).toEqual([{
      offset: offsetOf(text, '*f'), kind: 'alias', message: 'aliases expand to more than 1000000 nodes',
    }]);
    // The cut aliases become nulls, so the tree stays small.
    expect(toPlain(entry(parsed.documents[0]!, 'i'))).toEqual(Array(9).fill(null));
  });

  it('applies a smaller expansion limit at the alias that crosses it', () => {
    const text = billionLaughs(3);
    // Keys count too: root, key a, a's 10 nodes, key b, b's list = 14; each *a adds 10, so the 9th reaches 104.
    const parsed = parseYamlTree(text, { ...DEFAULT_TREE_LIMITS, maxExpandedNodes: 100 });
    expect(parsed.problems).toEqual([{ offset: offsetOf(text, '*a', 8), kind: 'alias', message: 'aliases expand to more than 100 nodes' }]);
    expect(toPlain(entry(parsed.documents[0]!, 'c'))).toEqual(Array(9).fill(null));
  });

  it('reports more aliases than allowed once, at the first one over the limit, and cuts the rest', () => {
    const text = `a: &a x\nb: [${Array(5).fill('*a').join(', ')}]\n`;
    const parsed = parseYamlTree(text, { ...DEFAULT_TREE_LIMITS, maxAliases: 3 });
    expect(parsed.problems).toEqual([{ offset: offsetOf(text, '*a', 3), kind: 'alias', message: 'more than 3 aliases' }]);
    expect(toPlain(parsed.documents[0])).toEqual({ a: 'x', b: ['x', 'x', 'x', null, null] });
  });
});

describe('parseYamlTree: syntax errors', () => {
  const cases: [string, string, number, string][] = [
    ['bad indentation', 'procedure:\n  id: p1\n name: x\n', 'name', 'bad indentation of a mapping entry'],
    ['a tab in the indentation', 'procedure:\n\tid: p1\n', '\tid', 'tab characters must not be used in indentation'],
    ['an unclosed flow sequence', 'a: 1\nb: [1, 2\n', '', 'deficient indentation'],
    ['a key after a list', '- a\nb: c\n', 'b: c', 'end of the stream or a document separator is expected'],
  ].map(([name, text, needle, message]) => [name, text, needle === '' ? text.length : offsetOf(text, needle), message]);

  it.each(cases)('%s gives the offset where the parser stopped', (_name, text, offset, message) => {
    expect(parseYamlTree(text)).toEqual({ documents: [], syntaxError: { offset, message }, problems: [] });
  });

  it('turns nesting deeper than maxDepth into a syntax error with an offset', () => {
    const text = 'a: [[[[[1]]]]]\n';
    const parsed = parseYamlTree(text, { ...DEFAULT_TREE_LIMITS, maxDepth: 3 });
    expect(parsed.documents).toEqual([]);
    expect(parsed.syntaxError).toEqual({ offset: 5, message: 'nesting exceeded maxDepth (3)' });
  });

  it('applies the default depth limit of 64 to block and flow nesting alike', () => {
    const flow = (depth: number) => `${'['.repeat(depth)}1${']'.repeat(depth)}\n`;
    const block = (depth: number) => Array.from({ length: depth }, (_, level) => `${'  '.repeat(level)}k:\n`).join('') + `${'  '.repeat(depth)}v: 1\n`;
    expect(parseYamlTree(flow(32)).syntaxError).toBeNull();
    expect(parseYamlTree(block(32)).syntaxError).toBeNull();
    expect(parseYamlTree(flow(10_000)).syntaxError?.message).toBe('nesting exceeded maxDepth (64)');
    expect(parseYamlTree(block(200)).syntaxError?.message).toBe('nesting exceeded maxDepth (64)');
  });
});

describe('toPlain: keys are data', () => {
  it('keeps __proto__ and constructor as own keys without touching any prototype', () => {
    const text = '__proto__: {polluted: 1}\nconstructor: {prototype: {polluted: 2}}\n';
    const parsed: ParsedYaml = parseYamlTree(text);
    const plain = toPlain(parsed.documents[0]) as Record<string, unknown>;
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((Object.prototype as unknown as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(plain)).toBeNull();
    expect(Object.keys(plain)).toEqual(['__proto__', 'constructor']);
    expect(Object.getOwnPropertyDescriptor(plain, '__proto__')?.value).toEqual({ polluted: 1 });
    expect(JSON.parse(JSON.stringify(plain.constructor))).toEqual({ prototype: { polluted: 2 } });
  });

  it('gives null for an absent document', () => {
    expect(toPlain(null)).toBeNull();
  });
});

describe('nodeAtPointer', () => {
  const text = 'procedure:\n  steps:\n    - id: s1\n      a/b: x\n      t~n: y\n';
  const root = only(text);

  it('follows map keys and sequence indexes, unescaping ~1 and ~0', () => {
    expect(nodeAtPointer(root, '')).toBe(root);
    expect(nodeAtPointer(root, '/procedure/steps/0/id')).toMatchObject({ value: 's1', start: offsetOf(text, 's1') });
    expect(nodeAtPointer(root, '/procedure/steps/0/a~1b')).toMatchObject({ value: 'x' });
    expect(nodeAtPointer(root, '/procedure/steps/0/t~0n')).toMatchObject({ value: 'y' });
  });

  it('stops at the deepest existing node', () => {
    const step = nodeAtPointer(root, '/procedure/steps/0');
    expect(nodeAtPointer(root, '/procedure/steps/0/requires/3')).toBe(step);
    expect(nodeAtPointer(root, '/procedure/steps/7')).toBe(nodeAtPointer(root, '/procedure/steps'));
  });
});
