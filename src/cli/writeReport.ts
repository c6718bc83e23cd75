import { closeSync, fsyncSync, openSync, realpathSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { UsageError } from '../model/errors.js';

/**
 * Writes the report to a file atomically (a temporary file in the same directory, then rename),
 * so a crash never leaves half a report, and refuses to overwrite any file that was checked.
 */
export async function writeReportFile(target: string, text: AsyncIterable<string>, cwd: string, inputs: readonly string[]): Promise<void> {
  const path = resolve(cwd, target);
  const real = (file: string) => {
    try {
      return realpathSync(file);
    } catch {
      return file;
    }
  };
  const targetReal = real(path);
  if (inputs.some((input) => real(resolve(cwd, input)) === targetReal)) {
    throw new UsageError(`refusing to write the report over an input file: ${target}`);
  }
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    // 'wx': never follow or reuse something already at the temporary name.
    const descriptor = openSync(temporary, 'wx');
    try {
      for await (const chunk of text) writeSync(descriptor, chunk);
      fsyncSync(descriptor);
    } finally {
      closeSync(descriptor);
    }
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    // File-system failures are the user's to fix; anything else (a formatter failing) is ours.
    const code = (error as NodeJS.ErrnoException).code;
    if (code === undefined) throw error;
    throw new UsageError(`cannot write the report to ${target}: ${code}`);
  }
}
