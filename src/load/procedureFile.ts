import type { Finding, LocalizedText } from '../model/finding.js';
import { closestName } from '../model/closestName.js';
import { fileFinding } from '../model/finding.js';
import type { Procedure, Range, Requirement, SourceFile, Step, StepConsumer, TextField } from '../model/procedure.js';
import { BUILTIN_RULES } from '../model/builtinRules.js';
import { createLocator } from './lineIndex.js';
import { parseBlockYaml } from './blockYaml.js';
import { DEFAULT_TREE_LIMITS, nodeAtPointer, parseYamlEvents, parseYamlTree, toPlain } from './yamlTree.js';
import type { ItemSink, MapNode, ParsedYaml, TreeNode } from './yamlTree.js';
import { isValidOutline, isValidStep, knownFields, validateProcedureDocument } from './validateProcedure.js';

export interface LoadOptions {
  /** Warn about fields the schema does not declare. */
  strict: boolean;
}

/**
 * Parses and validates one decoded file. Never throws on bad input: problems become findings. With a
 * consumer, the steps of a file read step by step are handed to it instead of listed in their procedure.
 */
export function loadProcedureFile(path: string, text: string, options: LoadOptions, consumer?: StepConsumer): SourceFile {
  const locate = createLocator(text);
  const findings: Finding[] = [];
  const report: Reporter = (range, ruleId, message, severity = 'error') =>
    findings.push(fileFinding(path, locate(range), ruleId, message, severity));
  const done = (procedures: Procedure[]): SourceFile => ({ path, procedures, loadFindings: findings, locate });

  if (path.toLowerCase().endsWith('.json')) {
    const jsonError = checkJsonSyntax(text);
    if (jsonError) {
      report({ start: jsonError.offset, end: jsonError.offset }, BUILTIN_RULES.parseError, {
        zh: `JSON 语法错误：${jsonError.message}`,
        en: `JSON syntax error: ${jsonError.message}`,
      });
      return done([]);
    }
  }
  const stepwise = readStepByStep(text, options, report, consumer && { consumer, locate });
  if (Array.isArray(stepwise)) return done(stepwise);
  consumer?.discard();
  // A file the block reader declined goes straight to js-yaml; one it read but found invalid is read again whole.
  return done(readWhole(stepwise === 'declined' ? parseYamlEvents(text) : parseYamlTree(text), report, options));
}

/**
 * Reads a valid file with its steps modelled one by one as the block reader hands them over, so no
 * step's tree outlives the step (a file of 50,000 steps never holds them all as trees). With a
 * consumer, a step whose procedure already has its id and department is handed on at once, and not
 * even its model is held. When the file is not block YAML ('declined') or not valid ('invalid': a
 * structure problem, a step or an outline that breaks the schema, or a procedure field after its steps
 * that changes what its steps were handed on with), nothing is reported: readWhole reads it whole and
 * says what is wrong exactly as it always has.
 */
function readStepByStep(
  text: string, options: LoadOptions, report: Reporter, handOn?: { consumer: StepConsumer; locate: SourceFile['locate'] },
): Procedure[] | 'declined' | 'invalid' {
  /** Each document's steps so far (null for those handed on); null once one breaks the schema. */
  const stepsByDocument: ((Step | null)[] | null)[] = [];
  /** Each document's procedure as its steps were handed on with, or null when its steps are held. */
  const handedOnProcedure: (Procedure | null)[] = [];
  /** Each document's warnings about its steps' fields, reported after its outline's once the file is known valid. */
  const stepWarnings: Parameters<Reporter>[][] = [];
  const sink: ItemSink = {
    path: ['procedure', 'steps'],
    take(item, index, document, holder) {
      if (stepsByDocument[document] === null) return;
      if (item.kind !== 'map' || !isValidStep(toPlain(item))) {
        stepsByDocument[document] = null;
        return;
      }
      const step = buildStep(item);
      if (handOn && handedOnProcedure[document] === undefined) handedOnProcedure[document] = procedureSoFar(holder);
      const procedure = handedOnProcedure[document];
      if (handOn && procedure) handOn.consumer.take(procedure, step, handOn.locate);
      (stepsByDocument[document] ??= []).push(procedure ? null : step);
      if (options.strict) reportUnknownStepFields(item, index, (...warning) => (stepWarnings[document] ??= []).push(warning));
    },
  };
  const parsed = parseBlockYaml(text, DEFAULT_TREE_LIMITS.maxDepth, sink);
  if (parsed === null) return 'declined';
  if (parsed.problems.length > 0) return 'invalid';
  const procedures: Procedure[] = [];
  const warnings: Parameters<Reporter>[] = [];
  for (const [index, document] of parsed.documents.entries()) {
    const taken = stepsByDocument[index];
    if (document === null || taken === null || taken === undefined) return 'invalid';
    const plain = toPlain(document) as { procedure: { steps: unknown[] } };
    // The outline's steps stand in for those already checked: only their number is the outline's.
    plain.procedure.steps = new Array(taken.length).fill(null);
    if (!isValidOutline(plain)) return 'invalid';
    const handedOn = handedOnProcedure[index];
    const procedure = buildProcedure(field(document as MapNode, 'procedure') as MapNode, handedOn ? [] : (taken as Step[]));
    if (handedOn && !sameOutline(handedOn, procedure)) return 'invalid';
    // The very object the consumer was handed, now with its whole extent: the checker finds its steps' check by it.
    procedures.push(handedOn ? Object.assign(handedOn, { range: procedure.range }) : procedure);
    if (options.strict) {
      reportUnknownOutlineFields(document as MapNode, (...warning) => warnings.push(warning));
      warnings.push(...(stepWarnings[index] ?? []));
    }
  }
  for (const warning of warnings) report(...warning);
  return procedures;
}

