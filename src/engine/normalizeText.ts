import { createRequire } from 'node:module';
import { packageFile } from '../packagePaths.js';
import { memoize } from './memo.js';

type ScriptConverter = (text: string) => string;

const ASCII_ONLY = /^[\x00-\x7f]*$/;
// Line breaks survive: they end clauses. Every other space or invisible character goes.
const INVISIBLE = /[^\S\n]|[\u200b-\u200f\u2060\ufeff\u00ad]/gu;
const LINE_BREAKS = /\r\n?|[\u2028\u2029\u0085]/g;
const DIGIT_RUNS = /[0-9]+/g;

// HTML that content systems leave in exported guides: a block tag ends a line (a negation must not reach
// past <br>), a table's cell becomes a cell of a flattened row (|, as in a markdown table: a row is read
// whole, its answer cell with it), an inline tag goes, and entities for spaces, punctuation and non-ASCII
// characters are decoded. Entities that would make markup again (&lt; &amp;) stay as they are, so one pass
// leaves none to decode.
// The tags that shape lines and rows, and the marks a row is read by: read in one pass, as a cell's breaks
// depend on where the cell is.
const HTML_STRUCTURE = /<(\/?)(td|th|tr|table|br|p|div|li|h[1-6]|ul|ol|section)\b[^<>]*>|\n|\|/gi;
const NOT_BLANK = /\S/u;
const NON_BLANK_FROM = /\S/gu;
// What a line break inside a table's cell becomes: a clause's end that keeps the row on one line.
const CELL_BREAK = ';';
const HTML_TAG = /<\/?(?:span|strong|b|i|u|em|font|a|img|sup|sub|small|big|label|ins|del|s|strike|code|mark|hr|tbody|thead|colgroup|col|caption|center)\b[^<>]*>/gi;
const HTML_ENTITY = /&(?:#(\d{1,7})|#x([0-9a-f]{1,6})|([a-z]{2,8}));/gi;
const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  nbsp: ' ', ensp: ' ', emsp: ' ', thinsp: ' ', middot: '·', ldquo: '“', rdquo: '”', lsquo: '‘', rsquo: '’',
  mdash: '—', ndash: '–', hellip: '…', times: '×', divide: '÷', bull: '•', laquo: '«', raquo: '»',
};

const require = createRequire(import.meta.url);
let toSimplified: ScriptConverter | null = null;

/** The characters conversion can change: a module the build writes (src/build/traditionalCharacters.ts). */
export const TRADITIONAL_CHARACTERS_MODULE = packageFile('dist/generated/traditional-characters.cjs');
let traditional: RegExp | null | undefined;

/**
 * Brings a text to the one form matching is done in: Simplified script (OpenCC's phrase tables, so
 * mixed text such as 親屬關系 converts too), NFKC (full-width letters, digits and brackets become
 * half-width), no white space or invisible characters (offices write 社 区 盖 章) but line breaks kept
 * as \n, HTML markup read as text (a block tag ends a line, an inline tag goes, entities decoded), lower-case
 * Latin, and every run of digits as one '#', so a vocabulary term such as
 * 社区#号楼 stands for any house number. Rule vocabularies go through the same function, so a rule
 * may be written in either script.
 */
export const normalizeText: (text: string) => string = memoize(normalizeUncached);

/** What every run of digits reads as after normalisation. */
export const NUMBER = '#';

/** What ends a table's cell in a flattened row: a markdown table's own mark, and what an HTML cell becomes. */
export const TABLE_CELL = '|';

function normalizeUncached(text: string): string {
  // One pass can create what another pass would change (NFKC turning ゛ into a combining mark after
  // spaces went, OpenCC mapping 薴 to 苧 and 苧 to 苎): repeat to a fixed point, so normalising twice
  // changes nothing.
  let current = normalizeOnce(text);
  for (let pass = 0; pass < 3; pass++) {
    const next = normalizeOnce(current);
    if (next === current) break;
    current = next;
  }
  return current;
}

function normalizeOnce(text: string): string {
  let simplified = withoutMarkup(text.replace(LINE_BREAKS, '\n')).replace(INVISIBLE, '');
  if (!ASCII_ONLY.test(simplified)) {
    const compatible = simplified.normalize('NFKC');
    const converted = mayConvert(compatible) ? toSimplifiedScript(compatible) : compatible;
    simplified = converted.replace(INVISIBLE, '').normalize('NFKC');
  }
  return simplified.replace(DIGIT_RUNS, NUMBER).toLowerCase();
}

/** The text without HTML tags (a block tag becomes a line break, a table cell a | cell mark) and with its harmless entities decoded. */
function withoutMarkup(text: string): string {
  if (!text.includes('<') && !text.includes('&')) return text;
  // Inline tags and entities first, so a cell's words are its text (<td><span>&nbsp;</span><p>否</p></td> is 否).
  const inline = text.replace(HTML_TAG, '').replace(HTML_ENTITY, (entity, decimal?: string, hex?: string, name?: string) => {
    if (name !== undefined) return NAMED_ENTITIES[name.toLowerCase()] ?? entity;
    const code = decimal !== undefined ? Number(decimal) : Number.parseInt(hex!, 16);
    // Only characters that make no markup (non-ASCII) and are whole (no lone surrogates).
    return code >= 0x80 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff) ? String.fromCodePoint(code) : entity;
  });
  return inline.includes('<') ? withTableRowsOnLines(inline) : inline;
}

/**
 * Block and table tags as lines and cells: each table row on a line of its own, as a markdown row is. A block tag
 * ends a line, except inside a cell (<td>收入证明<br>村委会出具</td>, | 否<br>（数据共享） | in a markdown row) where it
 * ends a clause, and only between words (<td><p>否</p></td> is 否); a pretty-printed HTML table's line breaks are layout.
 */
