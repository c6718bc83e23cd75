import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';

const ROOT = join(import.meta.dirname, '..', '..');

describe('npm run fuzz', () => {
  it('still runs: a short seeded run survives every input (the long runs are not in CI)', () => {
    const { NODE_OPTIONS: _nodeOptions, ...env } = process.env;
    const result = spawnSync(process.execPath, ['test/fuzz/fuzz.mjs', '--runs', '200', '--seed', '1'], { cwd: ROOT, env, encoding: 'utf8', timeout: 60_000 });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^fuzz: 200 inputs survived, 0 crashed \(seed 1, /);
  });
});
