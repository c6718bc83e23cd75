import { gap, greatest, least } from './termIndex.js';
import type { TermMatch } from './termIndex.js';
import { ACTION_ROLES, NEGATABLE_ROLES, NEGATION_REACH, NEGATION_ROLES } from './sentenceForms.js';
import type { Clause, ReaderVocabularies, Role, SentenceForms } from './sentenceForms.js';

/**
 * What takes back a demand a clause names: a negation close to its words or a negation frame around them, a
 * replacement, a historical marker, a clause dated or told in the past, a label answered no, a withdrawal of the
 * item, and a negated list head, which governs the items after it. The clause walk (clauseWalk.ts) and splitter
 * (clauseSplitter.ts) ask; these only read a clause's text and matches.
 */

/** The vocabularies that tell a cancellation, beyond the indexed terms' roles. */
export type CancellationVocabularies = Pick<ReaderVocabularies, 'attributive-marker' | 'date-clause' | 'historical-opener' |
  'present-opener' | 'list-opener' | 'list-item-separator' | 'list-item-marker' | 'obligation' | 'negative-answer' | 'need-question' |
  'negation-frame'>;

/** The first of the words that a clause opens with, its leading spaces aside. */
function openingWord(clause: Clause, words: readonly string[]): string | undefined {
  const opening = clause.text.trimStart();
  return words.find((word) => opening.startsWith(word));
}

/** The copula a negation frame closes with (…为依据, …为准, …作为…): inside a frame's object, the object has ended. */
const FRAME_COPULA = '为';

/** A list-item marker's kind: 二、 is the same kind as 一、, the outer list's next item. */
function markerKind(marker: string | undefined): string | undefined {
  return marker?.replace(/[一二三四五六七八九十]/gu, '一');
}

/** Whether a text ends in an attributive marker, naming a case (户口簿遗失的, 住宅改为经营性用房的). */
export function namesCase(text: string, words: Pick<ReaderVocabularies, 'attributive-marker'>): boolean {
  return words['attributive-marker'].some((marker) => text.trimEnd().endsWith(marker));
}

export class Cancellations {
  private readonly dateClauses: ReadonlySet<string>;
  /** The negation frames' two parts (normalised: … reads ...); a term without both parts frames nothing. */
  private readonly frames: { opener: string; closer: string }[];
  private readonly listOpeners: ReadonlySet<string>;
  private readonly listItemSeparators: ReadonlySet<string>;

  /** `roles` is the clause reader's: each indexed term's role, by term number (TermMatch.term). */
  constructor(private readonly roles: readonly Role[], private readonly forms: SentenceForms, private readonly words: CancellationVocabularies) {
    this.dateClauses = new Set(words['date-clause']);
    this.frames = words['negation-frame'].map((frame) => frame.split('...'))
      .filter((parts) => parts.length === 2 && parts.every((part) => part !== ''))
      .map(([opener, closer]) => ({ opener, closer }));
    this.listOpeners = new Set(words['list-opener']);
    this.listItemSeparators = new Set(words['list-item-separator']);
  }

  /**
   * A historical marker anywhere, a negation within reach of a demand word, a negated demanding verb
   * anywhere before one, or a change to a replacement (…证明改为个人承诺, …改为不动产登记信息共享查询)
   * cancels the clause.
   */
  /**
   * Whether a list's head negates the demanding of what it lists without naming any document itself (不再要求提供下列
   * 材料：…): a negated act of demanding, outside a double negation, and no demand word.
   */
  negatesListed(clause: Clause): boolean {
    if (clause.matches.some((match) => NEGATABLE_ROLES.has(this.roles[match.term]))) return false;
    const insideAffirmed = this.insideAffirmed(clause);
    return clause.matches.some((match) => this.roles[match.term] === 'negation-of-demand' && !insideAffirmed(match));
  }

  /** 不能不盖章 is a must: whether a negation starts inside one of the clause's double negations, so negates nothing. */
  private insideAffirmed(clause: Clause): (negation: TermMatch) => boolean {
    const affirmed = clause.matches.filter((match) => this.roles[match.term] === 'double-negation');
    return (negation) => affirmed.some((double) => negation.start >= double.start && negation.start < double.end);
  }

