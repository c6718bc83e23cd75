import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';

/** Smoke tests of the real binary; they need dist/, which `npm test`'s pretest builds. */
const ROOT = join(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'stampcheck.js');
const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

function stampcheck(...args: string[]) {
  // Without jest's NODE_OPTIONS (--experimental-vm-modules would add a warning to stderr).
  const { NODE_OPTIONS: _nodeOptions, ...env } = process.env;
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    env: { ...env, NO_COLOR: '1', LANG: 'C', LC_ALL: '', LC_MESSAGES: '' },
    encoding: 'utf8',
    timeout: 30_000,
  });
  if (result.error) throw result.error;
  return { code: result.status, signal: result.signal, stdout: result.stdout, stderr: result.stderr };
}

describe('bin/stampcheck.js', () => {
  it('exits 0 on a clean directory', () => {
    const result = stampcheck('test/fixtures/cli/clean');
    expect([result.code, result.stderr]).toEqual([0, '']);
    expect(result.stdout).toContain('No community certificate or stamp demands found');
  });

  it('exits 1 on error findings and prints them to stdout', () => {
    const result = stampcheck('test/fixtures/cli/one-error', '-f', 'json');
    expect([result.code, result.stderr]).toEqual([1, '']);
    const report = JSON.parse(result.stdout);
    expect(report.findings.map((finding: Record<string, unknown>) => [finding.ruleId, finding.line, finding.column]))
      .toEqual([['no-community-kinship-certificate', 11, 11]]);
  });

  it('exits 2 on a path that does not exist, with one line on stderr and no stack trace', () => {
    const result = stampcheck('no/such/dir');
    expect(result).toEqual({ code: 2, signal: null, stdout: '', stderr: 'stampcheck: no such file or directory: no/such/dir\n' });
  });

  it('exits 2 on a broken rule file, naming its line and column', () => {
    const rules = join(ROOT, 'test', 'fixtures', 'rules', 'errors', 'bad-severity.yaml');
    const result = stampcheck('test/fixtures/cli/clean', '--rules', rules);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`stampcheck: ${rules}:4:15: /rules/0/severity must be equal to one of the allowed values: "error", "warning", "info"\n`);
  });

  it('exits 2 on an unknown format, without a stack trace', () => {
    const result = stampcheck('test/fixtures/cli/clean', '-f', 'xml');
    expect(result.code).toBe(2);
    expect(result.stderr.split('\n')).toHaveLength(2);
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });

  it('prints the version', () => {
    expect(stampcheck('--version')).toMatchObject({ code: 0, stdout: `${VERSION}\n`, stderr: '' });
  });
});

describe('bin/stampcheck.js -o a descriptor', () => {
  it('writes -o /dev/stdout into a pipe, as CI steps do', () => {
    const result = stampcheck('test/fixtures/cli/one-error', '-f', 'json', '-o', '/dev/stdout');
    expect([result.code, result.stderr]).toEqual([1, '']);
    expect((JSON.parse(result.stdout) as { findings: unknown[] }).findings).toHaveLength(1);
  });

  it('appends -o /dev/stdout to a file the shell opened for appending, never renaming over it', () => {
    const { NODE_OPTIONS: _nodeOptions, ...env } = process.env;
    const directory = mkdtempSync(join(tmpdir(), 'stampcheck-bin-'));
    const log = join(directory, 'ci.log');
    writeFileSync(log, 'earlier lines\n');
    const command = `"${process.execPath}" "${BIN}" test/fixtures/cli/one-error -f json -o /dev/stdout >> "${log}"`;
    const result = spawnSync('bash', ['-c', command], { cwd: ROOT, env, encoding: 'utf8', timeout: 30_000 });
    expect([result.status, result.stderr]).toEqual([1, '']);
    const written = readFileSync(log, 'utf8');
    expect(written.startsWith('earlier lines\n{')).toBe(true);
    expect(readdirSync(directory)).toEqual(['ci.log']);
    rmSync(directory, { recursive: true, force: true });
  });
});

describe('bin/stampcheck.js with a reader that goes away', () => {
  it.each(['1', '2'])('stops quietly with exit 141 when stdout closes early (--threads %s)', (threads) => {
    // `| head -c 100`: the shell closes the pipe after a hundred bytes; pipefail reports stampcheck's status.
    const { NODE_OPTIONS: _nodeOptions, ...env } = process.env;
    const command = `set -o pipefail; "${process.execPath}" "${BIN}" test/fixtures/procedures examples -f json --threads ${threads} | head -c 100 > /dev/null`;
    const result = spawnSync('bash', ['-c', command], { cwd: ROOT, env, encoding: 'utf8', timeout: 30_000 });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(141);
  });
});
