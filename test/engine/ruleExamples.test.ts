import { describe, expect, it } from '@jest/globals';
import { loadRules } from '../../src/config/loadRules.js';
import { ruleExampleFailures } from '../../src/api/verify.js';

/** Every shipped rule documents what it reports and what it does not; the documentation must be true. */
describe('shipped rule examples', () => {
  const rules = loadRules();

  it('has examples, both kinds, for every rule', () => {
    for (const rule of rules.ruleSet.rules) expect([rule.id, rule.examples.invalid.length > 0 && rule.examples.valid.length > 0]).toEqual([rule.id, true]);
  });

  it('come out as documented', () => {
    expect(ruleExampleFailures(rules, '2026-01-01')).toEqual([]);
  });
});
