import { readdirSync, realpathSync, statSync } from 'node:fs';
import { extname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';
import { UsageError } from '../model/errors.js';
import { compareText } from '../model/order.js';

const PROCEDURE_EXTENSIONS = new Set(['.yaml', '.yml', '.json']);
const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git']);

export interface FoundFiles {
  files: string[];
  /** Directories inside the given paths that could not be listed, with the error code. */
  unreadable: { path: string; code: string }[];
}

/**
 * Expands command-line paths: files as given, directories searched for *.yaml, *.yml and *.json,
 * glob patterns matched. A path that matches nothing is a usage error. Every file is named one way
 * (relative to cwd when inside it, absolute otherwise), so `dir` and `./dir/a.yaml` do not check a
 * file twice; the result is sorted, so runs are deterministic.
 */
export async function findProcedureFiles(paths: readonly string[], cwd: string): Promise<FoundFiles> {
  const files = new Set<string>();
  const found = { add: (path: string) => files.add(canonicalPath(path, cwd)) };
  // By canonical path: a directory reached from two arguments is one entry.
  const unreadable = new Map<string, string>();
  for (const path of paths) {
    if (isDynamicPattern(path)) {
      const matches = await glob(path, { cwd, onlyFiles: true, ignore: ['**/node_modules/**'], expandDirectories: false });
      if (matches.length === 0) throw new UsageError(`no files match the pattern: ${path}`);
      for (const match of matches) found.add(match);
      continue;
    }
    let stats;
    try {
      stats = statSync(resolve(cwd, path));
    } catch {
      throw new UsageError(`no such file or directory: ${path}`);
    }
    if (stats.isDirectory()) {
      let seen = 0;
      const counted = { add: (file: string) => (seen += 1, found.add(file)) };
      const unreadableBefore = unreadable.size;
      walk(cwd, path, { found: counted, unreadable, visited: new Set() });
      // A directory with no procedure file is most likely the wrong one: a CI job pointed at it must not pass.
      if (seen === 0 && unreadable.size === unreadableBefore) throw new UsageError(`no procedure files (*.yaml, *.yml, *.json) under: ${path}`);
    } else found.add(path);
  }
  return {
    files: [...files].sort(compareText),
    unreadable: [...unreadable].map(([path, code]) => ({ path, code })).sort((a, b) => compareText(a.path, b.path)),
  };
}

/** Relative to cwd when inside it (as users read paths), absolute otherwise; always with '/' inside. */
function canonicalPath(path: string, cwd: string): string {
  const absolute = resolve(cwd, path);
  const inside = relative(cwd, absolute);
  return inside === '' || inside.startsWith('..') || isAbsolute(inside) ? absolute : inside.split(sep).join('/');
}

interface Walk {
  found: { add(path: string): void };
  /** Canonical path → error code. */
  unreadable: Map<string, string>;
  /** Directories seen, by device and inode, so symlink loops end. */
  visited: Set<string>;
}

function walk(cwd: string, directory: string, state: Walk): void {
  const { found, unreadable, visited } = state;
  const absolute = resolve(cwd, directory);
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
  } catch (error) {
    unreadable.set(canonicalPath(directory, cwd), (error as NodeJS.ErrnoException).code ?? String(error));
    return;
  }
  for (const entry of entries) {
    const path = join(directory, entry.name);
    if (entry.isDirectory() || (entry.isSymbolicLink() && isDirectory(resolve(cwd, path)))) {
      if (!SKIPPED_DIRECTORIES.has(entry.name)) walk(cwd, path, state);
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

/** The path with its links resolved, or as it is when nothing is there yet. */
export function realPath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}
