import { Cancellations, namesCase } from './cancellations.js';
import { ClauseSplitter } from './clauseSplitter.js';
import { walkClauses } from './clauseWalk.js';
import type { ClauseReaderParts } from './clauseWalk.js';
import { withUnchosenOptionsDropped } from './formBoxes.js';
import { citations, withoutLookalikes } from './lookalikes.js';
import { memoize } from './memo.js';
import { greatest, TermIndex } from './termIndex.js';
import { ACTION_ROLES, DEMAND_ROLES, EDGE_ROLES, ISSUER_ROLE, SentenceForms } from './sentenceForms.js';
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
  /**
   * The certificate the content clause names as what must state it (居住证明 in 居住证明须注明家庭成员…), else '': such
   * content counts only for a demand of that certificate.
   */
  contentSubject: string;
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
  /** A community is named as a party to its own contract or application (发包方（村委会）): the author, not a certifier. */
  namesCommunityAsParty: boolean;
}

/** How many characters may stand before a content marker that opens a clause (信中写明, 证明中载明). */
const CONTENT_SUBJECT_REACH = 3;
/** How far an obligation may stand before the content marker it governs (须同时载明), and how long one may be. */
const OBLIGATION_REACH = 2;
const MAX_OBLIGATION_LENGTH = 4;

/**
 * Reads normalised text: drops the options a form's choices leave out (formBoxes.ts) and the community words
 * look-alikes cover (lookalikes.ts), splits the rest into clauses (clauseSplitter.ts) and walks them in order
 * (clauseWalk.ts). A clause demands a community certificate when it names a community issuer together with a
 * seal or certify action or a certificate word, unless something takes it back (cancellations.ts): a negation
 * close to those words (无需社区盖章; but not 免交学费…须持村委会出具的证明), a historical marker, a negated list
 * head over its items, a later clause pointing back at it.
 */
export class CommunityTextReader {
  private readonly index: TermIndex;
  private readonly roles: Role[] = [];
  private readonly terms: string[] = [];
  private readonly forms: SentenceForms;
  private readonly cancellations: Cancellations;
  private readonly splitter: ClauseSplitter;
  private readonly listOpeners: ReadonlySet<string>;
  /** Content markers that also name a document (证明, 说明): they open a content clause only at its very start. */
  private readonly documentMarkers: ReadonlySet<string>;
  /** Pairs of characters side by side inside an issuer, demand or certificate word: where a line break is a remnant. */
  private readonly wordPairs = new Set<string>();
  /** What a walk over one text's clauses reads them with (clauseWalk.ts). */
  private readonly parts: ClauseReaderParts;

  /** `certificateTerms`: the rules' certificate facts (养犬, 婚姻状况), whose words a line break may split too. */
  constructor(private readonly words: ReaderVocabularies, certificateTerms: readonly string[] = []) {
    this.listOpeners = new Set(words['list-opener']);
    this.documentMarkers = new Set(words['content-marker'].filter((marker) => words['certificate-word'].includes(marker)));
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
    this.cancellations = new Cancellations(this.roles, this.forms, words);
    this.splitter = new ClauseSplitter({ roles: this.roles, terms: this.terms, words, cancellations: this.cancellations });
    this.parts = {
      roles: this.roles, terms: this.terms, words, forms: this.forms, cancellations: this.cancellations, listOpeners: this.listOpeners,
      communityPart: (clause) => this.communityPart(clause), statesContent: (clause) => this.statesContent(clause),
      mustStateSubject: (clause) => this.mustStateSubject(clause),
    };
  }

  /** Memoised: texts repeat across a corpus, and a reading is never modified. */
  readonly read: (text: string) => TextReading = memoize((text) => this.readUncached(text));

