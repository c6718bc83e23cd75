import { join } from 'node:path';
import { run } from '../../src/cli/run.js';

export const ROOT = join(import.meta.dirname, '..', '..');
export const CLI_FIXTURES = join(ROOT, 'test', 'fixtures', 'cli');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process with captured streams, as a pipe (not a terminal) would. */
export async function runCli(argv: readonly string[], options: { env?: Record<string, string>; cwd?: string } = {}): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await run(argv, {
    stdout: { write: (text: string | Uint8Array) => (stdout += typeof text === 'string' ? text : Buffer.from(text).toString()), isTTY: false },
    stderr: { write: (text: string) => (stderr += text) },
    env: options.env ?? {},
    cwd: options.cwd ?? ROOT,
  });
  return { code, stdout, stderr };
}
