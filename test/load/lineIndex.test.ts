import { describe, expect, it } from '@jest/globals';
import { createLocator } from '../../src/load/lineIndex.js';

const at = (text: string, start: number, end = start) => createLocator(text)({ start, end });

describe('createLocator', () => {
  const text = 'ab\ncd\n\nef';

  it.each([
    // offset → [line, column], both 1-based
    [0, 1, 1], [1, 1, 2], [2, 1, 3], // the newline itself belongs to its line
    [3, 2, 1], [4, 2, 2], [5, 2, 3],
    [6, 3, 1], // an empty line
    [7, 4, 1], [8, 4, 2], // the last line has no newline
    [9, 4, 3], // the end of the text
  ])('offset %i is line %i, column %i', (offset, line, column) => {
    expect(at(text, offset)).toEqual({ line, column, endLine: line, endColumn: column });
  });

  it('turns a range into a start and an end position', () => {
    expect(at(text, 1, 8)).toEqual({ line: 1, column: 2, endLine: 4, endColumn: 2 });
  });

  it('counts a CRLF line break as one break: the \\r is the last column of its line', () => {
    const crlf = 'ab\r\ncd\r\nef';
    expect(at(crlf, 2)).toEqual({ line: 1, column: 3, endLine: 1, endColumn: 3 });
    expect(at(crlf, 3)).toEqual({ line: 1, column: 4, endLine: 1, endColumn: 4 });
    expect(at(crlf, 4)).toEqual({ line: 2, column: 1, endLine: 2, endColumn: 1 });
    expect(at(crlf, 9)).toEqual({ line: 3, column: 2, endLine: 3, endColumn: 2 });
  });

  it('counts columns in characters (code points): a character outside the BMP is one column', () => {
    const chinese = '名称: 亲属关系证明\n𠮷x𠮷';
    expect(at(chinese, chinese.indexOf('亲'))).toMatchObject({ line: 1, column: 5 });
    expect('𠮷'.length).toBe(2);
    expect(at(chinese, chinese.indexOf('x'))).toEqual({ line: 2, column: 2, endLine: 2, endColumn: 2 });
    expect(at(chinese, chinese.indexOf('x'), chinese.length)).toEqual({ line: 2, column: 2, endLine: 2, endColumn: 4 });
  });

  it('clamps offsets past the end to the end of the text', () => {
    expect(at(text, 100, 200)).toEqual({ line: 4, column: 3, endLine: 4, endColumn: 3 });
    expect(at('ab\n', 50)).toEqual({ line: 2, column: 1, endLine: 2, endColumn: 1 });
  });

  it('clamps negative offsets to the start and never ends before it starts', () => {
    expect(at(text, -1, -1)).toEqual({ line: 1, column: 1, endLine: 1, endColumn: 1 });
    expect(at(text, 4, 2)).toEqual({ line: 2, column: 2, endLine: 2, endColumn: 2 });
  });

  it('locates in an empty text', () => {
    expect(at('', 0)).toEqual({ line: 1, column: 1, endLine: 1, endColumn: 1 });
    expect(at('', 3)).toEqual({ line: 1, column: 1, endLine: 1, endColumn: 1 });
  });

  it('answers many lookups on a long text', () => {
    const long = Array.from({ length: 10_000 }, (_, index) => `line ${index + 1}`).join('\n');
    const locate = createLocator(long);
    const offset = long.indexOf('line 7777');
    expect(locate({ start: offset, end: offset + 9 })).toEqual({ line: 7777, column: 1, endLine: 7777, endColumn: 10 });
  });
});
