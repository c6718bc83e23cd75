import { spawn } from 'node:child_process';
import { copyFileSync, cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';

/**
 * `--threads N` must not change a byte of the output: batches are checked on the main thread and on
 * worker threads but written strictly in order, and the corpus-wide duplicate-id check runs on the
 * main thread in corpus order. These tests run the real binary (workers need dist/, which `npm test`'s
 * pretest builds); every run is started at once, a few at a time, so the file stays fast.
 */
const ROOT = join(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'stampcheck.js');
const THREADS_FIXTURES = 'test/fixtures/cli/threads';
const CORPUS = ['test/fixtures/procedures', 'examples'];
const FORMATS = ['stylish', 'json', 'sarif', 'junit', 'github', 'markdown'] as const;
const LANGS = ['en', 'zh'] as const;
const THREAD_COUNTS = [1, 2, 3] as const;
const TIMEOUT = 120_000;

/** One date for every run, so a run that crosses midnight cannot change which rules apply. */
const AS_OF = (() => {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
})();

interface BinResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: Buffer;
  stderr: string;
}

// A small pool: the runs are CPU-bound and each 3-thread run uses three threads.
const MAX_RUNNING = Math.max(2, availableParallelism());
let running = 0;
const waiting: (() => void)[] = [];

/** A run that does not end in this time has hung (a normal one takes a second or two). */
const RUN_TIMEOUT = 30_000;
/** Set once a run has hung: the runs still waiting are not started, so a hang fails fast. */
let hung = false;

async function stampcheck(args: readonly string[], cwd = ROOT): Promise<BinResult> {
  while (running >= MAX_RUNNING) await new Promise<void>((resolve) => waiting.push(resolve));
  if (hung) {
    waiting.shift()?.();
    return { code: null, signal: null, stdout: Buffer.alloc(0), stderr: 'not run: an earlier run of stampcheck hung' };
  }
  running += 1;
  try {
    const result = await spawnBin(args, cwd);
    if (result.signal !== null) hung = true;
    return result;
  } finally {
    running -= 1;
    waiting.shift()?.();
  }
}

function spawnBin(args: readonly string[], cwd: string): Promise<BinResult> {
  // Without jest's NODE_OPTIONS (--experimental-vm-modules would add a warning to stderr), colours or locale.
  const { NODE_OPTIONS: _nodeOptions, FORCE_COLOR: _forceColor, ...env } = process.env;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args, '--as-of', AS_OF], {
      cwd,
      env: { ...env, NO_COLOR: '1', LANG: 'C', LC_ALL: '', LC_MESSAGES: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: RUN_TIMEOUT,
      killSignal: 'SIGKILL',
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.once('error', reject);
    child.once('close', (code, signal) =>
      resolve({ code, signal, stdout: Buffer.concat(stdout), stderr: Buffer.concat(stderr).toString('utf8') }));
  });
}

interface JsonFinding {
  file: string;
  procedureId: string | null;
  stepId: string | null;
  ruleId: string;
  severity: string;
  line: number;
  column: number;
  messages: { zh: string; en: string };
}

function findingsOf(result: BinResult): JsonFinding[] {
  return (JSON.parse(result.stdout.toString('utf8')) as { findings: JsonFinding[] }).findings;
}

/** The duplicate-id findings as [file, line, column, procedure id, English message]. */
function duplicateIds(result: BinResult): [string, number, number, string | null, string][] {
  return findingsOf(result)
    .filter((finding) => finding.ruleId === 'duplicate-id')
    .map((finding) => [finding.file, finding.line, finding.column, finding.procedureId, finding.messages.en]);
}

const alreadyUsed = (id: string, first: string) => `procedure id "${id}" is already used in ${first}`;

// ---------------------------------------------------------------------------------------------------
// Every run this file needs, started before the first test so that they overlap.

const matrix = new Map<string, Promise<BinResult>>();
const key = (format: string, lang: string, threads: number) => `${format}/${lang}/${threads}`;

let spreadDirectory = '';
let outputDirectory = '';
/** The threads fixtures copied into a copy of test/fixtures/procedures, in the same relative order. */
let spreadNames: string[] = [];
let duplicateRuns: Promise<BinResult[]>;
let spreadRuns: Promise<BinResult[]>;
let outputRuns: Promise<[BinResult, BinResult]>;

