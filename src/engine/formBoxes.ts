import type { Clause, ReaderVocabularies } from './sentenceForms.js';

/**
 * A form's labels as the clause reader (communityText.ts) reads them: a label's value is the rest of its
 * line or sentence, and a label naming the committee's box (村（居）委会意见：____（盖章）) is its hand on the form.
 */

/** The vocabularies that tell a box: its label's noun and separator, its blank or seal mark, a note that cancels it. */
export type BoxVocabularies = Pick<ReaderVocabularies, 'list-opener' | 'box-label' | 'box-mark' | 'box-cancellation'>;

/** What ends a line of a form: a line break, or a cell of a table flattened with |. */
const LINE_ENDS = ['\n', '|'];

/** Where a label's value starts: after the clause and its separator (the colon). */
function valueStart(clause: Clause): number {
  return clause.start + clause.text.length + clause.end.length;
}

/** The text from an offset to the end of its line or table cell. */
function restOfLine(text: string, from: number): string {
  const ends = LINE_ENDS.map((end) => text.indexOf(end, from)).filter((end) => end !== -1);
  return text.slice(from, ends.length > 0 ? Math.min(...ends) : text.length);
}

/** The rest of a label's line from its value's start, and the line after it when a line break ends it ('' else). */
function lineAndNext(text: string, from: number): [string, string] {
  const line = restOfLine(text, from);
  const after = from + line.length;
  return [line, text[after] === '\n' ? restOfLine(text, after + 1) : ''];
}

/** The whole line (or cell) a label stands on. */
export function lineAround(text: string, label: Clause): string {
  const start = Math.max(...LINE_ENDS.map((end) => text.lastIndexOf(end, label.start - 1))) + 1;
  const from = valueStart(label);
  return text.slice(start, from) + restOfLine(text, from);
}

/** A label's value up to the end of its sentence (。), line or cell. */
export function restOfSentence(text: string, label: Clause): string {
  const line = restOfLine(text, valueStart(label));
  const stop = line.indexOf('。');
  return stop === -1 ? line : line.slice(0, stop);
}

/** A label ending in a box noun (村（居）委会意见：) with a box-mark (a blank, □, 盖章) on its line or the next. */
export function isBox(text: string, clause: Clause, words: BoxVocabularies): boolean {
  // The label's own asides (村委会证明（所购机具为本户自用）：) come after its noun.
  const label = clause.text.trimEnd().replace(/(\([^()]*\))+$/, '');
  if (!words['list-opener'].includes(clause.end) || !words['box-label'].some((noun) => label.endsWith(noun))) return false;
  const [line, nextLine] = lineAndNext(text, valueStart(clause));
  return words['box-mark'].some((mark) => line.includes(mark) || nextLine.includes(mark));
}

/** A box-cancellation on the box's line, or opening the next line (村委会意见：____（盖章）⏎此栏不再填写。). */
export function boxCancelled(text: string, clause: Clause, words: BoxVocabularies): boolean {
  const [line, nextLine] = lineAndNext(text, valueStart(clause));
  return words['box-cancellation'].some((cancellation) => line.includes(cancellation) || nextLine.trimStart().startsWith(cancellation));
}
