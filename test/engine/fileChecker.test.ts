import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { loadRules } from '../../src/config/loadRules.js';
import { checkFile, FileChecker } from '../../src/engine/checkProcedures.js';
import { loadProcedureFile } from '../../src/load/procedureFile.js';
import { DEFAULT_MAX_FILE_SIZE, readProcedureFile } from '../../src/load/readProcedureFile.js';

const REPO = join(import.meta.dirname, '..', '..');
const rules = loadRules();
const options = { asOf: '2026-01-01' };

/** A file checked as the CLI checks it: each step as the loader reads it. */
function checkedStepByStep(path: string, read: (checker: FileChecker) => ReturnType<typeof loadProcedureFile>) {
  const checker = new FileChecker(path, rules, options);
  return checker.finish(read(checker));
}

describe('FileChecker: steps checked as they are read', () => {
  const files = [join(REPO, 'examples'), join(REPO, 'test', 'fixtures', 'procedures')].flatMap((directory) =>
    readdirSync(directory, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile() && /\.(ya?ml|json)$/.test(entry.name))
      .map((entry) => join(entry.parentPath, entry.name)));

  it('gives every example and fixture the findings, identities and summary of a file checked whole', () => {
    expect(files.length).toBeGreaterThan(400);
    const readOptions = { strict: true, maxFileSize: DEFAULT_MAX_FILE_SIZE };
    for (const path of files) {
      const stepwise = checkedStepByStep(path, (checker) => readProcedureFile(path, path, readOptions, checker));
      expect({ path, ...stepwise }).toEqual({ path, ...checkFile(readProcedureFile(path, path, readOptions), rules, options) });
    }
  });

  it('checks steps again with the procedure read whole when a field after them changes it', () => {
    const step = (index: number) => [`    - id: s${index}`, '      name: 申请', '      requires:', '        - name: 情况说明', '          issuer: 社区'];
    const steps = Array.from({ length: 3 }, (_, index) => step(index)).flat();
    // The procedure's name, read after its steps, makes their community demand the trauma claim's.
    const text = ['procedure:', '  id: p1', '  department: medical-insurance', '  steps:', ...steps, '  name: 外伤住院费用报销', ''].join('\n');
    const stepwise = checkedStepByStep('a.yaml', (checker) => loadProcedureFile('a.yaml', text, { strict: false }, checker));
    const whole = checkFile(loadProcedureFile('a.yaml', text, { strict: false }), rules, options);
    expect(stepwise).toEqual(whole);
    expect(stepwise.summary.procedures).toEqual([expect.objectContaining({ steps: 3 })]);
    expect(stepwise.findings.map((finding) => [finding.ruleId, finding.stepId, finding.line])).toEqual(
      ['s0', 's1', 's2'].map((stepId, index) => ['no-community-stamp-for-trauma-inpatient-claim', stepId, 8 + 5 * index]));
  });
});

describe('checkFile: fingerprints', () => {
  const text = ['procedure:', '  id: p1', '  name: 临时救助', '  department: civil-affairs', '  steps:', '    - id: s1', '      name: 申请', '      requires:',
    '        - name: 无犯罪记录证明', '          issuer: 社区', '        - name: 居住证明', '          issuer: 村委会', ''].join('\n');
  const file = () => loadProcedureFile('a.yaml', text, { strict: false });

  it('gives each finding a fingerprint unless the run asks for none, and the same findings either way', () => {
    const hashed = checkFile(file(), rules, options).findings;
    const unhashed = checkFile(file(), rules, { ...options, fingerprints: false }).findings;
    expect(hashed.map((finding) => [finding.ruleId, finding.stepId, finding.line])).toEqual([['no-community-no-criminal-record-certificate', 's1', 9]]);
    expect(hashed[0]!.fingerprint).toMatch(/^[0-9a-f]{16}$/);
    expect(unhashed).toEqual(hashed.map((finding) => ({ ...finding, fingerprint: null })));
  });
});
