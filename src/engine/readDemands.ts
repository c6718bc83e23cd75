/**
 * Where a step demands something of a community: its requirements (issuer, name, note, purpose) and its
 * prose read into demands, each with the texts its certificate is looked up in.
 */
import type { Range, Requirement, Step } from '../model/procedure.js';
import type { CompiledRules } from './compileRules.js';
import type { CommunityMention, TextReading } from './communityText.js';
import { normalizeText } from './normalizeText.js';

/** One place where a step demands something of a community. */
export interface Demand {
  range: Range;
  requirementIndex: number | null;
  /** What is demanded, as written (the requirement's name or the clause). */
  document: string;
  /**
   * Normalised texts the demanded certificate is looked up in, in order: the first that names one
   * decides. A document's name is read whole; prose only next to a demand word.
   */
  certificateTexts: { text: string; isName: boolean }[];
  /**
   * What the document is said to state (…，证明中须载明父母婚姻状况; 居住证明（须注明…无自有住房）): its facts
   * count beside those of the first certificate text, so a retained certificate that must state a listed fact
   * is that item too.
   */
  contentTexts: string[];
  issuer: string;
  stamp: boolean;
  fromRequirement: boolean;
  /**
   * Prose naming what it demands by a noun of its own — a form it seals or signs (减免申请表经社区盖章, …申请表》，须经村委会
   * 盖章) or, outside the step's name (a title), a certificate (…村委会出具的护理情况证明, not 须社区出具证明): a demand of
   * its own, even when it names no listed fact.
   */
  namesOwnDocument: boolean;
}

/** Finds the step's community demands (requirements first, then free text) and the texts of its context. */
export function readStep(step: Step, rules: CompiledRules): { demands: Demand[]; contextTexts: string[] } {
  const demands: Demand[] = [];
  const contextParts: string[] = [];
  const prose = [step.name, step.description].flatMap((field) => {
    if (field === null) return [];
    const text = normalizeText(field.text);
    return [{ field, text, reading: rules.reader.read(text) }];
  });
  for (const requirement of step.requirements) {
    const texts = [requirement.name, requirement.note, requirement.purpose].map((field) => (field ? normalizeText(field.text) : ''));
    contextParts.push(...texts);
    const demand = readRequirement(requirement, texts, rules);
    if (demand) demands.push(demand);
  }
  // A step the agency or a third party performs may describe the community's part in it (由村委会初审);
  // only a seal or a certificate there is something the resident must fetch.
  const agencyStep = step.actor !== null && rules.actsForAgency(step.actor);
  // A step the community alone performs (actor 村两委) may describe its own review (由村委会初审后报乡镇): no demand
  // unless it seals, signs, issues a certificate or vouches for a listed fact (村委会核实申请人婚姻状况).
  const communityStep = step.actor !== null && rules.namesOnlyCommunity(step.actor);
  for (const { field, text, reading } of prose) {
    contextParts.push(text);
    for (const mention of reading.demands) {
      const demand = proseDemand({ mention, reading, range: field.range, agencyStep, communityStep, title: field === step.name }, rules);
      if (demand) demands.push(demand);
    }
  }
  return { demands, contextTexts: contextParts };
}

/**
 * What a demand's document is said to state: its content clause, unless that clause says it of another certificate
 * than `document` names (单位收入证明须写明月收入 beside a demand of 居住证明).
 */
function statedOf(mention: CommunityMention, document: string): string {
  return mention.contentSubject === '' || document.includes(mention.contentSubject) ? mention.contentClause : '';
}

/** A mention of a community in a step's prose, with the reading it comes from and where the text stands. */
interface ProseMention {
  mention: CommunityMention;
  reading: TextReading;
  range: Range;
  /** Whether the agency or a third party performs the step. */
  agencyStep: boolean;
  /** Whether the community alone performs the step. */
  communityStep: boolean;
  /** Whether the text is the step's name: a title, which repeats what the step asks for. */
  title: boolean;
}