beforeAll(() => {
  for (const format of FORMATS) {
    for (const lang of LANGS) {
      for (const threads of THREAD_COUNTS) {
        matrix.set(key(format, lang, threads), stampcheck([...CORPUS, '-f', format, '--lang', lang, '--threads', String(threads)]));
      }
    }
  }

  duplicateRuns = Promise.all([1, 3].map((threads) => stampcheck([THREADS_FIXTURES, '-f', 'json', '--threads', String(threads)])));

  // The threads fixtures spread through a corpus large enough (about 240 files, twelve batches with
  // three threads) that the workers start in time to take batches: first uses and their duplicates
  // then fall on different threads, not only in different batches.
  spreadDirectory = mkdtempSync(join(tmpdir(), 'stampcheck-threads-'));
  cpSync(join(ROOT, 'test', 'fixtures', 'procedures'), spreadDirectory, { recursive: true });
  const heft = procedureFiles(spreadDirectory).sort();
  const fixtures = readdirSync(join(ROOT, THREADS_FIXTURES)).sort();
  spreadNames = fixtures.map((name, index) => {
    // Right after an existing file in sort order: `blind/blind-001.yaml.a-first.yaml`.
    const target = `${heft[Math.floor((index * heft.length) / fixtures.length)]}.${name}`;
    copyFileSync(join(ROOT, THREADS_FIXTURES, name), join(spreadDirectory, target));
    return target;
  });
  spreadRuns = Promise.all([1, 3].map((threads) => stampcheck(['.', '-f', 'json', '--threads', String(threads)], spreadDirectory)));

  outputDirectory = mkdtempSync(join(tmpdir(), 'stampcheck-threads-output-'));
  const absoluteCorpus = CORPUS.map((path) => join(ROOT, path));
  outputRuns = Promise.all([
    stampcheck([...absoluteCorpus, '-f', 'json', '--threads', '2', '-o', 'report.json'], outputDirectory),
    stampcheck([...absoluteCorpus, '-f', 'json', '--threads', '2'], outputDirectory),
  ]);
});

afterAll(async () => {
  // Let every run end before its directory goes.
  await Promise.allSettled([...matrix.values(), duplicateRuns, spreadRuns, outputRuns]);
  for (const directory of [spreadDirectory, outputDirectory]) if (directory) rmSync(directory, { recursive: true, force: true });
});

function procedureFiles(directory: string, under = ''): string[] {
  return readdirSync(join(directory, under), { withFileTypes: true }).flatMap((entry) => {
    const path = under === '' ? entry.name : `${under}/${entry.name}`;
    if (entry.isDirectory()) return procedureFiles(directory, path);
    return /\.(ya?ml|json)$/.test(entry.name) ? [path] : [];
  });
}

// ---------------------------------------------------------------------------------------------------

describe('--threads 1, 2 and 3 give the same output, byte for byte', () => {
  describe.each(FORMATS)('-f %s', (format) => {
    it.each(LANGS)('--lang %s', async (lang) => {
      const [one, two, three] = await Promise.all(THREAD_COUNTS.map((threads) => matrix.get(key(format, lang, threads))!));
      for (const result of [one, two, three]) {
        // No worker failed: a failure would be a line on stderr and exit code 2.
        expect([result.code, result.signal, result.stderr]).toEqual([1, null, '']);
      }
      expect(one.stdout.length).toBeGreaterThan(1000);
      expect(two.stdout.equals(one.stdout)).toBe(true);
      expect(three.stdout.equals(one.stdout)).toBe(true);
      // Same bytes, so compared as text too (a readable diff if they ever differ).
      expect(two.stdout.toString('utf8')).toBe(one.stdout.toString('utf8'));
      expect(three.stdout.toString('utf8')).toBe(one.stdout.toString('utf8'));
    }, TIMEOUT);
  });

  it('the json report holds every file of the corpus, in path order, for every thread count', async () => {
    const reports = await Promise.all(THREAD_COUNTS.map((threads) => matrix.get(key('json', 'en', threads))!));
    for (const report of reports) {
      const files = findingsOf(report).map((finding) => finding.file);
      // Findings come sorted by file, batch after batch.
      expect(files).toEqual([...files].sort());
      expect(new Set(files).size).toBeGreaterThan(100);
      expect(files.some((file) => file.startsWith('examples/'))).toBe(true);
      expect(files.some((file) => file.startsWith('test/fixtures/procedures/'))).toBe(true);
    }
  }, TIMEOUT);

  it('the two languages really differ (so both were exercised)', async () => {
    for (const format of FORMATS) {
      const [en, zh] = await Promise.all(LANGS.map((lang) => matrix.get(key(format, lang, 1))!));
      expect(en.stdout.equals(zh.stdout)).toBe(false);
    }
  }, TIMEOUT);
});

