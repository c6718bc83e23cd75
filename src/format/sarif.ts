import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Finding, Severity } from '../model/finding.js';
import { shortHash } from '../model/fingerprint.js';
import type { Report, RuleDescriptor } from '../model/report.js';
import type { FormatContext, Formatter, Language } from './formatter.js';
import { displayPath, localize, stableSource } from './shared.js';

/**
 * SARIF 2.1.0 for code-scanning services. Paths are relative to `%SRCROOT%` (the working directory),
 * columns count code points (characters) as the loader does, and each result carries a fingerprint
 * that survives line moves so services can track a finding across runs.
 */
export const sarif: Formatter = (report, context) => {
  const artifacts = artifactUris(report, context.cwd);
  const artifactIndexes = new Map(artifacts.map((uri, index) => [uri, index]));
  const ruleIndexes = new Map(report.rules.map((rule, index) => [rule.id, index]));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: report.tool.name,
            version: report.tool.version,
            rules: report.rules.map((rule) => reportingDescriptor(rule, context.lang)),
          },
        },
        originalUriBaseIds: { [SOURCE_ROOT]: { uri: directoryUri(context.cwd) } },
        artifacts: artifacts.map((uri) => ({ location: artifactLocation(uri) })),
        columnKind: 'unicodeCodePoints',
        results: report.findings.map((finding) => {
          const uri = artifactUri(finding.file, context.cwd);
          const artifactIndex = artifactIndexes.get(uri) ?? -1;
          return sarifResult(finding, { uri, artifactIndex, ruleIndex: ruleIndexes.get(finding.ruleId), context });
        }),
        properties: { asOf: report.asOf },
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
};

const SOURCE_ROOT = '%SRCROOT%';
const FINGERPRINT = 'stampcheck/v1';
const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

function reportingDescriptor(rule: RuleDescriptor, lang: Language) {
  const other: Language = lang === 'zh' ? 'en' : 'zh';
  return {
    id: rule.id,
    name: pascalCase(rule.id),
    shortDescription: { text: rule.title[lang] },
    fullDescription: { text: `${rule.title[lang]}\n${rule.title[other]}` },
    ...(rule.remedy !== null && { help: { text: rule.remedy[lang] } }),
    defaultConfiguration: { level: LEVEL[rule.severity] },
    properties: {
      source: rule.source === null ? null : stableSource(rule.source),
      departments: [...rule.departments],
    },
  };
}

interface ResultPlace {
  uri: string;
  artifactIndex: number;
  ruleIndex: number | undefined;
  context: FormatContext;
}

function sarifResult(finding: Finding, { uri, artifactIndex, ruleIndex, context }: ResultPlace) {
  return {
    ruleId: finding.ruleId,
    // A finding of a rule missing from report.rules still gets reported, just without the index.
    ...(ruleIndex !== undefined && { ruleIndex }),
    level: LEVEL[finding.severity],
    message: { text: localize(finding.message, context.lang) },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { ...artifactLocation(uri), index: artifactIndex },
          region: {
            startLine: finding.line,
            startColumn: finding.column,
            endLine: finding.endLine,
            endColumn: finding.endColumn,
          },
        },
      },
    ],
    partialFingerprints: { [FINGERPRINT]: fingerprint(finding, uri) },
    properties: {
      procedureId: finding.procedureId,
      stepId: finding.stepId,
      requirementIndex: finding.requirementIndex,
      department: finding.department,
    },
  };
}

/** Every checked file, then any file only findings mention, each once; results point here by index. */
function artifactUris(report: Report, cwd: string): string[] {
  const files = [...report.files, ...report.findings.map((finding) => finding.file)];
  return [...new Set(files.map((file) => artifactUri(file, cwd)))];
}

/**
 * SARIF wants a URI reference: the display path with each segment percent-encoded (spaces, CJK, `#`),
 * relative to %SRCROOT%; a file outside the working directory gets an absolute file: URI.
 */
function artifactUri(file: string, cwd: string): string {
  const shown = displayPath(file, cwd);
  if (isAbsolute(shown)) return pathToFileURL(shown).href;
  return shown.split('/').map(encodeURIComponent).join('/');
}

function artifactLocation(uri: string): { uri: string; uriBaseId?: string } {
  return uri.startsWith('file:') ? { uri } : { uri, uriBaseId: SOURCE_ROOT };
}

/** Independent of positions, so a finding keeps its fingerprint when lines above it change. */
function fingerprint(finding: Finding, uri: string): string {
  return shortHash([finding.ruleId, uri, finding.procedureId, finding.stepId, finding.requirementIndex, finding.fingerprint]);
}

function directoryUri(directory: string): string {
  const href = pathToFileURL(directory).href;
  return href.endsWith('/') ? href : `${href}/`;
}

function pascalCase(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word.length > 0)
    .map((word) => word[0].toUpperCase() + word.slice(1))
    .join('');
}