function withTableRowsOnLines(text: string): string {
  const pieces: string[] = [];
  let inHtmlTable = false;
  let inHtmlRow = false;
  let inHtmlCell = false;
  let pipeOnLine = false;
  let cellHasWords = false;
  let breakPending = false;
  // The next |, line break and non-blank character at or after the current tag, moved only forward: one pass
  // whatever the text.
  let nextPipe = -1;
  let nextLineBreak = -1;
  let nextWords = -1;
  let last = 0;
  for (const match of text.matchAll(HTML_STRUCTURE)) {
    const at = match.index;
    const words = text.slice(last, at);
    if (NOT_BLANK.test(words)) {
      if (breakPending) pieces.push(CELL_BREAK);
      breakPending = false;
      cellHasWords = true;
    }
    pieces.push(words);
    last = at + match[0].length;
    const [whole, closing, tag] = match;
    if (whole === '\n') {
      pipeOnLine = false;
      // Inside a table, a line break before more markup (or inside a cell) is layout; before text outside any
      // cell, the table ended unclosed and the line is the text's own.
      const layout = inHtmlCell || ((inHtmlTable || inHtmlRow) && markupFollows());
      if (!layout) inHtmlTable = inHtmlRow = false;
      pieces.push(layout ? ' ' : '\n');
      continue;
    }
    if (whole === TABLE_CELL) {
      pipeOnLine = true;
      cellHasWords = false;
      breakPending = false;
      pieces.push(TABLE_CELL);
      continue;
    }
    const name = tag.toLowerCase();
    if (name === 'td' || name === 'th') {
      inHtmlRow = true;
      inHtmlCell = closing === '';
      cellHasWords = false;
      breakPending = false;
      if (inHtmlCell) pieces.push(TABLE_CELL);
    } else if (name === 'tr' || name === 'table') {
      if (name === 'table') inHtmlTable = closing === '';
      inHtmlRow = name === 'tr' && closing === '';
      inHtmlCell = false;
      if (closing === '' || name === 'table') pieces.push('\n');
    } else if (inHtmlCell || (!inHtmlTable && !inHtmlRow && pipeOnLine && pipeFollows())) {
      breakPending = cellHasWords;
    } else {
      // A paragraph outside any cell is no part of a table: one left unclosed ends there.
      inHtmlTable = inHtmlRow = false;
      pieces.push('\n');
    }
  }
  pieces.push(text.slice(last));
  return pieces.join('');

  /** Whether a | follows the current tag on its line: the tag lies inside a markdown row's cell. */
  function pipeFollows(): boolean {
    if (nextPipe !== Infinity && nextPipe < last) nextPipe = positionOrEnd(text.indexOf(TABLE_CELL, last));
    if (nextLineBreak !== Infinity && nextLineBreak < last) nextLineBreak = positionOrEnd(text.indexOf('\n', last));
    return nextPipe < nextLineBreak;
  }

  /** Whether the next non-blank character after the current line break opens a tag. */
  function markupFollows(): boolean {
    if (nextWords !== Infinity && nextWords < last) {
      NON_BLANK_FROM.lastIndex = last;
      nextWords = NON_BLANK_FROM.exec(text)?.index ?? Infinity;
    }
    return text[nextWords] === '<';
  }
}

function positionOrEnd(found: number): number {
  return found === -1 ? Infinity : found;
}

/** A text in Simplified script: OpenCC's t→cn tables after the Hong Kong variants (see buildConverter). */
export function toSimplifiedScript(text: string): string {
  toSimplified ??= buildConverter();
  return toSimplified(text);
}

/** Whether conversion could change the text: it holds a character the build found the tables change (any text, without that list). */
export function mayConvert(text: string): boolean {
  if (traditional === undefined) {
    try {
      traditional = characterClass(require(TRADITIONAL_CHARACTERS_MODULE) as string, 'u');
    } catch {
      // Before the build's last step wrote the list (or in a package without it): convert every text, as before.
      traditional = null;
    }
  }
  return traditional === null || traditional.test(text);
}

/**
 * Built on the first text that holds a character it may change: runs on Simplified text never load the tables.
 * Hong Kong variant characters (衞, 啓, 僞 …), which the plain Traditional table leaves alone, are first mapped with the
 * single-character entries of OpenCC's own Hong Kong table; its full converter (phrases, a second pass
 * over every text) costs 20 ms of start-up for no difference in what is matched.
 */
function buildConverter(): ScriptConverter {
  const opencc = require('opencc-js/t2cn') as typeof import('opencc-js') & { Locale: { from: { hk: (string | string[])[] } } };
  const traditional = opencc.Converter({ from: 't', to: 'cn' });
  const variants = new Map<string, string>();
  for (const [variant, standard] of tableEntries(opencc.Locale.from.hk)) {
    if ([...variant].length === 1 && variant !== standard) variants.set(variant, standard);
  }
  const pattern = characterClass([...variants.keys()].join(''), 'gu');
  return (text) => traditional(text.replace(pattern, (variant) => variants.get(variant) ?? variant));
}

/** The key and value of every entry of OpenCC's dictionary tables ('key value|key value', some in arrays). */
export function tableEntries(tables: readonly (string | readonly string[])[]): [string, string][] {
  return tables.flat().join('|').split('|').map((entry) => entry.split(' '))
    .filter((parts): parts is [string, string] => parts[0] !== '' && parts[1] !== undefined);
}

/** A regular expression matching any one of the characters. */
function characterClass(characters: string, flags: string): RegExp {
  return new RegExp(`[${characters.replace(/[\\\]^-]/g, '\\$&')}]`, flags);
}

