import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { createRequire } from 'node:module';
import { tableEntries, TRADITIONAL_CHARACTERS_MODULE } from '../engine/normalizeText.js';

/**
 * Build step: the characters the Traditional→Simplified conversion can change, so that a text with none of
 * them (most procedure files, every shipped rule) is never converted and the converter's tables never load.
 * A character counts when some entry of OpenCC's t→cn tables changes it where it stands (or changes the
 * entry's length), and a Hong Kong variant when the variant mapping and those tables together change it.
 */
const require = createRequire(import.meta.url);
const opencc = require('opencc-js/t2cn') as { Locale: { to: { cn: (string | string[])[] }; from: { hk: (string | string[])[] } } };

const changing = new Set<string>();
/** What each character may become within an entry of the t→cn tables; null where an entry changes length. */
const becomes = new Map<string, Set<string | null>>();
for (const [key, value] of tableEntries(opencc.Locale.to.cn)) {
  const from = [...key];
  const to = [...value];
  from.forEach((character, at) => {
    const output = from.length === to.length ? to[at] : null;
    becomes.set(character, (becomes.get(character) ?? new Set()).add(output));
    if (output !== character) changing.add(character);
  });
}
for (const [variant, standard] of tableEntries(opencc.Locale.from.hk)) {
  if ([...variant].length !== 1 || variant === standard) continue;
  const outputs = becomes.get(standard);
  if (outputs === undefined || [...outputs].some((output) => output !== variant)) changing.add(variant);
}
mkdirSync(dirname(TRADITIONAL_CHARACTERS_MODULE), { recursive: true });
writeFileSync(TRADITIONAL_CHARACTERS_MODULE, `module.exports = ${JSON.stringify([...changing].sort().join(''))};\n`);
