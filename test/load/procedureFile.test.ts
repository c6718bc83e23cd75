import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { loadProcedureFile } from '../../src/load/procedureFile.js';
import { DEFAULT_MAX_FILE_SIZE, readProcedureFile } from '../../src/load/readProcedureFile.js';
import type { Procedure, SourceFile, StepConsumer } from '../../src/model/procedure.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'load');

/** The load findings of a file as [ruleId, line, column], in the order they were raised. */
function positions(file: SourceFile): [string, number, number][] {
  return file.loadFindings.map((finding) => [finding.ruleId, finding.line, finding.column]);
}

const lines = (...content: string[]) => `${content.join('\n')}\n`;

/** A valid procedure head, to which each case adds what it breaks. */
const HEAD = ['procedure:', '  id: p1', '  name: 养老保险待遇领取', '  department: human-resources'];
const ONE_STEP = ['  steps:', '    - id: apply', '      name: 提交申请'];

interface Case {
  name: string;
  path?: string;
  text: string;
  strict?: boolean;
  findings: [string, number, number][];
  /** Ids of the procedures still loaded. */
  loaded?: string[];
}

const CASES: Case[] = [
  { name: 'a valid YAML procedure', text: lines(...HEAD, ...ONE_STEP), findings: [], loaded: ['p1'] },
  {
    name: 'no procedure key: at the root map',
    text: lines('# a comment first', 'name: 养老保险', 'steps: []'),
    findings: [['schema-error', 2, 1]],
  },
  {
    name: 'no steps: at the procedure map',
    text: lines(...HEAD),
    findings: [['schema-error', 2, 3]],
  },
  {
    name: 'an empty steps list: at the list',
    text: lines(...HEAD, '  steps: []'),
    findings: [['schema-error', 5, 10]],
  },
  {
    name: 'a step without id: at the step',
    text: lines(...HEAD, '  steps:', '    - name: 提交申请'),
    findings: [['schema-error', 6, 7]],
  },
  {
    name: 'stamp: "yes" is text in YAML 1.2, not a boolean: at the value',
    text: lines(...HEAD, ...ONE_STEP, '      requires:', '        - name: 收入证明', '          stamp: yes'),
    findings: [['schema-error', 10, 18]],
  },
  {
    name: 'a quoted "true" stamp: at the value\'s opening quote',
    text: lines(...HEAD, ...ONE_STEP, '      requires:', '        - name: 收入证明', '          stamp: "true"'),
    findings: [['schema-error', 10, 18]],
  },
  {
    name: 'an id with a space: at the id\'s opening quote',
    text: lines('procedure:', '  id: "p 1"', ...HEAD.slice(2), ...ONE_STEP),
    findings: [['schema-error', 2, 7]],
  },
  { name: 'an empty file', text: '', findings: [['schema-error', 1, 1]] },
  { name: 'a file of comments', text: lines('# nothing here yet'), findings: [['schema-error', 1, 1]] },
  { name: 'a scalar root', text: lines('just some text'), findings: [['schema-error', 1, 1]] },
  { name: 'a list root', text: lines('# a list', '- a', '- b'), findings: [['schema-error', 2, 1]] },
  {
    name: 'bad indentation: where the parser stops',
    text: lines('procedure:', '  id: p1', ' name: 养老保险'),
    findings: [['parse-error', 3, 2]],
  },
  {
    name: 'a tab in the indentation',
    text: lines('procedure:', '\tid: p1'),
    findings: [['parse-error', 2, 1]],
  },
  {
    name: 'an unclosed double quote: where the next line is not indented enough to continue it',
    text: lines('procedure:', '  id: "p1', '  name: 养老保险'),
    findings: [['parse-error', 3, 3]],
  },
  {
    name: 'an unclosed single quote: at the end of the file',
    text: lines(...HEAD, ...ONE_STEP, "      description: '未闭合"),
    findings: [['parse-error', 9, 1]],
  },
  {
    name: 'a JSON trailing comma: at the closing brace',
    path: 'procedure.json',
    text: lines('{', '  "procedure": {', '    "id": "p1",', '  }', '}'),
    findings: [['parse-error', 4, 3]],
  },
  {
    name: 'the same trailing comma in a .yaml file is YAML, so only the schema complains (name, department, steps)',
    path: 'procedure.yaml',
    text: lines('{', '  "procedure": {', '    "id": "p1",', '  }', '}'),
    findings: [['schema-error', 2, 16], ['schema-error', 2, 16], ['schema-error', 2, 16]],
  },
  {
    name: 'an empty .json file',
    path: 'procedure.json',
    text: '',
    findings: [['parse-error', 1, 1]],
  },
  {
    name: 'a valid JSON procedure',
    path: 'procedure.JSON',
    text: JSON.stringify({ procedure: { id: 'json-1', name: '事项', department: 'health', steps: [{ id: 's1', name: '提交' }] } }, null, 2),
    findings: [],
    loaded: ['json-1'],
  },
  {
    name: 'a duplicate key: at the repeated key; the first value is kept',
    text: lines('procedure:', '  id: p1', '  id: p2', ...HEAD.slice(2), ...ONE_STEP),
    findings: [['duplicate-key', 3, 3]],
    loaded: ['p1'],
  },
  {
    name: 'a duplicate step key deep down',
    text: lines(...HEAD, ...ONE_STEP, '      name: 重复'),
    findings: [['duplicate-key', 8, 7]],
    loaded: ['p1'],
  },
  {
    name: 'unknown fields are allowed without --strict',
    text: lines(...HEAD, '  colour: red', ...ONE_STEP),
    findings: [],
    loaded: ['p1'],
  },
  {
    name: 'unknown fields under --strict: a warning at each key',
    strict: true,
    text: lines(
      ...HEAD,
      '  colour: red',
      ...ONE_STEP,
      '      extra: 1',
      '      requires:',
      '        - name: 身份证',
      '          foo: bar',
      'meta: 1',
    ),
    findings: [['unknown-field', 13, 1], ['unknown-field', 5, 3], ['unknown-field', 9, 7], ['unknown-field', 12, 11]],
    loaded: ['p1'],
  },
  {
    name: 'one bad and one good document: the good one is still loaded',
    text: lines('procedure:', '  id: bad', '---', ...HEAD, ...ONE_STEP),
    findings: [['schema-error', 2, 3], ['schema-error', 2, 3], ['schema-error', 2, 3]],
    loaded: ['p1'],
  },
  {
    name: 'two good documents',
    text: lines(...HEAD, ...ONE_STEP, '---', 'procedure:', '  id: p2', ...HEAD.slice(2), ...ONE_STEP),
    findings: [],
    loaded: ['p1', 'p2'],
  },
  {
    name: 'an unknown alias: a parse-error at the star, and the procedure is invalid',
    text: lines(...HEAD, ...ONE_STEP, '      description: *nope'),
    findings: [['parse-error', 8, 20], ['schema-error', 8, 20]],
  },
  {
    name: 'a CRLF file: positions as in an LF file',
    text: lines(...HEAD, '  steps:', '    - name: 提交申请').replace(/\n/g, '\r\n'),
    findings: [['schema-error', 6, 7]],
  },
];

