import { readFileSync } from 'node:fs';
import { RuleFileError } from '../model/errors.js';
import { createLocator } from '../load/lineIndex.js';
import { nodeAtPointer, parseYamlTree, toPlain } from '../load/yamlTree.js';
import type { TreeNode } from '../load/yamlTree.js';
import { schemaValidator } from '../load/schemaValidator.js';

/** A rule file as written, after schema validation (kebab-case keys, as in the schema). */
export interface RuleFileData {
  extends?: string | string[];
  vocabularies?: Record<string, { description?: string; terms: string[] }>;
  departments?: Record<string, { zh: string; en: string; aliases?: string[] }>;
  retained?: Record<string, unknown>[];
  rules?: Record<string, unknown>[];
}


/** Reads, parses and validates one rule file; every problem names the file's own line and column. */
export function readRuleFile(path: string): RuleFileData {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new RuleFileError(path, 1, 1, `cannot read rule file: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  const locate = createLocator(text);
  const fail = (offset: number, detail: string): never => {
    const { line, column } = locate({ start: offset, end: offset });
    throw new RuleFileError(path, line, column, detail);
  };
  const parsed = parseYamlTree(text.replace(/^\uFEFF/, ''));
  if (parsed.syntaxError) fail(parsed.syntaxError.offset, `YAML syntax error: ${parsed.syntaxError.message}`);
  if (parsed.problems.length > 0) fail(parsed.problems[0].offset, parsed.problems[0].message);
  const documents = parsed.documents.filter((document) => document !== null);
  if (documents.length !== 1) fail(0, `a rule file holds exactly one YAML document (found ${documents.length})`);
  const root = documents[0] as TreeNode;
  const data = toPlain(root);
  const validator = schemaValidator('rules');
  if (!validator(data)) {
    const error = validator.errors![0];
    const node = nodeAtPointer(root, error.instancePath);
    const where = error.instancePath === '' ? '(root)' : error.instancePath;
    const extra = error.params.additionalProperty ? ` "${error.params.additionalProperty}"` : '';
    fail(node.start, `${where} ${error.message ?? 'is invalid'}${extra}`);
  }
  return data as RuleFileData;
}
