import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { loadRules } from '../../src/config/loadRules.js';
import { checkProcedures } from '../../src/engine/checkProcedures.js';
import { loadProcedureFile } from '../../src/load/procedureFile.js';

/**
 * Hostile input, through the real binary: each row writes its inputs into a directory of its own,
 * next to a good procedure, checks the directory, and asserts the exit code, every finding's rule id,
 * line and column, a stderr without stack traces, and that the good procedure is still reported
 * (a broken file never ends the run).
 */

const REPO = join(import.meta.dirname, '..', '..');
const require = createRequire(import.meta.url);
const iconv = require('iconv-lite') as typeof import('iconv-lite');
const toTraditional = (require('opencc-js/cn2t') as typeof import('opencc-js')).Converter({ from: 'cn', to: 'tw' });
const AS_OF = '2026-01-01';
const STACK_LINE = /^\s+at /m;
const lines = (...content: string[]) => `${content.join('\n')}\n`;

/** A procedure whose second requirement (line 11, column 11) asks the residents' committee for a kinship certificate. */
function procedure(id: string): string {
  return lines(
    "# One requirement asks the residents' committee for a kinship certificate.",
    'procedure:',
    `  id: ${id}`,
    '  name: 养老保险待遇领取',
    '  department: human-resources',
    '  steps:',
    '    - id: apply',
    '      name: 提交申请',
    '      requires:',
    '        - name: 居民身份证',
    '        - name: 亲属关系证明',
    '          issuer: 社区居委会',
    '          stamp: true',
  );
}
const KINSHIP = 'no-community-kinship-certificate';
const GOOD_FINDING: Expected = ['good.yaml', KINSHIP, 11, 11];

/** Mostly ASCII with one short GBK word: too little for the detector, so only --encoding reads it. */
const SHORT_GBK = iconv.encode(lines(
  'procedure:', '  id: gbk-short', '  name: hukou', '  department: public-security', '  steps:', '    - id: apply',
  '      name: apply', '      requires:', '        - name: 户口证明', '          issuer: community',
), 'gbk');

/** Nine levels of nine aliases each: 9^9 nodes once expanded. */
function aliasBomb(): string {
  const names = 'abcdefghij';
  const bomb = [`lol0: &a [${Array(9).fill('"lol"').join(', ')}]`];
  for (let level = 1; level < 10; level++) bomb.push(`lol${level}: &${names[level]} [${Array(9).fill(`*${names[level - 1]}`).join(', ')}]`);
  return lines('procedure:', '  id: bomb', '  name: 炸弹', '  department: civil-affairs', '  steps:', '    - id: a', '      name: b', ...bomb);
}

/** Each anchor wraps the one before in 60 brackets: never deeper than 64 as written, 9,000 deep once expanded. */
function aliasTower(levels = 150): string {
  const tower = ['l0: &l0 x'];
  for (let k = 1; k <= levels; k++) tower.push(`l${k}: &l${k} ${'['.repeat(60)}*l${k - 1}${']'.repeat(60)}`);
  return `${procedure('alias-tower')}${lines(...tower)}`;
}

const LONG_NAME = '养'.repeat(1_000_000); // 3 MB of UTF-8 on one line
const FLOW_PREFIX = `{procedure: {id: flow-long, name: ${LONG_NAME}, department: human-resources, steps: [{id: a, name: b, requires: [`;
const FLOW_LINE = `${FLOW_PREFIX}{name: 亲属关系证明, issuer: 社区居委会}]}]}}\n`;

type Entry = string | Uint8Array | { symlink: string } | { fifo: true };
/** [file relative to the row's directory, rule id, line, column]; null line and column: anywhere. */
type Expected = [string, string, number | null, number | null];
interface Result {
  status: number | null;
  stdout: string;
  stderr: string;
  seconds: number;
}

