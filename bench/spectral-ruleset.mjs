#!/usr/bin/env node
// Writes a Spectral ruleset equivalent in reach to stampcheck's shipped rules, for the comparison in
// bench/run.mjs: one rule per list item (its certificate terms), community issuers, community demands
// in free text, and look-alikes excluded with notMatch. Usage: node bench/spectral-ruleset.mjs > FILE
import { readFileSync } from 'node:fs';
import { load } from 'js-yaml';

const escape = (term) => term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const alternation = (terms) => `(${terms.map(escape).join('|')})`;
const vocabulary = load(readFileSync('rules/vocabulary.yaml', 'utf8')).vocabularies;
const list = load(readFileSync('rules/national-list.yaml', 'utf8')).rules;
const issuers = alternation(vocabulary['community-issuer'].terms);
const demands = alternation([...vocabulary['seal-action'].terms, ...vocabulary['certify-action'].terms, ...vocabulary['certificate-word'].terms]);

const rules = {
  'community-issuer': {
    severity: 'error',
    given: '$.procedure.steps[*].requires[*].issuer',
    then: { function: 'pattern', functionOptions: { notMatch: issuers } },
  },
  'community-demand-in-text': {
    severity: 'error',
    given: ['$.procedure.steps[*].description', '$.procedure.steps[*].requires[*].note', '$.procedure.steps[*].requires[*].purpose'],
    then: { function: 'pattern', functionOptions: { notMatch: `${issuers}[^，。；]{0,12}${demands}` } },
  },
  'community-lookalike': {
    severity: 'info',
    given: '$.procedure.steps[*].requires[*].issuer',
    then: { function: 'pattern', functionOptions: { match: alternation(vocabulary['community-lookalike'].terms) } },
  },
};
for (const rule of list) {
  rules[rule.id] = {
    severity: 'error',
    given: '$.procedure.steps[*].requires[*].name',
    then: { function: 'pattern', functionOptions: { notMatch: alternation(rule.when.certificate) } },
  };
}
process.stdout.write(JSON.stringify({ rules }, null, 2));
