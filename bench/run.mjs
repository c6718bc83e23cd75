#!/usr/bin/env node
// npm run bench [-- --sizes 1000,10000,100000 --runs 5 --big 50000 --spectral PATH]
// Wall time (median of N runs) and peak RSS (max) of stampcheck against the parse-only floor, and,
// with --spectral (the path of a spectral binary, see bench/README.md), against Spectral running an
// equivalent ruleset on corpora of up to 10,000 files.
import { writeFileSync } from 'node:fs';
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { benchArgs } from './args.mjs';

const { values } = benchArgs('npm run bench [-- --sizes 1000,10000,100000 --runs 5 --big 50000 --spectral PATH]', {
  options: {
    sizes: { type: 'string', default: '1000,10000,100000' },
    runs: { type: 'string', default: '5' },
    big: { type: 'string', default: '50000' },
    spectral: { type: 'string' },
  },
});
const runs = Number(values.runs);
const node = process.execPath;

function corpus(name, args) {
  const directory = `bench/corpus/${name}`;
  if (!existsSync(directory)) {
    const result = spawnSync(node, ['bench/generate.mjs', ...args, '--out', directory, '--seed', '1'], { stdio: 'inherit' });
    if (result.status !== 0) throw new Error(`cannot generate ${directory}`);
  }
  return directory;
}

/** Runs a node command `runs` times; returns the median wall time and the largest peak RSS. */
function measure(args, command = node) {
  const walls = [];
  let peak = 0;
  for (let run = 0; run < runs; run++) {
    const started = process.hrtime.bigint();
    const env = { ...process.env, NODE_OPTIONS: '--import ./bench/report-usage.mjs' };
    const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 1 << 30, stdio: ['ignore', 'ignore', 'pipe'], env });
    walls.push(Number(process.hrtime.bigint() - started) / 1e9);
    const usage = /@@usage maxrss_kb=(\d+)/.exec(result.stderr);
    if (!usage || result.status > 1) throw new Error(`${args.join(' ')} failed: ${result.stderr.slice(0, 500)}`);
    peak = Math.max(peak, Number(usage[1]));
  }
  walls.sort((a, b) => a - b);
  return { wall: walls[Math.floor(walls.length / 2)], rssMiB: peak / 1024 };
}

const rows = [];
function row(corpusName, files, tool, result, floor) {
  rows.push({
    corpus: corpusName,
    tool,
    'files/s': files ? Math.round(files / result.wall) : '',
    'wall s': result.wall.toFixed(2),
    'peak MiB': result.rssMiB.toFixed(0),
    'x floor': floor ? (result.wall / floor.wall).toFixed(2) : '',
  });
}

const targets = [
  ...values.sizes.split(',').filter(Boolean).map((size) => ({ name: `${Number(size) / 1000}k`, files: Number(size), args: ['--files', size] })),
  ...(values.big ? [{ name: 'big', files: 1, args: ['--big-steps', values.big] }] : []),
];
for (const target of targets) {
  const directory = corpus(target.name, target.args);
  const floors = ['events', 'load'].map((parser) => ({ parser, ...measure(['bench/floor.mjs', directory, '--parser', parser]) }));
  const floor = floors.reduce((best, candidate) => (candidate.wall < best.wall ? candidate : best));
  for (const candidate of floors) row(target.name, target.files, `floor: js-yaml ${candidate.parser === 'events' ? 'parseEvents' : 'load'}`, candidate, floor);
  row(target.name, target.files, "stampcheck's reader alone (not a floor)", measure(['bench/floor.mjs', directory, '--parser', 'stampcheck']), floor);
  row(target.name, target.files, 'stampcheck -f json', measure(['bin/stampcheck.js', directory, '-f', 'json']), floor);
  row(target.name, target.files, 'stampcheck -f json --threads 1', measure(['bin/stampcheck.js', directory, '-f', 'json', '--threads', '1']), floor);
  if (values.spectral && target.files > 1 && target.files <= 10_000) {
    const ruleset = 'bench/corpus/spectral-ruleset.json';
    writeFileSync(ruleset, spawnSync(node, ['bench/spectral-ruleset.mjs'], { encoding: 'utf8' }).stdout);
    row(target.name, target.files, 'spectral lint (equivalent ruleset)', measure(['lint', `${directory}/**/*.yaml`, '-r', ruleset, '-f', 'json', '-q', '-o', '/dev/null'], values.spectral), floor);
  }
}

const baseline = measure(['-e', '0']);
row('start-up', 0, 'node -e 0', baseline, null);
for (const [label, args] of [['stampcheck --version', ['--version']], ['stampcheck --help', ['--help']], ['stampcheck one small file', ['examples/finance/rural-microloan.before.yaml']]]) {
  const result = measure(['bin/stampcheck.js', ...args]);
  rows.push({ corpus: 'start-up', tool: label, 'files/s': '', 'wall s': result.wall.toFixed(3), 'peak MiB': result.rssMiB.toFixed(0), 'x floor': `${(result.wall / baseline.wall).toFixed(2)} x node -e 0` });
}
console.table(rows);
