import { readdirSync, statSync } from 'node:fs';
import { dirname, extname, join, resolve } from 'node:path';
import { ConfigFileError, UsageError } from '../model/errors.js';
import type { LocalizedText, RuleSource, Severity } from '../model/finding.js';
import type { RetainedCategory, RuleDefinition, RuleSet, When } from '../model/ruleSet.js';
import { compileRules, RuleSetError } from '../engine/compileRules.js';
import type { CompiledRules } from '../engine/compileRules.js';
import { packageFile } from '../packagePaths.js';
import { readRuleFile } from './readRuleFile.js';
import { isCalendarDate } from '../model/calendarDate.js';
import { closestName } from '../model/closestName.js';
import { PLACEHOLDERS, placeholdersIn } from '../engine/renderMessage.js';
import { readShippedSnapshot } from './shippedSnapshot.js';
import type { RuleFile, RuleFileData } from './readRuleFile.js';

/** The name rule files and `--rules` use for the rules shipped with stampcheck. */
export const SHIPPED_RULES = 'stampcheck:shipped';
const RULE_FILE_EXTENSIONS = new Set(['.yaml', '.yml', '.json']);

/**
 * Loads rule files and directories (in order, relative to cwd; the shipped rules when none are
 * given), follows `extends`, merges and compiles them.
 */
export function loadRules(locations: readonly string[] = [], cwd = process.cwd()): CompiledRules {
  const chosen = locations.length > 0 ? locations : [SHIPPED_RULES];
  const shippedOnly = chosen.length === 1 && chosen[0] === SHIPPED_RULES;
  const ruleSet = (shippedOnly ? readShippedSnapshot(ruleFilesAt(SHIPPED_RULES, cwd)) : null) ?? loadRuleSet(chosen, cwd);
  try {
    return compileRules(ruleSet);
  } catch (error) {
    if (error instanceof RuleSetError) throw new ConfigFileError(chosen.join(', '), 1, 1, error.message);
    throw error;
  }
}

export function loadRuleSet(locations: readonly string[], cwd: string): RuleSet {
  const ruleSet: RuleSet = { vocabularies: Object.create(null), issuers: Object.create(null), departments: [], retained: [], rules: [] };
  const loaded = new Set<string>();
  const files: RuleFile[] = [];
  const visit = (location: string, base: string) => {
    for (const path of ruleFilesAt(location, base)) {
      if (loaded.has(path)) continue;
      loaded.add(path);
      const file = readRuleFile(path);
      for (const parent of [file.data.extends ?? []].flat()) visit(parent, dirname(path));
      files.push(file);
      merge(ruleSet, file.data, path);
    }
  };
  for (const location of locations) visit(location, cwd);
  checkRuleReferences(files);
  return ruleSet;
}

/** Rule ids are unique across files, and `supersedes` and a retained category's `covers` name existing rules; errors point at the id. */
function checkRuleReferences(files: readonly RuleFile[]): void {
  const ids = new Set<string>();
  for (const file of files) {
    (file.data.rules ?? []).forEach((rule, index) => {
      const id = rule.id as string;
      if (ids.has(id)) throw file.errorAt(`/rules/${index}/id`, `rule "${id}" is defined twice`);
      ids.add(id);
    });
  }
  for (const file of files) {
    (file.data.rules ?? []).forEach((rule, index) => {
      checkTexts(file, `/rules/${index}`, rule);
      checkDates(file, `/rules/${index}`, rule);
      ((rule.supersedes as string[] | undefined) ?? []).forEach((target, position) => {
        if (!ids.has(target)) throw file.errorAt(`/rules/${index}/supersedes/${position}`, `rule "${rule.id}" supersedes unknown rule "${target}"`);
      });
    });
    (file.data.retained ?? []).forEach((category, index) => {
      ((category.covers as string[] | undefined) ?? []).forEach((target, position) => {
        if (!ids.has(target)) throw file.errorAt(`/retained/${index}/covers/${position}`, `retained category "${category.id}" covers unknown rule "${target}"`);
      });
    });
  }
}