  private readUncached(written: string): TextReading {
    const text = withUnchosenOptionsDropped(this.withBrokenWordsJoined(written), this.words);
    const reading: TextReading = {
      demands: [], namesCommunity: false, cancelsCommunity: false, liveText: text, withdrawsItem: false, lastClause: text, namesCommunityAsParty: false,
    };
    if (text.length === 0) return reading;
    const { live, communityAsParty } = withoutLookalikes(text, this.index.findAll(text), citations(text, this.words), this.roles, this.words);
    reading.namesCommunityAsParty = communityAsParty;
    reading.withdrawsItem = this.cancellations.withdrawsItem(text, live);
    const clauses = this.splitter.split(text, live);
    Object.assign(reading, walkClauses(this.parts, text, clauses));
    const [caseClause, last] = clauses.filter((clause) => clause.text.trim() !== '').slice(-2);
    if (last !== undefined && namesCase(caseClause.text, this.words)) reading.lastClause = last.text;
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

  /** Whether a clause says what a document states: a content marker opens it, after at most a short subject (信中写明), or a confirmation marker opens it at its very start (确认本人仍健在). */
  statesContent(clause: string): boolean {
    if (this.words['confirmation-marker'].some((marker) => clause.startsWith(marker))) return true;
    return this.words['content-marker'].some((marker) => {
      const at = clause.indexOf(marker);
      return at === 0 || (at > 0 && at <= CONTENT_SUBJECT_REACH && !this.documentMarkers.has(marker));
    });
  }

  /**
   * Whether a text has a clause that is nothing but an item withdrawal (选填，可不提供; 非必需材料，如有请提供), not
   * after a case (户口簿能反映亲属关系的，可不提供): the document it is a note of may be left out whole (not
   * 原件可不提供, which spares only the original).
   */
  leavesOutWhole(reading: TextReading): boolean {
    if (!reading.withdrawsItem) return false;
    const clauses = reading.liveText.split('\n');
    return clauses.some((clause, at) => this.words['item-withdrawal'].includes(clause.trim()) && (at === 0 || !namesCase(clauses[at - 1], this.words)));
  }

  /**
   * The clauses of a text (a reading's live text: one a line) that hold an obligation before a content marker (须注明…):
   * the few a note's reader must look at closely. Memoised: notes repeat across a corpus, and most hold none.
   */
  readonly obligingClauses: (text: string) => string[] = memoize((text) =>
    text.split('\n').filter((clause) => this.beforeContentObligation(clause) !== undefined));

  /**
   * Whether a note's clause obliges the document it is a note of to state something: an obligation right before a
   * content marker, or an adverb apart, with nothing before it but that document (须注明…; 证明中须同时载明…;
   * 居住证明须写明…). Not 载明… (what a document says), 证明… (a purpose), nor another's obligation (申请人须自行注明,
   * 申请表中须注明, 无需注明), nor one whose content describes another document (须提供载明婚姻状况的户口簿).
   */
  obligesOwnContent(clause: string, name: string): boolean {
    const before = this.beforeContentObligation(clause);
    if (before === undefined || this.endsInAnotherDocument(clause)) return false;
    if (before === '') return true;
    const subject = this.mustStateSubject(clause);
    if (subject !== '') return name.includes(subject);
    // The document's own word with a place after it (证明中, 证明上).
    return before.length <= CONTENT_SUBJECT_REACH && this.words['certificate-word'].some((word) => before.startsWith(word) && name.endsWith(word));
  }

  /**
   * The certificate a clause says must state something (居住证明 in 居住证明须注明家庭成员及收入情况: the certificate, an
   * obligation, a content marker), else ''.
   */
  mustStateSubject(clause: string): string {
    const before = this.beforeContentObligation(clause);
    if (before === undefined) return '';
    // The certificate's own name: what its attributes (申请人的…) and a word pointing back (该…) leave of it.
    let subject = before.slice(greatest(this.words['attributive-marker'].map((attribute) => {
      const last = before.lastIndexOf(attribute);
      return last === -1 ? 0 : last + attribute.length;
    }), 0));
    const anaphor = this.words.anaphor.find((word) => subject.startsWith(word));
    if (anaphor !== undefined) subject = subject.slice(anaphor.length);
    return this.words['certificate-word'].some((word) => subject.endsWith(word)) ? subject : '';
  }

  /** Whether a clause ends by naming a document after an attributive (…载明婚姻状况的户口簿): what it states is that document's. */
  private endsInAnotherDocument(clause: string): boolean {
    const nouns = [...this.words['certificate-word'], ...this.words['document-noun']];
    return this.words['attributive-marker'].some((marker) => {
      const at = clause.lastIndexOf(marker);
      return at !== -1 && nouns.some((noun) => clause.endsWith(noun) && clause.length - noun.length >= at + marker.length);
    });
  }

  /** What stands before the obligation that governs a content marker of the clause (居住证明 in 居住证明须同时注明…), if one does. */
  private beforeContentObligation(clause: string): string | undefined {
    for (const marker of this.words['content-marker']) {
      const at = clause.indexOf(marker);
      if (at <= 0 || this.documentMarkers.has(marker)) continue;
      // The whole obligation (必须, not its 须), wherever several end near the marker.
      const near = Math.max(0, at - OBLIGATION_REACH - MAX_OBLIGATION_LENGTH);
      let start = Infinity;
      for (const word of this.words.obligation) {
        const found = clause.lastIndexOf(word, at - word.length);
        if (found >= near && at - (found + word.length) <= OBLIGATION_REACH) start = Math.min(start, found);
      }
      if (start !== Infinity) return clause.slice(0, start);
    }
    return undefined;
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
    // Another body's document listed before a community part that names its own document (房屋租赁合同、不动产权证书
    // 或…社区居委会出具的居住证明) is another material or an alternative: it lends that document none of its facts.
    // Before a generic one (残疾人证或社区出具的证明) it says what the community's document proves.
    const first = parts.findIndex((part) => part.community);
    const own = parts[first].text.trimEnd();
    const namesItsDocument = !this.words['generic-document'].some((word) =>
      [...this.words['attributive-marker'], ...this.words['issuing-action']].some((before) => own.endsWith(before + word)));
    const othersDocument = (part: { text: string }) => {
      const name = this.words.coordinator.reduce((rest, coordinator) => (rest.endsWith(coordinator) ? rest.slice(0, -coordinator.length) : rest), part.text);
      return this.words['document-noun'].some((noun) => name.endsWith(noun));
    };
    const kept = parts.filter((part, at) => (at >= first || !namesItsDocument || !othersDocument(part)) && (part.community || !part.attributive))
      .map((part) => part.text).join('');
    return { text: kept.length > 0 ? kept : text, asked: true };
  }
}
