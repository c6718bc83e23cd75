import { gap, insideLonger } from './termIndex.js';
import type { TermMatch } from './termIndex.js';
import type { ReaderVocabularies, Role } from './sentenceForms.js';

/**
 * Community words that name no issuer: inside a look-alike (社区卫生服务中心), a place or notice board
 * (阳光社区东区12号楼, 居委会公告栏), a contract party (发包方（村委会）) or a cited law's title. The clause
 * reader (communityText.ts) drops them before it splits a text into clauses.
 */

/** How far after a community word a place or notice-board marker shows it is not an issuer. */
const LOOKALIKE_AFTER_REACH = 6;

/** Brackets that may stand between a community and the coordinator offering another issuer (居委会（或物业）). */
const OPENING_BRACKETS = /^[([]+/;

/** A title in book-title marks (《…》), as normalisation leaves them. */
const BOOK_TITLE = /《([^《》]*)》/g;

/** Where a cited title stands in the read text. */
export interface Citation {
  start: number;
  end: number;
}

/**
 * Titles in the text that name no act: of laws and rules (《中华人民共和国村民委员会组织法》), where a community named is
 * cited, not asked; and of an applicant's forms (《就业困难人员认定申请表》), where an act named (认定) is the matter
 * applied for.
 */
export function citations(text: string, words: Pick<ReaderVocabularies, 'citation-ending' | 'application-form'>): { laws: Citation[]; forms: Citation[] } {
  const titles = { laws: [] as Citation[], forms: [] as Citation[] };
  if (!text.includes('《')) return titles;
  for (const title of text.matchAll(BOOK_TITLE)) {
    const name = title[1].replace(/\([^()]*\)$/, ''); // 《…办法(试行)》
    const place = { start: title.index, end: title.index + title[0].length };
    if (words['citation-ending'].some((ending) => name.endsWith(ending))) titles.laws.push(place);
    else if (words['application-form'].some((ending) => name.endsWith(ending))) titles.forms.push(place);
  }
  return titles;
}

/**
 * Drops community terms that overlap a look-alike (社区 in 社区卫生服务中心), unless the look-alike
 * itself lies inside a longer community term (社区居民 in 社区居民委员会), community terms closely
 * followed by a place or notice-board marker with no coordinator between (阳光社区东区12号楼, 居委会公告栏; not
 * 社区或物业), community terms close to a contract role in the same clause (发包方（村委会）, 发包方：村委会: a party
 * to its own contract; not 申请主体为农户的，由村委会出具), community terms inside a cited title, and certify acts
 * inside an application form's title (认定 in 《就业困难人员认定申请表》: the matter applied for). Says too
 * whether a community it drops stands as such a party. `roles` is the clause reader's: each indexed term's role,
 * by term number (TermMatch.term).
 */
export function withoutLookalikes(
  text: string, matches: TermMatch[], titles: { laws: readonly Citation[]; forms: readonly Citation[] }, roles: readonly Role[],
  words: Pick<ReaderVocabularies, 'coordinator' | 'clause-separator' | 'list-opener'>,
): { live: TermMatch[]; communityAsParty: boolean } {
  const issuers = matches.filter((match) => roles[match.term] === 'community-issuer');
  const lookalikes = matches.filter((match) => roles[match.term] === 'community-lookalike' &&
    !issuers.some((issuer) => insideLonger(match, issuer)));
  const markers = matches.filter((match) => roles[match.term] === 'lookalike-after');
  const parties = matches.filter((match) => roles[match.term] === 'party-role');
  // A label's colon (发包方：村委会) joins a role to its holder; other clause breaks part them.
  const breaks = matches.filter((match) => roles[match.term] === 'clause-separator' && !words['list-opener'].includes(text.slice(match.start, match.end)));
  // 社区或物业, 居委会（或物业）: a coordinator alone between the community and the place offers the committee beside
  // it, it does not make it one (a 和 opening a place's name, 阳光社区和平里3号楼, does not).
  const marks = (issuer: TermMatch, marker: TermMatch) => {
    if (marker.start < issuer.end || marker.start - issuer.end > LOOKALIKE_AFTER_REACH) return false;
    const between = text.slice(issuer.end, marker.start).replace(OPENING_BRACKETS, '');
    // A clause break is no coordinator here (村委会\n公示栏, 阳光社区,3号楼 stay places).
    return !(words.coordinator.includes(between) && !words['clause-separator'].includes(between));
  };
  const asParty = (issuer: TermMatch) => parties.some((party) => {
    if (gap(party, issuer) > LOOKALIKE_AFTER_REACH) return false;
    const [from, to] = party.end <= issuer.start ? [party.end, issuer.start] : [issuer.end, party.start];
    return !breaks.some((end) => end.start >= from && end.end <= to);
  });
  let communityAsParty = false;
  const live = matches.filter((match) => {
    const role = roles[match.term];
    if (role === 'community-lookalike' || role === 'lookalike-after' || role === 'party-role') return false;
    if (role === 'clause-separator') return true;
    if (role === 'certify-action' && within(match, titles.forms)) return false;
    if (lookalikes.some((cover) => cover.start < match.end && match.start < cover.end)) return false;
    if (role !== 'community-issuer') return true;
    if (within(match, titles.laws) || markers.some((marker) => marks(match, marker))) return false;
    if (!asParty(match)) return true;
    communityAsParty = true;
    return false;
  });
  return { live, communityAsParty };
}

/** Whether a match lies inside one of the titles. */
function within(match: TermMatch, titles: readonly Citation[]): boolean {
  return titles.some((title) => title.start <= match.start && match.end <= title.end);
}
