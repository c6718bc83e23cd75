import { boxCancelled, isBox, lineAround, restOfSentence } from './formBoxes.js';
import { citations, withoutLookalikes } from './lookalikes.js';
import { memoize } from './memo.js';
import { gap, insideLonger, TermIndex } from './termIndex.js';
import type { TermMatch } from './termIndex.js';
import { ACTION_ROLES, DEMAND_ROLES, EDGE_ROLES, NEGATABLE_ROLES, NEGATION_REACH, NEGATION_ROLES, SentenceForms } from './sentenceForms.js';
import type { Clause, EdgeRole, ReaderVocabularies, Role } from './sentenceForms.js';

export type { ReaderVocabularies } from './sentenceForms.js';

/** A clause that demands something of a community, as read from free text. */
export interface CommunityMention {
  clause: string;
  issuer: string;
  /** The clause asks for a seal (盖章, 公章 …), not only a certificate. */
  seal: boolean;
  /** The clause names a seal or a certificate, not only an act (初审, 核实) of the community. */
  attests: boolean;
  /** The clause asks the community to sign (签字, 签个字): on a form, the community's hand like a seal. */
  signs: boolean;
  /** The clause is the label of the committee's box on a form (村（居）委会意见：____（盖章）): its hand on the form. */
  boxLabel: boolean;
  /** The clause before it in the same text ('' for the first): what a bare seal demand (…申请表》，须经村委会盖章) seals. */
  previousClause: string;
  /**
   * What the document is said to state, else '': the clause after it that says so (…，载明相邻业主无异议), a
   * label's value up to its sentence's end (需社区出具证明：申请人失业在家。), or a form box's whole line.
   */
  contentClause: string;
  /** The clause before it when that names the case the demand is for (住宅改为经营性用房的，…), else ''. */
  caseClause: string;
}

/** What one text says about communities. */
export interface TextReading {
  /** Clauses that currently demand a community certificate or stamp. */
  demands: CommunityMention[];
  /** A community is named (outside look-alikes), whether or not demanded. */
  namesCommunity: boolean;
  /** A community demand is named but negated, replaced or historical. */
  cancelsCommunity: boolean;
  /** The text without its cancelled clauses: where a demand's certificate is looked for when its own clause names none. */
  liveText: string;
  /** After a case (…遗失的，提供本人身份证明), the last clause: what such a name names; else the whole text. */
  lastClause: string;
  /**
   * The text withdraws the document it annotates (此项已取消, 可不提供, 信息共享获取), with no new predicate
   * after it (…获取不到的，须提交 still asks for it).
   */
  withdrawsItem: boolean;
}

/** How far into a clause its community may start and still be its subject (由村委会…: one character). */
const TOPIC_REACH = 1;
const ISSUER_ROLE: ReadonlySet<Role> = new Set(['community-issuer']);

/** The first of the words that a clause opens with, its leading spaces aside. */
function openingWord(clause: Clause, words: readonly string[]): string | undefined {
  const opening = clause.text.trimStart();
  return words.find((word) => opening.startsWith(word));
}

/** How many characters may stand before a content marker that opens a clause (信中写明, 证明中载明). */
const CONTENT_SUBJECT_REACH = 3;

/**
 * Reads normalised text clause by clause. A clause demands a community certificate when it names a
 * community issuer that no look-alike covers, together with a seal or certify action or a certificate
 * word, unless a historical marker dates the clause or a negation stands close to those words
 * (无需社区盖章, 社区证明已取消; but not 免交学费…须持村委会出具的证明). Negations never reach past their clause.
 */
export class CommunityTextReader {
  private readonly index: TermIndex;
  private readonly roles: Role[] = [];
  private readonly terms: string[] = [];
  private readonly forms: SentenceForms;
  private readonly dateClauses: ReadonlySet<string>;
  private readonly listOpeners: ReadonlySet<string>;
  private readonly listItemSeparators: ReadonlySet<string>;
  /** Content markers that also name a document (证明, 说明): they open a content clause only at its very start. */
  private readonly documentMarkers: ReadonlySet<string>;
  /** Pairs of characters side by side inside an issuer, demand or certificate word: where a line break is a remnant. */
  private readonly wordPairs = new Set<string>();

