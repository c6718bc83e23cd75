import { appendFileSync, cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { loadRules, loadRuleSet, ruleFilesAt, SHIPPED_RULES } from '../../src/config/loadRules.js';
import { readShippedSnapshot, writeShippedSnapshot } from '../../src/config/shippedSnapshot.js';
import { packageFile } from '../../src/packagePaths.js';

const root = packageFile('');
const parsed = loadRuleSet([SHIPPED_RULES], root);

describe('the shipped rule snapshot', () => {
  it('written by the build, it is the rule set the rule files give', () => {
    const snapshot = readShippedSnapshot(ruleFilesAt(SHIPPED_RULES, root))!;
    expect(snapshot).toEqual(parsed);
    // Maps keyed by names a rule file chooses stay free of Object.prototype, as loadRuleSet makes them.
    expect(Object.getPrototypeOf(snapshot.vocabularies)).toBeNull();
    expect(Object.getPrototypeOf(snapshot.issuers)).toBeNull();
  });

  const scratch = mkdtempSync(join(tmpdir(), 'stampcheck-snapshot-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('is not used once a rule file changes, or when it is missing', () => {
    const snapshot = join(scratch, 'snapshot.json');
    const rules = join(scratch, 'rules');
    cpSync(packageFile('rules'), rules, { recursive: true });
    const files = ruleFilesAt(rules, scratch);
    expect(readShippedSnapshot(files, snapshot)).toBeNull();
    writeShippedSnapshot(parsed, files, snapshot);
    expect(readShippedSnapshot(files, snapshot)?.rules.map((rule) => rule.id)).toEqual(parsed.rules.map((rule) => rule.id));
    appendFileSync(join(rules, 'vocabulary.yaml'), '\n# edited\n');
    expect(readShippedSnapshot(files, snapshot)).toBeNull();
  });

  it('a directory among the rule files is skipped, not read', () => {
    const rules = join(scratch, 'with-directory');
    cpSync(packageFile('rules'), rules, { recursive: true });
    mkdirSync(join(rules, 'local.yaml'));
    expect(ruleFilesAt(rules, scratch)).toEqual(ruleFilesAt(packageFile('rules'), scratch).map((file) => file.replace(packageFile('rules'), rules)));
    expect(loadRules([rules], scratch).rules.length).toBe(parsed.rules.length);
  });
});
