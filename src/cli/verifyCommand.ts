import { verify } from '../api/verify.js';
import { formatVerifyReport } from '../format/verifyReport.js';
import type { Language } from '../format/index.js';
import { ExitCode } from '../model/errors.js';
import type { CliIo } from './io.js';
import { languageFromEnv, today } from './locale.js';

export interface VerifyFlags {
  rules?: string[];
  lang?: Language;
  asOf?: string;
}

/** Rule tests: 0 when every rule example and test file comes out as written, 1 when one does not. */
export async function runVerify(paths: string[], flags: VerifyFlags, io: CliIo): Promise<ExitCode> {
  const result = await verify({ paths, rules: flags.rules, asOf: flags.asOf ?? today(), cwd: io.cwd });
  io.stdout.write(formatVerifyReport(result, flags.lang ?? languageFromEnv(io.env)));
  return result.exampleFailures.length === 0 && result.fileFailures.length === 0 ? ExitCode.ok : ExitCode.findings;
}