  /** `certificateTerms`: the rules' certificate facts (养犬, 婚姻状况), whose words a line break may split too. */
  constructor(private readonly words: ReaderVocabularies, certificateTerms: readonly string[] = []) {
    this.listOpeners = new Set(words['list-opener']);
    this.listItemSeparators = new Set(words['list-item-separator']);
    this.documentMarkers = new Set(words['content-marker'].filter((marker) => words['certificate-word'].includes(marker)));
    this.dateClauses = new Set(words['date-clause']);
    for (const role of Object.keys(words) as (Role | EdgeRole)[]) {
      if ((EDGE_ROLES as readonly string[]).includes(role)) continue;
      for (const term of words[role]) {
        this.terms.push(term);
        this.roles.push(role as Role);
        if (ISSUER_ROLE.has(role as Role) || DEMAND_ROLES.has(role as Role)) this.addWordPairs(term);
      }
    }
    for (const term of certificateTerms) this.addWordPairs(term);
    this.index = new TermIndex(this.terms);
    this.forms = new SentenceForms(this.roles, this.terms, words);
  }

  /** Memoised: texts repeat across a corpus, and a reading is never modified. */
  readonly read: (text: string) => TextReading = memoize((text) => this.readUncached(text));

  private readUncached(written: string): TextReading {
    const text = this.withBrokenWordsJoined(written);
    const reading: TextReading = { demands: [], namesCommunity: false, cancelsCommunity: false, liveText: text, withdrawsItem: false, lastClause: text };
    if (text.length === 0) return reading;
    const live = withoutLookalikes(this.index.findAll(text), citations(text, this.words), this.roles);
    reading.withdrawsItem = this.withdrawsItem(text, live);
    const liveClauses: string[] = [];
    // A clause that only dates what follows (2020年以前，…) makes the next clause historical too.
    let datedByPrevious = false;
    let listedByPrevious = false;
    /** The item marker the negated list's head opens with (2.不再要求提供以下证明：…): the outer list's, which ends the inner one. */
    let headMarker: string | undefined;
    const clauses = this.clauses(text, live);
    /** The demand the clause before made, and its live text's place, for a clause that cancels it by pointing back. */
    let previous: { demand: CommunityMention | null; live: number } | null = null;
    /**
     * The last demand on the line being read, for a clause pointing back at it past other clauses of its line
     * (须提交村委会出具的证明，用于低保申请，该证明现已取消).
     */
    let onLine: { demand: CommunityMention; live: number } | null = null;
    /** A community that opens a live clause and acts in it, shared by the next clause if that names none. */
    let topic: TermMatch | null = null;
    clauses.forEach((clause, at) => {
      if (at > 0 && clauses[at - 1].end === '\n') onLine = null;
      const pointedAt = previous?.demand ? previous : onLine;
      previous = null;
      const sharedTopic = topic;
      topic = null;
      const named = clause.matches.find((match) => this.roles[match.term] === 'community-issuer');
      // 村民委员会对…进行初审，在申报表上签署意见并加盖公章: the seal is the committee's, the subject of both clauses —
      // unless the clause starts a predicate of its own (村委会初审，申请人须到医院盖章).
      const inherited = named === undefined && sharedTopic !== null &&
        clause.matches.some((match) => this.roles[match.term] === 'seal-action') &&
        !clause.matches.some((match) => this.roles[match.term] === 'negation-barrier');
      const issuer = named ?? (inherited ? sharedTopic : undefined);
      // 村（居）委会意见：…（盖章） — the committee's box on a form, which it must fill in and seal.
      const box = named !== undefined && isBox(text, clause, this.words);
      const demanding = issuer !== undefined && (box || clause.matches.some((match) => DEMAND_ROLES.has(this.roles[match.term])));
      if (issuer) reading.namesCommunity = true;
      const dated = datedByPrevious;
      datedByPrevious = this.onlyDates(clause);
      const listed = listedByPrevious;
      listedByPrevious = false;
      if (dated || listed || this.toldAsPast(clauses, at) || this.isCancelled(clause) || (demanding && (this.forms.acceptedWithout(clause, clauses[at + 1]) ||
        this.answeredNo(clause, clauses[at + 1])))) {
        // 以下事项不再要求社区出具证明：无房证明；… — the negated head governs its list, item after item.
        if (!listed && this.listOpeners.has(clause.end)) headMarker = this.itemMarker(clause);
        listedByPrevious = listed ? this.listGoesOn(clause, clauses[at + 1], headMarker) : this.listOpeners.has(clause.end);
        if (demanding) reading.cancelsCommunity = true;
        // 该证明现已取消 cancels the demand just made (…须提交村委会证明；该证明现已取消).
        if (!issuer && pointedAt?.demand && this.forms.pointsBack(clause)) {
          reading.demands.splice(reading.demands.indexOf(pointedAt.demand), 1);
          liveClauses.splice(pointedAt.live, 1);
          reading.cancelsCommunity = true;
          onLine = null;
        }
        return;
      }
      if (demanding && this.forms.describesMisconduct(clauses, at)) {
        reading.cancelsCommunity = true;
        return;
      }
      // A question only asks, and a hypothetical only supposes: neither demands nor cancels (an issuer field still stands).
      if (demanding && (this.forms.askedNotAnsweredYes(clauses, at) || this.forms.supposesPastAct(clause))) return;
      // 在职人员由所在单位出具: another issuer's act, whose facts describe its own document, not the community's.
      if (!issuer && this.forms.actOfAnother(clause)) return;
      const { text: own, asked } = named ? this.communityPart(clause) : { text: clause.text, asked: inherited };
      previous = { demand: null, live: liveClauses.push(own) - 1 };
      // A community that opens its clause and acts in it (初审, 核实) is the subject the next clause may share.
      if (named !== undefined && named.start - clause.start <= TOPIC_REACH &&
        clause.matches.some((match) => ACTION_ROLES.has(this.roles[match.term]))) topic = named;
      if (!demanding || !asked) return;
      // 出具上述意见 names again what the text already asked for.
      if (reading.demands.length > 0 && this.words['repeat-reference'].some((reference) => clause.text.includes(reference))) return;
      // A community document that substitutes for another (…场地使用证明可以代替房屋产权证明) is what is asked for.
      const substitute = this.forms.substitutePart(clause);
      const demanded = substitute === clause ? own : this.communityPart(substitute).text;
      const seal = clause.matches.some((match) => this.roles[match.term] === 'seal-action');
      // A certificate word inside an act (签署意见) names no document the resident must fetch.
      const acts = clause.matches.filter((match) => ACTION_ROLES.has(this.roles[match.term]));
      const attests = seal || clause.matches.some((match) => this.roles[match.term] === 'certificate-word' &&
        !acts.some((act) => insideLonger(match, act)));
      const next = clauses[at + 1]?.text.trimStart() ?? '';
      // A box is its line: what the line says is what the committee attests (村（居）委会意见：经核实，该老人健在;
      // 办理人与逝者关系：____ 村（居）委会签章：____), and a box its line cancels (…【此栏不再填写】) asks for
      // nothing. Any other label's value is what follows it in its sentence (需社区出具证明：申请人失业在家。).
      if (box && boxCancelled(text, clause, this.words)) {
        reading.cancelsCommunity = true;
        return;
      }
      const labelValue = box ? lineAround(text, clause) : this.listOpeners.has(clause.end) ? restOfSentence(text, clause) : '';
      const previousClause = clauses[at - 1]?.text ?? '';
      const mention = {
        clause: demanded, issuer: this.terms[issuer.term], seal, attests, previousClause,
        signs: this.words['sign-action'].some((term) => clause.text.includes(term)),
        boxLabel: box,
        contentClause: labelValue.trim() !== '' ? labelValue : this.statesContent(next) ? next : '',
        caseClause: this.namesCase(previousClause) ? previousClause : '',
      };
      reading.demands.push(mention);
      previous.demand = mention;
      onLine = { demand: mention, live: previous.live };
    });
    reading.liveText = liveClauses.join('\n');
    const [caseClause, last] = clauses.filter((clause) => clause.text.trim() !== '').slice(-2);
    if (last !== undefined && this.namesCase(caseClause.text)) reading.lastClause = last.text;
    return reading;
  }

