import type { DepartmentDefinition } from '../model/ruleSet.js';
import { memoize } from './memo.js';
import { normalizeText } from './normalizeText.js';

/** A name in ASCII letters only (an English alias or a code). */
const ASCII_NAME = /^[\x00-\x7f]+$/;

/**
 * A procedure's department: its code when the field is one, else the department whose name or alias
 * is the longest found in the field, then in the display name (医疗保险 is medical insurance, not
 * insurance) — Chinese names in either before any English one, so a bilingual export's English field
 * never outweighs the Chinese name beside it. Looked up once per distinct pair.
 */
export function departmentResolver(departments: readonly DepartmentDefinition[]): (key: string) => DepartmentDefinition | null {
  const names = departments
    .flatMap((department) => [...new Set([department.code, department.zh, ...department.aliases].map(normalizeText))]
      .map((name) => ({ name, ascii: ASCII_NAME.test(name), department })))
    .sort((a, b) => b.name.length - a.name.length);
  return memoize((key) => {
    const [department, displayName] = key.split('\n').map(normalizeText);
    const byCode = departments.find((candidate) => normalizeText(candidate.code) === department);
    if (byCode) return byCode;
    for (const english of [false, true]) {
      for (const text of [department, displayName]) {
        const found = names.find(({ name, ascii }) => ascii === english && text.includes(name));
        if (found) return found.department;
      }
    }
    return null;
  });
}
