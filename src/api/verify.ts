import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadRules } from '../config/loadRules.js';
import type { CompiledRules } from '../engine/compileRules.js';
import { checkProcedures } from '../engine/checkProcedures.js';
import { loadProcedureFile } from '../load/procedureFile.js';
import { DEFAULT_MAX_FILE_SIZE, readProcedureFile } from '../load/readProcedureFile.js';
import type { Severity } from '../model/finding.js';
import { systemErrorWords, UsageError } from '../model/errors.js';
import { isCalendarDate } from '../model/calendarDate.js';
import { findProcedureFiles } from './findProcedureFiles.js';

/** A finding a test file expects, or one it got: its line, rule and (when the test says) severity. */
export interface Expectation {
  line: number;
  ruleId: string;
  severity: Severity | null;
}

/** A rule's example that did not come out as documented. */
export interface ExampleFailure {
  ruleId: string;
  /** `invalid`: the rule should report the text and did not; `valid`: it should not and did. */
  kind: 'invalid' | 'valid';
  text: string;
}

/** A test file whose findings differ from its expectations. */
export interface TestFileFailure {
  file: string;
  /** Expected and not reported (or reported with another severity). */
  missing: Expectation[];
  /** Reported and not expected. */
  unexpected: Expectation[];
}

export interface VerifyResult {
  examples: number;
  files: number;
  exampleFailures: ExampleFailure[];
  fileFailures: TestFileFailure[];
}

export interface VerifyRequest {
  /** Test procedure files or directories; none checks the rules' own examples only. */
  paths: readonly string[];
  rules?: readonly string[];
  /** YYYY-MM-DD: the date examples and test files are checked at, unless a test file names its own (`# as-of:`). */
  asOf: string;
  cwd: string;
}

/**
 * Rule tests, for policy writers: every rule's documented examples (each checked as the description of a one-step
 * procedure of the department it is limited to or else its first department, named by its first context term, at
 * the date asked or else the day the rule comes into force), and test procedure files whose
 * expected findings are written in them (`# expect: rule-id (severity)` at the end of the finding's line, or in
 * `FILE.expect` beside a JSON file, one `LINE rule-id (severity)` a line; nothing expected means no finding).
 */
export async function verify(request: VerifyRequest): Promise<VerifyResult> {
  const rules = loadRules(request.rules, request.cwd);
  const exampleFailures = ruleExampleFailures(rules, request.asOf);
  const files = request.paths.length === 0 ? [] : (await findProcedureFiles(request.paths, request.cwd)).files;
  const fileFailures = files.flatMap((file) => {
    const failure = testFileFailure(file, resolve(request.cwd, file), rules, request.asOf);
    return failure === null ? [] : [failure];
  });
  const examples = rules.ruleSet.rules.reduce((total, rule) => total + rule.examples.invalid.length + rule.examples.valid.length, 0);
  return { examples, files: files.length, exampleFailures, fileFailures };
}

/** The rule examples that do not come out as documented. */
export function ruleExampleFailures(rules: CompiledRules, asOf: string): ExampleFailure[] {
  return rules.ruleSet.rules.flatMap((rule) => {
    // Where and when the rule speaks: a department it is limited to, else the first it names; once it is in force.
    const department = rule.when.department?.[0] ?? rule.departments[0] ?? 'civil-affairs';
    const procedureName = rule.when.context?.[0] ?? '办事流程';
    const date = asOf < rule.effective ? rule.effective : asOf;
    const reported = (text: string) => exampleRuleIds(text, department, procedureName, rules, date).includes(rule.id);
    return [
      ...rule.examples.invalid.filter((text) => !reported(text)).map((text) => ({ ruleId: rule.id, kind: 'invalid' as const, text })),
      ...rule.examples.valid.filter((text) => reported(text)).map((text) => ({ ruleId: rule.id, kind: 'valid' as const, text })),
    ];
  });
}

/** The rules a one-step procedure whose description is the example text reports. */
function exampleRuleIds(text: string, department: string, procedureName: string, rules: CompiledRules, asOf: string): string[] {
  const yaml = [
    'procedure:', '  id: example', `  name: ${JSON.stringify(procedureName)}`, `  department: ${JSON.stringify(department)}`,
    '  steps:', '    - id: step', '      name: 办理', `      description: ${JSON.stringify(text)}`, '',
  ].join('\n');
  return checkProcedures([loadProcedureFile('example.yaml', yaml, { strict: false })], rules, { asOf }).map((finding) => finding.ruleId);
}

