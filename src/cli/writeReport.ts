import { closeSync, fsyncSync, openSync, realpathSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { UsageError } from '../model/errors.js';

/**
 * Writes the report to a file atomically (a temporary file beside the real file, then rename), so a
 * crash never leaves half a report, and refuses to overwrite any file that was checked. A device or a
 * pipe (-o /dev/null, -o /dev/stderr) is written to as it is: renaming over it would replace it.
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
  // File-system failures are the user's to fix; anything the text throws (a check or a formatter
  // failing) goes on as it is.
  const fileCall = <T>(call: () => T): T => {
    try {
      return call();
    } catch (error) {
      throw new UsageError(`cannot write the report to ${target}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
  };
  if (isSpecialFile(targetReal)) {
    const descriptor = fileCall(() => openSync(targetReal, 'w'));
    try {
      for await (const chunk of text) fileCall(() => writeSync(descriptor, chunk));
    } finally {
      closeSync(descriptor);
    }
    return;
  }
  // A link is followed: the file it names gets the report, the link stays.
  const temporary = join(dirname(targetReal), `.${basename(targetReal)}.${process.pid}.tmp`);
  // The check runs while the file is open: an interrupted run must not leave the temporary file.
  const onSignal = (signal: NodeJS.Signals) => {
    rmSync(temporary, { force: true });
    process.kill(process.pid, signal);
  };
  try {
    // 'wx': never follow or reuse something already at the temporary name.
    const descriptor = fileCall(() => openSync(temporary, 'wx'));
    process.once('SIGINT', onSignal).once('SIGTERM', onSignal);
    try {
      for await (const chunk of text) fileCall(() => writeSync(descriptor, chunk));
      fileCall(() => fsyncSync(descriptor));
    } finally {
      closeSync(descriptor);
    }
    fileCall(() => renameSync(temporary, targetReal));
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  } finally {
    process.removeListener('SIGINT', onSignal).removeListener('SIGTERM', onSignal);
  }
}

/** Whether something other than a regular file (a device, a pipe, a directory) is at the path. */
function isSpecialFile(path: string): boolean {
  try {
    return !statSync(path).isFile();
  } catch {
    return false; // nothing there yet: the report creates it
  }
}
