import { describe, expect, it } from '@jest/globals';
import AjvDraft04 from 'ajv-draft-04';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sarif } from '../../src/format/sarif.js';
import type { FormatContext } from '../../src/format/formatter.js';
import { CWD, emptyReport, sampleReport } from './fixtures/report.js';

/** The schema's formats, checked loosely (ajv-formats is not a dependency) rather than ignored. */
const FORMATS = {
  uri: (value: string) => /^[a-z][a-z0-9+.-]*:[^\s]*$/i.test(value),
  'uri-reference': (value: string) => !/\s|\\/.test(value),
  'date-time': (value: string) => /^\d{4}-\d\d-\d\dT/.test(value) && !Number.isNaN(Date.parse(value)),
};

/** A byte copy of the official OASIS SARIF 2.1.0 schema, so the test needs nothing outside the repository. */
const SCHEMA_PATH = fileURLToPath(new URL('../fixtures/schemas/sarif-2.1.0.json', import.meta.url));
// The package is CommonJS: under NodeNext its class is the default export's `default`.
const ajv = new AjvDraft04.default({ allErrors: true, strict: false, formats: FORMATS });
const validate = ajv.compile(JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')));

const en: FormatContext = { lang: 'en', color: false, cwd: CWD };

interface Region {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

interface SarifResult {
  ruleId: string;
  ruleIndex?: number;
  level: string;
  message: { text: string };
  locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId: string; index: number }; region: Region } }[];
  partialFingerprints: Record<string, string>;
  properties: Record<string, unknown>;
}

function parse(output: string) {
  return JSON.parse(output) as { $schema: string; version: string; runs: { [key: string]: any; results: SarifResult[] }[] };
}

describe('sarif', () => {
  const log = parse(sarif(sampleReport, en));
  const [run] = log.runs;

  it.each([
    ['the sample report in English', sampleReport, en],
    ['the sample report in Chinese', sampleReport, { ...en, lang: 'zh' } as FormatContext],
    ['an empty report', emptyReport, en],
  ])('validates %s against the official SARIF 2.1.0 schema', (_name, report, context) => {
    const valid = validate(JSON.parse(sarif(report, context)));
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('rejects a log the schema forbids, so the checks above are not vacuous', () => {
    expect(validate({ version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [{ message: { text: 'm' }, level: 'info' }] }] })).toBe(false);
  });

  it('describes every rule with its level, titles, remedy and source', () => {
    expect(log.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
    expect(log.version).toBe('2.1.0');
    expect(run.tool.driver).toMatchObject({ name: 'stampcheck', version: '0.1.0' });
    expect(run.tool.driver.rules.map((rule: { id: string }) => rule.id)).toEqual(sampleReport.rules.map((rule) => rule.id));
    expect(run.tool.driver.rules[1]).toEqual({
      id: 'no-community-survival-certificate',
      name: 'NoCommunitySurvivalCertificate',
      shortDescription: { text: 'Do not ask communities for survival certificates' },
      fullDescription: { text: 'Do not ask communities for survival certificates\n不得要求社区出具生存证明' },
      help: { text: 'Verify survival by data sharing' },
      defaultConfiguration: { level: 'error' },
      properties: { source: sampleReport.rules[1].source, departments: ['civil-affairs'] },
    });
    expect(run.tool.driver.rules[4].defaultConfiguration).toEqual({ level: 'note' });
    expect(run.tool.driver.rules[4].help).toBeUndefined();
  });

  it('matches results to findings: rule, rule index, level and region', () => {
    expect(run.results).toHaveLength(sampleReport.findings.length);
    run.results.forEach((result, index) => {
      const finding = sampleReport.findings[index];
      expect(result.ruleId).toBe(finding.ruleId);
      expect(run.tool.driver.rules[result.ruleIndex ?? -1].id).toBe(result.ruleId);
      expect(result.level).toBe({ error: 'error', warning: 'warning', info: 'note' }[finding.severity]);
      expect(result.message.text).toBe(finding.message.en);
      const { region, artifactLocation } = result.locations[0].physicalLocation;
      expect(region).toEqual({ startLine: finding.line, startColumn: finding.column, endLine: finding.endLine, endColumn: finding.endColumn });
      expect(artifactLocation.uriBaseId).toBe('%SRCROOT%');
      expect(run.artifacts[artifactLocation.index].location.uri).toBe(artifactLocation.uri);
      expect(result.properties).toEqual({
        procedureId: finding.procedureId,
        stepId: finding.stepId,
        requirementIndex: finding.requirementIndex,
        department: finding.department,
      });
    });
  });

  it('uses paths relative to %SRCROOT%, the working directory', () => {
    expect(run.originalUriBaseIds).toEqual({ '%SRCROOT%': { uri: 'file:///work/project/' } });
    expect(run.columnKind).toBe('unicodeCodePoints');
    expect(run.artifacts.map((artifact: { location: { uri: string } }) => artifact.location.uri)).toEqual([
      'examples/health/birth-certificate.yaml',
      'examples/broken.yaml',
      'examples/civil-affairs/elderly-allowance.before.yaml',
      'examples/education/clean.yaml',
    ]);
  });

  it('percent-encodes paths with spaces, Chinese characters or #', () => {
    const [finding] = sampleReport.findings;
    const report = { ...sampleReport, files: [], findings: [{ ...finding, file: '/work/project/examples/民政 局/a#b.yaml' }] };
    const output = sarif(report, en);
    const [only] = parse(output).runs[0].results;
    expect(only.locations[0].physicalLocation.artifactLocation.uri).toBe('examples/%E6%B0%91%E6%94%BF%20%E5%B1%80/a%23b.yaml');
    expect(validate(JSON.parse(output))).toBe(true);
  });

  it('fingerprints findings by identity, not position or wording', () => {
    const prints = run.results.map((result) => result.partialFingerprints['stampcheck/v1']);
    for (const print of prints) expect(print).toMatch(/^[0-9a-f]{16}$/);
    expect(new Set(prints).size).toBe(prints.length);
    const [finding] = sampleReport.findings;
    const moved = { ...finding, line: 40, endLine: 41, message: { zh: '改', en: 'reworded' } };
    const renamed = { ...finding, stepId: 'other-step' };
    const printOf = (changed: typeof finding) =>
      parse(sarif({ ...sampleReport, findings: [changed] }, en)).runs[0].results[0].partialFingerprints['stampcheck/v1'];
    expect(printOf(moved)).toBe(prints[0]);
    expect(printOf(renamed)).not.toBe(prints[0]);
  });

  it('writes titles and messages in Chinese with lang zh', () => {
    const zh = parse(sarif(sampleReport, { ...en, lang: 'zh' })).runs[0];
    expect(zh.tool.driver.rules[1].shortDescription.text).toBe('不得要求社区出具生存证明');
    expect(zh.tool.driver.rules[1].fullDescription.text).toBe('不得要求社区出具生存证明\nDo not ask communities for survival certificates');
    expect(zh.results[2].message.text).toBe('YAML 语法错误：缩进不一致');
  });
});
