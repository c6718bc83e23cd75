import { appendFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { loadRuleSet, SHIPPED_RULES } from '../../src/config/loadRules.js';
import { readShippedSnapshot, SHIPPED_SNAPSHOT, writeShippedSnapshot } from '../../src/config/shippedSnapshot.js';
import { packageFile } from '../../src/packagePaths.js';

const parsed = loadRuleSet([SHIPPED_RULES], packageFile(''));

describe('the shipped rule snapshot', () => {
  it('written by the build, it is the rule set the rule files give', () => {
    expect(readShippedSnapshot()).toEqual(JSON.parse(JSON.stringify(parsed)));
  });

  const scratch = mkdtempSync(join(tmpdir(), 'stampcheck-snapshot-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('is not used once a rule file changes, or when it is missing', () => {
    const where = { file: join(scratch, 'snapshot.json'), rules: join(scratch, 'rules') };
    cpSync(SHIPPED_SNAPSHOT.rules, where.rules, { recursive: true });
    expect(readShippedSnapshot(where)).toBeNull();
    writeShippedSnapshot(parsed, where);
    expect(readShippedSnapshot(where)?.rules.map((rule) => rule.id)).toEqual(parsed.rules.map((rule) => rule.id));
    appendFileSync(join(where.rules, 'vocabulary.yaml'), '\n# edited\n');
    expect(readShippedSnapshot(where)).toBeNull();
  });
});
