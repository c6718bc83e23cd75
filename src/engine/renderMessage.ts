import type { LocalizedText } from '../model/finding.js';

/** A placeholder's value: the same in both languages, or one for each. */
export type MessageValues = Record<string, string | LocalizedText>;

/** Fills {{placeholders}}; a text without any is shared, not copied (remedies rarely have one). */
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

function compileTemplate(text: LocalizedText): (values: MessageValues) => LocalizedText {
  if (!text.zh.includes('{{') && !text.en.includes('{{')) return () => text;
  // split() with a capturing group alternates literal text (even indexes) and placeholder names (odd).
  const split = (template: string) => template.split(/\{\{\s*(\w+)\s*\}\}/);
  const fill = (parts: string[], values: MessageValues, lang: keyof LocalizedText) =>
    parts.map((part, index) => {
      if (index % 2 === 0) return part;
      const value = values[part];
      return value === undefined ? `{{${part}}}` : typeof value === 'string' ? value : value[lang];
    }).join('');
  const zh = split(text.zh);
  const en = split(text.en);
  return (values) => ({ zh: fill(zh, values, 'zh'), en: fill(en, values, 'en') });
}
