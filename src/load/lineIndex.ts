import type { Span } from '../model/finding.js';
import type { Range } from '../model/procedure.js';

/**
 * Turns 0-based offsets (UTF-16 code units) into 1-based line/column spans whose columns count
 * characters (code points), as editors and SARIF's unicodeCodePoints do. The table of line starts is
 * built on the first call only, so files without findings never pay for it.
 */
export function createLocator(text: string): (range: Range) => Span {
  let lineStarts: number[] | null = null;
  const position = (offset: number): [number, number] => {
    lineStarts ??= buildLineStarts(text);
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (lineStarts[middle] <= offset) low = middle;
      else high = middle - 1;
    }
    return [low + 1, codePoints(text, lineStarts[low], offset) + 1];
  };
  return (range) => {
    const [line, column] = position(Math.max(0, Math.min(range.start, text.length)));
    const [endLine, endColumn] = position(Math.max(range.start, Math.min(range.end, text.length)));
    return { line, column, endLine, endColumn };
  };
}

/** Line starts after \n, \r\n and a lone \r (YAML breaks lines at all three). */
function buildLineStarts(text: string): number[] {
  const starts = [0];
  // indexOf scans far faster than a loop over every unit; a lone CR is rare enough to be looked for apart.
  if (!text.includes('\r')) {
    for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', end + 1)) starts.push(end + 1);
    return starts;
  }
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit === 10 || (unit === 13 && text.charCodeAt(i + 1) !== 10)) starts.push(i + 1);
  }
  return starts;
}

/** Characters between two offsets: every code unit but the second half of a surrogate pair. */
function codePoints(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = from; i < to; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0xdc00 || unit > 0xdfff) count++;
  }
  return count;
}