/** The texts of a rule and its exceptions name only placeholders a finding fills ({{documnet}} would be printed as it is). */
function checkTexts(file: RuleFile, pointer: string, rule: Record<string, unknown>): void {
  const parts: [string, unknown][] = [['title', rule.title], ['message', rule.message], ['remedy', rule.remedy]];
  ((rule.exceptions as Record<string, unknown>[] | undefined) ?? []).forEach((exception, index) => {
    parts.push([`exceptions/${index}/message`, exception.message], [`exceptions/${index}/remedy`, exception.remedy]);
  });
  for (const [path, text] of parts) {
    for (const lang of ['zh', 'en'] as const) {
      const written = (text as Record<string, string> | undefined)?.[lang];
      if (written === undefined) continue;
      const unknown = placeholdersIn(written).find((name) => !PLACEHOLDERS.includes(name));
      if (unknown === undefined) continue;
      const meant = closestName(unknown, PLACEHOLDERS);
      throw file.errorAt(`${pointer}/${path}/${lang}`, `unknown placeholder {{${unknown}}}${meant === null ? '' : `; did you mean {{${meant}}}?`} (known: ${PLACEHOLDERS.map((name) => `{{${name}}}`).join(', ')})`);
    }
  }
}

/** A rule's dates are days of the calendar (the schema's pattern lets 2020-02-30 through). */
function checkDates(file: RuleFile, pointer: string, rule: Record<string, unknown>): void {
  const source = rule.source as Record<string, unknown> | undefined;
  const transition = rule.transition as Record<string, unknown> | undefined;
  const dates: [string, unknown][] = [['effective', rule.effective], ['source/date', source?.date], ['transition/until', transition?.until]];
  for (const [path, date] of dates) {
    if (typeof date === 'string' && !isCalendarDate(date)) throw file.errorAt(`${pointer}/${path}`, `${pointer}/${path} is not a day of the calendar: ${date}`);
  }
}

/** The rule files a location names: the file itself, or a directory's rule files in name order. */
export function ruleFilesAt(location: string, base: string): string[] {
  const path = location === SHIPPED_RULES ? packageFile('rules') : resolve(base, location);
  let isDirectory: boolean;
  try {
    isDirectory = statSync(path).isDirectory();
  } catch {
    throw new UsageError(`rule file or directory not found: ${location}`);
  }
  if (!isDirectory) return [path];
  return readdirSync(path, { withFileTypes: true })
    .filter((entry) => !entry.isDirectory() && RULE_FILE_EXTENSIONS.has(extname(entry.name).toLowerCase()))
    .map((entry) => entry.name)
    .sort()
    .map((name) => join(path, name));
}

function merge(ruleSet: RuleSet, data: RuleFileData, file: string): void {
  for (const [name, vocabulary] of Object.entries(data.vocabularies ?? {})) {
    ruleSet.vocabularies[name] = [...(ruleSet.vocabularies[name] ?? []), ...vocabulary.terms];
  }
  Object.assign(ruleSet.issuers, data.issuers ?? {});
  for (const [code, department] of Object.entries(data.departments ?? {})) {
    const existing = ruleSet.departments.findIndex((candidate) => candidate.code === code);
    const definition = { code, zh: department.zh, en: department.en, aliases: department.aliases ?? [] };
    if (existing >= 0) ruleSet.departments[existing] = definition;
    else ruleSet.departments.push(definition);
  }
  for (const raw of data.retained ?? []) ruleSet.retained.push(toRetained(raw, file));
  for (const raw of data.rules ?? []) ruleSet.rules.push(toRule(raw, file));
}

function toRetained(raw: Record<string, unknown>, file: string): RetainedCategory {
  return {
    id: raw.id as string,
    category: raw.category as number,
    title: raw.title as LocalizedText,
    legalBasis: raw['legal-basis'] as string,
    source: (raw.source as RuleSource | undefined) ?? null,
    when: raw.when as When,
    covers: (raw.covers as string[] | undefined) ?? [],
    file,
  };
}

function toRule(raw: Record<string, unknown>, file: string): RuleDefinition {
  const examples = (raw.examples ?? {}) as { invalid?: string[]; valid?: string[] };
  return {
    id: raw.id as string,
    severity: raw.severity as Severity,
    departments: (raw.departments as string[] | undefined) ?? [],
    listItem: (raw['list-item'] as number | undefined) ?? null,
    title: raw.title as LocalizedText,
    message: raw.message as LocalizedText,
    remedy: raw.remedy as LocalizedText,
    rationale: (raw.rationale as LocalizedText | undefined) ?? null,
    source: raw.source as RuleSource,
    effective: raw.effective as string,
    transition: (raw.transition as RuleDefinition['transition'] | undefined) ?? null,
    when: (raw.when as When | undefined) ?? {},
    fallback: raw.fallback === true,
    supersedes: (raw.supersedes as string[] | undefined) ?? [],
    exceptions: (raw.exceptions as RuleDefinition['exceptions'] | undefined) ?? [],
    examples: { invalid: examples.invalid ?? [], valid: examples.valid ?? [] },
    file,
  };
}
