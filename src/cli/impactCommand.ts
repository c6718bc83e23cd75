import { impact } from '../api/impact.js';
import { formatImpactJson, formatImpactText } from '../format/impactReport.js';
import type { Language } from '../format/index.js';
import { ExitCode, UsageError } from '../model/errors.js';
import type { CliIo } from './io.js';
import { languageFromEnv, today } from './locale.js';
import { isStandardOutput, writeTextFile } from './writeReport.js';

export interface ImpactFlags {
  rules?: string[];
  baseRules?: string[];
  lang?: Language;
  asOf?: string;
  format: 'text' | 'json';
  output?: string;
  threads?: number;
}

/** The impact of a rule change: a report, so it exits 0 whatever it finds (2 on usage or rule-file errors). */
export async function runImpact(paths: string[], flags: ImpactFlags, io: CliIo): Promise<ExitCode> {
  if (flags.rules === undefined) throw new UsageError('impact needs --rules: the rules as proposed (compared with --base-rules, default the shipped rules)');
  const result = await impact({
    paths: paths.length > 0 ? paths : ['.'], rules: flags.rules, baseRules: flags.baseRules, asOf: flags.asOf ?? today(), cwd: io.cwd, threads: flags.threads,
  });
  const lang = flags.lang ?? languageFromEnv(io.env);
  const text = flags.format === 'json' ? formatImpactJson(result, lang, io.cwd) : formatImpactText(result, lang, io.cwd);
  if (flags.output === undefined || isStandardOutput(flags.output)) io.stdout.write(text);
  else await writeTextFile(flags.output, text, io.cwd, result.checkedFiles);
  return ExitCode.ok;
}
