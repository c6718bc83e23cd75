import { TABLE_CELL } from './normalizeText.js';
import { countAtMost, withRangesCut } from './termIndex.js';
import type { Clause, ReaderVocabularies } from './sentenceForms.js';

/**
 * A form as the clause reader reads it: a label's value is the rest of its line or sentence, a label naming the
 * committee's box (村（居）委会意见：____（盖章）) is its hand on the form, and the applicant's choices — ticked, unticked
 * or crossed-out options, struck-out text — decide which options stand.
 */

/** The vocabularies that tell a box: its label's noun and separator, its blank or seal mark, a note that cancels it. */
export type BoxVocabularies = Pick<ReaderVocabularies, 'list-opener' | 'box-label' | 'box-mark' | 'box-cancellation'>;

/** The vocabularies that tell a form's choices: marks that tick an option, and marks that leave one unticked. */
export type ChoiceVocabularies = Pick<ReaderVocabularies, 'chosen-mark' | 'unchosen-mark' | 'cross-mark' | 'choice-label' | 'strike-mark'>;

/** What ends a sentence (。): a label's value, and a content clause before a demand, never reach past it. */
export const SENTENCE_END = '。';

/** What ends a line of a form: a line break, or a cell of a table flattened with |. */
const LINE_ENDS = ['\n', TABLE_CELL];

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
  const stop = line.indexOf(SENTENCE_END);
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

/**
 * A form's text as the applicant's choices leave it: what is struck out (~~村委会出具的证明~~) goes, and after a label
 * that offers a choice (choice-label: 认证方式, 是否…), each option left unticked goes, with the marks, when another is
 * ticked. A mark stands before its option (认证方式：☐社区出具健在证明☑人脸识别: up to the next mark or its clause's end),
 * or after it (是否需村委会盖章：是☐否☑: back to the mark or clause end before); options may also stand one a line, each
 * line opening with its mark, under a label line. Boxes after any other label (收件清单：☑身份证 ☐村委会出具的证明) record
 * what was handed in or declared, and a line of several labels (性别：☑男 ☐女 是否需社区盖章：…) is not read: every
 * item stands.
 */
export function withUnchosenOptionsDropped(text: string, words: ChoiceVocabularies): string {
  const struck = words['strike-mark'].some((mark) => text.includes(mark));
  if (!struck && ![...words['unchosen-mark'], ...words['chosen-mark'], ...words['cross-mark']].some((mark) => text.includes(mark))) return text;
  const terms = markTerms(words);
  // A cross crosses out only beside a tick somewhere in the text (✅ 告知承诺 ❌ 社区开证明); alone it is a warning bullet.
  const ticks = words['chosen-mark'].some((mark) => text.includes(mark));
  const lines: string[] = [];
  const marks: ChoiceMark[][] = [];
  for (const written of text.split('\n')) {
    let line = struck ? words['strike-mark'].reduce(withoutStruckOut, written) : written;
    let lineMarks = choiceMarks(line, terms);
    if (ticks && lineMarks.some((mark) => mark.crossed)) {
      line = withCrossedOut(line, lineMarks);
      lineMarks = choiceMarks(line, terms);
    }
    lines.push(line);
    // A line that tells how to tick (请在所选项前打☑, 已收取的打☑) may be a checklist whose boxes record what was handed
    // in: its marks choose nothing.
    marks.push(TICK_INSTRUCTION.test(line) ? [] : lineMarks);
  }
  const offersChoice = (label: string) => words['choice-label'].some((word) => label.includes(word));
  return lines.map((line, at) => {
    if (!marks[at].some((mark) => mark.chosen)) {
      // An option on a line of its own (☐ 社区出具的证明⏎☑ 告知承诺书): unticked in a run of such lines where one is ticked.
      const run = optionRun(marks, lines, at);
      return run !== null && run.ticked && offersChoice(lines[run.first - 1] ?? '') ? '' : line;
    }
    const labels = line.split(':').length - 1;
    return labels <= 1 && offersChoice(line) ? withUnchosenDropped(line, marks[at]) : line;
  }).join('\n');
}

/** The run of lines that each open with one mark, around a line that does, and whether one of them is ticked. */
function optionRun(marks: ChoiceMark[][], lines: string[], at: number): { first: number; ticked: boolean } | null {
  // A Markdown task list puts a bullet before the mark (- [x] 个人书面承诺).
  const opensWithMark = (index: number) => marks[index]?.length === 1 && marks[index][0].start === (LINE_OPENING.exec(lines[index])?.[0].length ?? 0);
  if (!opensWithMark(at)) return null;
  let first = at;
  while (first > 0 && opensWithMark(first - 1)) first--;
  let last = at;
  while (last + 1 < lines.length && opensWithMark(last + 1)) last++;
  return { first, ticked: marks.slice(first, last + 1).some(([mark]) => mark.chosen) };
}

