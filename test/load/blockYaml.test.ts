import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { dump } from 'js-yaml';
import { parseBlockYaml } from '../../src/load/blockYaml.js';
import { parseYamlEvents } from '../../src/load/yamlTree.js';
import type { ItemSink, MapNode, ScalarNode, SeqNode, TreeNode } from '../../src/load/yamlTree.js';

/**
 * The block-subset reader is a shortcut: on any text it either declines (null) or gives exactly the
 * tree, offsets and problems the general reader (js-yaml's events) gives.
 */

const REPO = join(import.meta.dirname, '..', '..');
const MAX_DEPTH = 64;

function expectSameAsGeneral(text: string): void {
  const quick = parseBlockYaml(text, MAX_DEPTH);
  if (quick === null) return;
  const general = parseYamlEvents(text);
  expect(general.syntaxError).toBeNull();
  expect(quick).toEqual(general);
}

function agrees(text: string): boolean {
  const quick = parseBlockYaml(text, MAX_DEPTH);
  return quick === null || isDeepStrictEqual(quick, parseYamlEvents(text));
}

describe('parseBlockYaml: what it reads', () => {
  it('reads a procedure with compact sequences, quotes, comments and blank lines', () => {
    const text = [
      '# header comment',
      'procedure:',
      '  id: "p-01"   # trailing comment',
      "  name: '居民''养犬''登记'",
      '  version: 2020-01-10',
      '  steps:',
      '  - id: s1',
      '',
      '    requires:',
      '      - name: 亲属关系证明#不是注释  # 注释',
      '        stamp: true',
      '        note:',
      '    actor: applicant',
      '',
    ].join('\n');
    const parsed = parseBlockYaml(text, MAX_DEPTH)!;
    expect(parsed).not.toBeNull();
    const procedure = (parsed.documents[0] as MapNode).entries.get('procedure')!.value as MapNode;
    const id = procedure.entries.get('id')!.value as ScalarNode;
    expect(id).toEqual({ kind: 'scalar', value: 'p-01', start: text.indexOf('"p-01"'), end: text.indexOf('"p-01"') + 6 });
    expect((procedure.entries.get('name')!.value as ScalarNode).value).toBe("居民'养犬'登记");
    const steps = procedure.entries.get('steps')!.value as SeqNode;
    expect(steps.start).toBe(text.indexOf('- id: s1'));
    const requirement = ((steps.items[0] as MapNode).entries.get('requires')!.value as SeqNode).items[0] as MapNode;
    expect((requirement.entries.get('name')!.value as ScalarNode).value).toBe('亲属关系证明#不是注释');
    expect(requirement.entries.get('stamp')!.value).toMatchObject({ value: true, source: 'true' });
    expect(requirement.entries.get('note')!.value).toMatchObject({ value: null, start: text.indexOf('note:') });
    expect(parsed).toEqual(parseYamlEvents(text));
  });

  it('reads CRLF line ends (files saved on Windows) with the offsets js-yaml gives', () => {
    const text = 'procedure:\r\n  id: a  \r\n  # c\r\n\r\n  steps:\r\n  - id: "s1"\r\n    name:\r\n';
    const parsed = parseBlockYaml(text, MAX_DEPTH);
    expect(parsed).not.toBeNull();
    expect(parsed).toEqual(parseYamlEvents(text));
  });

  it('reads documents separated by --- the way js-yaml does', () => {
    const text = '---   # first\nprocedure:\n  id: a\n---\n- x\n--- \nb: 2\n';
    const parsed = parseBlockYaml(text, MAX_DEPTH)!;
    expect(parsed.documents).toHaveLength(3);
    expect(parsed).toEqual(parseYamlEvents(text));
  });

  it('reports a duplicate key as the general reader does', () => {
    const text = 'procedure:\n  id: a\n  id: b\n';
    const parsed = parseBlockYaml(text, MAX_DEPTH)!;
    expect(parsed.problems).toEqual([{ offset: text.lastIndexOf('id'), kind: 'duplicate-key', message: 'duplicate key "id"' }]);
    expect(parsed).toEqual(parseYamlEvents(text));
  });

  it.each([
    ['a flow collection', 'a: [1, 2]\n'],
    ['an anchor and alias', 'a: &x 1\nb: *x\n'],
    ['a tag', 'a: !!str 1\n'],
    ['a block scalar', 'a: |\n  text\n'],
    ['a multi-line plain scalar', 'a: one\n  two\n'],
    ['a quoted scalar over two lines', 'a: "one\n  two"\n'],
    ['an escape in double quotes', 'a: "\\u793e"\n'],
    ['a quoted key (JSON)', '{"a": 1}\n'],
    ['an empty document', 'a: 1\n---\n# nothing\n'],
    ['an indented marker after a comment', '# c\n ---\na: 1\n'],
    ['an indented marker after a scalar', 'x\n  ---\ny\n'],
    ['a document end marker', 'a: 1\n...\n'],
    ['content on a document marker', '--- a: 1\n'],
    ['a tab', 'a:\t1\n'],
    ['a CR alone', 'a: 1\rb: 2\n'],
    ['a BOM', '\uFEFFa: 1\n'],
    ['a merge key', 'a: 1\n<<: {b: 2}\n'],
    ['a value that is a mapping on one line', 'a: b: c\n'],
    ['an empty sequence entry', 'a:\n- \n- x\n'],
    ['a nested compact sequence', '- - x\n'],
    ['a key after a sequence at the same indentation', '- a\nb: 1\n'],
    ['an empty file', ''],
    ['only comments', '# nothing\n'],
    ['a lone surrogate', 'a: \uD800\n'],
    ['a deeper line after a scalar', 'a: 1\n   b: 2\n'],
  ])('leaves %s to js-yaml', (_, text) => {
    expect(parseBlockYaml(text, MAX_DEPTH)).toBeNull();
  });

  it('leaves nesting deeper than half the depth limit to js-yaml', () => {
    const deep = Array.from({ length: 6 }, (_, level) => `${' '.repeat(level * 2)}k${level}:`).join('\n') + ' x\n';
    expect(parseBlockYaml(deep, 12)).not.toBeNull();
    expect(parseBlockYaml(deep, 10)).toBeNull();
  });

  it('reads every shipped example, rule file and block-style fixture the way js-yaml does', () => {
    const files = [
      ...listYaml(join(REPO, 'examples')),
      ...listYaml(join(REPO, 'rules')),
      ...listYaml(join(REPO, 'test', 'fixtures', 'procedures')),
    ];
    let read = 0;
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      expectSameAsGeneral(text);
      if (parseBlockYaml(text, MAX_DEPTH) !== null) read++;
    }
    // The shortcut must actually be taken on ordinary files, or it buys nothing.
    expect(read / files.length).toBeGreaterThan(0.8);
  });
});

