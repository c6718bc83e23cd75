import { fileURLToPath } from 'node:url';

/** Absolute path of a file shipped with the package (rules/, schemas/), from src/ or dist/ alike. */
export function packageFile(relative: string): string {
  return fileURLToPath(new URL(`../${relative}`, import.meta.url));
}
