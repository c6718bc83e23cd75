import { readFileSync } from 'node:fs';
import { packageFile } from '../packagePaths.js';

let cached: { name: string; version: string } | null = null;

/** Name and version from package.json, read once. */
export function toolInfo(): { name: string; version: string } {
  cached ??= { name: 'stampcheck', version: (JSON.parse(readFileSync(packageFile('package.json'), 'utf8')) as { version: string }).version };
  return cached;
}
