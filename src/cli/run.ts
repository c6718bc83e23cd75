import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { ExitCode, StampcheckError } from '../model/errors.js';
import { DEFAULT_FORMAT, FORMAT_NAMES } from '../format/names.js';
import { toolInfo } from '../api/toolInfo.js';
import { encodingExists } from '../api/encodings.js';
import { isCalendarDate } from '../model/calendarDate.js';
import type { CliIo } from './io.js';
import type { CheckFlags } from './checkCommand.js';
import type { RulesFlags } from './rulesCommands.js';
import type { VerifyFlags } from './verifyCommand.js';
import type { ImpactFlags } from './impactCommand.js';

const EXAMPLES = `
Examples:
  $ stampcheck examples                       check every procedure under examples/
  $ stampcheck check 'forms/**/*.yaml' --lang zh
  $ stampcheck forms -f sarif -o stampcheck.sarif
  $ stampcheck forms --write-baseline baseline.json   accept today's findings
  $ stampcheck forms --baseline baseline.json         fail on new ones only
  $ stampcheck forms --rules stampcheck:shipped --rules ./local-rules
  $ stampcheck rules                          list the rules
  $ stampcheck explain no-community-kinship-certificate
  $ stampcheck verify --rules ./local-rules rule-tests/   test the rules' examples and test files
  $ stampcheck impact forms --rules ./proposed-rules      what a rule change would change

Exit codes: 0 no error findings, 1 error findings (or more warnings than --max-warnings),
2 usage, configuration or rule-file errors.`;

/**
 * Parses argv, runs the command and returns the exit code; never calls process.exit. Commands load
 * their modules on demand, so --version and --help start as fast as commander allows.
 */
export async function run(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  let exitCode: ExitCode = ExitCode.ok;
  const debug = argv.includes('--debug');
  const program = buildProgram(io, (code) => {
    exitCode = code;
  });
  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    return reportError(error, io, debug);
  }
}

function buildProgram(io: CliIo, setExitCode: (code: ExitCode) => void): Command {
  const program = new Command('stampcheck')
    .description('Checks department procedure files for steps that still demand a community (社区居委会/村委会) certificate or stamp.')
    .version(toolInfo().version, '-v, --version')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      outputError: () => undefined,
    })
    .showSuggestionAfterError(true)
    .addHelpText('after', EXAMPLES);

  const withRuleOptions = (command: Command) => command
    .option('--rules <path>', 'rule file or directory, repeatable (default: the shipped rules; "stampcheck:shipped" names them)', collect)
    .addOption(new Option('--lang <lang>', 'output language (default: from LC_ALL/LANG)').choices(['zh', 'en']))
    .option('--debug', 'print how each file was decoded, and stack traces of internal errors');

  withRuleOptions(program.command('check [paths...]', { isDefault: true })
    .description('check procedure files, directories or glob patterns (default: the current directory)')
    .addOption(new Option('-f, --format <name>', 'output format').choices(FORMAT_NAMES).default(DEFAULT_FORMAT))
    .option('-o, --output <file>', 'write the report to a file (atomically; never over an input file; - is stdout)')
    .option('--as-of <date>', 'evaluate rules as of this date, YYYY-MM-DD (default: today)', parseDate)
    .option('--strict', 'warn about fields the procedure schema does not know')
    .option('--encoding <name>', 'read procedure files in this encoding (default: BOM, UTF-8, or detected GB18030/Big5)', parseEncoding)
    .option('--max-file-size <size>', 'skip larger procedure files with a finding; bytes, or with K, M, G (default: 64M)', parseSize)
    .option('--quiet', 'report errors only')
    .option('--threads <n>', 'threads to check on (default: one per core for large corpora; 1: no worker threads)', parsePositive)
    .option('--max-warnings <n>', 'exit 1 when there are more warnings than this', parseCount)
    .option('--baseline <file>', 'report only findings this baseline does not accept (written by --write-baseline)')
    .option('--write-baseline <file>', 'write a baseline accepting every finding of this run, and report only what it cannot accept')
    .option('--color', 'force colours')
    .option('--no-color', 'no colours (also NO_COLOR=1)')
    .addHelpText('after', EXAMPLES))
    .action(async (paths: string[], flags: CheckFlags) => {
      const { runCheck } = await import('./checkCommand.js');
      setExitCode(await runCheck(paths, flags, io));
    });

  withRuleOptions(program.command('verify [tests...]')
    .description("test the rules: every rule's examples, and test procedure files whose expected findings are written in them (# expect: rule-id (severity))")
    .option('--as-of <date>', 'check at this date, YYYY-MM-DD, unless a test file says `# as-of:` (default: today)', parseDate))
    .action(async (tests: string[], flags: VerifyFlags) => setExitCode(await (await import('./verifyCommand.js')).runVerify(tests, flags, io)));

  withRuleOptions(program.command('impact [paths...]')
    .description('show what a rule change changes over a corpus: the findings it adds and removes, by rule (--rules: as proposed; --base-rules: as they are)')
    .option('--base-rules <path>', 'the rules as they are, repeatable (default: the shipped rules)', collect)
    .addOption(new Option('-f, --format <name>', 'output format').choices(['text', 'json']).default('text'))
    .option('-o, --output <file>', 'write the report to a file (atomically; never over an input file; - is stdout)')
    .option('--as-of <date>', 'evaluate both rule sets as of this date, YYYY-MM-DD (default: today)', parseDate)
    .option('--threads <n>', 'threads to check on (as for check)', parsePositive))
    .action(async (paths: string[], flags: ImpactFlags) => setExitCode(await (await import('./impactCommand.js')).runImpact(paths, flags, io)));

  withRuleOptions(program.command('rules').description('list the rules: id, severity, departments, source'))
    .action(async (flags: RulesFlags) => setExitCode((await import('./rulesCommands.js')).runRules(flags, io)));

  withRuleOptions(program.command('explain <rule-id>').description('show a rule: its measure, rationale, remedy and examples'))
    .action(async (ruleId: string, flags: RulesFlags) => setExitCode((await import('./rulesCommands.js')).runExplain(ruleId, flags, io)));

  return program;
}