interface Row {
  name: string;
  /** The hostile inputs, written into the row's own directory. */
  files: () => Record<string, Entry>;
  /** The good procedure next to them, and its encoding; false for none. */
  good?: 'utf-8' | 'gbk' | false;
  /** Command-line arguments before `-f json`; default: the row's directory. */
  args?: (dir: string) => string[];
  exit: number;
  /** Every finding of the run but the good file's; undefined when the run writes no report. */
  findings?: Expected[];
  /** Findings the run may report or not (a bug row accepts either way of fixing it). */
  mayAlsoReport?: [string, string][];
  /** What each hostile finding's English message must say. */
  message?: RegExp;
  /** What stderr must match; default: empty. */
  stderr?: RegExp;
  /** Wall-clock limit for the whole run, process start included. */
  seconds?: number;
  /** Symlinks and FIFOs: not on Windows. */
  posixOnly?: boolean;
  /** Further checks on the row's directory after the run. */
  after?: (dir: string, result: Result) => void;
  /** Set when the row shows a bug: the test is expected to fail until src/ is fixed. */
  bug?: string;
}

const ONE_LINE = (pattern: string) => new RegExp(`^stampcheck: ${pattern}[^\\n]*\\n$`);

const ROWS: Row[] = [
  // Malformed YAML: a parse-error where the parser stops.
  { name: 'bad indentation', files: () => ({ 'x.yaml': lines('procedure:', '  id: p1', ' name: x') }), exit: 1, findings: [['x.yaml', 'parse-error', 3, 2]] },
  { name: 'tab indentation', files: () => ({ 'x.yaml': lines('procedure:', '\tid: p1') }), exit: 1, findings: [['x.yaml', 'parse-error', 2, 1]] },
  { name: 'unclosed quote', files: () => ({ 'x.yaml': lines('procedure:', '  id: p1', '  name: "养老') }), exit: 1, findings: [['x.yaml', 'parse-error', 4, 1]] },
  // Malformed JSON: JSON's rules, not YAML's, for a .json file.
  {
    name: 'JSON with a trailing comma',
    files: () => ({ 'x.json': lines('{', '  "procedure": {', '    "id": "p1",', '  }', '}') }),
    exit: 1,
    findings: [['x.json', 'parse-error', 4, 3]],
  },
  {
    name: 'truncated JSON: where the input ends',
    files: () => ({ 'x.json': lines('{', '  "procedure": {', '    "id":') }),
    exit: 1,
    findings: [['x.json', 'parse-error', null, null]],
    after: (_dir, { stdout }) => {
      const [finding] = (JSON.parse(stdout) as { findings: JsonFinding[] }).findings.filter((candidate) => candidate.file.endsWith('x.json'));
      expect(finding.line).toBeGreaterThanOrEqual(3);
    },
  },
  // Files that parse but are no procedure.
  { name: 'empty file', files: () => ({ 'x.yaml': '' }), exit: 1, findings: [['x.yaml', 'schema-error', 1, 1]] },
  { name: 'scalar root', files: () => ({ 'x.yaml': lines('# a note', 'just some text') }), exit: 1, findings: [['x.yaml', 'schema-error', 2, 1]] },
  { name: 'list root', files: () => ({ 'x.yaml': lines('# a list', '- a', '- b') }), exit: 1, findings: [['x.yaml', 'schema-error', 2, 1]] },
  {
    name: 'missing fields: at the procedure map',
    files: () => ({ 'x.yaml': lines('procedure:', '  name: 养老保险') }),
    exit: 1,
    findings: [['x.yaml', 'schema-error', 2, 3]],
    message: /required property/,
  },
  {
    name: 'wrongly typed fields: at each value',
    files: () => ({ 'x.yaml': lines('procedure:', '  id: p1', '  name: 养老保险', '  department: 5', '  steps: yes') }),
    exit: 1,
    findings: [['x.yaml', 'schema-error', 4, 15], ['x.yaml', 'schema-error', 5, 10]],
    message: /must be (string|array)/,
  },
  {
    name: 'duplicate keys: at the second key, and the procedure is still checked',
    files: () => ({ 'x.yaml': procedure('dup').replace('  name: 养老保险待遇领取\n', '  name: 养老保险待遇领取\n  name: 又一个名字\n') }),
    exit: 1,
    findings: [['x.yaml', 'duplicate-key', 5, 3], ['x.yaml', KINSHIP, 12, 11]],
  },
  // Bytes that are not text.
  {
    name: 'binary file with NUL bytes',
    files: () => ({ 'x.yaml': Buffer.from('procedure:\n  id: p\0x\n', 'latin1') }),
    exit: 1,
    findings: [['x.yaml', 'encoding-error', 2, 8]],
    message: /byte offset 18\b/,
  },
  {
    name: 'undecodable bytes in a UTF-8 file without BOM',
    files: () => ({ 'x.yaml': Buffer.concat([Buffer.from('procedure:\n  id: '), Buffer.from([0xff, 0xfe, 0x80]), Buffer.from('\n')]) }),
    exit: 1,
    findings: [['x.yaml', 'encoding-error', 2, 7]],
    message: /byte offset 17\b/,
  },
  {
    name: 'UTF-16LE with an odd number of bytes',
    files: () => ({ 'x.yaml': Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(procedure('utf16-odd'), 'utf16le'), Buffer.from([0x41])]) }),
    exit: 1,
    findings: [['x.yaml', 'encoding-error', 14, 1]],
    message: new RegExp(`byte offset ${2 + 2 * procedure('utf16-odd').length}\\b`),
  },
  {
    name: 'UTF-16LE with BOM holding a real U+FFFD',
    files: () => ({ 'x.yaml': Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(`${procedure('utf16-fffd')}# \ufffd\n`, 'utf16le')]) }),
    exit: 1,
    findings: [['x.yaml', KINSHIP, 11, 11]],
  },
  // Parser limits.
  {
    name: 'alias bomb (billion laughs): one parse-error, fast, the procedure still checked',
    files: () => ({ 'x.yaml': aliasBomb() }),
    exit: 1,
    findings: [['x.yaml', 'parse-error', 14, 11]],
    message: /aliases expand to more than/,
    seconds: 10,
  },
  {
    name: 'aliases that nest past the depth limit once expanded',
    files: () => ({ 'x.yaml': aliasTower() }),
    exit: 1,
    findings: [['x.yaml', KINSHIP, 11, 11]],
    mayAlsoReport: [['x.yaml', 'parse-error']],
  },
  {
    name: '20,000-deep YAML nesting',
    files: () => ({ 'x.yaml': `procedure: ${'['.repeat(20_000)}${']'.repeat(20_000)}\n` }),
    exit: 1,
    findings: [['x.yaml', 'parse-error', 1, 75]],
    message: /nesting exceeded maxDepth/,
  },
  {
    name: '20,000-deep YAML mappings',
    files: () => ({ 'x.yaml': `procedure: ${'{a: '.repeat(20_000)}1${'}'.repeat(20_000)}\n` }),
    exit: 1,
    findings: [['x.yaml', 'parse-error', 1, 261]],
    message: /nesting exceeded maxDepth/,
  },
  {
    name: '20,000-deep JSON nesting',
    files: () => ({ 'x.json': `{"procedure": ${'['.repeat(20_000)}${']'.repeat(20_000)}}\n` }),
    exit: 1,
    findings: [['x.json', 'parse-error', 1, 77]],
    message: /nesting exceeded maxDepth/,
  },
  {
    name: '20,000-deep JSON objects',
    files: () => ({ 'x.json': `{"procedure": ${'{"a": '.repeat(20_000)}1${'}'.repeat(20_000)}}\n` }),
    exit: 1,
    findings: [['x.json', 'parse-error', 1, 382]],
    message: /nesting exceeded maxDepth/,
  },
  {
    name: 'a 3 MB single line (a long name): completes, finding where it belongs',
    files: () => ({ 'x.yaml': procedure('long-name').replace('养老保险待遇领取', LONG_NAME) }),
    exit: 1,
    findings: [['x.yaml', KINSHIP, 11, 11]],
    seconds: 20,
  },
  {
    name: 'a 3 MB procedure on one flow line: the column counts characters',
    files: () => ({ 'x.yaml': FLOW_LINE }),
    exit: 1,
    findings: [['x.yaml', KINSHIP, 1, [...FLOW_PREFIX].length + 1]],
    seconds: 20,
  },
  {
    name: 'a file over --max-file-size 1K',
    files: () => ({ 'x.yaml': `${procedure('big')}${'# padding padding padding padding\n'.repeat(3000)}` }),
    args: (dir) => [dir, '--max-file-size', '1K'],
    exit: 1,
    findings: [['x.yaml', 'file-too-large', 1, 1]],
    message: /limit of 1024\b/,
  },
  // Keys that are special to JavaScript objects are only data.
  {
    name: '__proto__ and constructor keys in YAML',
    files: () => ({ 'x.yaml': lines(
      '__proto__:', '  polluted: yes', 'constructor:', '  prototype:', '    polluted: yes',
      'procedure:', '  id: proto', '  name: 原型', '  department: civil-affairs', '  __proto__: {polluted: 1}', '  steps:',
      '    - id: a', '      name: b', '      constructor: x', '      requires:',
      '        - name: 亲属关系证明', '          issuer: 社区居委会', '          __proto__: 1',
    ) }),
    args: (dir) => [dir, '--strict'],
    exit: 1,
    findings: [
      ['x.yaml', 'unknown-field', 1, 1], ['x.yaml', 'unknown-field', 3, 1], ['x.yaml', 'unknown-field', 10, 3],
      ['x.yaml', 'unknown-field', 14, 7], ['x.yaml', KINSHIP, 16, 11], ['x.yaml', 'unknown-field', 18, 11],
    ],
  },
  {
    name: '__proto__ and constructor keys in JSON',
    files: () => ({ 'x.json': lines(
      '{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}},',
      ' "procedure": {"id": "proto-json", "name": "原型", "department": "civil-affairs", "__proto__": null,',
      '  "steps": [{"id": "a", "name": "b", "requires": [{"name": "亲属关系证明", "issuer": "社区居委会"}]}]}}',
    ) }),
    exit: 1,
    findings: [['x.json', KINSHIP, 3, 51]],
  },
  // What a directory walk meets.
  {
    name: 'a FIFO named x.yaml: read-error, no hang',
    files: () => ({ 'x.yaml': { fifo: true } }),
    exit: 1,
    findings: [['x.yaml', 'read-error', 1, 1]],
    message: /not a regular file/,
    posixOnly: true,
  },
  {
    name: 'a symlink loop: completes',
    files: () => ({ self: { symlink: '.' }, 'a.yaml': { symlink: 'b.yaml' }, 'b.yaml': { symlink: 'a.yaml' } }),
    exit: 1,
    findings: [['a.yaml', 'read-error', 1, 1], ['b.yaml', 'read-error', 1, 1]],
    message: /ELOOP/,
    posixOnly: true,
  },
  {
    name: 'a dangling symlink: read-error',
    files: () => ({ 'gone.yaml': { symlink: 'nowhere.yaml' } }),
    exit: 1,
    findings: [['gone.yaml', 'read-error', 1, 1]],
    message: /ENOENT/,
    posixOnly: true,
  },
  // Usage errors: exit 2, one line on stderr, no report.
  {
    name: 'a path that does not exist',
    files: () => ({}),
    args: (dir) => [join(dir, 'missing.yaml'), join(dir, 'good.yaml')],
    exit: 2,
    stderr: ONE_LINE('no such file or directory: .*missing\\.yaml'),
  },
  {
    name: 'an unknown --encoding',
    files: () => ({}),
    args: (dir) => [dir, '--encoding', 'klingon'],
    exit: 2,
    stderr: ONE_LINE('.*unknown encoding'),
  },
  {
    name: '-o over an input file: refused, the input untouched',
    files: () => ({}),
    args: (dir) => [dir, '-o', join(dir, 'good.yaml')],
    exit: 2,
    stderr: ONE_LINE('refusing to write the report over an input file'),
    after: (dir) => {
      expect(readFileSync(join(dir, 'good.yaml'), 'utf8')).toBe(procedure('good'));
      expect(readdirSync(dir)).toEqual(['good.yaml']);
    },
  },
  {
    name: '-o through a symlink to an input file: refused, the input untouched',
    files: () => ({ 'report.txt': { symlink: 'good.yaml' } }),
    args: (dir) => [dir, '-o', join(dir, 'report.txt')],
    exit: 2,
    stderr: ONE_LINE('refusing to write the report over an input file'),
    posixOnly: true,
    after: (dir) => {
      expect(readFileSync(join(dir, 'good.yaml'), 'utf8')).toBe(procedure('good'));
      expect(readdirSync(dir).sort()).toEqual(['good.yaml', 'report.txt']);
    },
  },
  // What offices really save: legacy Chinese encodings and UTF-16.
  {
    name: 'GB18030',
    files: () => ({ 'x.yaml': iconv.encode(procedure('gb18030'), 'gb18030') }),
    exit: 1,
    findings: [['x.yaml', KINSHIP, 11, 11]],
  },
  {
    name: 'Big5 (Traditional)',
    files: () => ({ 'x.yaml': iconv.encode(toTraditional(procedure('big5')), 'big5') }),
    exit: 1,
    findings: [['x.yaml', KINSHIP, 11, 11]],
  },
  {
    name: 'UTF-16LE with BOM',
    files: () => ({ 'x.yaml': Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(procedure('utf16le'), 'utf16le')]) }),
    exit: 1,
    findings: [['x.yaml', KINSHIP, 11, 11]],
  },
  {
    name: 'GBK too short to detect: encoding-error that suggests --encoding',
    files: () => ({ 'x.yaml': SHORT_GBK }),
    exit: 1,
    findings: [['x.yaml', 'encoding-error', 9, 17]],
    message: new RegExp(`byte offset ${SHORT_GBK.findIndex((byte) => byte >= 0x80)}\\b.*--encoding`),
  },
  {
    name: '--encoding gbk forces it (for every file)',
    files: () => ({ 'x.yaml': SHORT_GBK }),
    good: 'gbk',
    args: (dir) => [dir, '--encoding', 'gbk'],
    exit: 1,
    findings: [['x.yaml', 'no-community-identity-information-certificate', 9, 11]],
  },
  {
    name: '--debug names each file\'s encoding on stderr',
    files: () => ({
      'gb.yaml': iconv.encode(procedure('debug-gb'), 'gb18030'),
      'tw.yaml': iconv.encode(toTraditional(procedure('debug-tw')), 'big5'),
      'u16.yaml': Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(procedure('debug-u16'), 'utf16le')]),
    }),
    args: (dir) => [dir, '--debug'],
    exit: 1,
    findings: [['gb.yaml', KINSHIP, 11, 11], ['tw.yaml', KINSHIP, 11, 11], ['u16.yaml', KINSHIP, 11, 11]],
    stderr: /^(stampcheck: debug: [^\n]*\n){4}$/,
    after: (_dir, { stderr }) => {
      expect(stderr).toMatch(/gb\.yaml: GB18030 \(confidence \d\.\d\d\)$/m);
      expect(stderr).toMatch(/tw\.yaml: Big5 \(confidence \d\.\d\d\)$/m);
      expect(stderr).toMatch(/u16\.yaml: utf-16le \(BOM\)$/m);
      expect(stderr).toMatch(/good\.yaml: utf-8$/m);
    },
  },
  {
    name: 'old Mac line endings (CR only)',
    files: () => ({ 'x.yaml': procedure('cr-only').replace(/\n/g, '\r') }),
    exit: 1,
    findings: [['x.yaml', KINSHIP, 11, 11]],
  },
];

