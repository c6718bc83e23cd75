import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, runCli } from '../helpers/runCli.js';

const CORPUS = 'test/fixtures/cli/impact/corpus';
const PROPOSED = 'test/fixtures/cli/impact/proposed-rules.yaml';

describe('run: impact', () => {
  it('lists the findings a proposed rule change removes, by place, and the rules whose counts move', async () => {
    const result = await runCli(['impact', CORPUS, '--rules', PROPOSED, '--as-of', '2026-01-01', '--lang', 'en']);
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toBe('Impact of the rule change on 2 procedures in 2 files (as of 2026-01-01)');
    expect(lines.filter((line) => /^[+-] /.test(line)).map((line) => line.split('  ').slice(0, 3).join('  ')))
      .toEqual([`- ${CORPUS}/reading-room.yaml:9:20  error  no-community-no-criminal-record-certificate`]);
    expect(result.stdout).toMatch(/│ no-community-no-criminal-record-certificate │ 1 +│ 0 +│ \+0 +│ -1 +│/);
    expect(lines.at(-2)).toBe('0 findings added, 1 removed');
  });

  it('reads the change the other way round with the rules swapped: the finding is added', async () => {
    const result = await runCli(['impact', CORPUS, '--base-rules', PROPOSED, '--rules', 'stampcheck:shipped', '--as-of', '2026-01-01', '-f', 'json']);
    const report = JSON.parse(result.stdout) as { added: { file: string; ruleId: string; line: number }[]; removed: unknown[]; rules: { ruleId: string; before: number; after: number }[] };
    expect(report.added.map(({ file, ruleId, line }) => `${file}:${line} ${ruleId}`))
      .toEqual([`${CORPUS}/reading-room.yaml:9 no-community-no-criminal-record-certificate`]);
    expect(report.removed).toEqual([]);
    expect(report.rules).toContainEqual({ ruleId: 'no-community-kinship-certificate', before: 1, after: 1, added: 0, removed: 0 });
  });

  it('needs the proposed rules', async () => {
    expect(await runCli(['impact', CORPUS])).toEqual({
      code: 2, stdout: '', stderr: 'stampcheck: impact needs --rules: the rules as proposed (compared with --base-rules, default the shipped rules)\n',
    });
  });

  it('says so when nothing changes', async () => {
    const result = await runCli(['impact', CORPUS, '--rules', 'stampcheck:shipped', '--as-of', '2026-01-01', '--lang', 'zh']);
    expect(result).toEqual({ code: 0, stdout: '规则变更对 2 个文件中 2 个流程的影响（评估日期 2026-01-01）\n\n✔ 检查结果没有变化\n', stderr: '' });
  });

  it('stops with exit 2 on a broken proposed rule file', async () => {
    const result = await runCli(['impact', CORPUS, '--rules', 'test/fixtures/rules/errors/bad-severity.yaml']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^stampcheck: .*bad-severity\.yaml:4:15: \/rules\/0\/severity must be equal to one of the allowed values/);
  });

  it('writes its report with -o, and never over a file it checked', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'stampcheck-impact-'));
    try {
      const ok = await runCli(['impact', join(ROOT, CORPUS), '--rules', join(ROOT, PROPOSED), '-f', 'json', '-o', 'impact.json'], { cwd: directory });
      expect([ok.code, ok.stdout]).toEqual([0, '']);
      expect((JSON.parse(readFileSync(join(directory, 'impact.json'), 'utf8')) as { removed: unknown[] }).removed).toHaveLength(1);
      const refused = await runCli(['impact', CORPUS, '--rules', PROPOSED, '-o', `${CORPUS}/kinship.yaml`]);
      expect(refused).toEqual({ code: 2, stdout: '', stderr: `stampcheck: refusing to write the report over an input file: ${CORPUS}/kinship.yaml\n` });
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