  isCancelled(clause: Clause): boolean {
    const demandWords = clause.matches.filter((match) => NEGATABLE_ROLES.has(this.roles[match.term]));
    const insideAffirmed = this.insideAffirmed(clause);
    const replaced = clause.matches.some((marker) => this.roles[marker.term] === 'replacement-marker' &&
      clause.matches.some((replacement) => this.roles[replacement.term] === 'replacement' && replacement.start >= marker.end));
    // Whether the clause's negations all lie in a refusal sanctioning a lack, asked once and only of a clause holding one.
    let sanctioned: boolean | undefined;
    return replaced || this.framed(clause, demandWords) || clause.matches.some((match) => {
      const role = this.roles[match.term];
      if (role === 'historical') return true;
      // 不再要求申请人提供村委会出具的证明: the act of demanding is negated, and with it everything it
      // governs up to a new predicate.
      if ((role === 'negation-of-demand' || role === 'negation') && insideAffirmed(match)) return false;
      // A predicate between the negation and the nearest demand word after it stands before every later one too.
      if (role === 'negation-of-demand') {
        const nearest = demandWords.find((word) => word.start >= match.end);
        return nearest !== undefined && !this.forms.barrierBetween(clause, match, nearest);
      }
      if (role === 'substitution') return this.forms.replaces(clause, match, demandWords);
      if (role !== 'negation') return false;
      sanctioned ??= this.forms.sanctionsLack(clause);
      if (sanctioned) return false;
      return demandWords.some((word) => gap(match, word) <= NEGATION_REACH && !this.forms.barrierBetween(clause, match, word)) ||
        this.negatesPractice(clause, match, demandWords);
    });
  }

  /**
   * 审核不以村委会出具的证明为依据: every demand word of the clause between a negation frame's two parts, whose object
   * is a noun phrase — one holding 为 closes an earlier frame of its own (收入认定不以工资单为限以村委会出具的收入证明为准).
   */
  private framed(clause: Clause, demandWords: TermMatch[]): boolean {
    if (demandWords.length === 0) return false;
    return this.frames.some(({ opener, closer }) => {
      const open = clause.text.indexOf(opener);
      if (open === -1) return false;
      const from = open + opener.length;
      const close = clause.text.indexOf(closer, from);
      if (close === -1 || clause.text.slice(from, close).includes(FRAME_COPULA)) return false;
      return demandWords.every((word) => word.start - clause.start >= from && word.end - clause.start <= close);
    });
  }

  /**
   * 已取消补领身份证需社区开具遗失证明的环节: a negation whose object is a practice noun (环节, 做法, 要求) after
   * every demand word governs the whole practice described before the noun, its 需 included; so does a
   * negation after such a noun, whose topic the practice is (社区盖章环节已于2020年6月取消).
   */
  private negatesPractice(clause: Clause, negation: TermMatch, demandWords: TermMatch[]): boolean {
    const practices = clause.matches.filter((match) => this.roles[match.term] === 'practice-noun');
    if (practices.length === 0) return false;
    // The practice named first, then cancelled: 社区盖章环节已于2020年6月取消, …代替户口簿的做法自2020年起停止执行;
    // with no demand word at all (此环节已取消) it is the practice just described.
    const lastDemand = greatest(demandWords.map((word) => word.end), -1);
    if (practices.some((practice) => practice.start >= lastDemand && negation.start >= practice.end)) return true;
    const demands = demandWords.filter((word) => word.start >= negation.end);
    if (demands.length === 0) return false;
    const lastNegated = greatest(demands.map((word) => word.end), -1);
    return practices.some((practice) => practice.start >= lastNegated);
  }

  /**
   * A withdrawal of the item not under a condition in its clause (如户口簿可显示关系的免于提供 still asks for it
   * otherwise), with no new predicate after it and none in an earlier clause (a 需 inside 无需 or 原须 is none).
   */
  withdrawsItem(text: string, matches: TermMatch[]): boolean {
    const role = (match: TermMatch) => this.roles[match.term];
    const withdrawals = matches.filter((match) => role(match) === 'item-withdrawal');
    if (withdrawals.length === 0) return false;
    const breaks = matches.filter((match) => role(match) === 'clause-separator');
    // A 须 inside 无需 or 原须 is no predicate.
    const covers = matches.filter((match) => NEGATION_ROLES.has(role(match)) || role(match) === 'historical');
    const predicates = matches.filter((match) => role(match) === 'negation-barrier' &&
      !covers.some((cover) => cover !== match && cover.start <= match.start && match.end <= cover.end));
    return withdrawals.some((withdrawal) => {
      const clauseStart = Math.max(0, greatest(breaks.filter((end) => end.end <= withdrawal.start).map((end) => end.end), 0));
      const clauseEnd = Math.min(text.length, least(breaks.filter((end) => end.start >= withdrawal.end).map((end) => end.start), text.length));
      // 如户口簿可显示关系的免于提供 and 已在系统登记的免于提供: a withdrawal for some cases only; 户口已取消的，
      // 提供派出所证明: a withdrawal naming a case.
      // 已在部门备案的种养殖户免于提供: a 的 before the withdrawal restricts who is spared, unless a document
      // follows it (村委会出具的证明已取消 spares everyone).
      const casePrefix = this.words['attributive-marker'].some((marker) => {
        const at = text.lastIndexOf(marker, withdrawal.start - 1);
        return at >= clauseStart && !matches.some((match) => role(match) === 'certificate-word' && match.start > at && match.end <= withdrawal.start);
      });
      const conditional = matches.some((match) => role(match) === 'condition' && match.start >= clauseStart && match.end <= withdrawal.start) ||
        casePrefix || namesCase(text.slice(withdrawal.end, clauseEnd), this.words);
      // 2026年3月1日前申报的须提交；自2026年3月1日起取消: still asked for in the other clause's case.
      const stillAsked = predicates.some((match) => match.start >= withdrawal.end || match.end <= clauseStart);
      return !conditional && !stillAsked;
    });
  }

