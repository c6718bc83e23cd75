import { readdirSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';
import { UsageError } from '../model/errors.js';

const PROCEDURE_EXTENSIONS = new Set(['.yaml', '.yml', '.json']);
const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git']);

/**
 * Expands command-line paths: files as given, directories searched for *.yaml, *.yml and *.json,
 * glob patterns matched. A path that matches nothing is a usage error. The result is sorted and
 * free of duplicates, so runs are deterministic.
 */
export async function findProcedureFiles(paths: readonly string[], cwd: string): Promise<string[]> {
  const found = new Set<string>();
  for (const path of paths) {
    if (isDynamicPattern(path)) {
      const matches = await glob(path, { cwd, onlyFiles: true, ignore: ['**/node_modules/**'], expandDirectories: false });
      if (matches.length === 0) throw new UsageError(`no files match the pattern: ${path}`);
      for (const match of matches) found.add(match);
      continue;
    }
    let stats;
    try {
      stats = statSync(join(cwd, path));
    } catch {
      throw new UsageError(`no such file or directory: ${path}`);
    }
    if (stats.isDirectory()) walk(cwd, path, found, new Set());
    else found.add(path);
  }
  return [...found].sort();
}

function walk(cwd: string, directory: string, found: Set<string>, visited: Set<string>): void {
  const absolute = join(cwd, directory);
  let identity: string;
  try {
    const stats = statSync(absolute);
    identity = `${stats.dev}:${stats.ino}`;
  } catch {
    return;
  }
  if (visited.has(identity)) return; // a symlink loop
  visited.add(identity);
  let entries;
  try {
    entries = readdirSync(absolute, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    const path = join(directory, entry.name);
    if (entry.isDirectory() || (entry.isSymbolicLink() && isDirectory(join(cwd, path)))) {
      if (!SKIPPED_DIRECTORIES.has(entry.name)) walk(cwd, path, found, visited);
    } else if (PROCEDURE_EXTENSIONS.has(extname(entry.name).toLowerCase())) {
      found.add(path);
    }
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
