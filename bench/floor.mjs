#!/usr/bin/env node
// The parse-only floor: find, read and parse every file, nothing else.
// Usage: node bench/floor.mjs DIR [--parser load|events|stampcheck]
// `stampcheck` is not a floor: it is stampcheck's own reader (the block-subset reader, js-yaml's events
// for anything else) with nothing after it, to show how much of a run is reading YAML. Like stampcheck,
// it takes each document's steps one by one from the reader (here dropping them).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { benchArgs } from './args.mjs';

const { values, positionals } = benchArgs('node bench/floor.mjs DIRECTORY [--parser events|load|stampcheck]', { allowPositionals: true, options: { parser: { type: 'string', default: 'events' } } });
// Each reader loads only its own modules, so the start-up it pays is its own.
const readers = {
  load: async () => { const { load } = await import('js-yaml'); return (text) => load(text); },
  events: async () => { const { parseEvents } = await import('js-yaml'); return (text) => parseEvents(text, {}); },
  stampcheck: async () => {
    const [{ parseBlockYaml }, { parseYamlEvents }] = await Promise.all([import('../dist/load/blockYaml.js'), import('../dist/load/yamlTree.js')]);
    const sink = { path: ['procedure', 'steps'], take() {} };
    return (text) => parseBlockYaml(text, 64, sink) ?? parseYamlEvents(text);
  },
};
if (!Object.hasOwn(readers, values.parser)) {
  console.error(`floor.mjs: unknown --parser ${values.parser} (${Object.keys(readers).join(', ')})`);
  process.exit(2);
}
const parse = await readers[values.parser]();

function walk(directory, files) {
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) walk(path, files);
    else if (/\.ya?ml$/.test(entry.name)) files.push(path);
  }
  return files;
}

let nodes = 0;
for (const file of walk(positionals[0], [])) {
  const parsed = parse(readFileSync(file, 'utf8'));
  nodes += Array.isArray(parsed) ? parsed.length : 1;
}
console.log(`parsed ${nodes}`);
