import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { CLI_FIXTURES, runCli } from '../helpers/runCli.js';

const VERIFY = join(CLI_FIXTURES, 'verify');
const TESTS = 'test/fixtures/cli/verify/tests';

describe('run: verify', () => {
  it('passes the shipped rules, every example as documented', async () => {
    const result = await runCli(['verify', '--lang', 'en']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^✔ \d+ rule examples and 0 test files pass\n$/);
  });

  it('passes a test file whose findings are exactly those written in it', async () => {
    expect(await runCli(['verify', `${TESTS}/kinship.yaml`, '--as-of', '2026-01-01', '--lang', 'en']))
      .toEqual({ code: 0, stdout: expect.stringMatching(/^✔ \d+ rule examples and 1 test file pass\n$/), stderr: '' });
  });

  it('names each difference of a test file by line, and exits 1', async () => {
    const result = await runCli(['verify', TESTS, '--as-of', '2026-01-01', '--lang', 'en']);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe([
      `${TESTS}/wrong.yaml:9: expected, not reported: no-community-alive-certificate (warning)`,
      `${TESTS}/wrong.yaml:9: reported, not expected: no-community-alive-certificate (error)`,
      `${TESTS}/wrong.yaml:11: expected, not reported: no-community-identity-information-certificate`,
      `${TESTS}/wrong.yaml:12: reported, not expected: no-community-death-certificate (error)`,
      '✖ 4 failures', '',
    ].join('\n'));
  });

  it("fails a local rule whose documented example it does not report, in the user's language", async () => {
    const result = await runCli(['verify', '--rules', join(VERIFY, 'local-rules.yaml'), '--lang', 'zh']);
    expect(result).toEqual({
      code: 1,
      stdout: 'no-community-stamp-on-shop-sign-permit: 规则示例未被报告: 店招设置申请表由申请人自行填写\n✖ 1 处未通过\n',
      stderr: '',
    });
  });

  it('stops with exit 2 and one line on an expectation it cannot read', async () => {
    const result = await runCli(['verify', join(CLI_FIXTURES, 'verify-broken')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('stampcheck: test/fixtures/cli/verify-broken/typo.yaml:7: cannot read the expectation "no community kinship" (expected: rule-id (severity))\n');
  });
});

describe('run: verify, odd test files', () => {
  it('names a test file whose # as-of: is no date, and stops with exit 2', async () => {
    const result = await runCli(['verify', join(CLI_FIXTURES, 'verify-as-of')]);
    expect(result).toEqual({ code: 2, stdout: '', stderr: 'stampcheck: test/fixtures/cli/verify-as-of/bad-date.yaml:2: "# as-of:" needs a date as YYYY-MM-DD (not "2019-6-1")\n' });
  });
});
