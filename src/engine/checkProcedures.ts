import type { Finding, LocalizedText, Severity, Span } from '../model/finding.js';
import type { Procedure, Range, Requirement, SourceFile, Step, StepConsumer } from '../model/procedure.js';
import type { DepartmentDefinition } from '../model/ruleSet.js';
import { shortHash } from '../model/fingerprint.js';
import type { CompiledRule, CompiledRules } from './compileRules.js';
import type { DemandFacts } from './matchers.js';
import { ownCopy } from './memo.js';
import { duplicateIdFinding } from './duplicateIds.js';
import { ReportBuilder } from './reportBuilder.js';
import { normalizeText } from './normalizeText.js';
import { render } from './renderMessage.js';

export interface CheckOptions {
  /** Rules are evaluated as of this date (YYYY-MM-DD): not yet effective rules stay silent. */
  asOf: string;
}

/** One place where a step demands something of a community. */
interface Demand {
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
  /** Prose that seals or signs a form it names (减免申请表经社区盖章, …申请表》，须经村委会盖章): a demand of its own. */
  sealsNamedForm: boolean;
}

const CLAUSE_JOIN = '\n';

/** Where a procedure is defined: what the corpus-wide duplicate-id check needs of each file. */
export interface ProcedureIdentity {
  id: string;
  file: string;
  department: string;
  span: Span;
}

/** What the summary table needs of a file once its procedures are gone. */
export interface FileSummary {
  path: string;
  procedures: { department: string; departmentName: LocalizedText | null; steps: number }[];
}

export interface FileCheck {
  findings: Finding[];
  identities: ProcedureIdentity[];
  summary: FileSummary;
}

/** What every finding of one procedure shares. */
interface ProcedureScope {
  path: string;
  procedure: Procedure;
  /** The procedure's id, copied once: findings outlive the file's text. */
  id: string;
  /** The department code when the rule set knows the department, else the department as written. */
  department: string;
  known: DepartmentDefinition | null;
  where: (range: Range) => Span;
}

/**
 * Checks one file on its own; files are independent, so they can be checked in any order or thread.
 * As a step consumer it checks the steps a loader hands it as they are read (and holds none of them);
 * `finish` then checks the steps the file's procedures still list and gives the whole file's result.
 */
export class FileChecker implements StepConsumer {
  private readonly taken = new Map<Procedure, ProcedureCheck>();

  constructor(private readonly path: string, private readonly rules: CompiledRules, private readonly options: CheckOptions) {}

  take(procedure: Procedure, step: Step, locate: SourceFile['locate']): void {
    let check = this.taken.get(procedure);
    if (check === undefined) {
      check = this.checkOf(procedure, locate);
      this.taken.set(procedure, check);
    }
    check.step(step);
  }

  discard(): void {
    this.taken.clear();
  }

  private checkOf(procedure: Procedure, locate: SourceFile['locate']): ProcedureCheck {
    return new ProcedureCheck({ path: this.path, procedure, where: locate, rules: this.rules, options: this.options });
  }

  /** The whole file's check, once it is loaded: `file` is the file this checker was made for. */
  finish(file: SourceFile): FileCheck {
    const findings = [...file.loadFindings];
    const identities: ProcedureIdentity[] = [];
    const procedures: FileSummary['procedures'] = [];
    for (const procedure of file.procedures) {
      const check = this.taken.get(procedure) ?? this.checkOf(procedure, file.locate);
      for (const step of procedure.steps) check.step(step);
      const { scope } = check;
      identities.push({ id: scope.id, file: this.path, department: scope.department, span: file.locate(procedure.range) });
      findings.push(...check.findings);
      // Strings that outlive the file are own copies, so none keeps the file's text alive.
      const written = procedure.departmentName === null ? null : ownCopy(procedure.departmentName);
      const departmentName = scope.known ? { zh: scope.known.zh, en: scope.known.en } : written === null ? null : { zh: written, en: written };
      procedures.push({ department: scope.department, departmentName, steps: check.stepCount });
    }
    this.taken.clear();
    return { findings, identities, summary: { path: this.path, procedures } };
  }
}

/** Checks a loaded file whose procedures list their steps. */
export function checkFile(file: SourceFile, rules: CompiledRules, options: CheckOptions): FileCheck {
  return new FileChecker(file.path, rules, options).finish(file);
}

/** Checks loaded files (in corpus order) and returns their findings in report order: pure. */
export function checkProcedures(files: readonly SourceFile[], rules: CompiledRules, options: CheckOptions): Finding[] {
  const builder = new ReportBuilder();
  return files.flatMap((file) => builder.add(checkFile(file, rules, options)));
}

