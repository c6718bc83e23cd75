import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { loadRules, loadRuleSet, SHIPPED_RULES } from '../../src/config/loadRules.js';
import { readRuleFile } from '../../src/config/readRuleFile.js';
import { ExitCode, ConfigFileError, UsageError } from '../../src/model/errors.js';
import { REQUIRED_VOCABULARIES, VOCABULARY_NAMES } from '../../src/model/ruleSet.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'rules');
const fixture = (...parts: string[]) => join(FIXTURES, ...parts);

/** The error loadRules throws for these locations; fails the test when it throws nothing. */
function loadError(...locations: string[]): Error {
  try {
    loadRules(locations);
  } catch (error) {
    return error as Error;
  }
  throw new Error(`loadRules(${locations.join(', ')}) did not throw`);
}

const shippedRuleIds = () => loadRules([SHIPPED_RULES]).ruleSet.rules.map((rule) => rule.id);

describe('rule files with errors', () => {
  const cases: [string, string, number, number, RegExp][] = [
    ['bad-rule-id.yaml', 'a rule id that is not kebab-case: at the id', 3, 9, /\/rules\/0\/id must match pattern/],
    ['missing-remedy.yaml', 'a rule without remedy: at the rule', 3, 5, /\/rules\/0 must have required property 'remedy'/],
    ['bad-severity.yaml', 'an unknown severity: at the severity', 4, 15, /\/rules\/0\/severity must be equal to one of the allowed values/],
    ['bad-date.yaml', 'a date without zero padding: at the date', 16, 16, /\/rules\/0\/effective must match pattern/],
    ['syntax-error.yaml', 'a YAML syntax error: where the parser stops', 5, 4, /YAML syntax error: bad indentation/],
    ['misspelt-key.yaml', 'a misspelt key: at the key, with the one meant', 5, 5, /^\/retained\/0 must NOT have additional properties "categroy"; did you mean "category"\?$/],
    ['misspelt-placeholder.yaml', 'a placeholder no finding fills: at the text', 11, 11, /^unknown placeholder \{\{documnet\}\}; did you mean \{\{document\}\}\? \(known: /],
    ['misspelt-vocabulary.yaml', 'a vocabulary the engine does not read: at its name', 4, 3, /^\/vocabularies has no "community-lookalikes"; did you mean "community-lookalike"\?$/],
    ['no-such-day.yaml', 'a date of the right pattern that is no day: at the date', 17, 16, /^\/rules\/0\/effective is not a day of the calendar: 2020-02-30$/],
  ];

  it.each(cases)('%s: %s', (name, _description, line, column, detail) => {
    const file = fixture('errors', name);
    const error = loadError(file);
    expect(error).toBeInstanceOf(ConfigFileError);
    expect((error as ConfigFileError).exitCode).toBe(ExitCode.failure);
    expect(error.message.startsWith(`${file}:${line}:${column}: `)).toBe(true);
    expect(error.message.slice(`${file}:${line}:${column}: `.length)).toMatch(detail);
    expect(error.message).not.toContain('\n');
  });

  it('names an unknown top-level key in the message', () => {
    const error = loadError(fixture('errors', 'unknown-top-level-key.yaml'));
    expect(error).toBeInstanceOf(ConfigFileError);
    expect(error.message).toMatch(/: \(root\) must NOT have additional properties "colours"$/);
  });
  it('reports an unknown top-level key at the key', () => {
    const file = fixture('errors', 'unknown-top-level-key.yaml');
    expect(loadError(file).message.startsWith(`${file}:17:1: `)).toBe(true);
  });
  it('rejects a date that does not exist, at the date', () => {
    const file = fixture('errors', 'impossible-date.yaml');
    const error = loadError(file);
    expect(error).toBeInstanceOf(ConfigFileError);
    expect(error.message.startsWith(`${file}:17:16: `)).toBe(true);
  });

  it('names both places of a rule id defined in two files', () => {
    const error = loadError(fixture('duplicate-id'));
    expect(error).toBeInstanceOf(ConfigFileError);
    expect(error.message).toMatch(/rule "local-twice" is defined twice/);
    expect(error.message).toContain(fixture('duplicate-id', 'b.yaml'));
  });
  it('reports a duplicate rule id at the second definition, in its file', () => {
    const second = fixture('duplicate-id', 'b.yaml');
    expect(loadError(fixture('duplicate-id')).message.startsWith(`${second}:18:9: `)).toBe(true);
    expect(loadError(fixture('duplicate-id', 'a.yaml'), second).message.startsWith(`${second}:18:9: `)).toBe(true);
  });

  it('names the unknown rule a rule supersedes', () => {
    const error = loadError(fixture('errors', 'unknown-supersedes.yaml'));
    expect(error).toBeInstanceOf(ConfigFileError);
    expect(error.message).toMatch(/rule "local-supersedes-unknown" supersedes unknown rule "no-such-rule"/);
  });
  it('reports an unknown superseded rule at its name in the supersedes list', () => {
    const file = fixture('errors', 'unknown-supersedes.yaml');
    expect(loadError(file).message.startsWith(`${file}:18:18: `)).toBe(true);
  });

  it('names the unknown rule a retained category covers, at its place in the list', () => {
    const file = fixture('errors', 'unknown-covers.yaml');
    const error = loadError(file);
    expect(error).toBeInstanceOf(ConfigFileError);
    expect(error.message).toMatch(/retained category "local-covers-unknown" covers unknown rule "no-such-rule"/);
    expect(error.message.startsWith(`${file}:12:60: `)).toBe(true);
  });

  it('reports a rule set missing a required vocabulary, naming only the missing one', () => {
    const location = fixture('missing-vocabulary');
    const error = loadError(location);
    expect(error).toBeInstanceOf(ConfigFileError);
    expect(error.message).toBe(`${location}:1:1: no rule file defines the vocabularies: negation-prefix`);
  });

  it('refuses question marks that are not clause separators, naming them', () => {
    const location = fixture('question-mark-not-separator');
    const error = loadError(location);
    expect(error).toBeInstanceOf(ConfigFileError);
    expect(error.message).toBe(`${location}:1:1: question marks must also be clause separators: ?, 吗`);
  });

  it('reports a missing rule location as a usage error', () => {
    const error = loadError(fixture('no-such-rules.yaml'));
    expect(error).toBeInstanceOf(UsageError);
    expect(error.message).toBe(`rule file or directory not found: ${fixture('no-such-rules.yaml')}`);
  });

  it('has a case above for every error fixture', () => {
    const expected = ['bad-date.yaml', 'bad-rule-id.yaml', 'bad-severity.yaml', 'impossible-date.yaml', 'missing-remedy.yaml',
      'misspelt-key.yaml', 'misspelt-placeholder.yaml', 'misspelt-vocabulary.yaml', 'no-such-day.yaml',
      'syntax-error.yaml', 'unknown-covers.yaml', 'unknown-supersedes.yaml', 'unknown-top-level-key.yaml'];
    expect(readdirSync(fixture('errors')).sort()).toEqual(expected);
  });
});

describe('readRuleFile', () => {
  it('reads a valid file as data, dates as text', () => {
    const { data } = readRuleFile(fixture('replacement', 'rules.yaml'));
    expect(data.rules?.map((rule) => [rule.id, rule.severity, rule.effective])).toEqual([['local-no-community-dog-certificate', 'warning', '2024-01-01']]);
  });

  it('reports a file that cannot be read at 1:1', () => {
    const directoryAsFile = fixture('replacement');
    expect(() => readRuleFile(directoryAsFile)).toThrow(new ConfigFileError(directoryAsFile, 1, 1, 'cannot read rule file: it is a directory'));
  });
});

describe('rule locations', () => {
  it('loads the shipped rules by default', () => {
    const ids = loadRules().ruleSet.rules.map((rule) => rule.id);
    expect(ids).toEqual(shippedRuleIds());
    expect(ids).toContain('no-community-kinship-certificate');
    expect(ids.every((id) => /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(id))).toBe(true);
  });

  it('loads the shipped rules and the user rule for extends: stampcheck:shipped', () => {
    const ids = loadRules([fixture('extends', 'local.yaml')]).ruleSet.rules.map((rule) => rule.id);
    expect(ids).toEqual([...shippedRuleIds(), 'local-no-community-parking-certificate']);
  });

  it('loads a file named twice (directly and through extends) once', () => {
    const ids = loadRules([SHIPPED_RULES, fixture('extends', 'local.yaml')]).ruleSet.rules.map((rule) => rule.id);
    expect(ids).toEqual([...shippedRuleIds(), 'local-no-community-parking-certificate']);
  });

  it('replaces the shipped rules with a user rules directory', () => {
    const compiled = loadRules([fixture('replacement')]);
    expect(compiled.ruleSet.rules.map((rule) => rule.id)).toEqual(['local-no-community-dog-certificate']);
    expect(compiled.ruleSet.retained).toEqual([]);
    expect(compiled.ruleSet.vocabularies['community-issuer']).toEqual(['社区', '居委会', '村委会']);
    expect(compiled.ruleSet.rules[0].file).toBe(fixture('replacement', 'rules.yaml'));
  });

  it('merges vocabularies of the same name by adding their terms', () => {
    const ruleSet = loadRuleSet([fixture('replacement'), fixture('missing-vocabulary')], process.cwd());
    expect(ruleSet.vocabularies['community-issuer']).toEqual(['社区', '居委会', '村委会', '社区', '居委会', '村委会']);
    expect(ruleSet.vocabularies['negation-prefix']).toEqual(['非']);
  });
});

describe('vocabulary names, where users read them', () => {
  // A vocabulary the engine reads is named in four places by hand; these tests keep them one list.
  const root = join(import.meta.dirname, '..', '..');
  const listed = (text: string) => {
    const [, required = '', optional = ''] = /Required: ([^;]*); optional: ([^(]*?)[.(]/.exec(text) ?? [];
    const names = (part: string) => part.split(',').map((name) => name.trim().replace(/`/g, '')).filter((name) => name !== '').sort();
    return { required: names(required), optional: names(optional) };
  };
  const expected = {
    required: [...REQUIRED_VOCABULARIES].sort(),
    optional: VOCABULARY_NAMES.filter((name) => !REQUIRED_VOCABULARIES.includes(name)).sort(),
  };

  it('the rules schema lists every vocabulary, the required ones as required', () => {
    const schema = JSON.parse(readFileSync(join(root, 'schemas', 'rules.schema.json'), 'utf8'));
    expect(listed(schema.properties.vocabularies.description)).toEqual(expected);
  });

  it('the rules schema accepts no other vocabulary name (a misspelt one would do nothing)', () => {
    const schema = JSON.parse(readFileSync(join(root, 'schemas', 'rules.schema.json'), 'utf8'));
    expect([...schema.properties.vocabularies.propertyNames.enum].sort()).toEqual([...VOCABULARY_NAMES].sort());
  });

  it('the README lists every vocabulary, the required ones as required', () => {
    const row = readFileSync(join(root, 'README.md'), 'utf8').split('\n').find((line) => line.startsWith('| `vocabularies` |')) ?? '';
    expect(listed(row)).toEqual(expected);
  });

  it('the shipped rules describe every vocabulary', () => {
    const shipped = loadRules([SHIPPED_RULES]).ruleSet.vocabularies;
    expect(Object.keys(shipped).sort()).toEqual([...VOCABULARY_NAMES].sort());
  });
});
