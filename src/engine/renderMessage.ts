import type { LocalizedText } from '../model/finding.js';
import { memoizeBy, ownCopy } from './memo.js';

/** The placeholders a rule's texts may use: what a finding knows of the demand. */
export const PLACEHOLDERS: readonly string[] = ['document', 'issuer', 'step'];

/** The placeholders a text names ({{document}} …), in order. */
export function placeholdersIn(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((match) => match[1]);
}

const PLACEHOLDER = /\{\{\s*([^{}\s]+)\s*\}\}/g;

/** A placeholder's value: the same in both languages, or one for each. */
export type MessageValues = Record<string, string | LocalizedText>;

/**
 * Fills {{placeholders}}; a text without any is shared, not copied (remedies rarely have one). The same
 * values give the same object: a corpus names the same documents again and again, and a formatter may
 * write a message it has seen once more as it wrote it the first time.
 */
export function render(text: LocalizedText, values: MessageValues): LocalizedText {
  let template = templates.get(text);
  if (template === undefined) {
    template = compileTemplate(text);
    templates.set(text, template);
  }
  return template(values);
}

/** Rule texts are parsed into literal and placeholder parts once, not at every finding. */
const templates = new WeakMap<LocalizedText, (values: MessageValues) => LocalizedText>();

/** A text in a rendered text's cache key, its length first: with a letter for each value's kind, no two lists of values make the same key. */
const keyPart = (value: string) => `${value.length}:${value}`;

function compileTemplate(text: LocalizedText): (values: MessageValues) => LocalizedText {
  if (!text.zh.includes('{{') && !text.en.includes('{{')) return () => text;
  // split() with a capturing group alternates literal text (even indexes) and placeholder names (odd).
  const split = (template: string) => template.split(/\{\{\s*(\w+)\s*\}\}/);
  const zh = split(text.zh);
  const en = split(text.en);
  const fill = (parts: string[], values: MessageValues, lang: keyof LocalizedText) =>
    ownCopy(parts.map((part, index) => {
      if (index % 2 === 0) return part;
      const value = values[part];
      return value === undefined ? `{{${part}}}` : typeof value === 'string' ? value : value[lang];
    }).join(''));
  // Only the placeholders the text uses key its cache (a message naming the document, not the step, is one
  // text for every step that demands that document).
  const placeholders = (parts: string[]) => parts.filter((_, index) => index % 2 === 1);
  const names = [...new Set([...placeholders(zh), ...placeholders(en)])];
  const keyOf = (values: MessageValues) => names.map((name) => {
    const value = values[name];
    return value === undefined ? '-' : typeof value === 'string' ? `s${keyPart(value)}` : `l${keyPart(value.zh)}${keyPart(value.en)}`;
  }).join('');
  return memoizeBy(keyOf, (values) => Object.freeze({ zh: fill(zh, values, 'zh'), en: fill(en, values, 'en') }), 10_000);
}