/** One procedure's steps checked one by one, in order, and their findings. */
class ProcedureCheck {
  readonly scope: ProcedureScope;
  readonly findings: Finding[] = [];
  stepCount = 0;
  private readonly procedureName: string;
  private readonly stepIds = new Set<string>();

  private readonly rules: CompiledRules;
  private readonly options: CheckOptions;

  constructor({ path, procedure, where, rules, options }: {
    path: string; procedure: Procedure; where: SourceFile['locate']; rules: CompiledRules; options: CheckOptions;
  }) {
    this.rules = rules;
    this.options = options;
    // Strings that outlive the file are own copies, so none keeps the file's text alive.
    const known = rules.resolveDepartment(procedure.department, procedure.departmentName);
    this.scope = { path, procedure, id: ownCopy(procedure.id), known, department: known?.code ?? ownCopy(procedure.department), where };
    this.procedureName = procedure.name ? normalizeText(procedure.name.text) : '';
  }

  step(step: Step): void {
    const { scope, rules, options, procedureName, findings } = this;
    const { path, procedure, where } = scope;
    this.stepCount++;
    if (this.stepIds.has(step.id)) {
      findings.push(duplicateIdFinding(path, scope.id, scope.department, step.id, where(step.range),
        { zh: `步骤编号 ${step.id} 在本流程中重复`, en: `step id "${step.id}" is used twice in this procedure` }));
    }
    this.stepIds.add(step.id);
    let stepId: string | undefined; // copied on the step's first finding
    const { demands, contextTexts } = readStep(step, rules);
    if (demands.length === 0) return;
    // Every place that demands something is reported, a requirement and the prose that repeats it alike
    // (both must change); a text field once per rule, and a generic "社区出具证明" not at all when another
    // demand names the document.
    const reportedInField = new Set<string>();
    const judged = demands.map((demand) => ({ demand, families: certificateFamilies(demand, rules) }));
    const specific = judged.some(({ demand, families }) => demand.fromRequirement || families.size > 0);
    const stepContext = new StepContext(procedureName, contextTexts, rules);
    for (const { demand, families } of judged) {
      // …unless the prose seals a form it names itself (减免申请表经社区盖章): that is a demand of its own.
      if (!demand.fromRequirement && families.size === 0 && specific && !demand.sealsNamedForm) continue;
      const facts = new LazyDemandFacts(demand, families, stepContext, scope.known?.code ?? null);
      for (const { rule, severity, message, remedy } of judge(facts, rules, options)) {
        const place = `${rule.definition.id}@${demand.range.start}`;
        if (!demand.fromRequirement && reportedInField.has(place)) continue;
        reportedInField.add(place);
        const values = { document: demand.document, issuer: rules.issuerName(demand.issuer), step: step.name?.text ?? step.id };
        const { line, column, endLine, endColumn } = where(demand.range);
        findings.push({
          file: path,
          procedureId: scope.id,
          department: scope.department,
          stepId: stepId ??= ownCopy(step.id),
          requirementIndex: demand.requirementIndex,
          ruleId: rule.definition.id,
          severity,
          message: render(message, values),
          remedy: render(remedy, values),
          source: rule.definition.source,
          fingerprint: shortHash([rule.definition.id, procedure.id, step.id, demand.requirementIndex ?? 'text',
            ...demand.certificateTexts.map((part) => part.text)]),
          line, column, endLine, endColumn,
        });
      }
    }
  }
}

/** A step's context text, made on first use: only demands are judged, and only some rules ask for it. */
class StepContext {
  private text: string | undefined;

  constructor(readonly procedureName: string, private readonly stepTexts: string[], private readonly rules: CompiledRules) {}

  get value(): string {
    this.text ??= this.rules.stepContext(this.procedureName, this.stepTexts.join(CLAUSE_JOIN));
    return this.text;
  }
}

/** What the rules may ask of one demand; its texts are joined only when a rule asks for them. */
class LazyDemandFacts implements DemandFacts {
  private purposeText: string | undefined;
  readonly stamp: boolean;

  constructor(
    private readonly demand: Demand, readonly certificateFamilies: ReadonlySet<number>,
    private readonly step: StepContext, readonly department: string | null,
  ) {
    this.stamp = demand.stamp;
  }

  get context(): string {
    return this.step.value;
  }

  get purpose(): string {
    this.purposeText ??= [this.step.procedureName, ...this.demand.certificateTexts.map((part) => part.text)].join(CLAUSE_JOIN);
    return this.purposeText;
  }
}