/** The one place errors become messages and exit codes: one line, a stack trace only with --debug. */
function reportError(error: unknown, io: CliIo, debug: boolean): ExitCode {
  if (error instanceof CommanderError) {
    if (['commander.helpDisplayed', 'commander.version', 'commander.help'].includes(error.code)) return ExitCode.ok;
    // One line: commander puts its suggestion ((Did you mean --format?)) on a line of its own.
    io.stderr.write(`stampcheck: ${error.message.replace(/^error: /, '').replace(/\s*\n\s*/g, ' ')}\n`);
    return ExitCode.failure;
  }
  if (error instanceof StampcheckError) {
    io.stderr.write(`stampcheck: ${error.message}\n`);
    if (debug && error.stack) io.stderr.write(`${error.stack}\n`);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.stderr.write(`stampcheck: internal error: ${message}${debug ? '' : ' (run with --debug for details)'}\n`);
  if (debug && error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`);
  return ExitCode.failure;
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

function parseDate(value: string): string {
  if (!isCalendarDate(value)) throw new InvalidArgumentError('expected a date as YYYY-MM-DD.');
  return value;
}

function parseEncoding(value: string): string {
  if (!encodingExists(value)) throw new InvalidArgumentError('unknown encoding (try utf-8, gb18030, gbk, big5, utf-16le).');
  return value;
}

function parseSize(value: string): number {
  const match = /^([1-9]\d*)(?:([kmg])(?:ib|b)?|b)?$/i.exec(value.trim());
  if (!match) throw new InvalidArgumentError('expected a size such as 5000000, 512K or 64M.');
  const unit = { k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[(match[2] ?? '').toLowerCase() as 'k' | 'm' | 'g'] ?? 1;
  return Number(match[1]) * unit;
}

function parsePositive(value: string): number {
  if (!/^[1-9]\d*$/.test(value)) throw new InvalidArgumentError('expected a whole number, 1 or more.');
  return Number(value);
}

function parseCount(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('expected a whole number, 0 or more.');
  return Number(value);
}