/** How a test file's findings differ from its expectations, or null when they do not. */
export function testFileFailure(file: string, absolute: string, rules: CompiledRules, defaultAsOf: string): TestFileFailure | null {
  const sidecar = `${absolute}.expect`;
  // Expectations are read from regular files only: a dangling link or a FIFO expects nothing, and its read-error
  // finding is what the test reports.
  const { expectations, asOf } = isRegularFile(sidecar)
    ? { expectations: readSidecarExpectations(readTestText(sidecar, `${file}.expect`).toString('utf8'), `${file}.expect`), asOf: null }
    : isRegularFile(absolute) ? readInlineExpectations(expectationText(readTestText(absolute, file)), file) : { expectations: [], asOf: null };
  const source = readProcedureFile(file, absolute, { strict: false, maxFileSize: DEFAULT_MAX_FILE_SIZE });
  const got = checkProcedures([source], rules, { asOf: asOf ?? defaultAsOf })
    .map(({ line, ruleId, severity }) => ({ line, ruleId, severity }));
  const unmatched = [...got];
  const missing = expectations.filter((expected) => {
    const at = unmatched.findIndex((finding) => finding.line === expected.line && finding.ruleId === expected.ruleId &&
      (expected.severity === null || finding.severity === expected.severity));
    if (at === -1) return true;
    unmatched.splice(at, 1);
    return false;
  });
  return missing.length === 0 && unmatched.length === 0 ? null : { file, missing, unexpected: unmatched };
}

const EXPECT = /#\s*expect:\s*(.+)$/;
const AS_OF = /^\s*#\s*as-of:\s*(.*?)\s*$/;
const EXPECTED_FINDING = /^\s*([a-z0-9-]+)\s*(?:\((error|warning|info)\))?\s*$/;
const SIDECAR_LINE = /^(\d+)\s+([a-z0-9-]+)\s*(?:\((error|warning|info)\))?\s*$/;

/** The expectations a test file carries inline: the line a comment sits on is the finding's line. */
function readInlineExpectations(text: string, file: string): { expectations: Expectation[]; asOf: string | null } {
  const expectations: Expectation[] = [];
  let asOf: string | null = null;
  text.split(/\r?\n/).forEach((content, index) => {
    const date = AS_OF.exec(content)?.[1];
    if (date !== undefined) {
      if (!isCalendarDate(date)) throw new UsageError(`${file}:${index + 1}: "# as-of:" needs a date as YYYY-MM-DD (not "${date}")`);
      asOf = date;
    }
    const match = EXPECT.exec(content);
    if (!match) return;
    for (const item of match[1].split(',')) {
      const [, ruleId, severity] = EXPECTED_FINDING.exec(item) ?? [];
      if (!ruleId) throw new UsageError(`${file}:${index + 1}: cannot read the expectation "${item.trim()}" (expected: rule-id (severity))`);
      expectations.push({ line: index + 1, ruleId, severity: (severity as Severity | undefined) ?? null });
    }
  });
  return { expectations, asOf };
}

/** The expectations of a file that cannot hold comments (JSON): `FILE.expect`, one `LINE rule-id (severity)` a line. */
function readSidecarExpectations(text: string, file: string): Expectation[] {
  return text.split('\n').flatMap((content, index) => {
    if (content.trim() === '') return [];
    const [, line, ruleId, severity] = SIDECAR_LINE.exec(content.trim()) ?? [];
    if (!ruleId) throw new UsageError(`${file}:${index + 1}: cannot read the expectation "${content.trim()}" (expected: LINE rule-id (severity))`);
    return [{ line: Number(line), ruleId, severity: (severity as Severity | undefined) ?? null }];
  });
}

function isRegularFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** A test file's bytes; one that cannot be read is named. */
function readTestText(path: string, file: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    throw new UsageError(`${file}: cannot read it: ${systemErrorWords(error)}`);
  }
}

/**
 * The text expectation comments are read from: they are ASCII, so latin1 keeps every byte of a file in an
 * ASCII-compatible encoding (UTF-8, GBK, Big5); a UTF-16 file (told by its BOM) is decoded.
 */
function expectationText(bytes: Buffer): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.toString('utf16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return Buffer.from(bytes).swap16().toString('utf16le');
  return bytes.toString('latin1');
}
