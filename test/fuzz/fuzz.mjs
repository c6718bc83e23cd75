#!/usr/bin/env node
/**
 * Fuzzes the loader and the engine with hostile bytes: random bytes, and the shipped examples
 * mutated (bit flips, truncation, duplicated/dropped lines, YAML syntax tokens, CJK and Traditional
 * text, foreign encodings), each fed through dist's loadProcedureBytes + checkProcedures with the
 * shipped rules. A thrown exception, or a finding without a 1-based position, is a crash: the seed,
 * the run and the error are printed and the input is written under /tmp. Exits 1 on any crash.
 *
 *   npm run fuzz -- --runs 20000 --seed 42
 *   node test/fuzz/fuzz.mjs --seed 42 --only 1234     # replay one run (each run has its own PRNG)
 *   node test/fuzz/fuzz.mjs --runs 1000 --stats       # also count what the inputs turned into, by first mutation
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadRules } from '../../dist/config/loadRules.js';
import { checkProcedures } from '../../dist/engine/checkProcedures.js';
import { loadProcedureBytes } from '../../dist/load/readProcedureFile.js';

const require = createRequire(import.meta.url);
const iconv = require('iconv-lite');
const yaml = require('js-yaml');

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SLOW_MS = 1000;

const YAML_TOKENS = [':', ': ', '- ', '-', '[', ']', '{', '}', ',', '&a ', '*a', '&b ', '*b', '\n', '\r\n', '  ', '\t', '"', "'",
  '#', '|', '>', '|-', '? ', '!!str ', '!!map ', '!tag ', '---\n', '...\n', '%YAML 1.2\n', '<<: *a', '~', 'null', 'true',
  '__proto__: ', 'constructor: ', 'procedure:', 'steps:', 'requires:', 'issuer: ', 'stamp: true', '\\', '\\u', '\u2028', '\ufeff'];
const CJK_TEXT = ['社区居委会', '村委会', '居委会盖章', '社區居委會', '村（居）委会', '親屬關係證明', '亲属关系证明', '无需社区盖章',
  '無需社區蓋章，但需村委會出具收入證明', '社区卫生服务中心', '幸福社区3号楼', '社 区 盖 章', '\u3000', 'ＡＢＣ１２３', '（）：，',
  '乾隆', '頭髮', '🏠', '𠀀𪚥', 'e\u0301', '\u200b\u200d', '\ud800', '\udc00', '原需社区盖章，现已取消', '生存证明', '健在證明'];
const ENCODINGS = ['gb18030', 'gbk', 'big5', 'utf16le', 'utf16be', 'shift_jis', 'euc-kr', 'windows-1252', 'latin1', 'utf8'];
const FORCED = ['utf-8', 'gb18030', 'gbk', 'big5', 'utf-16le', 'utf-16be', 'latin1'];
const AS_OF = ['2019-01-01', '2020-05-01', '2026-01-01'];

function parseArgs(argv) {
  const options = { runs: 10000, seed: Math.floor(Math.random() * 2 ** 31), only: undefined, stats: false };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--stats') {
      options.stats = true;
      continue;
    }
    const value = Number(argv[i + 1]);
    if (argv[i] === '--runs') options.runs = value;
    else if (argv[i] === '--seed') options.seed = value;
    else if (argv[i] === '--only') options.only = value;
    else throw new Error(`unknown argument ${argv[i]} (use --runs N, --seed S, --only RUN, --stats)`);
    if (!Number.isSafeInteger(value) || value < 0) throw new Error(`${argv[i]} needs a whole number`);
    i++;
  }
  return options;
}

/** mulberry32: small, fast, and the same sequence for the same seed everywhere. */
function prng(seed) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n) => Math.floor(next() * n);
  return { int, pick: (list) => list[int(list.length)], chance: (p) => next() < p };
}

/** The shipped examples as bytes, plus each one as JSON, so both loaders are seeded. */
function loadCorpus() {
  const files = [];
  const walk = (directory) => {
    for (const entry of readdirSync(directory, { withFileTypes: true })) {
      const path = join(directory, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.ya?ml$/.test(entry.name)) files.push(path);
    }
  };
  walk(join(ROOT, 'examples'));
  const corpus = [];
  for (const file of files.sort()) {
    const text = readFileSync(file, 'utf8');
    corpus.push({ ext: '.yaml', bytes: Buffer.from(text) });
    for (const document of yaml.loadAll(text)) {
      if (document !== null) corpus.push({ ext: '.json', bytes: Buffer.from(JSON.stringify(document, null, 2)) });
    }
  }
  return corpus;
}

