/** Exit codes, as ESLint's: findings never share a code with tool failures. */
export const ExitCode = {
  ok: 0,
  /** Error findings, or more warnings than --max-warnings. */
  findings: 1,
  /** Usage, configuration, rule-file or internal errors. */
  failure: 2,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** An error the user can fix; carries its exit code and an optional file:line:column. */
export class StampcheckError extends Error {
  readonly exitCode: ExitCode;
  constructor(message: string, exitCode: ExitCode = ExitCode.failure) {
    super(message);
    this.name = new.target.name;
    this.exitCode = exitCode;
  }
}

/** Bad command-line arguments or a path that does not exist. */
export class UsageError extends StampcheckError {}

/** A rule or baseline file that cannot be read, parsed or validated; the message names its own position. */
export class ConfigFileError extends StampcheckError {
  constructor(file: string, line: number, column: number, detail: string) {
    super(`${file}:${line}:${column}: ${detail}`, ExitCode.failure);
  }
}

/** What a failed file-system call means, in words (a bare ENOENT says little); the code itself for the rare ones. */
export function systemErrorWords(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'ENOTDIR') return 'a part of the path is not a directory';
  if (code === 'EISDIR') return 'it is a directory';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENOSPC') return 'no space left on the device';
  if (code === 'EROFS') return 'the file system is read-only';
  return code ?? String(error);
}
