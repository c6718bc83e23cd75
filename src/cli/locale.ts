import type { Language } from '../format/index.js';

/** Chinese when the locale says so (LC_ALL, then LC_MESSAGES, then LANG), English otherwise. */
export function languageFromEnv(env: Record<string, string | undefined>): Language {
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return locale.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

/** ANSI colours: off with NO_COLOR or when not on a terminal, forced by FORCE_COLOR; flags win. */
export function colorFromEnv(flag: boolean | undefined, env: Record<string, string | undefined>, isTTY: boolean): boolean {
  if (flag !== undefined) return flag;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined) return !['0', 'false'].includes(env.FORCE_COLOR);
  return isTTY;
}

/** Today's local calendar date as YYYY-MM-DD (in Beijing before 08:00 too): the default `--as-of`. */
export function today(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}
