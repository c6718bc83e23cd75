import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { loadRules } from '../../src/config/loadRules.js';
import { checkProcedures } from '../../src/engine/checkProcedures.js';
import { DEFAULT_MAX_FILE_SIZE, readProcedureFile } from '../../src/load/readProcedureFile.js';
import { readExpectations, readSidecarExpectations } from '../helpers/fixtureExpectations.js';

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
 * Adding a case is adding a file.
 */
describe('procedure fixtures', () => {
  it('has fixtures', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it.each(files.map((file) => [relative(FIXTURES, file), file]))('%s', (_name, file) => {
    const text = expectationText(readFileSync(file));
    const sidecar = `${file}.expect`;
    const { expectations, asOf } = existsSync(sidecar)
      ? { expectations: readSidecarExpectations(readFileSync(sidecar, 'utf8')), asOf: null }
      : readExpectations(text);
    const source = readProcedureFile(file, file, { strict: false, maxFileSize: DEFAULT_MAX_FILE_SIZE });
    const findings = checkProcedures([source], rules, { asOf: asOf ?? DEFAULT_AS_OF });
    const actual = findings.map((finding) => `${finding.line} ${finding.ruleId}`).sort();
    const wanted = expectations.map((expectation) => `${expectation.line} ${expectation.ruleId}`).sort();
    expect(actual).toEqual(wanted);
    for (const expectation of expectations.filter((candidate) => candidate.severity !== null)) {
      const finding = findings.find((candidate) => candidate.line === expectation.line && candidate.ruleId === expectation.ruleId);
      expect(finding?.severity).toBe(expectation.severity);
    }
  });
});

/**
 * The text expectation comments are read from: they are ASCII, so latin1 keeps every byte of a file in an
 * ASCII-compatible encoding (UTF-8, GBK, Big5); a UTF-16 file (told by its BOM) is decoded.
 */
function expectationText(bytes: Buffer): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.toString('utf16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return Buffer.from(bytes).swap16().toString('utf16le');
  return bytes.toString('latin1');
}