  /**
   * Text pasted from a PDF breaks words across lines (社区居⏎委会, 加盖公⏎章, 养⏎犬证明): a line break between
   * two characters that stand side by side in an issuer, demand or certificate word is a remnant, not a
   * clause's end. Breaks between words stay (无需社区盖章⏎村委会出具收入证明 is two clauses).
   */
  private withBrokenWordsJoined(text: string): string {
    if (!text.includes('\n')) return text;
    return text.replace(/(.)\n(?=(.))/gu, (whole, before: string, after: string) => (this.wordPairs.has(before + after) ? before : whole));
  }

  private addWordPairs(word: string): void {
    const characters = [...word];
    characters.slice(1).forEach((character, at) => this.wordPairs.add(characters[at] + character));
  }

  /** Whether a clause says what a document states: a content marker opens it, after at most a short subject (信中写明). */
  statesContent(clause: string): boolean {
    return this.words['content-marker'].some((marker) => {
      const at = clause.indexOf(marker);
      return at === 0 || (at > 0 && at <= CONTENT_SUBJECT_REACH && !this.documentMarkers.has(marker));
    });
  }

  /** 以前门诊慢特病要拿到村里盖章，现在不用了: a clause that opens in the past, with a later one that opens in the present. */
  private toldAsPast(clauses: readonly Clause[], at: number): boolean {
    return openingWord(clauses[at], this.words['historical-opener']) !== undefined &&
      clauses.slice(at + 1).some((later) => openingWord(later, this.words['present-opener']) !== undefined);
  }

