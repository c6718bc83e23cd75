/**
 * 16 hex digits identifying the parts: two 32-bit FNV-1a-style hashes with different seeds over the
 * UTF-16 units. Stable across runs, platforms and Node versions, and much cheaper than a crypto hash
 * for the hundreds of thousands of findings a large corpus produces; fingerprints need no secrecy.
 */
export function shortHash(parts: readonly (string | number | null)[]): string {
  // The parts joined by U+0000, hashed as they are rather than joined first.
  let first = 0x811c9dc5;
  let second = 0x9747b28c;
  const mix = (unit: number) => {
    first = Math.imul(first ^ unit, 0x01000193);
    second = Math.imul(second ^ unit, 0x5bd1e995);
    second ^= second >>> 15;
  };
  for (let index = 0; index < parts.length; index++) {
    if (index > 0) mix(0);
    const part = parts[index];
    const text = part === null ? '' : typeof part === 'string' ? part : String(part);
    for (let i = 0; i < text.length; i++) mix(text.charCodeAt(i));
  }
  return (first >>> 0).toString(16).padStart(8, '0') + (second >>> 0).toString(16).padStart(8, '0');
}
