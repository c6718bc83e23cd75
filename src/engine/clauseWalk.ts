import { namesCase } from './cancellations.js';
import type { Cancellations } from './cancellations.js';
import type { CommunityMention, TextReading } from './communityText.js';
import { boxCancelled, isBox, lineAround, restOfSentence, rowsAnsweredNo, SENTENCE_END } from './formBoxes.js';
import { insideLonger } from './termIndex.js';
import type { TermMatch } from './termIndex.js';
import { ACTION_ROLES, DEMAND_ROLES } from './sentenceForms.js';
import type { Clause, ReaderVocabularies, Role, SentenceForms } from './sentenceForms.js';

/**
 * A text's clauses read in order. What a clause asks of a community depends on the clauses before it: one
 * that only dates what follows, a negated list head that governs its items, a community that opens a clause
 * as the subject the next may share, a demand that a later clause cancels by pointing back. The walk carries
 * these from clause to clause; the clause reader (communityText.ts) splits the text and lends the walk its
 * vocabularies and sentence forms.
 */

/** What a walk reads clauses with: the clause reader's own. */
export interface ClauseReaderParts {
  /** Each indexed term's role, by term number (TermMatch.term). */
  roles: readonly Role[];
  /** Each indexed term's text, by term number. */
  terms: readonly string[];
  words: ReaderVocabularies;
  forms: SentenceForms;
  cancellations: Cancellations;
  listOpeners: ReadonlySet<string>;
  /** The clause without the documents another issuer certifies, and whether the community is asked for anything. */
  communityPart(clause: Clause): { text: string; asked: boolean };
  /** Whether a clause says what a document states. */
  statesContent(clause: string): boolean;
  /** The certificate a clause says must state something (居住证明须注明…), else ''. */
  mustStateSubject(clause: string): string;
}

/** How far into a clause its community may start and still be its subject (由村委会…: one character). */
const TOPIC_REACH = 1;

/** What a text's clauses read in order say: the demands they make, whether they name or cancel a community, the live text. */
type WalkedReading = Pick<TextReading, 'demands' | 'namesCommunity' | 'cancelsCommunity' | 'liveText'>;

/** Reads a text's clauses in order. */
export function walkClauses(reader: ClauseReaderParts, text: string, clauses: Clause[]): WalkedReading {
  const walk = new ClauseWalk(reader, text, clauses);
  clauses.forEach((clause, at) => walk.read(clause, at));
  return { demands: walk.demands, namesCommunity: walk.namesCommunity, cancelsCommunity: walk.cancelsCommunity, liveText: walk.liveText };
}

/** A demand made, and its clause's place in the live text: what a clause pointing back at it cancels. */
interface LiveDemand {
  demand: CommunityMention;
  live: number;
}

/** One reading's walk over a text's clauses: what it has found so far, and what each clause leaves the next. */
class ClauseWalk {
  readonly demands: CommunityMention[] = [];
  namesCommunity = false;
  cancelsCommunity = false;
  private readonly liveClauses: string[] = [];
  /** A clause that only dates what follows (2020年以前，…) makes the next clause historical too. */
  private datedByPrevious = false;
  /**
   * The clause before was taken back and opens a list (以下事项不再要求社区出具证明：), or is an item of such a list
   * that goes on: this clause is an item, taken back with it.
   */
  private listedByPrevious = false;
  /** The item marker the negated list's head opens with (2.不再要求提供以下证明：…): the outer list's, which ends the inner one. */
  private headMarker: string | undefined;
  /**
   * The marker the list's first item opens with (null: none; undefined: no item read yet): when it is of the head's
   * kind (2.…：⏎1.…⏎2.…), the head's kind ends nothing.
   */
  private firstItemMarker: string | null | undefined;
  /** The demand the clause before made, and its live text's place, for a clause that cancels it by pointing back. */
  private previous: LiveDemand | null = null;
  /**
   * The last demand on the line being read, for a clause pointing back at it past other clauses of its line
   * (须提交村委会出具的证明，用于低保申请，该证明现已取消).
   */
  private onLine: LiveDemand | null = null;
  /** A community that opens a live clause and acts in it, shared by the next clause if that names none. */
  private topic: TermMatch | null = null;
  /** Whether the table row holding an offset answers no (read once per text, on first use). */
  private rowsAnswered: ((offset: number) => boolean) | undefined;

  constructor(private readonly reader: ClauseReaderParts, private readonly text: string, private readonly clauses: Clause[]) {}

  /** The text without its cancelled clauses. */
  get liveText(): string {
    return this.liveClauses.join('\n');
  }

