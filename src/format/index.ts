import type { Formatter, StreamingFormat } from './formatter.js';
import { github, githubStream } from './github.js';
import { json, jsonStream } from './json.js';
import { junit } from './junit.js';
import { markdown } from './markdown.js';
import { sarif } from './sarif.js';
import { stylish, stylishStream } from './stylish.js';

export type { FormatContext, Formatter, Language, StreamingFormat, StreamingFormatter } from './formatter.js';

import type { FormatName } from './names.js';

export { DEFAULT_FORMAT, FORMAT_NAMES } from './names.js';
export type { FormatName } from './names.js';

/** The one list of formatters; adding a format means adding its file and a line here. */
export const FORMATTERS: Readonly<Record<FormatName, Formatter>> = { stylish, json, sarif, junit, github, markdown };

/** Formats that print findings' fingerprints: for the others a run does not compute them. */
export const FINGERPRINTING_FORMATS: ReadonlySet<FormatName> = new Set<FormatName>(['sarif']);

/** Formats that can be written as the report is made, so a large report is never held whole. */
export const STREAMING_FORMATS: Readonly<Partial<Record<FormatName, StreamingFormat>>> = {
  stylish: stylishStream,
  json: jsonStream,
  github: githubStream,
};
