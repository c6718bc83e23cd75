import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { run } from '../../src/cli/run.js';
import { loadRules } from '../../src/config/loadRules.js';
import { FORMAT_NAMES } from '../../src/format/index.js';
import { sarif } from '../../src/format/sarif.js';
import { check } from '../../src/api/check.js';
import { CLI_FIXTURES, ROOT, runCli } from '../helpers/runCli.js';

const CLEAN = 'test/fixtures/cli/clean';
const WARNINGS = 'test/fixtures/cli/warnings-only';
const ONE_ERROR = 'test/fixtures/cli/one-error';
const ONE_ERROR_FILE = 'test/fixtures/cli/one-error/pension-kinship.yaml';
const STRICT = 'test/fixtures/cli/strict';
const BROKEN_RULES = join(ROOT, 'test', 'fixtures', 'rules', 'errors', 'bad-severity.yaml');
const KINSHIP = 'no-community-kinship-certificate';
const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const STACK_LINE = /^\s+at /m;

interface Scenario {
  name: string;
  argv: string[];
  env?: Record<string, string>;
  /** Working directory; the package root when absent. */
  cwd?: string;
  code: 0 | 1 | 2;
  /** Texts stdout must contain. */
  stdout?: (string | RegExp)[];
  /** Texts stdout must not contain. */
  notStdout?: (string | RegExp)[];
  /** The whole of stderr, or a pattern for its one line; empty when absent. */
  stderr?: string | RegExp;
}