/** A line without what its cross marks cross out (✅ 告知承诺 ❌ 社区开证明), each to the next mark or its clause's end. */
function withCrossedOut(line: string, marks: ChoiceMark[]): string {
  return withRangesCut(line, marks.flatMap((mark, at) => (mark.crossed ? [[mark.start, optionEnd(line, mark.end, marks[at + 1]?.start ?? line.length)]] : [])));
}

/** A line of options as chosen: unticked options and every mark dropped (是否需社区盖章：☑否 answers 否). */
function withUnchosenDropped(line: string, marks: ChoiceMark[]): string {
  // Marks stand before their options when the first follows a label or opens the line (认证方式：☐社区出具…), else after
  // them (个人承诺☐ 村委会出具收入证明☑（二选一）).
  const markedAfter = !/(^|:)$/u.test(line.slice(0, marks[0].start).replace(LINE_OPENING, '').trimEnd());
  return withRangesCut(line, marks.map((mark, at): [number, number] => (mark.chosen ? [mark.start, mark.end]
    : markedAfter ? [optionStart(line, marks[at - 1]?.end ?? 0, mark.start), mark.end]
      : [mark.start, optionEnd(line, mark.end, marks[at + 1]?.start ?? line.length)])));
}

/**
 * What bounds an option besides the marks: its clause's end, a label's colon, or the bracket it stands in (身份证（☑原件
 * □复印件）). The text is normalised: full-width commas, colons and brackets are half-width already.
 */
