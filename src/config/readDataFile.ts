import { readFileSync } from 'node:fs';
import { ConfigFileError, systemErrorWords } from '../model/errors.js';
import { createLocator } from '../load/lineIndex.js';
import { nodeAtPointer, parseYamlTree, toPlain } from '../load/yamlTree.js';
import type { TreeNode } from '../load/yamlTree.js';
import { schemaValidator, validatorSchema } from '../load/schemaValidator.js';
import type { SchemaName } from '../load/schemaValidator.js';
import { closestName } from '../model/closestName.js';

/** A validated data file (YAML or JSON), and a way to point an error at any of its nodes. */
export interface DataFile {
  path: string;
  data: unknown;
  /** An error at the node a JSON pointer names. */
  errorAt(pointer: string, detail: string): ConfigFileError;
}

/**
 * Reads, parses and validates one rule or baseline file (`what` names it in messages, `shown` is its path as the user
 * gave it); every problem names the file's own line and column.
 */
export function readDataFile(path: string, schema: SchemaName, what: string, shown = path): DataFile {
  let raw: string;
  try {
    raw = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigFileError(shown, 1, 1, `cannot read ${what}: ${systemErrorWords(error)}`);
  }
  const text = raw.replace(/^\uFEFF/, '');
  const locate = createLocator(text);
  const errorAtOffset = (offset: number, detail: string) => {
    const { line, column } = locate({ start: offset, end: offset });
    return new ConfigFileError(shown, line, column, detail);
  };
  const parsed = parseYamlTree(text);
  if (parsed.syntaxError) throw errorAtOffset(parsed.syntaxError.offset, `YAML syntax error: ${parsed.syntaxError.message}`);
  if (parsed.problems.length > 0) throw errorAtOffset(parsed.problems[0].offset, parsed.problems[0].message);
  const documents = parsed.documents.filter((document) => document !== null);
  if (documents.length !== 1) throw errorAtOffset(0, `a ${what} holds exactly one document (found ${documents.length})`);
  const root = documents[0] as TreeNode;
  const errorAt = (pointer: string, detail: string) => errorAtOffset(nodeAtPointer(root, pointer).start, detail);
  const data = toPlain(root);
  const validator = schemaValidator(schema);
  if (!validator(data)) {
    // A misspelt key explains the required one it then lacks: report it first.
    const errors = validator.errors!;
    const error = errors.find((candidate) => typeof candidate.params.additionalProperty === 'string') ?? errors[0];
    const where = error.instancePath === '' ? '(root)' : error.instancePath;
    // A name a map does not allow (a misspelt vocabulary): at the name, with the one it most likely meant.
    const name = (error as { propertyName?: string }).propertyName;
    if (name !== undefined) {
      const parent = nodeAtPointer(root, error.instancePath);
      const key = parent.kind === 'map' ? parent.entries.get(name)?.key : undefined;
      const allowed = (error.params.allowedValues as string[] | undefined) ?? [];
      const meant = closestName(name, allowed);
      throw errorAtOffset((key ?? parent).start, `${where} has no "${name}"${meant === null ? '' : `; did you mean "${meant}"?`}`);
    }
    const extra = error.params.additionalProperty;
    if (typeof extra === 'string') {
      const parent = nodeAtPointer(root, error.instancePath);
      const key = parent.kind === 'map' ? parent.entries.get(extra)?.key : undefined;
      const meant = closestName(extra, declaredKeys(validatorSchema(schema)));
      throw errorAtOffset((key ?? parent).start, `${where} ${error.message ?? 'is invalid'} "${extra}"${meant === null ? '' : `; did you mean "${meant}"?`}`);
    }
    const allowed = (error.params.allowedValues ?? ('allowedValue' in error.params ? [error.params.allowedValue] : undefined)) as unknown[] | undefined;
    const choices = Array.isArray(allowed) ? `: ${allowed.map((value) => JSON.stringify(value)).join(', ')}` : '';
    throw errorAt(error.instancePath, `${where} ${error.message ?? 'is invalid'}${choices}`);
  }
  return { path, data, errorAt };
}

/** Every key the schema declares anywhere (a misspelt key is matched against them all: errors inside a $ref name no parent). */
function declaredKeys(schema: unknown, keys = new Set<string>()): Set<string> {
  if (typeof schema !== 'object' || schema === null) return keys;
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'properties' && typeof value === 'object' && value !== null) for (const name of Object.keys(value)) keys.add(name);
    declaredKeys(value, keys);
  }
  return keys;
}