let root: string;

function create(dir: string, row: Row): void {
  mkdirSync(dir);
  if (row.good !== false) {
    const text = procedure('good');
    writeFileSync(join(dir, 'good.yaml'), row.good === 'gbk' ? iconv.encode(text, 'gbk') : text);
  }
  for (const [name, entry] of Object.entries(row.files())) {
    const path = join(dir, name);
    if (typeof entry === 'string' || entry instanceof Uint8Array) writeFileSync(path, entry);
    else if ('symlink' in entry) symlinkSync(entry.symlink, path);
    else expect(spawnSync('mkfifo', [path]).status).toBe(0);
  }
}

/** The child gets jest's environment without its NODE_OPTIONS (--experimental-vm-modules would only add noise). */
const { NODE_OPTIONS: _jestOnly, ...CHILD_ENV } = process.env;

function stampcheck(args: string[]): Result {
  const started = performance.now();
  const result = spawnSync(process.execPath, ['bin/stampcheck.js', ...args, '--as-of', AS_OF, '--lang', 'en', '-f', 'json'], {
    cwd: REPO,
    encoding: 'utf8',
    timeout: 30_000,
    maxBuffer: 64 * 1024 * 1024,
    env: { ...CHILD_ENV, NO_COLOR: '1' },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, seconds: (performance.now() - started) / 1000 };
}

interface JsonFinding {
  file: string;
  ruleId: string;
  line: number;
  column: number;
  messages: { en: string };
}

const dirOf = (index: number) => join(root, `row-${index}`);
const rows = ROWS.map((row, index) => ({ row, index })).filter(({ row }) => !(row.posixOnly && process.platform === 'win32'));

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'stampcheck-hostile-'));
  for (const { row, index } of rows) create(dirOf(index), row);
});

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('hostile input through the binary', () => {
  for (const { row, index } of rows) {
    const test = row.bug ? it.failing : it;
    test(row.name, () => {
      const dir = dirOf(index);
      const result = stampcheck(row.args ? row.args(dir) : [dir]);
      expect(result.stderr).not.toMatch(STACK_LINE);
      expect(result.stderr).toMatch(row.stderr ?? /^$/);
      expect(result.status).toBe(row.exit);
      if (row.seconds !== undefined) expect(result.seconds).toBeLessThan(row.seconds);
      if (row.findings === undefined) {
        expect(result.stdout).toBe('');
      } else {
        const findings = (JSON.parse(result.stdout) as { findings: JsonFinding[] }).findings;
        const where = (finding: JsonFinding) => relative(dir, resolve(REPO, finding.file)).split('\\').join('/');
        const wanted = row.good === false ? row.findings : [...row.findings, GOOD_FINDING];
        const anywhere = new Set(wanted.filter(([, , line]) => line === null).map(([file, ruleId]) => `${file} ${ruleId}`));
        const optional = new Set((row.mayAlsoReport ?? []).map(([file, ruleId]) => `${file} ${ruleId}`));
        const actual = findings.filter((finding) => !optional.has(`${where(finding)} ${finding.ruleId}`)).map((finding): Expected => {
          const file = where(finding);
          return anywhere.has(`${file} ${finding.ruleId}`) ? [file, finding.ruleId, null, null] : [file, finding.ruleId, finding.line, finding.column];
        });
        expect(actual.sort()).toEqual([...wanted].sort());
        for (const finding of findings.filter((candidate) => where(candidate) !== 'good.yaml')) {
          if (row.message) expect(finding.messages.en).toMatch(row.message);
        }
      }
      row.after?.(dir, result);
    }, 60_000);
  }
});

describe('__proto__ and constructor keys, in process', () => {
  it('pollute no prototype and load as plain data', () => {
    const yaml = lines('__proto__:', '  polluted: yes', 'constructor:', '  prototype:', '    polluted: yes', procedure('in-process'));
    const json = '{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}, "procedure": {"__proto__": {"polluted": true}}}';
    const rules = loadRules();
    const files = [loadProcedureFile('x.yaml', yaml, { strict: true }), loadProcedureFile('x.json', json, { strict: true })];
    const findings = checkProcedures(files, rules, { asOf: AS_OF });
    expect(findings.map((finding) => [finding.file, finding.ruleId])).toContainEqual(['x.yaml', KINSHIP]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    expect(Object.getOwnPropertyNames(Object.prototype)).not.toContain('polluted');
  });
});
