import { createHash } from 'node:crypto';

/** 16 hex digits of SHA-256 over the parts: short, and stable across runs and platforms. */
export function shortHash(parts: readonly (string | number | null)[]): string {
  return createHash('sha256').update(parts.map((part) => (part === null ? '' : String(part))).join('\u0000')).digest('hex').slice(0, 16);
}
