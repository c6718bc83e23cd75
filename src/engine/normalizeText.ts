import { createRequire } from 'node:module';

type ScriptConverter = (text: string) => string;

const ASCII_ONLY = /^[\x00-\x7f]*$/;
const INVISIBLE = /[\s\u200b-\u200f\u2060\ufeff\u00ad]+/gu;

let toSimplified: ScriptConverter | null = null;

/**
 * Brings a text to the one form matching is done in: Simplified script (OpenCC's phrase tables, so
 * mixed text such as 親屬關系 converts too), NFKC (full-width letters, digits and brackets become
 * half-width), no white space or invisible characters (offices write 社 区 盖 章), lower-case Latin.
 * Rule vocabularies go through the same function, so a rule may be written in either script.
 */
export function normalizeText(text: string): string {
  if (ASCII_ONLY.test(text)) return text.replace(INVISIBLE, '').toLowerCase();
  toSimplified ??= buildConverter();
  return toSimplified(text.normalize('NFKC')).replace(INVISIBLE, '').toLowerCase();
}

/** Built on the first non-ASCII text only: ASCII-only runs never load the tables. */
function buildConverter(): ScriptConverter {
  const require = createRequire(import.meta.url);
  const opencc = require('opencc-js/t2cn') as typeof import('opencc-js');
  return opencc.Converter({ from: 't', to: 'cn' });
}
