import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { mayConvert, normalizeText, toSimplifiedScript } from '../../src/engine/normalizeText.js';

describe('normalizeText', () => {
  it.each([
    ['Traditional to Simplified', '親屬關係證明', '亲属关系证明'],
    ['mixed scripts (OpenCC phrases)', '親屬關系', '亲属关系'],
    ['Traditional committee names', '村（居）民委員會蓋章', '村(居)民委员会盖章'],
    ['full-width Latin and digits to half-width, lower case', 'ＡＢＣ１２３', 'abc#'],
    ['full-width brackets', '（社区）', '(社区)'],
    ['ASCII spaces between characters', '社 区 盖 章', '社区盖章'],
    ['ideographic space', '社\u3000区', '社区'],
    ['tabs', '\t社区\t盖章', '社区盖章'],
    ['zero-width and invisible characters', '社\u200b区\u200d盖\ufeff章\u00ad\u2060', '社区盖章'],
    ['CRLF, CR and Unicode line breaks to \\n', 'a\r\nb\rc\u2028d\u2029e\u0085f', 'a\nb\nc\nd\ne\nf'],
    ['newlines kept', '社区\n盖章\n', '社区\n盖章\n'],
    ['digit runs to #', '社区3号楼12室', '社区#号楼#室'],
    ['digits split by spaces become one run', '电话 010 1234', '电话#'],
    ['full-width digits', '第１０项', '第#项'],
    ['ASCII only', 'Community  Stamp 2020', 'communitystamp#'],
    ['empty', '', ''],
    ['HTML block tags end lines', '无需社区盖章<br/>需村委会出具<P class="x">证明</p>', '无需社区盖章\n需村委会出具\n证明\n'],
    ['HTML table cells become cells of a flattened row', '<table><tr><td>健在证明</td><TD class="c">否</TD></tr><tr><td>a</td></tr></table>', '\n\n|健在证明|否\n|a\n'],
    ['a line break inside a cell ends a clause, not the row', '<td><p>收入证明</p></td><td>村委会出具<br>盖章</td><td>&nbsp;<p>否</p></td>', '|收入证明|村委会出具;盖章|否'],
    ['a line break inside a markdown cell too, not one before the row', '无需<br>| 收入证明 | 村委会<br/>出具 |', '无需\n|收入证明|村委会;出具|'],
    ['a pretty-printed HTML table keeps each row on one line', '<table>\n  <tr>\n    <td>a</td>\n    <td>b</td>\n  </tr>\n</table>\nc<br>d', '\n\n|a|b\n\nc\nd'],
    ['a table left unclosed ends where text or a paragraph follows it', '<table><tr><td>a</td></tr>\n<p>无需社区盖章</p><p>村委会出具</p>\n后文', '\n\n|a\n无需社区盖章\n\n村委会出具\n\n后文'],
    ['HTML inline tags go', '须由<strong>村委会</strong><span style="color:red">盖章</span>', '须由村委会盖章'],
    ['HTML entities for spaces and characters', '社区&nbsp;居委会&#30410;&#x7AE0;&hellip;', '社区居委会益章...'],
    ['markup-making and unknown entities stay', '&lt;br&gt;&amp;&#60;&#xD800;&foo;', '&lt;br&gt;&amp;&##;&#xd#;&foo;'],
    ['a less-than sign is no tag', '收入<最低生活保障标准', '收入<最低生活保障标准'],
    ['only known tags go', 'income<threshold or age>60', 'income<thresholdorage>#'],
  ])('%s', (_name, input, expected) => {
    expect(normalizeText(input)).toBe(expected);
  });

  it('is idempotent on office text: CJK in both scripts, Latin, digits, punctuation, spaces', () => {
    const chars = fc.constantFrom(
      '社', '區', '区', '居', '委', '會', '会', '蓋', '章', '證', '明', '親', '屬', '關', '係', '系',
      'A', 'ｂ', '1', '９', ' ', '\u3000', '\t', '\n', '\r', '\u200b', '（', '）', '，', '。', '#', '-',
    );
    fc.assert(fc.property(fc.array(chars, { maxLength: 40 }).map((list) => list.join('')), (text) => {
      const once = normalizeText(text);
      expect(normalizeText(once)).toBe(once);
    }), { numRuns: 500 });
  });

  it('is idempotent on text holding markup', () => {
    const pieces = fc.constantFrom('<', '>', '/', 'br', 'p', 'b', ' ', '&', '#', ';', 'nbsp', 'amp', 'lt', 'x7ae0', '30410', '社', '区', '\n');
    fc.assert(fc.property(fc.array(pieces, { maxLength: 30 }).map((list) => list.join('')), (text) => {
      const once = normalizeText(text);
      expect(normalizeText(once)).toBe(once);
    }), { numRuns: 1000 });
  });

  it('is idempotent on the Basic Multilingual Plane without combining marks', () => {
    const noCombining = fc.string({ unit: 'grapheme', maxLength: 30 }).filter((text) => !/\p{M}/u.test(text));
    fc.assert(fc.property(noCombining, (text) => {
      const once = normalizeText(text);
      expect(normalizeText(once)).toBe(once);
    }), { numRuns: 500 });
  });
  it('is idempotent when a space separates a letter from a combining mark', () => {
    for (const text of ['e \u0301', 'e\u200b\u0301', 'a\u00ad\u030a']) {
      const once = normalizeText(text);
      expect(normalizeText(once)).toBe(once);
    }
  });
});

describe('the characters conversion may change (built list)', () => {
  it('holds Traditional and Hong Kong forms, not Simplified ones', () => {
    for (const text of ['區', '會', '證', '蓋', '衞', '啓']) expect(mayConvert(text)).toBe(true);
    for (const text of ['社区居委会出具的证明', '户口簿', '台', '温']) expect(mayConvert(text)).toBe(false);
  });

  it('leaves out only texts conversion leaves alone', () => {
    const cjk = fc.integer({ min: 0x4e00, max: 0x9fff }).map((code) => String.fromCharCode(code));
    fc.assert(fc.property(fc.array(cjk, { minLength: 1, maxLength: 6 }).map((list) => list.join('')), (text) => {
      if (!mayConvert(text)) expect(toSimplifiedScript(text)).toBe(text);
    }), { numRuns: 3000 });
  });
});