/** A random offset; mostly on a UTF-8 character boundary, so not every mutation is an encoding error. */
function offset(bytes, r) {
  let at = r.int(bytes.length + 1);
  if (r.chance(0.8)) while (at < bytes.length && (bytes[at] & 0xc0) === 0x80) at++;
  return at;
}

function insertAt(bytes, at, inserted) {
  return Buffer.concat([bytes.subarray(0, at), inserted, bytes.subarray(at)]);
}

const MUTATORS = {
  flipBits(bytes, r) {
    const copy = Buffer.from(bytes);
    for (let k = 1 + r.int(8); k > 0 && copy.length > 0; k--) copy[r.int(copy.length)] ^= 1 << r.int(8);
    return copy;
  },
  setBytes(bytes, r) {
    const copy = Buffer.from(bytes);
    const special = [0x00, 0x80, 0xbf, 0xc0, 0xed, 0xef, 0xf4, 0xfe, 0xff, 0x0a, 0x0d, 0x09, 0x22, 0x3a, 0x5b];
    for (let k = 1 + r.int(4); k > 0 && copy.length > 0; k--) copy[r.int(copy.length)] = r.pick(special);
    return copy;
  },
  truncate(bytes, r) {
    return bytes.subarray(0, offset(bytes, r));
  },
  duplicateLines(bytes, r) {
    const lines = bytes.toString('latin1').split('\n');
    const from = r.int(lines.length);
    const count = 1 + r.int(3);
    const copies = Array(1 + r.int(4)).fill(lines.slice(from, from + count)).flat();
    lines.splice(r.int(lines.length + 1), 0, ...copies);
    return Buffer.from(lines.join('\n'), 'latin1');
  },
  dropLines(bytes, r) {
    const lines = bytes.toString('latin1').split('\n');
    lines.splice(r.int(lines.length), 1 + r.int(3));
    return Buffer.from(lines.join('\n'), 'latin1');
  },
  swapLines(bytes, r) {
    const lines = bytes.toString('latin1').split('\n');
    const a = r.int(lines.length);
    const b = r.int(lines.length);
    [lines[a], lines[b]] = [lines[b], lines[a]];
    return Buffer.from(lines.join('\n'), 'latin1');
  },
  insertToken(bytes, r) {
    let result = bytes;
    for (let k = 1 + r.int(4); k > 0; k--) result = insertAt(result, offset(result, r), Buffer.from(r.pick(YAML_TOKENS)));
    return result;
  },
  insertCjk(bytes, r) {
    return insertAt(bytes, offset(bytes, r), Buffer.from(r.pick(CJK_TEXT)));
  },
  reencode(bytes, r) {
    const encoding = r.pick(ENCODINGS);
    const encoded = iconv.encode(bytes.toString('utf8'), encoding, { addBOM: r.chance(0.5) });
    return Buffer.from(encoded);
  },
  replaceValue(bytes, r) {
    // Keeps the structure: the engine, not the parser, gets to read the new text.
    const lines = bytes.toString('utf8').split('\n');
    const candidates = lines.map((line, index) => (/:\s\S/.test(line) ? index : -1)).filter((index) => index >= 0);
    if (candidates.length === 0) return bytes;
    const index = r.pick(candidates);
    const value = Array.from({ length: 1 + r.int(3) }, () => r.pick(CJK_TEXT)).join(r.pick(['', '，', '；', '\u3000']));
    lines[index] = `${lines[index].slice(0, lines[index].search(/:\s/) + 2)}${value}`;
    return Buffer.from(lines.join('\n'));
  },
  nest(bytes, r) {
    const depth = 1 + r.int(200);
    const open = r.chance(0.5) ? '[' : '{a: ';
    return Buffer.concat([Buffer.from(`x: ${open.repeat(depth)}`), bytes, Buffer.from((open === '[' ? ']' : '}').repeat(r.int(depth + 1)))]);
  },
  aliasTower(bytes, r) {
    // Anchors that wrap earlier anchors: shallow as written, deep once the aliases are followed.
    const lines = ['l0: &l0 x'];
    const levels = 1 + r.int(300);
    const steep = r.chance(0.5);
    for (let k = 1; k <= levels; k++) {
      const depth = steep ? 60 : 1 + r.int(60);
      const [open, close] = r.chance(0.5) ? ['[', ']'] : ['{k: ', '}'];
      lines.push(`l${k}: &l${k} ${open.repeat(depth)}*l${k - 1}${close.repeat(depth)}`);
    }
    return Buffer.concat([bytes, Buffer.from(`\n${lines.join('\n')}\n`)]);
  },
  splice(bytes, r, corpus) {
    const other = r.pick(corpus).bytes;
    return Buffer.concat([bytes.subarray(0, offset(bytes, r)), other.subarray(offset(other, r))]);
  },
};
// Mutations that keep the structure are listed twice, so more inputs reach the engine.
const MUTATOR_NAMES = [...Object.keys(MUTATORS), 'replaceValue', 'insertCjk', 'reencode'];