/** Validates and models each document of a file read whole, reporting whatever is wrong. */
function readWhole(parsed: ParsedYaml, report: Reporter, options: LoadOptions): Procedure[] {
  const procedures: Procedure[] = [];
  if (parsed.syntaxError) {
    const { offset, message } = parsed.syntaxError;
    report({ start: offset, end: offset }, BUILTIN_RULES.parseError, { zh: `YAML 语法错误：${message}`, en: `YAML syntax error: ${message}` });
    return procedures;
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
    const procedure = field(document as MapNode, 'procedure') as MapNode;
    const steps = items(procedure, 'steps');
    procedures.push(buildProcedure(procedure, steps.map(buildStep)));
    if (options.strict) {
      reportUnknownOutlineFields(document as MapNode, report);
      steps.forEach((step, index) => reportUnknownStepFields(step, index, report));
    }
  }
  return procedures;
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

function buildProcedure(node: MapNode, steps: Step[]): Procedure {
  return {
    id: text(node, 'id')!.text,
    name: text(node, 'name'),
    department: text(node, 'department')!.text,
    departmentName: text(node, 'department_name')?.text ?? null,
    version: text(node, 'version')?.text ?? null,
    steps,
    range: { start: node.start, end: node.end },
  };
}

/** A procedure as read before its steps, if it has its id and department by then; its steps are not listed. */
function procedureSoFar(node: MapNode): Procedure | null {
  return text(node, 'id') && text(node, 'department') ? buildProcedure(node, []) : null;
}

/** Whether two readings of a procedure agree on everything but their steps and extent. */
function sameOutline(a: Procedure, b: Procedure): boolean {
  return a.id === b.id && a.name?.text === b.name?.text && a.department === b.department &&
    a.departmentName === b.departmentName && a.version === b.version;
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

/** Warns about the fields of a mapping its schema definition does not declare. */
function reportUnknownFields(node: MapNode, definition: Parameters<typeof knownFields>[0], where: string, report: Reporter): void {
  const known = knownFields(definition);
  for (const [name, entry] of node.entries) {
    if (known.has(name)) continue;
    // A misspelt field (descripton) hides what it holds from the check: say which one it most likely is.
    const meant = closestName(name, known);
    const message = meant === null
      ? { zh: `未知字段 ${where}.${name}`, en: `unknown field ${where}.${name}` }
      : { zh: `未知字段 ${where}.${name}，是否应为 ${meant}？`, en: `unknown field ${where}.${name}; did you mean ${meant}?` };
    report(entry.key, BUILTIN_RULES.unknownField, message, 'warning');
  }
}

/** Unknown fields of a document and its procedure, not of its steps. */
function reportUnknownOutlineFields(root: MapNode, report: Reporter): void {
  reportUnknownFields(root, 'root', '(root)', report);
  reportUnknownFields(field(root, 'procedure') as MapNode, 'procedure', 'procedure', report);
}

function reportUnknownStepFields(step: MapNode, index: number, report: Reporter): void {
  reportUnknownFields(step, 'step', `procedure.steps[${index}]`, report);
  items(step, 'requires').forEach((requirement, r) => reportUnknownFields(requirement, 'requirement', `procedure.steps[${index}].requires[${r}]`, report));
}
