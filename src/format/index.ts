import type { Formatter } from './formatter.js';
import { github } from './github.js';
import { json } from './json.js';
import { junit } from './junit.js';
import { markdown } from './markdown.js';
import { sarif } from './sarif.js';
import { stylish } from './stylish.js';

export type { FormatContext, Formatter, Language } from './formatter.js';

/** The `--format` choices, default first. */
export const FORMAT_NAMES = ['stylish', 'json', 'sarif', 'junit', 'github', 'markdown'] as const;

export type FormatName = (typeof FORMAT_NAMES)[number];

export const DEFAULT_FORMAT: FormatName = 'stylish';

/** The one list of formatters; adding a format means adding its file and a line here. */
export const FORMATTERS: Readonly<Record<FormatName, Formatter>> = { stylish, json, sarif, junit, github, markdown };

export function isFormatName(name: string): name is FormatName {
  return (FORMAT_NAMES as readonly string[]).includes(name);
}
