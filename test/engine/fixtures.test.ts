import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { loadRules } from '../../src/config/loadRules.js';
import { testFileFailure } from '../../src/api/verify.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'procedures');
const DEFAULT_AS_OF = '2026-01-01';

function fixtureFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return fixtureFiles(path);
    return /\.(ya?ml|json)$/.test(entry.name) ? [path] : [];
  }).sort();
}

const rules = loadRules();
const files = fixtureFiles(FIXTURES);

/**
 * Every fixture states its own expected findings inline (`# expect: rule-id (severity)` on the
 * finding's line), or, for JSON, in `FILE.expect`; a fixture without any expects no finding at all.
 * Adding a case is adding a file. Read as `stampcheck verify` reads a policy writer's test files.
 */
describe('procedure fixtures', () => {
  it('has fixtures', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it.each(files.map((file) => [relative(FIXTURES, file), file]))('%s', (name, file) => {
    expect(testFileFailure(name, file, rules, DEFAULT_AS_OF)).toBeNull();
  });
});
