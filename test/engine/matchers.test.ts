import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { loadRules } from '../../src/config/loadRules.js';
import { compileRules } from '../../src/engine/compileRules.js';
import type { CompiledRules } from '../../src/engine/compileRules.js';
import { compileWhen, MATCHERS } from '../../src/engine/matchers.js';
import type { DemandFacts, MatcherContext } from '../../src/engine/matchers.js';
import { normalizeText } from '../../src/engine/normalizeText.js';

interface SchemaProperty {
  description?: string;
  [keyword: string]: unknown;
}

const schema = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'schemas', 'rules.schema.json'), 'utf8')) as {
  definitions: { when: { properties: Record<string, SchemaProperty>; additionalProperties: boolean } };
};
const whenProperties = schema.definitions.when.properties;

function withoutDescription({ description: _description, ...rest }: SchemaProperty): object {
  return rest;
}

describe('MATCHERS and the `when` schema', () => {
  it('closes `when`: a key without a matcher cannot slip through', () => {
    expect(schema.definitions.when.additionalProperties).toBe(false);
  });

  it('has a matcher for every `when` key and a `when` key for every matcher', () => {
    expect(Object.keys(MATCHERS).sort()).toEqual(Object.keys(whenProperties).sort());
  });

  it.each(Object.keys(whenProperties))('publishes the options schema of %s as the matcher declares it', (name) => {
    const matcher = MATCHERS[name as keyof typeof MATCHERS];
    expect(matcher.optionsSchema).toEqual(withoutDescription(whenProperties[name]));
  });

  it.each(Object.keys(whenProperties))('documents %s in the schema', (name) => {
    expect(whenProperties[name].description).toEqual(expect.any(String));
  });
});

describe('compileWhen', () => {
  // A small context: negation is 非 right before the term.
  const families: string[][] = [];
  const context: MatcherContext = {
    normalize: normalizeText,
    certificateFamily(terms) {
      families.push([...terms]);
      return families.length - 1;
    },
    negatedAt: (text, start) => text.endsWith('非', start),
  };
  const facts = (overrides: Partial<DemandFacts>): DemandFacts => ({
    certificateFamilies: new Set(), context: '', purpose: '', department: null, stamp: false, ...overrides,
  });

  it('holds for every demand when `when` is empty', () => {
    expect(compileWhen({}, context)(facts({}))).toBe(true);
  });

  it('matches stamp by equality', () => {
    expect(compileWhen({ stamp: true }, context)(facts({ stamp: true }))).toBe(true);
    expect(compileWhen({ stamp: true }, context)(facts({ stamp: false }))).toBe(false);
    expect(compileWhen({ stamp: false }, context)(facts({ stamp: false }))).toBe(true);
  });

  it('matches a context term unless a negation stands right before it', () => {
    const applies = compileWhen({ context: ['公證'] }, context);
    expect(applies(facts({ context: '办理亲属关系公证' }))).toBe(true);
    expect(applies(facts({ context: '非公证用途' }))).toBe(false);
    expect(applies(facts({ context: '非公证用途,另需公证' }))).toBe(true);
  });

  it('matches the procedure\'s resolved department code', () => {
    const applies = compileWhen({ department: ['health'] }, context);
    expect(applies(facts({ department: 'health' }))).toBe(true);
    expect(applies(facts({ department: 'finance' }))).toBe(false);
    expect(applies(facts({ department: null }))).toBe(false);
  });

  it('registers a certificate family and matches demands that belong to it', () => {
    const applies = compileWhen({ certificate: ['亲属关系证明'] }, context);
    const family = families.length - 1;
    expect(families[family]).toEqual(['亲属关系证明']);
    expect(applies(facts({ certificateFamilies: new Set([family]) }))).toBe(true);
    expect(applies(facts({ certificateFamilies: new Set([family + 1]) }))).toBe(false);
  });

  it('needs every condition to hold', () => {
    const applies = compileWhen({ stamp: true, context: ['公证'] }, context);
    expect(applies(facts({ stamp: true, context: '公证' }))).toBe(true);
    expect(applies(facts({ stamp: false, context: '公证' }))).toBe(false);
    expect(applies(facts({ stamp: true, context: '理赔' }))).toBe(false);
  });
});

describe('resolveDepartment', () => {
  const rules = loadRules();
  const code = (department: string, name: string | null = null) => rules.resolveDepartment(department, name)?.code ?? null;

  it('takes a code as it is, even when the display name holds another department\'s alias', () => {
    expect(code('insurance', '某人寿保险公司医疗保险理赔部')).toBe('insurance');
  });

  it('resolves a Chinese name by its longest alias, first in the department, then in the display name', () => {
    expect(code('张家口市卫健委')).toBe('health');
    expect(code('某县医疗保险经办中心')).toBe('medical-insurance');
    expect(code('本行营业部', '某農村商業銀行')).toBe('finance');
  });

  it('leaves a department the rule set does not know unresolved', () => {
    expect(code('某县气象局')).toBeNull();
  });

  it('knows the departments offices name that no rule names', () => {
    expect(code('某县农业农村局')).toBe('agriculture');
    expect(code('某市退役军人事务局')).toBe('veterans-affairs');
    expect(code('某区人民法院')).toBe('courts');
  });
});

describe('clause breaks come from the rule set', () => {
  const shipped = loadRules().ruleSet;
  const withBar = compileRules({
    ...shipped,
    vocabularies: { ...shipped.vocabularies, 'clause-separator': [...shipped.vocabularies['clause-separator']!, '|'] },
  });
  const families = (rules: CompiledRules, text: string) => [...rules.certificateFamiliesInProse(text)];

  it('keeps a certificate fact from reaching a demand word across a separator the vocabulary adds', () => {
    const kinship = families(withBar, '亲属关系需社区盖章');
    expect(kinship).toHaveLength(1);
    expect(families(withBar, '亲属关系|需社区盖章')).toEqual([]);
    expect(families(compileRules(shipped), '亲属关系|需社区盖章')).toEqual(kinship);
    expect(families(compileRules(shipped), '亲属关系,需社区盖章')).toEqual([]);
    // A colon (full-width ：once normalised) is a clause break in the shipped vocabulary.
    expect(families(compileRules(shipped), '亲属关系:需社区盖章')).toEqual([]);
  });
});
