import { closeSync, fsyncSync, lstatSync, openSync, readlinkSync, readSync, realpathSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { systemErrorWords, UsageError } from '../model/errors.js';
import { realPath } from '../api/findProcedureFiles.js';

/** `-o -` and `-o /dev/stdout` are standard output itself (opening /dev/stdout fails when it is a socket). */
export function isStandardOutput(target: string): boolean {
  return target === '-' || target === '/dev/stdout';
}

/**
 * Writes the report to a file atomically (a temporary file beside the real file, then rename), so a
 * crash never leaves half a report, and refuses to overwrite any file that was checked. A device or a
 * pipe (-o /dev/null, -o /dev/stderr) is written to as it is: renaming over it would replace it.
 */
export async function writeReportFile(
  target: string, text: AsyncIterable<Uint8Array>, cwd: string, inputs: readonly string[], what: 'report' | 'baseline' = 'report',
): Promise<void> {
  const path = resolve(cwd, target);
  const targetReal = linkTarget(path) ?? realPath(path);
  if (inputs.some((input) => realPath(resolve(cwd, input)) === targetReal)) {
    throw new UsageError(`refusing to write the ${what} over an input file: ${target}`);
  }
  // File-system failures are the user's to fix; anything the text throws (a check or a formatter
  // failing) goes on as it is.
  const fileCall = <T>(call: () => T): T => {
    try {
      return call();
    } catch (error) {
      // Writing creates the file: a missing one means a missing directory.
      const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
      throw new UsageError(`cannot write the ${what} to ${target}: ${missing ? 'its directory does not exist' : systemErrorWords(error)}`);
    }
  };
  if (isSpecialFile(path)) {
    // The path as given (/dev/stdout on a pipe resolves to a pipe:[…] name that cannot be opened), appended
    // to, so `-o /dev/stdout >> log` keeps what the log held.
    const descriptor = fileCall(() => openSync(path, 'a'));
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

/** Writes a text made whole (a baseline, an impact report) as writeReportFile writes a report. */
export async function writeTextFile(target: string, text: string, cwd: string, inputs: readonly string[], what: 'report' | 'baseline' = 'report'): Promise<void> {
  await writeReportFile(target, (async function* () {
    yield Buffer.from(text);
  })(), cwd, inputs, what);
}

/**
 * Whether the report must be written into the path as it is: something other than a regular file (a
 * device, a pipe, a directory) is there, or the path names a descriptor (/dev/stdout, /dev/fd/1,
 * /proc/self/fd/1), whose file a shell opened and would lose if it were renamed over.
 */
function isSpecialFile(path: string): boolean {
  if (/^\/(?:dev|proc)\//.test(path)) return true;
  try {
    return !statSync(path).isFile();
  } catch {
    return false; // nothing there yet: the report creates it
  }
}

/** The file a symbolic link at the path names, even when it does not exist yet (a dangling link stays a link). */
function linkTarget(path: string): string | null {
  try {
    if (!lstatSync(path).isSymbolicLink()) return null;
    return realpathSync(path);
  } catch {
    try {
      return resolve(dirname(path), readlinkSync(path));
    } catch {
      return null;
    }
  }
}

/**
 * How stampcheck's own files begin: a baseline (JSON or YAML), a json report (its first key the tool), a SARIF report
 * naming the tool. None of them is a procedure (whose root holds `procedure`).
 */
const OWN_OUTPUT = /^\uFEFF?\s*(?:\{\s*"stampcheck"\s*:\s*"baseline"|stampcheck\s*:\s*["']?baseline\b|\{\s*"tool"\s*:\s*\{\s*"name"\s*:\s*"stampcheck"|\{\s*"\$schema"\s*:\s*"[^"]*sarif[^"]*"[\s\S]*"name"\s*:\s*"stampcheck")/;
/** Bytes read to tell: the mark stands within a report's first lines. */
const OWN_OUTPUT_HEAD = 1024;

/** Whether a regular file holds stampcheck's own output (a baseline or a JSON or SARIF report), by its first bytes. */
export function isOwnOutput(path: string): boolean {
  let descriptor: number | undefined;
  try {
    if (!statSync(path).isFile()) return false;
    descriptor = openSync(path, 'r');
    const head = Buffer.alloc(OWN_OUTPUT_HEAD);
    const read = readSync(descriptor, head, 0, OWN_OUTPUT_HEAD, 0);
    return OWN_OUTPUT.test(head.subarray(0, read).toString('utf8'));
  } catch {
    return false;
  } finally {
    if (descriptor !== undefined) closeSync(descriptor);
  }
}