const OPTION_ENDS = /[,。;、:)\]]/u;
const OPTION_STARTS = /[,。;、:(\[]/u;
/** A line's opening whitespace and list bullet, if any. */
const LINE_OPENING = /^\s*(?:[-*•]\s*)?/u;
/** An instruction how to tick (打☑, 打√, 划☑). */
const TICK_INSTRUCTION = /[打划][☑√✓✔☒]/u;

/** Where an option that starts at `from` ends: at the next mark (`limit`) or the first OPTION_ENDS before it. */
function optionEnd(line: string, from: number, limit: number): number {
  const stop = line.slice(from, limit).search(OPTION_ENDS);
  return stop === -1 ? limit : from + stop;
}

/** Where an option marked after it (是☐) starts: after the mark before (`floor`) or the last OPTION_STARTS after it. */
function optionStart(line: string, floor: number, markStart: number): number {
  for (let at = markStart - 1; at >= floor; at--) {
    if (OPTION_STARTS.test(line[at])) return at + 1;
  }
  return floor;
}

/**
 * A line without what each pair of a strike mark encloses (a mark left unpaired is only dropped); a line with a
 * longer run of the mark's character (～～～ 温馨提示 ～～～) is decoration and stays.
 */
function withoutStruckOut(line: string, mark: string): string {
  if (line.includes(mark + mark[0])) return line;
  const parts = line.split(mark);
  return parts.filter((_, at) => at % 2 === 0 || at === parts.length - 1).join('');
}

interface ChoiceMark {
  start: number;
  end: number;
  chosen: boolean;
  /** A cross (❌) crosses its option out whatever the label. */
  crossed: boolean;
}

/** A mark term, and what a mark of it does to its option. */
interface MarkTerm {
  term: string;
  chosen: boolean;
  crossed: boolean;
}

/** Every mark term, the longest first ([x] before x). */
function markTerms(words: ChoiceVocabularies): MarkTerm[] {
  return [
    ...words['chosen-mark'].map((term) => ({ term, chosen: true, crossed: false })),
    ...words['unchosen-mark'].map((term) => ({ term, chosen: false, crossed: false })),
    ...words['cross-mark'].map((term) => ({ term, chosen: false, crossed: true })),
  ].sort((a, b) => b.term.length - a.term.length);
}

/** The choice marks of a line in order, the longest term at each place. */
function choiceMarks(line: string, terms: readonly MarkTerm[]): ChoiceMark[] {
  const marks: ChoiceMark[] = [];
  for (let at = 0; at < line.length;) {
    const found = terms.find(({ term }) => line.startsWith(term, at));
    if (found === undefined) {
      at++;
      continue;
    }
    marks.push({ start: at, end: at + found.term.length, chosen: found.chosen, crossed: found.crossed });
    at += found.term.length;
  }
  return marks;
}

/** The vocabularies that tell a table row's answer: its column's question, a no, a negated need, a withdrawal of the item. */
type RowAnswerVocabularies = Pick<ReaderVocabularies, 'need-question' | 'negative-answer' | 'affirmative-answer' | 'negation-of-demand' |
  'item-withdrawal' | 'clause-separator' | 'negation-barrier'>;

/** An aside after a cell's value (否（通过数据比对）). */
const TRAILING_ASIDE = /\(.*$/u;

/** A markdown table's separator row (|---|:---:|). */
const SEPARATOR_CELL = /^:?-+:?$/u;

/** A flattened table row's cells, the empty ones between kept so columns line up (| a |  | c |; an HTML row reads |a|b). */
function cellsOf(line: string): string[] {
  const cells = line.split(TABLE_CELL).map((cell) => cell.trim());
  if (cells[0] === '') cells.shift();
  if (cells.at(-1) === '') cells.pop();
  return cells;
}

/**
 * A cell's answer: its first clause (已取消 in 已取消，改为告知承诺), without an aside that only explains it (否（数据比对）);
 * an aside asking anew (否（低保边缘户仍须由社区出具）) leaves no plain answer.
 */
function answerOf(cell: string, words: RowAnswerVocabularies): string {
  const ends = words['clause-separator'].map((separator) => cell.indexOf(separator)).filter((at) => at !== -1);
  const first = ends.length === 0 ? cell : cell.slice(0, Math.min(...ends));
  const aside = TRAILING_ASIDE.exec(first)?.[0] ?? '';
  if (words['negation-barrier'].some((predicate) => aside.includes(predicate))) return first.trim();
  return first.slice(0, first.length - aside.length).trim();
}

/** Whether a cell holds a yes beside its no (否<br>是: a cell per stacked item): the row says no of none of them alone. */
function answersYesToo(cell: string, words: RowAnswerVocabularies): boolean {
  let parts = [cell];
  for (const separator of words['clause-separator']) parts = parts.flatMap((part) => part.split(separator));
  return parts.some((part) => words['affirmative-answer'].includes(part.trim()));
}

/**
 * Whether a row answers no: in each column whose header is a need question and nothing else (是否需要; not 是否需要原件),
 * a no or a negated need and no yes beside it (| 健在证明 | 社区居委会 | 否 |, <td>×</td>, 不需要); in any column after the first, a withdrawal
 * of the item (免于提交, 已取消，改为告知承诺). An answer saying more (不需要本人到场, 已取消原件核验) is about something else.
 */
function answersNo(cells: readonly string[], header: readonly string[], words: RowAnswerVocabularies): boolean {
  // A header may ask twice (材料 | 是否需要 | 材料 | 是否需要): the row answers no only where every question does.
  const needColumns = header.flatMap((cell, column) =>
    column > 0 && words['need-question'].includes(cell.replace(TRAILING_ASIDE, '').trim()) ? [column] : []);
  const saysNo = (cell: string | undefined) => {
    if (cell === undefined) return false;
    const answer = answerOf(cell, words);
    return (words['negative-answer'].includes(answer) || words['negation-of-demand'].includes(answer)) && !answersYesToo(cell, words);
  };
  return (needColumns.length > 0 && needColumns.every((column) => saysNo(cells[column]))) ||
    cells.some((cell, column) => column > 0 && words['item-withdrawal'].includes(answerOf(cell, words)));
}

/**
 * The table rows of a text that answer no, read in one pass (a table's header is the line above its separator
 * row, else its first line): whether the row holding an offset does. A text with no table answers nothing.
 */
export function rowsAnsweredNo(text: string, words: RowAnswerVocabularies): (offset: number) => boolean {
  if (!text.includes(TABLE_CELL)) return () => false;
  const starts: number[] = [];
  const answered: boolean[] = [];
  let header: string[] = [];
  let previous: string | null = null;
  for (let start = 0; start <= text.length;) {
    const found = text.indexOf('\n', start);
    const end = found === -1 ? text.length : found;
    const line = text.slice(start, end);
    let no = false;
    if (line.includes(TABLE_CELL)) {
      const cells = cellsOf(line);
      if (previous === null) header = cells;
      else if (cells.length > 0 && cells.every((cell) => SEPARATOR_CELL.test(cell))) header = cellsOf(previous);
      no = cells.length >= 2 && answersNo(cells, header, words);
      previous = line;
    } else {
      previous = null;
    }
    starts.push(start);
    answered.push(no);
    start = end + 1;
  }
  return (offset) => {
    const line = countAtMost(starts, offset) - 1;
    return line >= 0 && answered[line];
  };
}
