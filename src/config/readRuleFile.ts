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
  issuers?: Record<string, { zh: string; en: string }>;
  retained?: Record<string, unknown>[];
  rules?: Record<string, unknown>[];
}

/** A validated rule file, and a way to point an error at any of its nodes. */
export interface RuleFile {
  path: string;
  data: RuleFileData;
  /** An error at the node a JSON pointer names (the key itself for `/rules/0/id`'s parent checks). */
  errorAt(pointer: string, detail: string): RuleFileError;
}

/** Reads, parses and validates one rule file; every problem names the file's own line and column. */
export function readRuleFile(path: string): RuleFile {
  let raw: string;
  try {
    raw = readFileSync(path, 'utf8');
  } catch (error) {
    throw new RuleFileError(path, 1, 1, `cannot read rule file: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  const text = raw.replace(/^\uFEFF/, '');
  const locate = createLocator(text);
  const errorAtOffset = (offset: number, detail: string) => {
    const { line, column } = locate({ start: offset, end: offset });
    return new RuleFileError(path, line, column, detail);
  };
  const parsed = parseYamlTree(text);
  if (parsed.syntaxError) throw errorAtOffset(parsed.syntaxError.offset, `YAML syntax error: ${parsed.syntaxError.message}`);
  if (parsed.problems.length > 0) throw errorAtOffset(parsed.problems[0].offset, parsed.problems[0].message);
  const documents = parsed.documents.filter((document) => document !== null);
  if (documents.length !== 1) throw errorAtOffset(0, `a rule file holds exactly one YAML document (found ${documents.length})`);
  const root = documents[0] as TreeNode;
  const errorAt = (pointer: string, detail: string) => errorAtOffset(nodeAtPointer(root, pointer).start, detail);
  const data = toPlain(root);
  const validator = schemaValidator('rules');
  if (!validator(data)) {
    const error = validator.errors![0];
    const where = error.instancePath === '' ? '(root)' : error.instancePath;
    const extra = error.params.additionalProperty;
    if (typeof extra === 'string') {
      const parent = nodeAtPointer(root, error.instancePath);
      const key = parent.kind === 'map' ? parent.entries.get(extra)?.key : undefined;
      throw errorAtOffset((key ?? parent).start, `${where} ${error.message ?? 'is invalid'} "${extra}"`);
    }
    throw errorAt(error.instancePath, `${where} ${error.message ?? 'is invalid'}`);
  }
  return { path, data: data as RuleFileData, errorAt };
}
