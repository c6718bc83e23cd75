import type { LocalizedText } from '../model/finding.js';

/** Fills {{placeholders}}; a text without any is shared, not copied (remedies rarely have one). */
export function render(text: LocalizedText, values: Record<string, string>): LocalizedText {
  let template = templates.get(text);
  if (template === undefined) {
    template = compileTemplate(text);
    templates.set(text, template);
  }
  return template(values);
}

/** Rule texts are parsed into literal and placeholder parts once, not at every finding. */
const templates = new WeakMap<LocalizedText, (values: Record<string, string>) => LocalizedText>();

function compileTemplate(text: LocalizedText): (values: Record<string, string>) => LocalizedText {
  if (!text.zh.includes('{{') && !text.en.includes('{{')) return () => text;
  // split() with a capturing group alternates literal text (even indexes) and placeholder names (odd).
  const split = (template: string) => template.split(/\{\{\s*(\w+)\s*\}\}/);
  const fill = (parts: string[], values: Record<string, string>) =>
    parts.map((part, index) => (index % 2 === 0 ? part : values[part] ?? `{{${part}}}`)).join('');
  const zh = split(text.zh);
  const en = split(text.en);
  return (values) => ({ zh: fill(zh, values), en: fill(en, values) });
}
