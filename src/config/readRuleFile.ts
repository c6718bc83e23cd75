import type { ConfigFileError } from '../model/errors.js';
import { readDataFile } from './readDataFile.js';

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
  errorAt(pointer: string, detail: string): ConfigFileError;
}

/** Reads, parses and validates one rule file; every problem names the file's own line and column. */
export function readRuleFile(path: string): RuleFile {
  const { data, errorAt } = readDataFile(path, 'rules', 'rule file');
  return { path, data: data as RuleFileData, errorAt };
}