/** The demand a mention in a step's prose makes of the resident, if any. */
function proseDemand({ mention, reading, range, agencyStep, communityStep, title }: ProseMention, rules: CompiledRules): Demand | null {
  // A committee's own act is no demand on it, nor the village's own record (a resolution, minutes) named with no
  // certificate, nor a seal naming no document after a clause naming one (…形成决议，由村委会加盖公章) — unless the
  // text vouches for a listed fact about a resident (…讨论决定，由村委会盖章确认申请人无固定收入; …盖章，并出具申请人家庭
  // 收入证明).
  const kind = rules.documentKind(mention.clause);
  const ownRecord = kind !== 'certificate' && rules.certificateFamiliesInProse(reading.liveText).size === 0 &&
    (rules.namesOwnRecord(mention.clause, false) || (mention.seal && kind === null && rules.namesOwnRecord(mention.previousClause, false)));
  const ownReview = communityStep && !mention.attests && !mention.signs && rules.certificateFamiliesInProse(mention.clause).size === 0;
  if ((agencyStep && !mention.attests) || ownReview || rules.namesOwnAct(mention.clause) || ownRecord) return null;
  // The community's hand on a form is a stamp demand: its box on the form (村（居）委会意见：____（盖章）), any act
  // on a form the clause names (申请表须经村委会审核), a seal or a signature on one the clause before names
  // (…领取申请表，填好后找社区签个字).
  const handOnForm = mention.boxLabel || (kind === 'form' && (mention.seal || !mention.attests)) || (kind === null && (mention.seal || mention.signs) &&
    mention.caseClause === '' && rules.documentKind(mention.previousClause) === 'form');
  const onForm = kind === 'form' || handOnForm;
  const namedCertificate = kind === 'certificate' && !rules.namesGenericDocument(mention.clause);
  const stated = statedOf(mention, mention.clause);
  return {
    range,
    requirementIndex: null,
    document: mention.clause,
    // What a document is said to state (…，载明相邻业主无异议; a form too: …出具推荐意见，写明申请人失业在家), then
    // the case it is for (住宅改为经营性用房的，…; not a form's: its seal is a stamp demand), are read whole, like
    // a name, when the clause itself names no certificate.
    // The rest of the text is looked in only for a document with no name of its own (须村委会出具证明, a seal on a form):
    // a certificate named by its own noun (护理情况证明) borrows no fact from another sentence.
    certificateTexts: [
      { text: mention.clause, isName: false },
      ...[stated, onForm ? '' : mention.caseClause].filter((text) => text !== '').map((text) => ({ text, isName: true })),
      ...(namedCertificate ? [] : [{ text: reading.liveText, isName: false }]),
    ],
    contentTexts: stated === '' ? [] : [stated],
    issuer: mention.issuer,
    stamp: (mention.seal && kind !== 'certificate') || handOnForm,
    fromRequirement: false,
    namesOwnDocument: handOnForm || (namedCertificate && !title),
  };
}