describe('parseBlockYaml: a sink takes the items at its path', () => {
  const text = [
    'procedure:',
    '  id: p1',
    '  steps:',
    '    - id: s1',
    '      steps:',          // the same key deeper down is not the sink's path
    '        - inner',
    '    - id: s2',
    '  other:',
    '    - kept',
    '---',
    'procedure:',
    '  steps:',
    '  - id: t1',
    'steps:',                // the same key at the root is not the sink's path either
    '  - root',
    '',
  ].join('\n');

  function collect(): { taken: [number, number, TreeNode][]; sink: ItemSink } {
    const taken: [number, number, TreeNode][] = [];
    return { taken, sink: { path: ['procedure', 'steps'], take: (item, index, document) => taken.push([document, index, item]) } };
  }

  it('hands over each item with its index and document, in order, and leaves the sequence empty', () => {
    const { taken, sink } = collect();
    const streamed = parseBlockYaml(text, MAX_DEPTH, sink)!;
    const whole = parseBlockYaml(text, MAX_DEPTH)!;
    const stepsOf = (document: TreeNode | null) => ((document as MapNode).entries.get('procedure')!.value as MapNode).entries.get('steps')!.value as SeqNode;
    expect(taken.map(([document, index]) => [document, index])).toEqual([[0, 0], [0, 1], [1, 0]]);
    expect(taken.map(([, , item]) => item)).toEqual([...stepsOf(whole.documents[0]).items, ...stepsOf(whole.documents[1]).items]);
    // The sequence keeps its place and extent; everything off the path is read as always.
    const emptied = stepsOf(streamed.documents[0]);
    expect(emptied).toEqual({ ...stepsOf(whole.documents[0]), items: [] });
    for (const document of [0, 1]) stepsOf(whole.documents[document]).items = [];
    expect(streamed).toEqual(whole);
  });

  it('hands over the mapping that holds the sequence, with the entries read before it', () => {
    const keysSeen: string[][] = [];
    const sink: ItemSink = { path: ['procedure', 'steps'], take: (_item, _index, _document, holder) => keysSeen.push([...holder.entries.keys()]) };
    parseBlockYaml(text, MAX_DEPTH, sink);
    expect(keysSeen).toEqual([['id'], ['id'], []]);
  });

  it('declines as it would without a sink, after items were handed over (the caller voids them)', () => {
    const declined = `${text.split('---')[0]}  late: [flow]\n`;
    const { taken, sink } = collect();
    expect(parseBlockYaml(declined, MAX_DEPTH, sink)).toBeNull();
    expect(taken.length).toBe(2);
    expect(parseBlockYaml(declined, MAX_DEPTH)).toBeNull();
  });
});