  /** Whether a text ends in an attributive marker, naming a case (户口簿遗失的, 住宅改为经营性用房的). */
  private namesCase(text: string): boolean {
    return this.words['attributive-marker'].some((marker) => text.trimEnd().endsWith(marker));
  }

  /**
   * Whether the clause after an item of a list is another item: the item ends in a list's separator or the
   * next opens as an item (an empty clause between, as after 。⏎, passes the question on). The next is no
   * item when it states an obligation of its own (…；须村委会出具收入证明), when (unless the item ended in a
   * list-item separator) the community acts in it rather than qualifying a document (3.村委会出具婚姻状况证明,
   * not 村委会出具的…证明), or when on a new line it opens with the marker the list's head opened with.
   */
  private listGoesOn(item: Clause, next: Clause | undefined, headMarker: string | undefined): boolean {
    if (next === undefined) return false;
    const opening = next.text.trimStart();
    if (opening === '') return true;
    const attributive = (end: number) => this.words['attributive-marker'].some((marker) => next.text.startsWith(marker, end));
    for (const word of this.words['obligation']) {
      for (let at = next.text.indexOf(word); at !== -1; at = next.text.indexOf(word, at + 1)) if (!attributive(at + word.length)) return false;
    }
    const separated = this.listItemSeparators.has(item.end);
    // 2.以下证明不再由村委会出具：1.…；2.… — the head's marker ends the inner list only on a new line.
    if (headMarker !== undefined && item.end === '\n' && this.itemMarker(next) === headMarker) return false;
    // Unless the list goes on by its separator, an item where the community acts (3.村委会出具婚姻状况证明) is a sentence.
    const acts = next.matches.some((match) => ACTION_ROLES.has(this.roles[match.term]) && !attributive(match.end - next.start));
    if (!separated && acts && next.matches.some((match) => this.roles[match.term] === 'community-issuer')) return false;
    return separated || this.itemMarker(next) !== undefined;
  }