  /** Reads one clause, at its place in the text, with what the clauses before it left. */
  read(clause: Clause, at: number): void {
    const { roles, words, forms } = this.reader;
    if (at > 0 && this.clauses[at - 1].end === '\n') this.onLine = null;
    const before = this.previous;
    const pointedAt = before ?? this.onLine;
    this.previous = null;
    const { named, inherited, issuer } = this.issuerOf(clause);
    // 村（居）委会意见：…（盖章） — the committee's box on a form, which it must fill in and seal.
    const box = named !== undefined && isBox(this.text, clause, words);
    const demanding = issuer !== undefined && (box || clause.matches.some((match) => DEMAND_ROLES.has(roles[match.term])));
    if (issuer) this.namesCommunity = true;
    const takenBack = this.takenBack(clause, at, demanding);
    // 须到社区开具居住证明，现已取消: a withdrawal standing alone takes back the clause just before.
    if (!issuer && before !== null && forms.withdrawsAlone(clause, () => this.nextSaying(at))) {
      this.withdraw(before);
      return;
    }
    if (takenBack) {
      if (demanding) this.cancelsCommunity = true;
      // 该证明现已取消 cancels the demand just made (…须提交村委会证明；该证明现已取消).
      if (!issuer && pointedAt !== null && forms.pointsBack(clause)) this.withdraw(pointedAt);
      return;
    }
    if (demanding && forms.describesMisconduct(this.clauses, at)) {
      this.cancelsCommunity = true;
      return;
    }
    // A question only asks, and a hypothetical only supposes: neither demands nor cancels (an issuer field still stands).
    if (demanding && (forms.askedNotAnsweredYes(this.clauses, at) || forms.supposesPastAct(clause))) return;
    // 在职人员由所在单位出具: another issuer's act, whose facts describe its own document, not the community's.
    if (!issuer && forms.actOfAnother(clause)) return;
    const { text: own, asked } = named ? this.reader.communityPart(clause) : { text: clause.text, asked: inherited };
    const live = this.liveClauses.push(own) - 1;
    // A community that opens its clause and acts in it (初审, 核实) is the subject the next clause may share.
    if (named !== undefined && named.start - clause.start <= TOPIC_REACH &&
      clause.matches.some((match) => ACTION_ROLES.has(roles[match.term]))) this.topic = named;
    if (demanding && asked) this.demand(clause, at, { issuer, box, own, live });
    // 该环节在过渡期内暂予保留，过渡期满后已取消: a clause naming the demand again hands it on to the next.
    else if (!issuer && pointedAt !== null && this.namesDemandAgain(clause)) this.previous = pointedAt;
  }

  /**
   * The community the clause names; else, inherited, the topic the clause before left, when this clause seals
   * with no predicate of its own. The topic is taken either way: only the very next clause may share it.
   */
  private issuerOf(clause: Clause): { named: TermMatch | undefined; inherited: boolean; issuer: TermMatch | undefined } {
    const sharedTopic = this.topic;
    this.topic = null;
    const { roles } = this.reader;
    const named = clause.matches.find((match) => roles[match.term] === 'community-issuer');
    // 村民委员会对…进行初审，在申报表上签署意见并加盖公章: the seal is the committee's, the subject of both clauses —
    // unless the clause starts a predicate of its own (村委会初审，申请人须到医院盖章).
    const inherited = named === undefined && sharedTopic !== null &&
      clause.matches.some((match) => roles[match.term] === 'seal-action') &&
      !clause.matches.some((match) => roles[match.term] === 'negation-barrier');
    return { named, inherited, issuer: named ?? (inherited ? sharedTopic : undefined) };
  }

  /**
   * Whether the clause is taken back: dated by the clause before, listed under a negated head, told as past,
   * cancelled, in a table row answered no, or, when it demands, accepted without the community or answered no. It passes on whether the
   * next clause is dated, and whether it is listed under the head.
   */
  private takenBack(clause: Clause, at: number, demanding: boolean): boolean {
    const { cancellations, forms, listOpeners } = this.reader;
    const next = this.clauses[at + 1];
    const dated = this.datedByPrevious;
    this.datedByPrevious = cancellations.onlyDates(clause);
    const listed = this.listedByPrevious;
    this.listedByPrevious = false;
    const takenBack = dated || listed || cancellations.toldAsPast(this.clauses, at) || cancellations.isCancelled(clause) ||
      (listOpeners.has(clause.end) && cancellations.negatesListed(clause)) ||
      this.rowAnsweredNo(clause.start) || (demanding && (forms.acceptedWithout(clause, next) || cancellations.answeredNo(clause, next)));
    if (takenBack) {
      // 以下事项不再要求社区出具证明：无房证明；… — the negated head governs its list, item after item.
      if (!listed && listOpeners.has(clause.end)) {
        this.headMarker = cancellations.itemMarker(clause);
        this.firstItemMarker = undefined;
      }
      if (listed && this.firstItemMarker === undefined && clause.text.trim() !== '') this.firstItemMarker = cancellations.itemMarker(clause) ?? null;
      this.listedByPrevious = listed
        ? cancellations.listGoesOn(clause, next, { head: this.headMarker, firstItem: this.firstItemMarker })
        : listOpeners.has(clause.end);
    }
    return takenBack;
  }