describe('duplicate procedure ids across files and threads', () => {
  const fixture = (name: string) => `${THREADS_FIXTURES}/${name}`;
  /**
   * 8 files: one thread checks them in batches of 2, three threads in batches of 1, so every first use
   * and its duplicate are in different batches with three threads, and e/f share a batch with one.
   */
  const EXPECTED: [string, number, number, string, string][] = [
    [fixture('c-again.yaml'), 3, 3, 'threads-pension', alreadyUsed('threads-pension', fixture('a-first.yaml'))],
    [fixture('d-two-documents.yaml'), 13, 3, 'threads-card', alreadyUsed('threads-card', fixture('b-other.yaml'))],
    [fixture('f-next-door.yaml'), 3, 3, 'threads-enrolment', alreadyUsed('threads-enrolment', fixture('e-unique.yaml'))],
    [fixture('g-relief-again.yaml'), 3, 3, 'threads-relief', alreadyUsed('threads-relief', fixture('d-two-documents.yaml'))],
    // The third use names the first file, not the second.
    [fixture('h-last.yaml'), 11, 3, 'threads-pension', alreadyUsed('threads-pension', fixture('a-first.yaml'))],
  ];

  it('reports each duplicate in the later file, naming the first, the same with 1 and 3 threads', async () => {
    const [one, three] = await duplicateRuns;
    for (const result of [one, three]) expect([result.code, result.signal, result.stderr]).toEqual([1, null, '']);
    expect(duplicateIds(one)).toEqual(EXPECTED);
    expect(duplicateIds(three)).toEqual(EXPECTED);
    expect(three.stdout.equals(one.stdout)).toBe(true);
    // Corpus order is path order: the file holding the duplicate sorts after the file it names.
    for (const [file, , , , message] of duplicateIds(three)) {
      const first = message.slice(message.lastIndexOf(' ') + 1);
      expect(first < file).toBe(true);
    }
    // Besides the duplicates, only a-first.yaml's kinship certificate.
    expect(findingsOf(one).filter((finding) => finding.ruleId !== 'duplicate-id').map((finding) => [finding.file, finding.line, finding.ruleId]))
      .toEqual([[fixture('a-first.yaml'), 11, 'no-community-kinship-certificate']]);
  }, TIMEOUT);

  it('reports the same duplicates when the files are spread over a corpus checked on three threads', async () => {
    // The copies keep the fixtures' relative order (a before b before … h).
    expect([...spreadNames].sort()).toEqual(spreadNames);
    const [a, b, c, d, e, f, g, h] = spreadNames;
    const [one, three] = await spreadRuns;
    for (const result of [one, three]) expect([result.code, result.signal, result.stderr]).toEqual([1, null, '']);
    expect(three.stdout.equals(one.stdout)).toBe(true);
    const ours = (result: BinResult) => duplicateIds(result).filter(([, , , id]) => id !== null && id.startsWith('threads-'));
    const expected = [
      [c, 3, 3, 'threads-pension', alreadyUsed('threads-pension', a)],
      [d, 13, 3, 'threads-card', alreadyUsed('threads-card', b)],
      [f, 3, 3, 'threads-enrolment', alreadyUsed('threads-enrolment', e)],
      [g, 3, 3, 'threads-relief', alreadyUsed('threads-relief', d)],
      [h, 11, 3, 'threads-pension', alreadyUsed('threads-pension', a)],
    ];
    expect(ours(one)).toEqual(expected);
    expect(ours(three)).toEqual(expected);
    // The corpus's own duplicates, if any, are the same too.
    expect(duplicateIds(three)).toEqual(duplicateIds(one));
  }, TIMEOUT);
});

describe('-o with --threads 2', () => {
  it('writes the same bytes as stdout and leaves no temporary file behind', async () => {
    const [toFile, toStdout] = await outputRuns;
    expect([toFile.code, toFile.signal, toFile.stderr, toFile.stdout.length]).toEqual([1, null, '', 0]);
    expect([toStdout.code, toStdout.signal, toStdout.stderr]).toEqual([1, null, '']);
    const written = readFileSync(join(outputDirectory, 'report.json'));
    expect(written.length).toBeGreaterThan(1000);
    expect(written.equals(toStdout.stdout)).toBe(true);
    expect(readdirSync(outputDirectory).filter((name) => /^\.report\.json\..*\.tmp$/.test(name))).toEqual([]);
    expect(readdirSync(outputDirectory)).toEqual(['report.json']);
  }, TIMEOUT);
});