/** Finds the step's community demands (requirements first, then free text) and the texts of its context. */
function readStep(step: Step, rules: CompiledRules): { demands: Demand[]; contextTexts: string[] } {
  const demands: Demand[] = [];
  const contextParts: string[] = [];
  for (const requirement of step.requirements) {
    const texts = [requirement.name, requirement.note, requirement.purpose].map((field) => (field ? normalizeText(field.text) : ''));
    contextParts.push(...texts);
    const demand = readRequirement(requirement, texts, rules);
    if (demand) demands.push(demand);
  }
  for (const field of [step.name, step.description]) {
    if (field === null) continue;
    const text = normalizeText(field.text);
    contextParts.push(text);
    const reading = rules.reader.read(text);
    // A step the agency or a third party performs may describe the community's part in it (由村委会初审);
    // only a seal or a certificate there is something the resident must fetch.
    const agencyStep = step.actor !== null && rules.actsForAgency(step.actor);
    for (const mention of reading.demands) {
      // A committee's own act is no demand on it, nor the village's own record (a resolution, minutes) named with no
      // certificate, nor a seal naming no document after a clause naming one (…形成决议，由村委会加盖公章).
      const kind = rules.documentKind(mention.clause);
      const ownRecord = kind !== 'certificate' && (rules.namesOwnRecord(mention.clause, false) ||
        (mention.seal && kind === null && rules.namesOwnRecord(mention.previousClause, false)));
      if ((agencyStep && !mention.attests) || rules.namesOwnAct(mention.clause) || ownRecord) continue;
      // The community's hand on a form is a stamp demand: its box on the form (村（居）委会意见：____（盖章）), any act
      // on a form the clause names (申请表须经村委会审核), a seal or a signature on one the clause before names
      // (…领取申请表，填好后找社区签个字).
      const handOnForm = mention.boxLabel || (kind === 'form' && (mention.seal || !mention.attests)) || (kind === null && (mention.seal || mention.signs) &&
        mention.caseClause === '' && rules.documentKind(mention.previousClause) === 'form');
      const onForm = kind === 'form' || handOnForm;
      demands.push({
        range: field.range,
        requirementIndex: null,
        document: mention.clause,
        // What a document is said to state (…，载明相邻业主无异议; a form too: …出具推荐意见，写明申请人失业在家), then
        // the case it is for (住宅改为经营性用房的，…; not a form's: its seal is a stamp demand), are read whole, like
        // a name, when the clause itself names no certificate.
        certificateTexts: [
          { text: mention.clause, isName: false },
          ...[mention.contentClause, onForm ? '' : mention.caseClause].filter((text) => text !== '').map((text) => ({ text, isName: true })),
          { text: reading.liveText, isName: false },
        ],
        contentTexts: mention.contentClause === '' ? [] : [mention.contentClause],
        issuer: mention.issuer,
        stamp: (mention.seal && kind !== 'certificate') || handOnForm,
        fromRequirement: false,
        sealsNamedForm: handOnForm,
      });
    }
  }
  return { demands, contextTexts: contextParts };
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
  // A committee's own act (指定监护书, 以自身名义申请) names the committee as its author, not as a certifier.
  const ownAct = rules.namesOwnAct(name) || rules.namesOwnAct(note) || rules.namesOwnRecord(bareName, true);
  const textDemand = ownAct ? undefined : readings.find((reading) => reading.demands.length > 0)?.demands[0];
  // A written cancellation ("无需社区盖章") or withdrawal of the item ("此项已取消", "信息共享获取") outweighs a
  // stale issuer field; a demand in text outweighs both.
  const cancelled = readings.some((reading) => reading.cancelsCommunity || reading.withdrawsItem);
  // A community issuer field on a blank form the applicant fills in (在村委会协办员处领取，由参保人本人填写) says
  // where the form is handed out; unless a seal is asked for, nobody asks the community to certify it.
  const nameKind = rules.documentKind(name);
  const handedOut = !requirement.stamp && nameKind === 'form' && rules.certificateFamiliesOfName(name).size === 0 &&
    (rules.filledByApplicant(note) || rules.filledByApplicant(purpose));
  const issuerDemands = issuer !== null && issuer.namesCommunity && !(cancelled && !textDemand) && !ownAct && !handedOut;
  if (!textDemand && !issuerDemands) return null;
  const stated = readings.flatMap((reading) => reading.demands.map((demand) => demand.contentClause).filter((text) => text !== ''));
  const bareReading = reader.read(bareName);
  // When only a note or purpose makes the demand (a form whose note says 须村委会出具婚姻状况证明), the
  // certificate it names is what the community is asked for, before anything the form's name names.
  const demandedInNotes = issuerDemands || nameReading.demands.length > 0
    ? []
    : [...noteReading.demands, ...purposeReading.demands].map(({ clause }) => ({ text: clause, isName: false }));
  return {
    range: requirement.range,
    requirementIndex: requirement.index,
    document: requirement.name?.text ?? '',
    // The name says what the document is: the clause of it that makes the demand before the whole
    // of it, without its bracketed notes (（原件1份）, （身份证丢失的提供）) before with them; the note and
    // purpose only when the name names nothing.
    certificateTexts: [
      ...demandedInNotes,
      ...[
        ...bareReading.demands.map(({ clause }) => clause),
        ...nameReading.demands.map(({ clause }) => clause),
        // A name with its case before it (户口簿遗失的，提供户籍证明) names what its last clause names.
        ...(bareReading.lastClause === bareName ? [] : [bareReading.lastClause]),
        bareName, name,
        // What the document is said to state (居委会介绍信 with the note …，载明申请人与其父母之间的亲属关系): when
        // nothing before names a certificate, it does, and it counts in the purpose and the fingerprint.
        ...stated,
      ].map((text) => ({ text, isName: true })),
      { text: noteReading.liveText, isName: false },
      { text: purposeReading.liveText, isName: false },
    ],
    // …and its facts count beside those of the certificate named, as do an aside of the name that says what the
    // document states (居住证明（须注明申请人家庭在本市无自有住房）).
    contentTexts: [...stated, ...asides(name).filter((aside) => reader.statesContent(aside))],
    issuer: (issuerDemands ? requirement.issuer?.text : undefined) ?? textDemand?.issuer ?? '',
    // A seal, or the community's hand on a form (村组干部签字确认 on a 申报表), is a stamp demand; on a certificate it is the certificate.
    stamp: nameKind === 'form' || (nameKind === null && (requirement.stamp || readings.some((reading) => reading.demands.some((demand) => demand.seal || demand.boxLabel)))),
    fromRequirement: true,
    sealsNamedForm: false,
  };
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
function certificateFamilies(demand: Demand, rules: CompiledRules): ReadonlySet<number> {
  let named: ReadonlySet<number> = new Set();
  for (const { text, isName } of demand.certificateTexts) {
    named = isName ? rules.certificateFamiliesOfName(text) : rules.certificateFamiliesInProse(text);
    if (named.size > 0) break;
  }
  const stated = demand.contentTexts.map((text) => rules.certificateFamiliesOfName(text)).filter((families) => families.size > 0);
  return stated.length === 0 ? named : new Set([...named, ...stated.flatMap((families) => [...families])]);
}

interface Verdict {
  rule: CompiledRule;
  severity: Severity;
  message: LocalizedText;
  remedy: LocalizedText;
}

/**
 * Decides which rules a demand breaks. Retained categories leave only rules that name the certificate
 * itself, and not those whose facts the category covers; superseded rules yield to the rule that
 * supersedes them; rules that name the certificate win over rules that only name the situation;
 * fallback rules (default deny) speak only when no other rule does.
 */
function judge(facts: DemandFacts, rules: CompiledRules, options: CheckOptions): Verdict[] {
  const effective = rules.rules.filter((rule) => rule.definition.effective <= options.asOf && rule.applies(facts));
  const retained = rules.retained.filter((category) => category.applies(facts));
  // A retained certificate may state what it is about (a hardship certificate, the family's income): the rules it
  // covers stay silent, and only rules that name the certificate itself speak.
  const covered = new Set(retained.flatMap((category) => category.definition.covers));
  const eligible = retained.length > 0 ? effective.filter((rule) => namesCertificate(rule) && !covered.has(rule.definition.id)) : effective;
  let chosen = eligible.filter((rule) => !rule.definition.fallback);
  const superseded = new Set(chosen.flatMap((rule) => rule.definition.supersedes));
  chosen = chosen.filter((rule) => !superseded.has(rule.definition.id));
  // A rule that names the demanded certificate is more specific than one that only names the situation.
  if (chosen.some(namesCertificate)) chosen = chosen.filter(namesCertificate);
  if (chosen.length === 0) chosen = eligible.filter((rule) => rule.definition.fallback);
  return chosen.map((rule) => {
    const exception = rule.exceptions.find((candidate) => candidate.applies(facts));
    const { definition } = rule;
    if (exception) {
      return { rule, severity: exception.severity, message: exception.message, remedy: exception.remedy ?? definition.remedy };
    }
    const inTransition = definition.transition !== null && options.asOf <= definition.transition.until;
    const severity = inTransition ? definition.transition!.severity : definition.severity;
    return { rule, severity, message: definition.message, remedy: definition.remedy };
  });
}

function namesCertificate(rule: CompiledRule): boolean {
  return rule.definition.when.certificate !== undefined;
}