  /** The list-item marker a clause opens with, if any (#., 一、). */
  private itemMarker(clause: Clause): string | undefined {
    return openingWord(clause, this.words['list-item-marker']);
  }

  /** 生存证明（社区居委会出具）：不需要 — a demand named as a label whose value opens with a negation. */
  private answeredNo(clause: Clause, next: Clause | undefined): boolean {
    if (next === undefined || !this.listOpeners.has(clause.end)) return false;
    const opening = next.start + next.text.length - next.text.trimStart().length;
    return next.matches.some((match) => NEGATION_ROLES.has(this.roles[match.term]) && match.start === opening);
  }

  /**
   * A historical marker anywhere, a negation within reach of a demand word, a negated demanding verb
   * anywhere before one, or a change to a replacement (…证明改为个人承诺, …改为不动产登记信息共享查询)
   * cancels the clause.
   */
  private isCancelled(clause: Clause): boolean {
    const demandWords = clause.matches.filter((match) => NEGATABLE_ROLES.has(this.roles[match.term]));
    // 不能不盖章 is a must: a negation that starts inside a double negation negates nothing.
    const affirmed = clause.matches.filter((match) => this.roles[match.term] === 'double-negation');
    const insideAffirmed = (negation: TermMatch) => affirmed.some((double) => negation.start >= double.start && negation.start < double.end);
    const replaced = clause.matches.some((marker) => this.roles[marker.term] === 'replacement-marker' &&
      clause.matches.some((replacement) => this.roles[replacement.term] === 'replacement' && replacement.start >= marker.end));
    return replaced || clause.matches.some((match) => {
      const role = this.roles[match.term];
      if (role === 'historical') return true;
      // 不再要求申请人提供村委会出具的证明: the act of demanding is negated, and with it everything it
      // governs up to a new predicate.
      if ((role === 'negation-of-demand' || role === 'negation') && insideAffirmed(match)) return false;
      if (role === 'negation-of-demand') return demandWords.some((word) => word.start >= match.end && !this.forms.barrierBetween(clause, match, word));
      if (role === 'substitution') return this.forms.replaces(clause, match, demandWords);
      if (role !== 'negation') return false;
      return demandWords.some((word) => gap(match, word) <= NEGATION_REACH && !this.forms.barrierBetween(clause, match, word)) ||
        this.negatesPractice(clause, match, demandWords);
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
    const lastDemand = demandWords.length === 0 ? -1 : Math.max(...demandWords.map((word) => word.end));
    if (practices.some((practice) => practice.start >= lastDemand && negation.start >= practice.end)) return true;
    const demands = demandWords.filter((word) => word.start >= negation.end);
    if (demands.length === 0) return false;
    const lastNegated = Math.max(...demands.map((word) => word.end));
    return practices.some((practice) => practice.start >= lastNegated);
  }

  /**
   * A withdrawal of the item not under a condition in its clause (如户口簿可显示关系的免于提供 still asks for it
   * otherwise), with no new predicate after it and none in an earlier clause (a 需 inside 无需 or 原须 is none).
   */
  private withdrawsItem(text: string, matches: TermMatch[]): boolean {
    const role = (match: TermMatch) => this.roles[match.term];
    const withdrawals = matches.filter((match) => role(match) === 'item-withdrawal');
    if (withdrawals.length === 0) return false;
    const breaks = matches.filter((match) => role(match) === 'clause-separator');
    // A 须 inside 无需 or 原须 is no predicate.
    const covers = matches.filter((match) => NEGATION_ROLES.has(role(match)) || role(match) === 'historical');
    const predicates = matches.filter((match) => role(match) === 'negation-barrier' &&
      !covers.some((cover) => cover !== match && cover.start <= match.start && match.end <= cover.end));
    return withdrawals.some((withdrawal) => {
      const clauseStart = Math.max(0, ...breaks.filter((end) => end.end <= withdrawal.start).map((end) => end.end));
      const clauseEnd = Math.min(text.length, ...breaks.filter((end) => end.start >= withdrawal.end).map((end) => end.start));
      // 如户口簿可显示关系的免于提供 and 已在系统登记的免于提供: a withdrawal for some cases only; 户口已取消的，
      // 提供派出所证明: a withdrawal naming a case.
      // 已在部门备案的种养殖户免于提供: a 的 before the withdrawal restricts who is spared, unless a document
      // follows it (村委会出具的证明已取消 spares everyone).
      const casePrefix = this.words['attributive-marker'].some((marker) => {
        const at = text.lastIndexOf(marker, withdrawal.start - 1);
        return at >= clauseStart && !matches.some((match) => role(match) === 'certificate-word' && match.start > at && match.end <= withdrawal.start);
      });
      const conditional = matches.some((match) => role(match) === 'condition' && match.start >= clauseStart && match.end <= withdrawal.start) ||
        casePrefix || this.namesCase(text.slice(withdrawal.end, clauseEnd));
      // 2026年3月1日前申报的须提交；自2026年3月1日起取消: still asked for in the other clause's case.
      const stillAsked = predicates.some((match) => match.start >= withdrawal.end || match.end <= clauseStart);
      return !conditional && !stillAsked;
    });
  }

  /**
   * The clause without the documents it names that another issuer certifies, and whether the community is
   * asked for anything at all: in 须提供医院出具的病情诊断证明及居委会出具的监护证明 the community is asked for
   * a 监护证明, not an illness certificate. A coordinated part goes when an agent certifies or seals in it
   * attributively (医院出具的, 派出所盖章的) and it names no community; 由社区核实、出具居住证明 keeps its
   * shared subject.
   */
  private communityPart(clause: Clause): { text: string; asked: boolean } {
    const { text, start } = clause;
    const splits: number[] = [];
    for (const coordinator of this.words['coordinator']) {
      for (let at = text.indexOf(coordinator); at !== -1; at = text.indexOf(coordinator, at + 1)) splits.push(at + coordinator.length);
    }
    if (splits.length === 0) return { text, asked: true };
    const bounds = [0, ...new Set(splits.sort((a, b) => a - b)), text.length];
    const parts = bounds.slice(1).map((end, part) => {
      const [from, to] = [start + bounds[part], start + end];
      const inside = clause.matches.filter((match) => match.start >= from && match.end <= to);
      const names = (roles: ReadonlySet<Role>) => inside.some((match) => roles.has(this.roles[match.term]));
      const attributive = inside.some((match) => ACTION_ROLES.has(this.roles[match.term]) && match.start > from &&
        this.words['attributive-marker'].some((marker) => text.startsWith(marker, match.end - start)));
      return { text: text.slice(bounds[part], end), community: names(ISSUER_ROLE), ownDemand: names(DEMAND_ROLES), attributive };
    });
    // Only when the community's own part says what it certifies (居委会出具的监护证明) do the others' parts go:
    // in 村委会和派出所出具的生存证明 the community shares the attributive, which comes after it; a community
    // named after every demand word (提供诊断证明及所在社区名称) is asked for nothing.
    if (!parts.some((part) => part.community && part.ownDemand)) {
      const first = parts.findIndex((part) => part.community);
      return { text, asked: parts.slice(first + 1).some((part) => part.ownDemand) };
    }
    const kept = parts.filter((part) => part.community || !part.attributive).map((part) => part.text).join('');
    return { text: kept.length > 0 ? kept : text, asked: true };
  }

  /**
   * A clause with a historical marker and no word a demand is made of, or a clause that is nothing but a
   * past date (2020年前, 2020年6月以前): an adverbial of time.
   */
  private onlyDates(clause: Clause): boolean {
    if (this.dateClauses.has(clause.text.trim())) return true;
    return clause.matches.some((match) => this.roles[match.term] === 'historical') &&
      !clause.matches.some((match) => NEGATABLE_ROLES.has(this.roles[match.term]));
  }

  /** Splits at separator matches; every other match goes to the clause it lies in. */
  private clauses(text: string, matches: TermMatch[]): Clause[] {
    const clauses: Clause[] = [];
    let start = 0;
    let current: TermMatch[] = [];
    let covered = 0;
    for (const match of matches) {
      if (this.roles[match.term] === 'clause-separator') {
        if (match.start < covered) continue;
        const clause = { text: text.slice(start, match.start), start, matches: current.filter((m) => m.end <= match.start), end: this.terms[match.term] };
        clauses.push(...this.atNewSubjects(clause));
        current = current.filter((m) => m.end > match.start && m.start >= match.end);
        start = covered = match.end;
      } else if (match.start >= start) {
        current.push(match);
      }
    }
    clauses.push(...this.atNewSubjects({ text: text.slice(start), start, matches: current, end: '' }));
    return this.withLabelsJoined(text, clauses);
  }

  /**
   * A form's label and its value are one clause: in 盖章单位：所在居（村）委会 the label holds the demand word and
   * the value the community, so neither alone would read as a demand.
   */
  private withLabelsJoined(text: string, clauses: Clause[]): Clause[] {
    const has = (clause: Clause, roles: ReadonlySet<Role>) => clause.matches.some((match) => roles.has(this.roles[match.term]));
    const joined: Clause[] = [];
    for (let at = 0; at < clauses.length; at++) {
      const [label, value] = [clauses[at], clauses[at + 1]];
      if (value !== undefined && this.listOpeners.has(label.end) && has(label, DEMAND_ROLES) && !has(label, ISSUER_ROLE) &&
        has(value, ISSUER_ROLE) && !has(value, DEMAND_ROLES)) {
        const end = value.start + value.text.length;
        joined.push({ text: text.slice(label.start, end), start: label.start, matches: [...label.matches, ...value.matches], end: value.end });
        at++;
      } else {
        joined.push(label);
      }
    }
    return joined;
  }

  /**
   * Text that lost its punctuation (无需社区盖章由村委会出具与逝者关系证明) runs two predicates together: a
   * new-subject word (由, 请) after a complete negated community demand starts a new clause. Elsewhere it
   * belongs to its clause: 须由社区出具证明, and 村委会盖章的生存证明由民政部门信息共享核验 (the demand is the
   * topic of what follows); inside a longer term (为由, 原由) it is none.
   */
  private atNewSubjects(clause: Clause): Clause[] {
    const parts: Clause[] = [];
    let part = clause;
    for (const marker of clause.matches) {
      if (this.roles[marker.term] !== 'new-subject' || marker.start <= part.start) continue;
      // Never cut through another term (为由, 原由, 无需再由, or a new-subject-lookalike: 由于, 申请 …).
      if (clause.matches.some((other) => other !== marker && other.start < marker.end && marker.start < other.end)) continue;
      const before = part.matches.filter((match) => match.end <= marker.start);
      const head: Clause = { text: part.text.slice(0, marker.start - part.start), start: part.start, matches: before, end: '' };
      const complete = before.some((match) => this.roles[match.term] === 'community-issuer') &&
        before.some((match) => DEMAND_ROLES.has(this.roles[match.term])) && this.isCancelled(head);
      if (!complete) continue;
      parts.push(head);
      part = { text: part.text.slice(marker.start - part.start), start: marker.start, matches: part.matches.filter((match) => match.start >= marker.start), end: part.end };
    }
    parts.push(part);
    return parts;
  }
}
