import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { RuleSet } from '../model/ruleSet.js';
import { packageFile } from '../packagePaths.js';

/**
 * The shipped rule set, parsed and validated by `npm run build`, so a run on the shipped rules reads
 * one JSON file instead of parsing six YAML files (and loading js-yaml) at every start. It is used only
 * while the shipped rule files are byte for byte those it was made from.
 */
interface Snapshot {
  digest: string;
  ruleSet: RuleSet;
}

/** Where the build writes the snapshot, and the rule files it stands for. */
export const SHIPPED_SNAPSHOT = { file: packageFile('dist/generated/shipped-rules.json'), rules: packageFile('rules') };

/** A digest of the rule files' names and contents. */
function digestOf(directory: string): string {
  const hash = createHash('sha256');
  for (const name of readdirSync(directory).sort()) {
    hash.update(`${name}\0`);
    hash.update(readFileSync(join(directory, name)));
  }
  return hash.digest('hex');
}

/** The snapshot's rule set, or null when there is none or the rule files changed since it was made. */
export function readShippedSnapshot(where = SHIPPED_SNAPSHOT): RuleSet | null {
  let snapshot: Snapshot;
  try {
    snapshot = JSON.parse(readFileSync(where.file, 'utf8')) as Snapshot;
  } catch {
    return null;
  }
  if (snapshot.digest !== digestOf(where.rules)) return null;
  const { ruleSet } = snapshot;
  // Files are stored relative to the package, which may have moved since the build.
  for (const item of [...ruleSet.rules, ...ruleSet.retained]) item.file = packageFile(item.file);
  return ruleSet;
}

/** Build step: writes the snapshot of a rule set loaded from the shipped rule files. */
export function writeShippedSnapshot(ruleSet: RuleSet, where = SHIPPED_SNAPSHOT): void {
  const root = packageFile('');
  const portable: RuleSet = {
    ...ruleSet,
    rules: ruleSet.rules.map((rule) => ({ ...rule, file: relative(root, rule.file) })),
    retained: ruleSet.retained.map((category) => ({ ...category, file: relative(root, category.file) })),
  };
  writeFileSync(where.file, JSON.stringify({ digest: digestOf(where.rules), ruleSet: portable } satisfies Snapshot));
}