/** The demand a requirement makes of a community, if any, from its issuer and its normalised name, note and purpose. */
function readRequirement(requirement: Requirement, [name, note, purpose]: string[], rules: CompiledRules): Demand | null {
  const { reader } = rules;
  const issuer = requirement.issuer ? reader.read(normalizeText(requirement.issuer.text)) : null;
  const readings = [name, note, purpose].map((text) => reader.read(text));
  const [nameReading, noteReading, purposeReading] = readings;
  // Most requirements name no community at all: nothing more to read.
  if (!issuer?.namesCommunity && readings.every((reading) => reading.demands.length === 0)) return null;
  const bareName = withoutAsides(name);
  // A committee's own act (指定监护书, 以自身名义申请) names the committee as its author, not as a certifier. A note
  // that asks the community for something says so in that clause or one naming the community before it
  // (社区居委会以自身名义申请，加盖本居委会公章); another's act beside it (人民法院指定监护的判决书，也可由社区居委会出具
  // 监护证明), or in a note naming no community (无人民法院指定监护判决的提供此证明), is no act of the community's.
  const noteActs = noteReading.demands.length === 0 ? (noteReading.namesCommunity ? [note] : [])
    : noteReading.demands.flatMap(({ clause, previousClause }) => reader.read(previousClause).namesCommunity ? [previousClause, clause] : [clause]);
  const ownAct = rules.namesOwnAct(name) || noteActs.some((text) => rules.namesOwnAct(text)) || rules.namesOwnRecord(bareName, true);
  // A note leaving the whole document out (选填，可不提供) makes a name that says who issues it (村（居）委会出具的受伤经过
  // 说明) no demand; a demand the note or purpose makes still is.
  const optional = reader.leavesOutWhole(noteReading) && noteReading.demands.length === 0 && purposeReading.demands.length === 0;
  const textDemand = ownAct || optional ? undefined : readings.find((reading) => reading.demands.length > 0)?.demands[0];
  // A written cancellation ("无需社区盖章") or withdrawal of the item ("此项已取消", "信息共享获取") outweighs a
  // stale issuer field; a demand in text outweighs both.
  const cancelled = readings.some((reading) => reading.cancelsCommunity || reading.withdrawsItem);
  // A community issuer field on a blank form the applicant fills in (在村委会协办员处领取，由参保人本人填写), or on
  // materials it only collects and passes on (由协办员代为收取并统一转交), says where they are handed out or in; unless
  // a seal is asked for, nobody asks the community to certify them.
  const nameKind = rules.documentKind(name);
  const handedOut = !requirement.stamp && nameKind !== 'certificate' && rules.certificateFamiliesOfName(name).size === 0 &&
    (rules.filledByApplicant(note) || rules.filledByApplicant(purpose));
  // A name or note naming the community as a party (村民委员会代表农民集体作为土地所有者一方签字盖章) says whose hand the issuer
  // field's seal is on a contract or form: the committee signing its own, not certifying a resident. A certificate
  // (家庭收入证明, note 发包方为村委会…) is still one.
  const asParty = nameKind !== 'certificate' && (nameReading.namesCommunityAsParty || noteReading.namesCommunityAsParty);
  const issuerDemands = issuer !== null && issuer.namesCommunity && !(cancelled && !textDemand) && !ownAct && !handedOut && !asParty;
  if (!textDemand && !issuerDemands) return null;
  // What the document is said to state: beside a demand in its texts, or in a clause of the note obliging it to
  // (证明中须同时载明适龄儿童与父母的亲属关系; not what another certificate must state: 单位收入证明须注明月收入), without
  // the examples an aside gives (须注明致困原因（如因病、因残）).
  const noteStates = reader.obligingClauses(noteReading.liveText).map(withoutAsides).filter((clause) => reader.obligesOwnContent(clause, name));
  const stated = [...new Set([...readings.flatMap((reading) => reading.demands.map((demand) => statedOf(demand, name)).filter((text) => text !== '')), ...noteStates])];
  return {
    range: requirement.range,
    requirementIndex: requirement.index,
    document: requirement.name?.text ?? '',
    // When only a note or purpose makes the demand (a form whose note says 须村委会出具婚姻状况证明), the
    // certificate it names is what the community is asked for, before anything the form's name names.
    certificateTexts: certificateTextsOf({ name, bareName, readings, stated }, !issuerDemands && nameReading.demands.length === 0, rules),
    // …and its facts count beside those of the certificate named, as do an aside of the name that says what the
    // document states (居住证明（须注明申请人家庭在本市无自有住房）).
    contentTexts: [...stated, ...asides(name).filter((aside) => reader.statesContent(aside))],
    issuer: (issuerDemands ? requirement.issuer?.text : undefined) ?? textDemand?.issuer ?? '',
    // A seal, or the community's hand on a form (村组干部签字确认 on a 申报表), is a stamp demand; on a certificate it is the certificate.
    stamp: nameKind === 'form' || (nameKind === null && (requirement.stamp || readings.some((reading) => reading.demands.some((demand) => demand.seal || demand.boxLabel)))),
    fromRequirement: true,
    namesOwnDocument: false,
  };
}

/** A requirement's texts as read: its name with and without its asides, the readings of name, note and purpose. */
interface RequirementTexts {
  name: string;
  bareName: string;
  readings: TextReading[];
  /** What the document is said to state (…，载明申请人与其父母之间的亲属关系). */
  stated: string[];
}

/**
 * The texts a requirement's certificate is looked up in, in order (Demand.certificateTexts). The name says what the
 * document is: the clause of it that makes the demand before the whole of it, without its bracketed notes
 * (（原件1份）, （身份证丢失的提供）) before with them; the note and purpose only when the name names nothing.
 */