/** One input: random bytes, or a corpus file with one to four stacked mutations. */
function makeInput(r, corpus) {
  if (r.chance(0.1)) {
    const bytes = Buffer.alloc(r.int(2000));
    for (let i = 0; i < bytes.length; i++) bytes[i] = r.int(256);
    return { path: `random${r.chance(0.5) ? '.yaml' : '.json'}`, bytes, how: ['random'] };
  }
  const seed = r.pick(corpus);
  let bytes = seed.bytes;
  const how = [];
  // Mostly one or two mutations: more stacked ones rarely leave anything the engine gets to read.
  for (let k = r.chance(0.6) ? 1 : 2 + r.int(3); k > 0; k--) {
    const name = r.pick(MUTATOR_NAMES);
    bytes = MUTATORS[name](bytes, r, corpus);
    how.push(name);
  }
  return { path: `mutated${seed.ext}`, bytes, how };
}

/** Runs one input and returns its outcome (the first load finding, or how many procedures loaded). */
function exercise(input, r, rules) {
  const options = { strict: r.chance(0.3), encoding: r.chance(0.15) ? r.pick(FORCED) : undefined };
  const file = loadProcedureBytes(input.path, new Uint8Array(input.bytes), options);
  const findings = checkProcedures([file], rules, { asOf: r.pick(AS_OF) });
  for (const finding of findings) {
    const { line, column, endLine, endColumn } = finding;
    if (!(line >= 1 && column >= 1 && endLine >= line && (endLine > line || endColumn >= column))) {
      throw new Error(`finding ${finding.ruleId} has an invalid position ${line}:${column}-${endLine}:${endColumn}`);
    }
  }
  return file.loadFindings[0]?.ruleId ?? `${Math.min(file.procedures.length, 2)} procedure(s), ${findings.length > 0 ? 'findings' : 'clean'}`;
}

function main() {
  const { runs, seed, only, stats } = parseArgs(process.argv.slice(2));
  const outcomes = new Map();
  const rules = loadRules();
  const corpus = loadCorpus();
  const started = performance.now();
  let survived = 0;
  let crashed = 0;
  const seen = new Set();
  const first = only ?? 0;
  const last = only ?? runs - 1;
  for (let run = first; run <= last; run++) {
    const r = prng(Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(run + 1, 0xc2b2ae35));
    const input = makeInput(r, corpus);
    const before = performance.now();
    try {
      const outcome = exercise(input, r, rules);
      for (const key of [outcome, `${input.how[0]} → ${outcome}`]) outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
      survived++;
    } catch (error) {
      crashed++;
      const saved = `/tmp/stampcheck-fuzz-${seed}-${run}-${input.path}`;
      writeFileSync(saved, input.bytes);
      console.error(`fuzz: CRASH at run ${run} (seed ${seed}; replay with --seed ${seed} --only ${run}); mutations: ${input.how.join(', ')}`);
      console.error(`fuzz: input written to ${saved}`);
      // The whole stack once per kind of crash; after that one line each.
      const kind = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      if (seen.has(kind)) console.error(kind);
      else console.error(error instanceof Error ? error.stack : kind);
      seen.add(kind);
    }
    const took = performance.now() - before;
    if (took > SLOW_MS) console.error(`fuzz: slow input at run ${run} (${Math.round(took)} ms; ${input.how.join(', ')})`);
  }
  if (stats) for (const [outcome, count] of [...outcomes].sort((a, b) => b[1] - a[1])) console.error(`fuzz: ${count}\t${outcome}`);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`fuzz: ${survived} inputs survived, ${crashed} crashed (seed ${seed}, ${seconds} s)`);
  return crashed === 0 ? 0 : 1;
}

try {
  process.exitCode = main();
} catch (error) {
  console.error(`fuzz: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 2;
}
