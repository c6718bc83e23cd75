import type { Finding, LocalizedText } from '../model/finding.js';
import { fileFinding } from '../model/finding.js';
import type { Procedure, Range, Requirement, SourceFile, Step, TextField } from '../model/procedure.js';
import { BUILTIN_RULES } from '../model/builtinRules.js';
import { createLocator } from './lineIndex.js';
import { nodeAtPointer, parseYamlTree, toPlain } from './yamlTree.js';
import type { MapNode, TreeNode } from './yamlTree.js';
import { knownFields, validateProcedureDocument } from './validateProcedure.js';

export interface LoadOptions {
  /** Warn about fields the schema does not declare. */
  strict: boolean;
}

/** Parses and validates one decoded file. Never throws on bad input: problems become findings. */
export function loadProcedureFile(path: string, text: string, options: LoadOptions): SourceFile {
  const locate = createLocator(text);
  const findings: Finding[] = [];
  const report = (range: Range, ruleId: string, message: LocalizedText, severity: Finding['severity'] = 'error') =>
    findings.push(fileFinding(path, locate(range), ruleId, message, severity));
  const procedures: Procedure[] = [];

  if (path.toLowerCase().endsWith('.json')) {
    const jsonError = checkJsonSyntax(text);
    if (jsonError) {
      report({ start: jsonError.offset, end: jsonError.offset }, BUILTIN_RULES.parseError, {
        zh: `JSON 语法错误：${jsonError.message}`,
        en: `JSON syntax error: ${jsonError.message}`,
      });
      return { path, procedures, loadFindings: findings, locate };
    }
  }

  const parsed = parseYamlTree(text);
  if (parsed.syntaxError) {
    const { offset, message } = parsed.syntaxError;
    report({ start: offset, end: offset }, BUILTIN_RULES.parseError, { zh: `YAML 语法错误：${message}`, en: `YAML syntax error: ${message}` });
    return { path, procedures, loadFindings: findings, locate };
  }
  for (const problem of parsed.problems) {
    const ruleId = problem.kind === 'duplicate-key' ? BUILTIN_RULES.duplicateKey : BUILTIN_RULES.parseError;
    report({ start: problem.offset, end: problem.offset }, ruleId, { zh: `YAML 结构问题：${problem.message}`, en: problem.message });
  }

  const documents = parsed.documents.filter((document) => document !== null);
  if (documents.length === 0) {
    report({ start: 0, end: 0 }, BUILTIN_RULES.schemaError, { zh: '文件中没有流程定义', en: 'the file holds no procedure' });
  }
  for (const document of documents) {
    const errors = validateProcedureDocument(toPlain(document));
    for (const error of errors) {
      const node = nodeAtPointer(document, error.instancePath);
      const where = error.instancePath === '' ? '(root)' : error.instancePath;
      const detail = `${where} ${error.message ?? 'is invalid'}${describeParams(error.params)}`;
      report(node, BUILTIN_RULES.schemaError, { zh: `结构错误：${detail}`, en: `schema error: ${detail}` });
    }
    if (errors.length > 0) continue;
    const procedure = buildProcedure(field(document as MapNode, 'procedure') as MapNode);
    if (options.strict) reportUnknownFields(document as MapNode, report);
    procedures.push(procedure);
  }
  return { path, procedures, loadFindings: findings, locate };
}


/** JSON is YAML 1.2, but YAML forgives what JSON forbids (trailing commas, comments): check JSON first. */
function checkJsonSyntax(text: string): { offset: number; message: string } | null {
  try {
    JSON.parse(text);
    return null;
  } catch (error) {
    const message = (error as Error).message;
    const position = /position (\d+)/.exec(message);
    // "Unexpected end of JSON input" has no position: the problem is where the text ends.
    const offset = position ? Number(position[1]) : /end of JSON input/.test(message) ? text.length : 0;
    return { offset, message: message.replace(/ in JSON at position \d+.*$/, '') };
  }
}

function describeParams(params: Record<string, unknown>): string {
  if (typeof params.missingProperty === 'string') return '';
  if (Array.isArray(params.allowedValues)) return `: ${params.allowedValues.join(', ')}`;
  return '';
}

function field(node: MapNode, name: string): TreeNode | undefined {
  return node.entries.get(name)?.value;
}

function text(node: MapNode, name: string): TextField | null {
  const value = field(node, name);
  if (value?.kind !== 'scalar' || value.value === null) return null;
  return { text: value.source ?? String(value.value), range: { start: value.start, end: value.end } };
}

function items(node: MapNode, name: string): MapNode[] {
  const value = field(node, name);
  return value?.kind === 'seq' ? (value.items as MapNode[]) : [];
}

function buildProcedure(node: MapNode): Procedure {
  return {
    id: text(node, 'id')!.text,
    name: text(node, 'name'),
    department: text(node, 'department')!.text,
    departmentName: text(node, 'department_name')?.text ?? null,
    version: text(node, 'version')?.text ?? null,
    steps: items(node, 'steps').map(buildStep),
    range: { start: node.start, end: node.end },
  };
}

function buildStep(node: MapNode): Step {
  return {
    id: text(node, 'id')!.text,
    name: text(node, 'name'),
    actor: text(node, 'actor')?.text ?? null,
    description: text(node, 'description'),
    requirements: items(node, 'requires').map(buildRequirement),
    range: { start: node.start, end: node.end },
  };
}

function buildRequirement(node: MapNode, index: number): Requirement {
  const stamp = field(node, 'stamp');
  return {
    index,
    name: text(node, 'name'),
    issuer: text(node, 'issuer'),
    stamp: stamp?.kind === 'scalar' && stamp.value === true,
    purpose: text(node, 'purpose'),
    note: text(node, 'note'),
    range: { start: node.start, end: node.end },
  };
}

type Reporter = (range: Range, ruleId: string, message: LocalizedText, severity?: Finding['severity']) => void;

function reportUnknownFields(root: MapNode, report: Reporter): void {
  const check = (node: MapNode, definition: Parameters<typeof knownFields>[0], where: string) => {
    const known = knownFields(definition);
    for (const [name, entry] of node.entries) {
      if (known.has(name)) continue;
      const message = { zh: `未知字段 ${where}.${name}`, en: `unknown field ${where}.${name}` };
      report(entry.key, BUILTIN_RULES.unknownField, message, 'warning');
    }
  };
  check(root, 'root', '(root)');
  const procedure = field(root, 'procedure') as MapNode;
  check(procedure, 'procedure', 'procedure');
  items(procedure, 'steps').forEach((step, s) => {
    check(step, 'step', `steps[${s}]`);
    items(step, 'requires').forEach((requirement, r) => check(requirement, 'requirement', `steps[${s}].requires[${r}]`));
  });
}
