import { copyFileSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from '@jest/globals';
import { ROOT, runCli } from '../helpers/runCli.js';
import { writeReportFile } from '../../src/cli/writeReport.js';
import { UsageError } from '../../src/model/errors.js';

const ONE_ERROR = 'test/fixtures/cli/one-error';
const ONE_ERROR_FILE = 'test/fixtures/cli/one-error/pension-kinship.yaml';
const KINSHIP = 'no-community-kinship-certificate';

describe('run: -o', () => {
  let directory = '';
  afterEach(() => {
    if (directory) rmSync(directory, { recursive: true, force: true });
    directory = '';
  });
  const temporary = () => (directory = mkdtempSync(join(tmpdir(), 'stampcheck-run-')));

  it('writes the report to the file, relative to cwd, and nothing to stdout', async () => {
    const cwd = temporary();
    const result = await runCli(['check', join(ROOT, ONE_ERROR), '-f', 'json', '-o', 'report.json'], { cwd });
    expect(result).toEqual({ code: 1, stdout: '', stderr: '' });
    expect(readdirSync(cwd)).toEqual(['report.json']);
    const report = JSON.parse(readFileSync(join(cwd, 'report.json'), 'utf8'));
    expect(report.findings.map((finding: { ruleId: string }) => finding.ruleId)).toEqual([KINSHIP]);
  });

  it('writes no colour codes into a file even with FORCE_COLOR', async () => {
    const cwd = temporary();
    await runCli(['check', join(ROOT, ONE_ERROR), '-o', 'report.txt'], { cwd, env: { FORCE_COLOR: '1' } });
    expect(readFileSync(join(cwd, 'report.txt'), 'utf8')).not.toContain('\u001b[');
  });

  it('refuses to write over an input procedure file and leaves it unchanged byte for byte', async () => {
    const cwd = temporary();
    const input = join(cwd, 'procedure.yaml');
    copyFileSync(join(ROOT, ONE_ERROR_FILE), input);
    const before = readFileSync(input);
    const result = await runCli(['check', 'procedure.yaml', '-f', 'json', '-o', 'procedure.yaml'], { cwd });
    expect([result.code, result.stdout]).toEqual([2, '']);
    expect(result.stderr).toBe('stampcheck: refusing to write the report over an input file: procedure.yaml\n');
    expect(readFileSync(input).equals(before)).toBe(true);
    expect(readdirSync(cwd)).toEqual(['procedure.yaml']);
  });

  it('refuses an input found by walking a directory, named another way', async () => {
    const cwd = temporary();
    const input = join(cwd, 'procedure.yaml');
    copyFileSync(join(ROOT, ONE_ERROR_FILE), input);
    const before = readFileSync(input);
    const result = await runCli(['check', '.', '-o', './sub/../procedure.yaml'], { cwd });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^stampcheck: refusing to write the report over an input file/);
    expect(readFileSync(input).equals(before)).toBe(true);
  });

  it('refuses a symbolic link to an input file', async () => {
    const cwd = temporary();
    const input = join(cwd, 'procedure.yaml');
    copyFileSync(join(ROOT, ONE_ERROR_FILE), input);
    symlinkSync(input, join(cwd, 'report.yaml'));
    const before = readFileSync(input);
    const result = await runCli(['check', 'procedure.yaml', '-o', 'report.yaml'], { cwd });
    expect(result.code).toBe(2);
    expect(readFileSync(input).equals(before)).toBe(true);
  });

  it('writes to a device as it is: -o /dev/null stays the null device', async () => {
    const cwd = temporary();
    const result = await runCli(['check', join(ROOT, ONE_ERROR), '-f', 'json', '-o', '/dev/null'], { cwd });
    expect(result).toEqual({ code: 1, stdout: '', stderr: '' });
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
    expect(readdirSync('/dev').filter((name) => name.startsWith('.null.'))).toEqual([]);
  });

  it('writes through a symbolic link to the file it names, and keeps the link', async () => {
    const cwd = temporary();
    mkdirSync(join(cwd, 'reports'));
    writeFileSync(join(cwd, 'reports', 'latest.json'), 'old');
    symlinkSync(join('reports', 'latest.json'), join(cwd, 'report.json'));
    const result = await runCli(['check', join(ROOT, ONE_ERROR), '-f', 'json', '-o', 'report.json'], { cwd });
    expect(result.code).toBe(1);
    expect(lstatSync(join(cwd, 'report.json')).isSymbolicLink()).toBe(true);
    expect(JSON.parse(readFileSync(join(cwd, 'reports', 'latest.json'), 'utf8')).findings).toHaveLength(1);
    expect(readdirSync(join(cwd, 'reports'))).toEqual(['latest.json']);
  });

  it('takes -o - as standard output, creating no file', async () => {
    const cwd = temporary();
    const result = await runCli(['check', join(ROOT, ONE_ERROR), '-f', 'json', '-o', '-'], { cwd });
    expect([result.code, result.stderr]).toEqual([1, '']);
    expect(JSON.parse(result.stdout).findings).toHaveLength(1);
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('creates the file a dangling symbolic link names, and keeps the link', async () => {
    const cwd = temporary();
    symlinkSync('latest.json', join(cwd, 'report.json'));
    const result = await runCli(['check', join(ROOT, ONE_ERROR), '-f', 'json', '-o', 'report.json'], { cwd });
    expect(result.code).toBe(1);
    expect(lstatSync(join(cwd, 'report.json')).isSymbolicLink()).toBe(true);
    expect(JSON.parse(readFileSync(join(cwd, 'latest.json'), 'utf8')).findings).toHaveLength(1);
  });

  it('reports a directory as the report path as one line, exit 2', async () => {
    const cwd = temporary();
    mkdirSync(join(cwd, 'out'));
    const result = await runCli(['check', join(ROOT, ONE_ERROR), '-o', 'out'], { cwd });
    expect([result.code, result.stderr]).toEqual([2, 'stampcheck: cannot write the report to out: it is a directory\n']);
    expect(readdirSync(join(cwd, 'out'))).toEqual([]);
  });

  it('reports a report path in a missing directory as one line, exit 2', async () => {
    const cwd = temporary();
    const result = await runCli(['check', join(ROOT, ONE_ERROR), '-o', 'missing/report.txt'], { cwd });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('stampcheck: cannot write the report to missing/report.txt: its directory does not exist\n');
    expect(existsSync(join(cwd, 'missing'))).toBe(false);
  });
});

describe('writeReportFile', () => {
  let directory = '';
  afterEach(() => {
    if (directory) rmSync(directory, { recursive: true, force: true });
    directory = '';
  });

  it('passes on a failure of the text it writes (a check failing mid-way) as it is, and leaves no file', async () => {
    directory = mkdtempSync(join(tmpdir(), 'stampcheck-write-'));
    const failure = Object.assign(new Error('worker out of memory'), { code: 'ERR_WORKER_OUT_OF_MEMORY' });
    async function* text(): AsyncGenerator<Uint8Array> {
      yield Buffer.from('{"findings": [');
      throw failure;
    }
    await expect(writeReportFile('report.json', text(), directory, [])).rejects.toBe(failure);
    expect(readdirSync(directory)).toEqual([]);
  });

  it('turns a failing file call into a usage error naming the target and the code', async () => {
    directory = mkdtempSync(join(tmpdir(), 'stampcheck-write-'));
    async function* text(): AsyncGenerator<Uint8Array> {
      yield Buffer.from('x');
    }
    const error = await writeReportFile('missing/report.json', text(), directory, []).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toBe('cannot write the report to missing/report.json: its directory does not exist');
  });
});
