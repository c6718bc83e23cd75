import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, relative } from 'node:path';
import type { RuleSet } from '../model/ruleSet.js';
import { packageFile } from '../packagePaths.js';

/**
 * The shipped rule set, parsed and validated by `npm run build`, so a run on the shipped rules reads
 * one JSON file instead of parsing six YAML files (and loading js-yaml) at every start. It is used only
 * while the shipped rule files are byte for byte those it was made from, and only by the code that
 * wrote it: change FORMAT when the shape of a RuleSet changes.
 */
interface Snapshot {
  format: number;
  digest: string;
  ruleSet: RuleSet;
}

const FORMAT = 1;

/** Where the build writes the snapshot. */
export const SHIPPED_SNAPSHOT = packageFile('dist/generated/shipped-rules.json');

/** A digest of the rule files' names and contents. */
function digestOf(files: readonly string[]): string {
  const hash = createHash('sha256');
  for (const file of files) {
    hash.update(`${basename(file)}\0`);
    hash.update(readFileSync(file));
  }
  return hash.digest('hex');
}

/**
 * The snapshot's rule set, or null when there is none, it is of another format, or the rule files it
 * was made from (the same list, in order) changed.
 */
export function readShippedSnapshot(files: readonly string[], snapshotFile = SHIPPED_SNAPSHOT): RuleSet | null {
  try {
    const snapshot = JSON.parse(readFileSync(snapshotFile, 'utf8')) as Snapshot;
    if (snapshot.format !== FORMAT || snapshot.digest !== digestOf(files)) return null;
    const { ruleSet } = snapshot;
    // As loadRuleSet makes them: keys such as __proto__ are just data.
    ruleSet.vocabularies = Object.assign(Object.create(null), ruleSet.vocabularies);
    ruleSet.issuers = Object.assign(Object.create(null), ruleSet.issuers);
    // Files are stored relative to the package, which may have moved since the build.
    for (const item of [...ruleSet.rules, ...ruleSet.retained]) item.file = packageFile(item.file);
    return ruleSet;
  } catch {
    return null;
  }
}

/** Build step: writes the snapshot of a rule set loaded from the given rule files. */
export function writeShippedSnapshot(ruleSet: RuleSet, files: readonly string[], snapshotFile = SHIPPED_SNAPSHOT): void {
  const root = packageFile('');
  const portable: RuleSet = {
    ...ruleSet,
    rules: ruleSet.rules.map((rule) => ({ ...rule, file: relative(root, rule.file) })),
    retained: ruleSet.retained.map((category) => ({ ...category, file: relative(root, category.file) })),
  };
  writeFileSync(snapshotFile, JSON.stringify({ format: FORMAT, digest: digestOf(files), ruleSet: portable } satisfies Snapshot));
}
