import type { FormatContext, Formatter } from './formatter.js';
import type { Report } from '../model/report.js';
import { github } from './github.js';
import { json, jsonChunks } from './json.js';
import { junit } from './junit.js';
import { markdown } from './markdown.js';
import { sarif } from './sarif.js';
import { stylish } from './stylish.js';

export type { FormatContext, Formatter, Language } from './formatter.js';

import type { FormatName } from './names.js';

export { DEFAULT_FORMAT, FORMAT_NAMES } from './names.js';
export type { FormatName } from './names.js';

/** The one list of formatters; adding a format means adding its file and a line here. */
export const FORMATTERS: Readonly<Record<FormatName, Formatter>> = { stylish, json, sarif, junit, github, markdown };

/** Formats that can also be written piece by piece, so the report text is never built as one string. */
export const FORMAT_CHUNKS: Readonly<Partial<Record<FormatName, (report: Report, context: FormatContext) => Iterable<string>>>> = {
  json: jsonChunks,
};