  /** Whether the clause stands in a table row that answers no (| 健在证明 | 社区居委会 | 否 |). */
  private rowAnsweredNo(offset: number): boolean {
    this.rowsAnswered ??= rowsAnsweredNo(this.text, this.reader.words);
    return this.rowsAnswered(offset);
  }

  /** A clause saying what a certificate must state, with that certificate; none across a sentence's end (。). */
  private mustState(clause: string, end: string): { clause: string; subject: string } | undefined {
    if (end === SENTENCE_END) return undefined;
    const subject = this.reader.mustStateSubject(clause);
    return subject === '' ? undefined : { clause, subject };
  }

  /** Whether a clause opens by naming the demand again: a word pointing back and a practice noun or a certificate word (该环节, 此项要求, 该证明). */
  private namesDemandAgain(clause: Clause): boolean {
    const { words } = this.reader;
    const text = clause.text.trimStart();
    const nouns = [...words['practice-noun'], ...words['certificate-word']];
    return words.anaphor.some((anaphor) => text.startsWith(anaphor) && nouns.some((noun) => text.startsWith(noun, anaphor.length)));
  }

  /** The first clause after the one at `at` that says anything. */
  private nextSaying(at: number): Clause | undefined {
    for (let later = at + 1; later < this.clauses.length; later++) if (this.clauses[later].text.trim() !== '') return this.clauses[later];
    return undefined;
  }

  /** A demand a later clause cancels by pointing back goes, and its clause with it from the live text. */
  private withdraw({ demand, live }: LiveDemand): void {
    const at = this.demands.indexOf(demand);
    if (at !== -1) this.demands.splice(at, 1);
    this.liveClauses.splice(live, 1);
    this.cancelsCommunity = true;
    this.onLine = null;
  }

  /**
   * A clause that asks its community for something demands it, unless it names again what was asked before
   * or is a cancelled box. `own` is the clause's community part; `live`, its place in the live text.
   */
  private demand(clause: Clause, at: number, { issuer, box, own, live }: { issuer: TermMatch; box: boolean; own: string; live: number }): void {
    // 出具上述意见 names again what the text already asked for.
    if (this.demands.length > 0 && this.reader.words['repeat-reference'].some((reference) => clause.text.includes(reference))) return;
    // A box its line cancels (…【此栏不再填写】) asks for nothing.
    if (box && boxCancelled(this.text, clause, this.reader.words)) {
      this.cancelsCommunity = true;
      return;
    }
    const mention = this.mentionOf(clause, at, { issuer, box, own });
    this.demands.push(mention);
    this.previous = this.onLine = { demand: mention, live };
  }

  /** The mention a demanding clause makes. */
  private mentionOf(clause: Clause, at: number, { issuer, box, own }: { issuer: TermMatch; box: boolean; own: string }): CommunityMention {
    const { roles, terms, words, forms, listOpeners } = this.reader;
    // A community document that substitutes for another (…场地使用证明可以代替房屋产权证明) is what is asked for.
    const substitute = forms.substitutePart(clause);
    const demanded = substitute === clause ? own : this.reader.communityPart(substitute).text;
    const seal = clause.matches.some((match) => roles[match.term] === 'seal-action');
    // A certificate word inside an act (签署意见) names no document the resident must fetch.
    const acts = clause.matches.filter((match) => ACTION_ROLES.has(roles[match.term]));
    const attests = seal || clause.matches.some((match) => roles[match.term] === 'certificate-word' &&
      !acts.some((act) => insideLonger(match, act)));
    const next = this.clauses[at + 1]?.text.trimStart() ?? '';
    // A box is its line: what the line says is what the committee attests (村（居）委会意见：经核实，该老人健在;
    // 办理人与逝者关系：____ 村（居）委会签章：____). Any other label's value is what follows it in its sentence
    // (需社区出具证明：申请人失业在家。).
    const labelValue = box ? lineAround(this.text, clause) : listOpeners.has(clause.end) ? restOfSentence(this.text, clause) : '';
    const previousClause = this.clauses[at - 1]?.text ?? '';
    // What the certificate must state, said in the clause right after the demand or right before it in its sentence
    // (居住证明须注明家庭成员及收入情况，并加盖社区公章): it counts for a demand of that certificate only.
    const content = labelValue.trim() !== '' ? { clause: labelValue, subject: '' } : this.reader.statesContent(next) ? { clause: next, subject: '' }
      : this.mustState(next, clause.end) ?? this.mustState(previousClause, this.clauses[at - 1]?.end ?? '') ?? { clause: '', subject: '' };
    return {
      clause: demanded, issuer: terms[issuer.term], seal, attests, previousClause,
      signs: words['sign-action'].some((term) => clause.text.includes(term)),
      boxLabel: box,
      contentClause: content.clause, contentSubject: content.subject,
      caseClause: namesCase(previousClause, words) ? previousClause : '',
    };
  }
}