const SCENARIOS: Scenario[] = [
  { name: 'the examples have error findings', argv: ['examples'], code: 1, stdout: [/^examples\//m, /\d+:\d+ {2}error {2}/] },
  { name: 'the examples through the explicit check command', argv: ['check', 'examples'], code: 1, stdout: [/ error /] },
  { name: 'a clean directory', argv: [CLEAN], code: 0, stdout: ['✔ No community certificate or stamp demands found'], notStdout: [/error|warning {2}/] },
  { name: 'no path: the working directory', argv: [], cwd: join(CLI_FIXTURES, 'clean'), code: 0, stdout: ['Human resources and social security'] },
  { name: 'no path with the check command', argv: ['check'], cwd: join(CLI_FIXTURES, 'one-error'), code: 1, stdout: ['pension-kinship.yaml', KINSHIP] },
  {
    name: 'a broken file is a finding and the run goes on with the others', argv: ['test/fixtures/cli/broken'], code: 1,
    stdout: ['test/fixtures/cli/broken/a-broken.yaml', /3:1 {2}error .*parse-error/, /Total +│ +1 │ +2 │/],
  },
  { name: 'a clean file named directly', argv: ['check', `${CLEAN}/social-security-card.yaml`], code: 0 },
  { name: 'a glob pattern', argv: ['test/fixtures/cli/one-*/*.yaml'], code: 1, stdout: [ONE_ERROR_FILE, KINSHIP] },
  { name: 'only warnings: exit 0', argv: [WARNINGS], code: 0, stdout: [/10:11 {2}warning {2}/, KINSHIP] },
  { name: '--quiet drops warnings', argv: [WARNINGS, '--quiet'], code: 0, notStdout: [KINSHIP, 'warning'] },
  { name: '--max-warnings 0 with only warnings: exit 1', argv: [WARNINGS, '--max-warnings', '0'], code: 1, stdout: [KINSHIP] },
  { name: '--max-warnings 1 with one warning: exit 0', argv: [WARNINGS, '--max-warnings', '1'], code: 0 },
  { name: '--quiet --max-warnings 0: the dropped warnings do not count', argv: [WARNINGS, '--quiet', '--max-warnings', '0'], code: 0 },
  { name: 'one error', argv: [ONE_ERROR], code: 1, stdout: [ONE_ERROR_FILE, /11:11 {2}error {2}cli-one-error-pension › apply/, KINSHIP] },
  { name: '--quiet keeps errors', argv: [ONE_ERROR, '--quiet'], code: 1, stdout: [KINSHIP] },
  { name: 'unknown fields are silent without --strict', argv: [STRICT], code: 0, notStdout: ['unknown-field'] },
  { name: '--strict warns about unknown fields', argv: [STRICT, '--strict', '--lang', 'en'], code: 0, stdout: [/6:3 {2}warning {2}unknown field procedure\.owner {2}unknown-field/, /9:7 {2}warning {2}unknown field procedure\.steps\[0\]\.descripton; did you mean description\? {2}unknown-field/] },
  { name: '--strict --max-warnings 0 fails on an unknown field', argv: [STRICT, '--strict', '--max-warnings', '0'], code: 1 },
  { name: 'no colours when stdout is not a terminal', argv: [ONE_ERROR], code: 1, notStdout: ['\u001b['] },
  { name: 'FORCE_COLOR colours a pipe', argv: [ONE_ERROR], env: { FORCE_COLOR: '1' }, code: 1, stdout: ['\u001b['] },
  { name: '--no-color wins over FORCE_COLOR', argv: [ONE_ERROR, '--no-color'], env: { FORCE_COLOR: '1' }, code: 1, notStdout: ['\u001b['] },
  { name: '--lang zh gives Chinese', argv: [ONE_ERROR, '--lang', 'zh'], code: 1, stdout: ['错误', '「亲属关系证明」要求社区（社区居委会）出具或盖章', '整改建议'], notStdout: ['demands a community'] },
  { name: 'LANG=zh_CN.UTF-8 gives Chinese', argv: [ONE_ERROR], env: { LANG: 'zh_CN.UTF-8' }, code: 1, stdout: ['「亲属关系证明」要求社区'], notStdout: ['demands a community'] },
  { name: 'LC_ALL wins over LANG', argv: [ONE_ERROR], env: { LANG: 'zh_CN.UTF-8', LC_ALL: 'en_US.UTF-8' }, code: 1, stdout: ['demands a community'] },
  { name: '--lang en wins over LANG', argv: [ONE_ERROR, '--lang', 'en'], env: { LANG: 'zh_CN.UTF-8' }, code: 1, stdout: ["'亲属关系证明' demands a community (社区居委会)"] },
  {
    name: 'an unknown format', argv: [ONE_ERROR, '--format', 'xml'], code: 2,
    stderr: "stampcheck: option '-f, --format <name>' argument 'xml' is invalid. Allowed choices are stylish, json, sarif, junit, github, markdown.\n",
  },
  { name: 'a command mistyped as a path', argv: ['rule'], code: 2, stderr: 'stampcheck: no such file or directory: rule (did you mean the command "rules"?)\n' },
  { name: 'a mistyped option, on one line with the one meant', argv: ['--fromat', 'json'], code: 2, stderr: "stampcheck: unknown option '--fromat' (Did you mean --format?)\n" },
  { name: 'a directory holding no procedure file', argv: ['test/fixtures/cli/no-procedures'], code: 2, stderr: 'stampcheck: no procedure files (*.yaml, *.yml, *.json) under: test/fixtures/cli/no-procedures\n' },
  { name: 'a path that does not exist', argv: ['no/such/dir'], code: 2, stderr: 'stampcheck: no such file or directory: no/such/dir\n' },
  { name: 'a glob that matches nothing', argv: ['test/fixtures/cli/*.nothing'], code: 2, stderr: 'stampcheck: no files match the pattern: test/fixtures/cli/*.nothing\n' },
  { name: 'an impossible --as-of date', argv: [ONE_ERROR, '--as-of', '2020-13-01'], code: 2, stderr: /^stampcheck: option '--as-of <date>' argument '2020-13-01' is invalid/ },
  { name: 'an --as-of date in another shape', argv: [ONE_ERROR, '--as-of', '2020/04/01'], code: 2, stderr: /argument '2020\/04\/01' is invalid/ },
  { name: 'an --as-of date that does not exist in February', argv: [ONE_ERROR, '--as-of', '2021-02-29'], code: 2, stderr: /argument '2021-02-29' is invalid/ },
  { name: '--as-of before the measures: no findings', argv: [ONE_ERROR, '--as-of', '2019-12-01'], code: 0, notStdout: [KINSHIP] },
  { name: 'a negative --max-warnings', argv: [ONE_ERROR, '--max-warnings', '-1'], code: 2, stderr: /^stampcheck: .*--max-warnings/ },
  { name: 'an unknown --lang', argv: [ONE_ERROR, '--lang', 'fr'], code: 2, stderr: /^stampcheck: option '--lang <lang>' argument 'fr' is invalid/ },
  { name: 'an unknown option', argv: [ONE_ERROR, '--frobnicate'], code: 2, stderr: /^stampcheck: unknown option '--frobnicate'/ },
  { name: 'explain shows the source number', argv: ['explain', KINSHIP], code: 0, stdout: [KINSHIP, '民发〔2020〕20号', 'Source:', 'Remedy'] },
  { name: 'explain in Chinese', argv: ['explain', KINSHIP, '--lang', 'zh'], code: 0, stdout: ['依据: 民发〔2020〕20号', '不得要求社区出具亲属关系证明'] },
  { name: 'explain an unknown rule', argv: ['explain', 'nope'], code: 2, stderr: 'stampcheck: unknown rule "nope" (see `stampcheck rules`)\n' },
  { name: 'explain a part of a rule id suggests it', argv: ['explain', 'kinship'], code: 2, stderr: `stampcheck: unknown rule "kinship"; did you mean ${KINSHIP}?\n` },
  {
    name: '--rules with a broken rule file', argv: [ONE_ERROR, '--rules', BROKEN_RULES], code: 2,
    stderr: `stampcheck: ${BROKEN_RULES}:4:15: /rules/0/severity must be equal to one of the allowed values: "error", "warning", "info"\n`,
  },
  { name: 'rules --rules with a broken rule file', argv: ['rules', '--rules', BROKEN_RULES], code: 2, stderr: new RegExp(`^stampcheck: ${BROKEN_RULES.replace(/[.\\/]/g, '\\$&')}:4:15: `) },
  { name: '--rules with a missing rule file', argv: [ONE_ERROR, '--rules', 'no-such-rules.yaml'], code: 2, stderr: /^stampcheck: rule file or directory not found: / },
  { name: '--version', argv: ['--version'], code: 0, stdout: [`${VERSION}\n`] },
  { name: '-v', argv: ['-v'], code: 0, stdout: [`${VERSION}\n`] },
  { name: '--help', argv: ['--help'], code: 0, stdout: ['Usage: stampcheck', 'Examples:', 'Exit codes:'] },
  { name: 'the help command', argv: ['help'], code: 0, stdout: ['Usage: stampcheck'] },
  { name: 'explain without a rule id', argv: ['explain'], code: 2, stderr: "stampcheck: missing required argument 'rule-id'\n" },
  { name: 'rules with an extra argument', argv: ['rules', 'extra'], code: 2, stderr: /^stampcheck: too many arguments for 'rules'/ },
  { name: '-o without a file', argv: [ONE_ERROR, '-o'], code: 2, stderr: "stampcheck: option '-o, --output <file>' argument missing\n" },
  { name: 'check --help', argv: ['check', '--help'], code: 0, stdout: ['--max-warnings', 'Examples:'] },
];

describe('run: scenarios', () => {
  it.each(SCENARIOS)('$name', async (scenario) => {
    const result = await runCli(scenario.argv, { env: scenario.env, cwd: scenario.cwd });
    expect({ code: result.code, stderr: result.stderr }).toEqual({
      code: scenario.code,
      stderr: scenario.stderr instanceof RegExp ? expect.stringMatching(scenario.stderr) : (scenario.stderr ?? ''),
    });
    for (const wanted of scenario.stdout ?? []) {
      if (typeof wanted === 'string') expect(result.stdout).toContain(wanted);
      else expect(result.stdout).toMatch(wanted);
    }
    for (const unwanted of scenario.notStdout ?? []) {
      if (typeof unwanted === 'string') expect(result.stdout).not.toContain(unwanted);
      else expect(result.stdout).not.toMatch(unwanted);
    }
    // Failures are one line, without a stack trace; findings never go to stderr.
    if (scenario.code === 2) {
      expect(result.stderr.split('\n')).toHaveLength(2);
      expect(result.stderr).not.toMatch(STACK_LINE);
    }
  });
});

describe('run: internal errors', () => {
  const failingStdout = (argv: string[]) => run(argv, {
    stdout: { write: () => { throw new Error('boom'); }, isTTY: false },
    stderr: { write: (text: string) => (stderr += text) },
    env: {},
    cwd: ROOT,
  });
  let stderr = '';

  it('turns an unexpected exception into exit 2 and one line', async () => {
    stderr = '';
    expect(await failingStdout([ONE_ERROR])).toBe(2);
    expect(stderr).toBe('stampcheck: internal error: boom (run with --debug for details)\n');
  });

  it('shows its stack trace with --debug', async () => {
    stderr = '';
    expect(await failingStdout([ONE_ERROR, '--debug'])).toBe(2);
    expect(stderr).toContain('stampcheck: internal error: boom\n');
    expect(stderr).toMatch(STACK_LINE);
  });
});

describe('run: --debug', () => {
  it('adds the stack trace of a failure after its one-line message', async () => {
    const result = await runCli([ONE_ERROR, '--rules', BROKEN_RULES, '--debug']);
    expect(result.code).toBe(2);
    const [first, ...rest] = result.stderr.split('\n');
    expect(first).toBe(`stampcheck: ${BROKEN_RULES}:4:15: /rules/0/severity must be equal to one of the allowed values: "error", "warning", "info"`);
    expect(rest.join('\n')).toMatch(STACK_LINE);
  });
});

describe('run: formats', () => {
  it.each(FORMAT_NAMES.map((format) => [format]))('--format %s reports the finding', async (format) => {
    const result = await runCli([ONE_ERROR, '--format', format]);
    expect([result.code, result.stderr]).toEqual([1, '']);
    expect(result.stdout).toContain(KINSHIP);
    expect(result.stdout.endsWith('\n')).toBe(true);
    if (format === 'json' || format === 'sarif') expect(() => JSON.parse(result.stdout)).not.toThrow();
    if (format === 'junit') expect(result.stdout.startsWith('<?xml')).toBe(true);
    if (format === 'github') expect(result.stdout).toMatch(/^::error file=test\/fixtures\/cli\/one-error\/pension-kinship\.yaml,line=11,col=11,endLine=13,endColumn=22,/);
  });

  it('-f is --format', async () => {
    expect((await runCli([ONE_ERROR, '-f', 'json'])).stdout).toBe((await runCli([ONE_ERROR, '--format', 'json'])).stdout);
  });

  it('--format json gives every field of the finding', async () => {
    const result = await runCli([ONE_ERROR, '--format', 'json', '--as-of', '2025-01-01']);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout);
    expect(report.asOf).toBe('2025-01-01');
    expect(report.findings).toHaveLength(1);
    expect(report.findings[0]).toEqual({
      file: ONE_ERROR_FILE,
      procedureId: 'cli-one-error-pension',
      stepId: 'apply',
      requirementIndex: 1,
      ruleId: KINSHIP,
      severity: 'error',
      message: expect.stringContaining("'亲属关系证明' demands a community (社区居委会)"),
      remedy: expect.stringContaining('Drop the community certificate'),
      source: expect.objectContaining({ document: '关于改进和规范基层群众性自治组织出具证明工作的指导意见', number: '民发〔2020〕20号' }),
      line: 11,
      column: 11,
      endLine: 13,
      endColumn: 22,
      department: 'human-resources',
      messages: { zh: expect.stringContaining('「亲属关系证明」'), en: expect.stringContaining("'亲属关系证明'") },
    });
    expect(report.summary.totals).toMatchObject({ files: 1, procedures: 1, steps: 1, stepsNeedingCommunityStamp: 1, errors: 1, warnings: 0 });
  });

  it('--format sarif fingerprints each finding from what it found, as the API gives it', async () => {
    const context = { lang: 'en' as const, color: false, cwd: ROOT };
    const expected = sarif(await check({ paths: ['examples'], asOf: '2026-01-01', strict: false, quiet: false, cwd: ROOT }), context);
    expect((await runCli(['examples', '-f', 'sarif', '--lang', 'en', '--as-of', '2026-01-01'])).stdout).toBe(expected);
    // Hashed findings: without their own fingerprint two findings of one rule in one step's prose would share one.
    expect(JSON.parse(expected).runs[0].results.length).toBeGreaterThan(20);
  });

  it('--format json of the warnings fixture has the warning at its requirement', async () => {
    const report = JSON.parse((await runCli([WARNINGS, '-f', 'json'])).stdout);
    expect(report.findings.map((finding: Record<string, unknown>) => [finding.ruleId, finding.severity, finding.stepId, finding.requirementIndex, finding.line, finding.column]))
      .toEqual([[KINSHIP, 'warning', 'apply', 0, 10, 11]]);
  });
});

describe('run: rules', () => {
  it('lists every rule id', async () => {
    const result = await runCli(['rules']);
    expect([result.code, result.stderr]).toEqual([0, '']);
    const ids = loadRules().ruleSet.rules.map((rule) => rule.id);
    expect(ids.length).toBeGreaterThan(20);
    for (const id of ids) expect(result.stdout).toContain(id);
  });

  it('lists the rules of a user directory instead of the shipped ones', async () => {
    const result = await runCli(['rules', '--rules', join(ROOT, 'test', 'fixtures', 'rules', 'replacement')]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('local-no-community-dog-certificate');
    expect(result.stdout).not.toContain(KINSHIP);
  });
  it('resolves a relative --rules path against io.cwd', async () => {
    const result = await runCli(['clean', '--rules', '../rules/replacement'], { cwd: CLI_FIXTURES });
    expect([result.code, result.stderr]).toEqual([0, '']);
  });
});

describe('run: --as-of', () => {
  it('finds fewer problems in the examples before the measures took effect', async () => {
    const before = await runCli(['examples', '-f', 'json', '--as-of', '2019-12-01']);
    const today = await runCli(['examples', '-f', 'json']);
    const count = (output: string) => (JSON.parse(output) as { findings: unknown[] }).findings.length;
    expect(today.code).toBe(1);
    expect(count(today.stdout)).toBeGreaterThan(0);
    expect(count(before.stdout)).toBeLessThan(count(today.stdout));
    expect(JSON.parse(before.stdout).asOf).toBe('2019-12-01');
  });
});