function listYaml(directory: string): string[] {
  return readdirSync(directory, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.ya?ml$/.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name));
}

describe('parseBlockYaml: properties', () => {
  const scalarText = fc.oneof(
    fc.constantFrom('社区居委会', '村委会盖章', 'a b', 'x:y', 'a #b', 'a#b', '1', '-5', '0x1F', '.inf', '~', 'null', 'True', '2020-01-01',
      '"双引号"', "'单''引号'", '"a\\"b"', "'open", '[a]', '{a: 1}', '&a x', '*a', '!!str 1', '|', '>', '- x', 'x:', ': x',
      '? x', '@x', '`x', '%x', 'a: b', '#c', '', ' ', '\u3000全角', '𠀀字'),
    fc.string({ unit: 'grapheme', maxLength: 8 }),
  );
  const keyText = fc.oneof(fc.constantFrom('id', 'name', '名称', 'a b', '1', 'true', '<<', 'k#x', 'k #x', '-k', '"q"', "'q'", 'k '), scalarText);
  const line = fc.record({
    indent: fc.integer({ min: 0, max: 6 }),
    dash: fc.constantFrom('', '', '- ', '-  ', '-'),
    key: fc.option(keyText, { nil: undefined }),
    separator: fc.constantFrom(': ', ':', ':  ', ' : ', ':\t'),
    value: fc.option(scalarText, { nil: undefined }),
    comment: fc.constantFrom('', '', ' # note', '#x'),
  }).map(({ indent, dash, key, separator, value, comment }) =>
    ' '.repeat(indent) + dash + (key === undefined ? '' : key + separator) + (value ?? '') + comment);
  const document = fc.tuple(
    fc.array(fc.oneof(line, line, line, fc.constantFrom('', '# c', '---', ' ---', '  ---', '--- # c', '---x', '...', '  ')), { maxLength: 12 }),
    fc.constantFrom('\n', '\n', '\r\n'),
  ).map(([lines, end]) => lines.join(end) + end);

  it('(a) on line soup it declines or agrees with js-yaml', () => {
    fc.assert(fc.property(document, (text) => agrees(text)), { numRuns: 3000 });
  });

  const value: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
    tree: fc.oneof({ depthSize: 'small' }, tie('scalar'), tie('map'), tie('list')),
    scalar: fc.oneof(fc.string({ unit: 'grapheme', maxLength: 10 }), fc.integer(), fc.boolean(), fc.constant(null), fc.double()),
    map: fc.dictionary(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 6 }), tie('tree'), { maxKeys: 4 }),
    list: fc.array(tie('tree'), { maxLength: 4 }),
  })).tree;
  const style = fc.record({
    indent: fc.integer({ min: 1, max: 4 }),
    noArrayIndent: fc.boolean(),
    quotingType: fc.constantFrom<'"' | "'">('"', "'"),
    forceQuotes: fc.boolean(),
    flowLevel: fc.constantFrom(-1, -1, 2),
  });

  it('(b) on what js-yaml writes in block style it agrees with js-yaml', () => {
    fc.assert(
      fc.property(value, style, (tree, options) => {
        const text = dump(tree, { ...options, lineWidth: -1 });
        return agrees(text);
      }),
      { numRuns: 2000 },
    );
  });

  /** One edit of written YAML: a tricky character put somewhere, or a line moved in or out. */
  const mutation = fc.record({
    at: fc.nat(),
    kind: fc.constantFrom('insert', 'indent', 'outdent'),
    text: fc.constantFrom(' ', '  ', ':', ': ', ' #', '#', '-', '- ', '"', "'", "''", '\\', '[', '&', '*', '!', '|', '>', '?', '\n', '\n  ', '\r', '\r\n', 'x'),
  });

  it('(c) on written YAML with small edits it declines or agrees with js-yaml', () => {
    fc.assert(
      fc.property(value, style, fc.boolean(), fc.array(mutation, { minLength: 1, maxLength: 3 }), (tree, options, crlf, edits) => {
        let text = dump(tree, { ...options, lineWidth: -1 });
        if (crlf) text = text.replace(/\n/g, '\r\n');
        for (const { at, kind, text: inserted } of edits) {
          const offset = at % (text.length + 1);
          const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
          if (kind === 'insert') text = text.slice(0, offset) + inserted + text.slice(offset);
          else if (kind === 'indent') text = text.slice(0, lineStart) + ' ' + text.slice(lineStart);
          else if (text[lineStart] === ' ') text = text.slice(0, lineStart) + text.slice(lineStart + 1);
        }
        return agrees(text);
      }),
      { numRuns: 3000 },
    );
  });
});
