import type { Finding } from '../model/finding.js';
import type { FormatContext, Formatter } from './formatter.js';
import { displayPath, groupByFile, localize, remedyLine } from './shared.js';

/**
 * JUnit XML for CI test tabs: a suite per file, a test case per finding (errors and warnings fail,
 * infos pass with their text in system-out), and one passing case for a file without findings.
 * Test case names use ids only, so they stay the same whatever the language.
 */
export const junit: Formatter = (report, context) => {
  const byFile = groupByFile(report.findings);
  const files = [...new Set([...report.files, ...byFile.keys()])];
  const suites = files.map((file) => testSuite(displayPath(file, context.cwd), byFile.get(file) ?? [], context));
  const tests = suites.reduce((sum, suite) => sum + suite.tests, 0);
  const failures = suites.reduce((sum, suite) => sum + suite.failures, 0);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="stampcheck" tests="${tests}" failures="${failures}" errors="0">`,
    ...suites.map((suite) => suite.xml),
    '</testsuites>',
    '',
  ].join('\n');
};

const CLEAN_FILE_TEST_NAME = 'no community stamp demands';

interface Suite {
  xml: string;
  tests: number;
  failures: number;
}

function testSuite(path: string, findings: readonly Finding[], context: FormatContext): Suite {
  const cases = findings.length > 0
    ? findings.map((finding) => testCase(path, finding, context))
    : [`    <testcase name="${attribute(CLEAN_FILE_TEST_NAME)}" classname="${attribute(path)}"/>`];
  const failures = findings.filter(isFailure).length;
  const open = `  <testsuite name="${attribute(path)}" tests="${cases.length}" failures="${failures}" errors="0">`;
  return { xml: [open, ...cases, '  </testsuite>'].join('\n'), tests: cases.length, failures };
}

function testCase(path: string, finding: Finding, context: FormatContext): string {
  const message = localize(finding.message, context.lang);
  const remedy = localize(finding.remedy, context.lang);
  const body = [message, `${path}:${finding.line}:${finding.column}`];
  if (remedy !== null) body.push(remedyLine(remedy, context.lang));
  const inner = isFailure(finding)
    ? `<failure message="${attribute(message)}" type="${finding.severity}">${text(body.join('\n'))}</failure>`
    : `<system-out>${text(body.join('\n'))}</system-out>`;
  return [
    `    <testcase name="${attribute(testCaseName(finding))}" classname="${attribute(path)}">`,
    `      ${inner}`,
    '    </testcase>',
  ].join('\n');
}

/** `ruleId @ procedureId/stepId line:column`, dropping the parts a file-level finding lacks. */
function testCaseName(finding: Finding): string {
  const where = [finding.procedureId, finding.stepId].filter((part) => part !== null).join('/');
  return `${finding.ruleId} @ ${where === '' ? '' : `${where} `}${finding.line}:${finding.column}`;
}

function isFailure(finding: Finding): boolean {
  return finding.severity !== 'info';
}

/** Characters XML 1.0 cannot carry at all, not even as references: they are dropped. */
const INVALID_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

const TEXT_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
// Attribute values are whitespace-normalised by parsers: keep tabs and line breaks as references.
const ATTRIBUTE_ESCAPES: Record<string, string> = { ...TEXT_ESCAPES, '\t': '&#9;', '\n': '&#10;', '\r': '&#13;' };

function text(value: string): string {
  return value.replace(INVALID_XML, '').replace(/[&<>"']/g, (char) => TEXT_ESCAPES[char]);
}

function attribute(value: string): string {
  return value.replace(INVALID_XML, '').replace(/[&<>"'\t\n\r]/g, (char) => ATTRIBUTE_ESCAPES[char]);
}