describe('loadProcedureFile: load findings', () => {
  it.each(CASES)('$name', (testCase) => {
    const file = loadProcedureFile(testCase.path ?? 'procedure.yaml', testCase.text, { strict: testCase.strict === true });
    expect(positions(file)).toEqual(testCase.findings);
    expect(file.procedures.map((procedure) => procedure.id)).toEqual(testCase.loaded ?? []);
  });

  it('gives file-level findings the file, a severity and no procedure, step or rule source', () => {
    const file = loadProcedureFile('forms/a.yaml', lines(...HEAD), { strict: false });
    expect(file.loadFindings).toEqual([{
      file: 'forms/a.yaml', procedureId: null, department: null, stepId: null, requirementIndex: null,
      ruleId: 'schema-error', severity: 'error', message: expect.objectContaining({ en: expect.stringContaining("'steps'") }),
      remedy: null, source: null, fingerprint: null, line: 2, column: 3, endLine: 4, endColumn: 30,
    }]);
  });

  it('makes unknown-field a warning and the others errors', () => {
    const strict = loadProcedureFile('a.yaml', lines(...HEAD, '  colour: red', ...ONE_STEP), { strict: true });
    expect(strict.loadFindings.map((finding) => [finding.ruleId, finding.severity, finding.endLine, finding.endColumn])).toEqual([['unknown-field', 'warning', 5, 9]]);
  });

  it('treats __proto__ and constructor as ordinary (unknown) fields', () => {
    const text = lines(...HEAD, '  __proto__: {polluted: 1}', '  constructor: {prototype: {polluted: 2}}', ...ONE_STEP);
    const file = loadProcedureFile('a.yaml', text, { strict: true });
    expect(positions(file)).toEqual([['unknown-field', 5, 3], ['unknown-field', 6, 3]]);
    expect(file.procedures.map((procedure) => procedure.id)).toEqual(['p1']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('reads numeric ids as text', () => {
    const file = loadProcedureFile('a.yaml', lines('procedure:', '  id: 2024', ...HEAD.slice(2), '  steps:', '    - id: 1', '      name: 提交'), { strict: false });
    expect(file.procedures[0].id).toBe('2024');
    expect(file.procedures[0].steps[0].id).toBe('1');
  });
  it('keeps the written text of a numeric-looking id', () => {
    const file = loadProcedureFile('a.yaml', lines(...HEAD, '  steps:', '    - id: 01', '      name: 提交', '    - id: 1.10', '      name: 审核'), { strict: false });
    expect(file.procedures[0].steps.map((step) => step.id)).toEqual(['01', '1.10']);
  });
  it('puts a schema error about an empty value on that value\'s line', () => {
    const file = loadProcedureFile('a.yaml', lines(...HEAD, '  steps:'), { strict: false });
    expect(file.loadFindings).toHaveLength(1);
    const [finding] = file.loadFindings;
    expect([finding.ruleId, finding.line]).toEqual(['schema-error', 5]);
    expect([3, 9]).toContain(finding.column);
    expect(finding.endLine * 10_000 + finding.endColumn).toBeGreaterThanOrEqual(finding.line * 10_000 + finding.column);
  });

  it('builds the procedure model with source ranges', () => {
    const text = lines(...HEAD, ...ONE_STEP, '      requires:', '        - name: 收入证明', '          issuer: 村委会', '          stamp: true');
    const file = loadProcedureFile('a.yaml', text, { strict: false });
    const [procedure] = file.procedures;
    expect(procedure).toMatchObject({ id: 'p1', department: 'human-resources', departmentName: null, version: null });
    const requirement = procedure.steps[0].requirements[0];
    expect(requirement).toMatchObject({ index: 0, stamp: true, name: { text: '收入证明' }, issuer: { text: '村委会' }, purpose: null, note: null });
    expect(file.locate(requirement.name!.range)).toEqual({ line: 9, column: 17, endLine: 9, endColumn: 21 });
    expect(file.locate(requirement.range)).toEqual({ line: 9, column: 11, endLine: 11, endColumn: 22 });
  });
});

describe('loadProcedureFile: read step by step or whole, the same', () => {
  // A tab in a last comment line sends a file to js-yaml, read whole, without moving anything before it.
  const readWhole = (text: string) => `${text.endsWith('\n') ? text : `${text}\n`}#\t\n`;
  const REPO = join(import.meta.dirname, '..', '..');
  const files = [join(REPO, 'examples'), join(REPO, 'test', 'fixtures', 'procedures')].flatMap((directory) =>
    readdirSync(directory, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile() && /\.ya?ml$/.test(entry.name))
      .map((entry) => join(entry.parentPath, entry.name)));

  it('gives every example and fixture the same procedures, positions and --strict warnings', () => {
    expect(files.length).toBeGreaterThan(400);
    for (const path of files) {
      const text = readFileSync(path, 'utf8');
      const stepwise = loadProcedureFile(path, text, { strict: true });
      const whole = loadProcedureFile(path, readWhole(text), { strict: true });
      expect({ path, procedures: stepwise.procedures, findings: stepwise.loadFindings })
        .toEqual({ path, procedures: whole.procedures, findings: whole.loadFindings });
    }
  });

  it('reports a bad step far down a long file as reading it whole does', () => {
    const step = (index: number) => [`    - id: s${index}`, `      name: 第${index}步`, '      requires:', '        - name: 收入证明', '          issuer: 村委会'];
    const steps = Array.from({ length: 200 }, (_, index) => step(index)).flat();
    steps[5 * 150 + 1] = '      name: ""';
    const text = lines(...HEAD, '  steps:', ...steps, '  extra: 1');
    const file = loadProcedureFile('a.yaml', text, { strict: true });
    expect(file.procedures).toEqual([]);
    expect(positions(file)).toEqual([['schema-error', 5 + 5 * 150 + 2, 13]]);
    expect(positions(file)).toEqual(positions(loadProcedureFile('a.yaml', readWhole(text), { strict: true })));
  });
});

describe('loadProcedureFile: steps handed to a consumer as they are read', () => {
  /** Records what a consumer is handed: each step's id with its procedure, and each discard. */
  function recorder(): StepConsumer & { events: (string | [Procedure, string])[] } {
    const events: (string | [Procedure, string])[] = [];
    return { events, take: (procedure, step) => events.push([procedure, step.id]), discard: () => events.push('discard') };
  }
  const TWO_STEPS = ['  steps:', '    - id: s1', '      name: 受理', '    - id: s2', '      name: 审核'];

  it('hands on each step with its procedure, which lists none, in every document', () => {
    const consumer = recorder();
    const text = lines(...HEAD, ...TWO_STEPS, '---', 'procedure:', '  id: p2', '  name: 低保申请', '  department: civil-affairs', '  steps:', '    - id: t1', '      name: 受理');
    const file = loadProcedureFile('a.yaml', text, { strict: true }, consumer);
    const [first, second] = file.procedures;
    expect(consumer.events).toEqual([[first, 's1'], [first, 's2'], [second, 't1']]);
    expect(file.procedures.map((procedure) => [procedure.id, procedure.name?.text, procedure.steps])).toEqual([['p1', '养老保险待遇领取', []], ['p2', '低保申请', []]]);
    // The procedure handed on is the one returned, with its whole extent.
    expect(file.locate(first.range)).toEqual({ line: 2, column: 3, endLine: 9, endColumn: 15 });
    expect(file.loadFindings).toEqual([]);
  });

  it('holds the steps of a procedure whose id or department comes after them', () => {
    const consumer = recorder();
    const file = loadProcedureFile('a.yaml', lines('procedure:', '  id: p1', '  name: 低保申请', ...TWO_STEPS, '  department: civil-affairs'), { strict: false }, consumer);
    expect(consumer.events).toEqual([]);
    expect(file.procedures[0].steps.map((step) => step.id)).toEqual(['s1', 's2']);
  });

  it.each([
    ['a name after the steps, which they were handed on without', lines('procedure:', '  id: p1', '  department: civil-affairs', ...TWO_STEPS, '  name: 低保申请'), []],
    ['a step that breaks the schema after others were handed on', lines(...HEAD, ...TWO_STEPS, '    - name: 无编号'), [['schema-error', 10, 7]]],
    ['a step the block reader declines after others were handed on', lines(...HEAD, ...TWO_STEPS, '    - id: s3', '      name: |', '        发证'), []],
  ])('voids what it handed on and reads the file whole: %s', (_case, text, findings) => {
    const consumer = recorder();
    const file = loadProcedureFile('a.yaml', text, { strict: false }, consumer);
    expect(consumer.events).toEqual([[expect.anything(), 's1'], [expect.anything(), 's2'], 'discard']);
    expect(positions(file)).toEqual(findings);
    expect(file).toEqual({ ...loadProcedureFile('a.yaml', text, { strict: false }), locate: expect.any(Function) });
  });
});

describe('readProcedureFile: files on disk', () => {
  const read = (name: string, strict = false) => readProcedureFile(name, join(FIXTURES, name), { strict, maxFileSize: DEFAULT_MAX_FILE_SIZE });

  it('loads a valid JSON procedure', () => {
    const file = read('valid-procedure.json');
    expect(file.loadFindings).toEqual([]);
    expect(file.procedures.map((procedure) => [procedure.id, procedure.steps.map((step) => step.id)])).toEqual([['json-pension', ['apply']]]);
  });

  it('drops a UTF-8 byte order mark before positions are counted', () => {
    expect(positions(read('bom-step-without-name.yaml'))).toEqual([['schema-error', 6, 7]]);
  });

  it('reports each schema error of a CRLF file at its own line', () => {
    expect(positions(read('crlf-schema-error.yaml'))).toEqual([['schema-error', 6, 7], ['schema-error', 9, 18]]);
  });

  it('reports a JSON syntax error of a file at the offending character', () => {
    expect(positions(read('trailing-comma.json'))).toEqual([['parse-error', 4, 3]]);
  });

  it('turns a missing file into a finding at 1:1, not an exception', () => {
    const file = read('no-such-file.yaml');
    expect(positions(file)).toEqual([['read-error', 1, 1]]);
    expect(file.loadFindings[0].file).toBe('no-such-file.yaml');
    expect(file.procedures).toEqual([]);
  });
});