  /**
   * A clause with a historical marker and no word a demand is made of, or a clause that is nothing but a
   * past date (2020年前, 2020年6月以前): an adverbial of time.
   */
  onlyDates(clause: Clause): boolean {
    if (this.dateClauses.has(clause.text.trim())) return true;
    return clause.matches.some((match) => this.roles[match.term] === 'historical') &&
      !clause.matches.some((match) => NEGATABLE_ROLES.has(this.roles[match.term]));
  }

  /** 以前门诊慢特病要拿到村里盖章，现在不用了: a clause that opens in the past, with a later one that opens in the present. */
  toldAsPast(clauses: readonly Clause[], at: number): boolean {
    return openingWord(clauses[at], this.words['historical-opener']) !== undefined &&
      clauses.slice(at + 1).some((later) => openingWord(later, this.words['present-opener']) !== undefined);
  }

  /**
   * 生存证明（社区居委会出具）：不需要 — a demand named as a label whose value opens with a negation; 是否需社区盖章：否 — or
   * a need-question whose whole value is a no (否, ×; not 是否容缺：否, a question of something else).
   */
  answeredNo(clause: Clause, next: Clause | undefined): boolean {
    if (next === undefined || !this.listOpeners.has(clause.end)) return false;
    const opening = next.start + next.text.length - next.text.trimStart().length;
    if (next.matches.some((match) => NEGATION_ROLES.has(this.roles[match.term]) && match.start === opening)) return true;
    const value = next.text.trim().replace(/[.。!！]+$/u, '');
    return this.words['need-question'].some((question) => clause.text.includes(question)) && this.words['negative-answer'].includes(value);
  }

  /**
   * Whether the clause after an item of a list is another item: the item ends in a list's separator or the
   * next opens as an item (an empty clause between, as after 。⏎, passes the question on). The next is no
   * item when it states an obligation of its own (…；须村委会出具收入证明), when (unless the item ended in a
   * list-item separator) the community acts in it rather than qualifying a document (3.村委会出具婚姻状况证明,
   * not 村委会出具的…证明), or when on a new line it opens with the marker the list's head opened with.
   */
  listGoesOn(item: Clause, next: Clause | undefined, markers: { head: string | undefined; firstItem: string | null | undefined }): boolean {
    if (next === undefined) return false;
    const opening = next.text.trimStart();
    if (opening === '') return true;
    const attributive = (end: number) => this.words['attributive-marker'].some((marker) => next.text.startsWith(marker, end));
    for (const word of this.words['obligation']) {
      for (let at = next.text.indexOf(word); at !== -1; at = next.text.indexOf(word, at + 1)) if (!attributive(at + word.length)) return false;
    }
    // An item wrapped on its line (村委会出具的⏎婚姻状况证明) is unfinished: its modifier still waits for its noun.
    const wrapped = item.end === '\n' && this.words['attributive-marker'].some((marker) => item.text.trimEnd().endsWith(marker));
    const separated = wrapped || this.listItemSeparators.has(item.end);
    // 2.以下证明不再由村委会出具：1.…；2.… — the head's marker ends the inner list only on a new line, after its first
    // item, and only when the inner items are numbered otherwise (一、…：⏎（一）…⏎二、…; not 2.…：⏎1.…⏎2.…).
    const nextKind = markerKind(this.itemMarker(next));
    if (markers.head !== undefined && markers.firstItem !== undefined && item.end === '\n' && nextKind === markerKind(markers.head) &&
      nextKind !== markerKind(markers.firstItem ?? undefined)) return false;
    // Unless the list goes on by its separator, an item where the community acts (3.村委会出具婚姻状况证明) is a sentence.
    const acts = next.matches.some((match) => ACTION_ROLES.has(this.roles[match.term]) && !attributive(match.end - next.start));
    if (!separated && acts && next.matches.some((match) => this.roles[match.term] === 'community-issuer')) return false;
    return separated || this.itemMarker(next) !== undefined;
  }

  /** The list-item marker a clause opens with, if any (#., 一、). */
  itemMarker(clause: Clause): string | undefined {
    return openingWord(clause, this.words['list-item-marker']);
  }
}
