import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from '@jest/globals';
import { CLI_FIXTURES, runCli } from '../helpers/runCli.js';

const FIXTURES = join(CLI_FIXTURES, 'baseline');

interface JsonFinding {
  ruleId: string;
  stepId: string | null;
  line: number;
}

const found = (stdout: string) => (JSON.parse(stdout) as { findings: JsonFinding[] }).findings.map(({ ruleId, stepId, line }) => `${line} ${stepId} ${ruleId}`);

describe('baselines', () => {
  let directory = '';
  afterEach(() => {
    if (directory) rmSync(directory, { recursive: true, force: true });
    directory = '';
  });
  /** A directory holding pension.yaml (two demands), as a corpus under version control would. */
  const corpus = () => {
    directory = mkdtempSync(join(tmpdir(), 'stampcheck-baseline-'));
    copyFileSync(join(FIXTURES, 'pension.yaml'), join(directory, 'pension.yaml'));
    return directory;
  };

  it('writes a baseline accepting every finding, sorted, one entry a line, and reports nothing it accepts', async () => {
    const cwd = corpus();
    const result = await runCli(['check', '.', '-f', 'json', '--write-baseline', 'baseline.json'], { cwd });
    expect(result.code).toBe(0);
    expect(found(result.stdout)).toEqual([]);
    expect(result.stderr).toBe('stampcheck: wrote a baseline accepting 2 findings to baseline.json\n');
    const text = readFileSync(join(cwd, 'baseline.json'), 'utf8');
    const baseline = JSON.parse(text) as { stampcheck: string; version: number; findings: { ruleId: string; stepId: string; count: number }[] };
    expect(baseline.stampcheck).toBe('baseline');
    expect(baseline.findings.map(({ ruleId, stepId, count }) => `${ruleId} ${stepId} ${count}`))
      .toEqual(['no-community-alive-certificate annual 1', 'no-community-kinship-certificate apply 1']);
    expect(text.split('\n').filter((line) => line.includes('"fingerprint"'))).toHaveLength(2);
  });

  it('fails on a new demand only, wherever the accepted ones moved, and says how many it accepted', async () => {
    const cwd = corpus();
    await runCli(['check', '.', '--write-baseline', 'baseline.json'], { cwd });
    copyFileSync(join(FIXTURES, 'pension-changed.yaml'), join(cwd, 'pension.yaml'));
    const result = await runCli(['check', '.', '-f', 'json', '--baseline', 'baseline.json'], { cwd });
    expect(result.code).toBe(1);
    expect(found(result.stdout)).toEqual(['16 apply no-community-no-criminal-record-certificate']);
    expect(result.stderr).toBe('stampcheck: the baseline accepted 2 findings\n');
  });

  it('says when accepted findings no longer occur, so the baseline can be tightened', async () => {
    const cwd = corpus();
    await runCli(['check', '.', '--write-baseline', 'baseline.json'], { cwd });
    writeFileSync(join(cwd, 'pension.yaml'), readFileSync(join(cwd, 'pension.yaml'), 'utf8').replace('每年须到村委会开具健在证明。', '每年通过人脸识别认证。'));
    const result = await runCli(['check', '.', '--baseline', 'baseline.json'], { cwd });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('stampcheck: the baseline accepted 1 finding; 1 it accepts no longer occur (rewrite it with --write-baseline to drop them)\n');
  });

  it('accepts a demand as many times as recorded: a second copy is new', async () => {
    const cwd = corpus();
    await runCli(['check', '.', '--write-baseline', 'baseline.json'], { cwd });
    const requirement = '        - name: 亲属关系证明\n          issuer: 社区居委会\n          stamp: true\n';
    writeFileSync(join(cwd, 'pension.yaml'), readFileSync(join(cwd, 'pension.yaml'), 'utf8').replace(requirement, requirement + requirement));
    const result = await runCli(['check', '.', '-f', 'json', '--baseline', 'baseline.json'], { cwd });
    expect(found(result.stdout)).toEqual(['14 apply no-community-kinship-certificate']);
  });

  it('never checks the baseline or the report as a procedure, though they lie in the checked directory', async () => {
    const cwd = corpus();
    await runCli(['check', '.', '--write-baseline', 'baseline.json'], { cwd });
    const result = await runCli(['check', '.', '-f', 'json', '-o', 'report.json', '--baseline', 'baseline.json'], { cwd });
    expect(result.code).toBe(0);
    const again = await runCli(['check', '.', '-f', 'json', '-o', 'report.json', '--baseline', 'baseline.json'], { cwd });
    expect(again.code).toBe(0);
    expect(readdirSync(cwd).sort()).toEqual(['baseline.json', 'pension.yaml', 'report.json']);
  });

  it('stops with exit 2 and one line naming the baseline file and position when it is broken or missing', async () => {
    const cwd = corpus();
    expect(await runCli(['check', '.', '--baseline', join(FIXTURES, 'not-a-baseline.json')], { cwd }))
      .toEqual({ code: 2, stdout: '', stderr: `stampcheck: ${join(FIXTURES, 'not-a-baseline.json')}:5:97: /findings/0/count must be >= 1\n` });
    expect(await runCli(['check', '.', '--baseline', 'missing.json'], { cwd }))
      .toEqual({ code: 2, stdout: '', stderr: 'stampcheck: missing.json:1:1: cannot read baseline file: no such file\n' });
  });

  it('refuses to write the baseline over a procedure file and leaves it as it was', async () => {
    const cwd = corpus();
    const before = readFileSync(join(cwd, 'pension.yaml'));
    const result = await runCli(['check', 'pension.yaml', '--write-baseline', 'pension.yaml'], { cwd });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('stampcheck: refusing to write the baseline over an input file: pension.yaml\n');
    expect(readFileSync(join(cwd, 'pension.yaml'))).toEqual(before);
  });

  it('keeps accepting a demand when the rest of its texts change (a sentence added, a note reworded)', async () => {
    const cwd = corpus();
    await runCli(['check', '.', '--write-baseline', 'baseline.json'], { cwd });
    const changed = readFileSync(join(cwd, 'pension.yaml'), 'utf8')
      .replace('每年须到村委会开具健在证明。', '每年须到村委会开具健在证明。5个工作日内办结。')
      .replace('          stamp: true\n', '          stamp: true\n          note: 原件1份\n');
    writeFileSync(join(cwd, 'pension.yaml'), changed);
    const result = await runCli(['check', '.', '-f', 'json', '--baseline', 'baseline.json'], { cwd });
    expect([result.code, found(result.stdout), result.stderr]).toEqual([0, [], 'stampcheck: the baseline accepted 2 findings\n']);
  });

  it('records and accepts warnings under --quiet too, which only leaves them out of the report', async () => {
    const cwd = corpus();
    copyFileSync(join(CLI_FIXTURES, 'warnings-only', readdirSync(join(CLI_FIXTURES, 'warnings-only'))[0]), join(cwd, 'warning.yaml'));
    await runCli(['check', '.', '--quiet', '--write-baseline', 'baseline.json'], { cwd });
    const baseline = JSON.parse(readFileSync(join(cwd, 'baseline.json'), 'utf8')) as { findings: unknown[] };
    expect(baseline.findings).toHaveLength(3);
    const result = await runCli(['check', '.', '--quiet', '--baseline', 'baseline.json'], { cwd });
    expect([result.code, result.stderr]).toEqual([0, 'stampcheck: the baseline accepted 3 findings\n']);
  });

  it('refuses paths that would lose a file: -o onto the baseline, both baseline options, - as a baseline', async () => {
    const cwd = corpus();
    await runCli(['check', '.', '--write-baseline', 'baseline.json'], { cwd });
    const before = readFileSync(join(cwd, 'baseline.json'));
    expect(await runCli(['check', '.', '--baseline', 'baseline.json', '-o', './baseline.json'], { cwd }))
      .toEqual({ code: 2, stdout: '', stderr: 'stampcheck: -o and --baseline name the same file: baseline.json\n' });
    expect((await runCli(['check', '.', '--baseline', 'baseline.json', '--write-baseline', 'new.json'], { cwd })).code).toBe(2);
    expect(await runCli(['check', '.', '--write-baseline', '-'], { cwd }))
      .toEqual({ code: 2, stdout: '', stderr: 'stampcheck: --write-baseline needs a file\'s path (not "-")\n' });
    expect(readFileSync(join(cwd, 'baseline.json'))).toEqual(before);
    expect(readdirSync(cwd).sort()).toEqual(['baseline.json', 'pension.yaml']);
  });

  it('skips only stampcheck\'s own files: a YAML baseline is one, a procedure that mentions stampcheck is not', async () => {
    const cwd = corpus();
    writeFileSync(join(cwd, 'baseline.yaml'), 'stampcheck: baseline\nversion: 1\nfindings: []\n');
    const result = await runCli(['check', '.', '-f', 'json', '--baseline', 'baseline.yaml'], { cwd });
    expect(found(result.stdout)).toEqual(['11 apply no-community-kinship-certificate', '16 annual no-community-alive-certificate']);
    writeFileSync(join(cwd, 'tool.json'), '{"procedure": {"id": "tool", "name": "stampcheck", "department": "civil-affairs", "steps": []}}');
    expect((await runCli(['check', '.', '-f', 'json', '-o', 'tool.json'], { cwd })).stderr).toBe('stampcheck: refusing to write the report over an input file: tool.json\n');
  });

  it('is a usage error when the only files found are its own', async () => {
    const cwd = corpus();
    await runCli(['check', '.', '--write-baseline', 'baseline.json'], { cwd });
    rmSync(join(cwd, 'pension.yaml'));
    expect(await runCli(['check', '.', '--baseline', 'baseline.json'], { cwd }))
      .toEqual({ code: 2, stdout: '', stderr: "stampcheck: no procedure files to check: only stampcheck's own files under .\n" });
  });

  it('reads a .json baseline as strict JSON, as a .json procedure is read', async () => {
    const cwd = corpus();
    writeFileSync(join(cwd, 'baseline.json'), '{"stampcheck": "baseline", "version": 1, "findings": [\n  ],\n}\n');
    expect(await runCli(['check', '.', '--baseline', 'baseline.json'], { cwd }))
      .toEqual({ code: 2, stdout: '', stderr: 'stampcheck: baseline.json:3:1: JSON syntax error: Expected double-quoted property name\n' });
  });
});