function certificateTextsOf({ name, bareName, readings, stated }: RequirementTexts, demandedInNotesFirst: boolean, rules: CompiledRules): Demand['certificateTexts'] {
  const { reader } = rules;
  const [nameReading, noteReading, purposeReading] = readings;
  const bareReading = reader.read(bareName);
  const generic = rules.namesNoDocument(bareName);
  // A name that says only who issues it (村委会介绍信) is what its note says it states too; its purpose stays a purpose.
  const described = generic || rules.namesOnlyIssuer(bareName)
    ? [noteReading, purposeReading].flatMap((reading) => reading.liveText.split('\n').filter((line) => reader.statesContent(line)))
    : [];
  const demandedInNotes = demandedInNotesFirst ? [...noteReading.demands, ...purposeReading.demands].map(({ clause }) => clause) : [];
  return [
    ...demandedInNotes.map((text) => ({ text, isName: false })),
    ...[
      ...bareReading.demands.map(({ clause }) => clause),
      ...nameReading.demands.map(({ clause }) => clause),
      // A name with its case before it (户口簿遗失的，提供户籍证明) names what its last clause names.
      ...(bareReading.lastClause === bareName ? [] : [bareReading.lastClause]),
      bareName, name,
      // What the document is said to state: when nothing before names a certificate, it does, and it counts in the
      // purpose and the fingerprint.
      ...stated,
    ].map((text) => ({ text, isName: true })),
    // A name that says nothing of the document (证明, 相关证明) leaves it to be what its note or purpose says it states
    // (证明申请人在本社区居住满#个月，用于办理失业登记: residence), else what it is for (用于申请变更户口登记出生日期);
    // a name of its own (出院小结 for 用于失业登记) keeps its purpose a purpose.
    ...described.map((text) => ({ text, isName: true })),
    { text: noteReading.liveText, isName: false },
    { text: purposeReading.liveText, isName: generic && described.length === 0 },
  ];
}

const ASIDE_OPENERS = /[([【〔]/;

/** An innermost bracketed aside (normalised brackets: ( ), [ ], 【 】, 〔 〕), its content captured. */
const INNERMOST_ASIDE = /\(([^()]*)\)|\[([^[\]]*)\]|【([^【】]*)】|〔([^〔〕]*)〕/g;

/** The innermost bracketed asides of a text, what withoutAsides takes out first. */
function asides(text: string): string[] {
  if (!ASIDE_OPENERS.test(text)) return [];
  return [...text.matchAll(INNERMOST_ASIDE)].map((match) => match.slice(1).find((part) => part !== undefined) ?? '');
}

/** A text without its bracketed asides. */
function withoutAsides(text: string): string {
  if (!ASIDE_OPENERS.test(text)) return text;
  let previous;
  let current = text;
  do {
    previous = current;
    current = current.replace(INNERMOST_ASIDE, ''); // innermost first, then outward
  } while (current !== previous);
  return current;
}

/** The certificate families of the first of the demand's texts that names any, and of what it is said to state. */
export function demandFamilies(demand: Demand, rules: CompiledRules): ReadonlySet<number> {
  let named: ReadonlySet<number> = new Set();
  let decided = false;
  for (const { text, isName } of demand.certificateTexts) {
    named = isName ? rules.certificateFamiliesOfName(text) : rules.certificateFamiliesInProse(text);
    // A text naming a topic no list names (出具现实表现证明) decides too: its case (无工作单位的) is not what is certified.
    decided = named.size > 0 || rules.namesUnlistedTopic(text, isName);
    if (decided) break;
  }
  // For whom it is issued (无业人员由社区出具) says what is certified only when nothing else does, and the document has
  // no name of its own (监护证明 for 父母外出务工的由村委会出具 is a guardianship certificate).
  if (!decided && namesNoOwnDocument(withoutAsides(normalizeText(demand.document)), rules)) {
    for (const { text } of demand.certificateTexts) {
      named = rules.subjectFamilies(text);
      if (named.size > 0) break;
    }
  }
  const stated = demand.contentTexts.map((text) => rules.certificateFamiliesOfName(text)).filter((families) => families.size > 0);
  return stated.length === 0 ? named : new Set([...named, ...stated.flatMap((families) => [...families])]);
}

/** Whether a document is named by no certificate noun of its own: a clause, a form, or a generic name (证明, 村委会证明). */
function namesNoOwnDocument(document: string, rules: CompiledRules): boolean {
  return rules.documentKind(document) !== 'certificate' || rules.namesNoDocument(document) || rules.namesOnlyIssuer(document);
}
