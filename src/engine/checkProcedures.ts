import type { Finding, LocalizedText, Severity, Span } from '../model/finding.js';
import type { Procedure, Range, SourceFile, Step, StepConsumer } from '../model/procedure.js';
import type { DepartmentDefinition } from '../model/ruleSet.js';
import { shortHash } from '../model/fingerprint.js';
import type { CompiledRule, CompiledRules } from './compileRules.js';
import type { DemandFacts } from './matchers.js';
import { ownCopy } from './memo.js';
import { duplicateIdFinding } from './duplicateIds.js';
import { ReportBuilder } from './reportBuilder.js';
import { normalizeText } from './normalizeText.js';
import { render } from './renderMessage.js';
import { demandFamilies, readStep } from './readDemands.js';
import type { Demand } from './readDemands.js';

export interface CheckOptions {
  /** Rules are evaluated as of this date (YYYY-MM-DD): not yet effective rules stay silent. */
  asOf: string;
  /** Whether findings get their fingerprint; on unless false (only SARIF prints them, and hashing costs a tenth of checking a large file). */
  fingerprints?: boolean;
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
    const judged = demands.map((demand) => ({ demand, families: demandFamilies(demand, rules) }));
    const specific = judged.some(({ demand, families }) => demand.fromRequirement || families.size > 0);
    const stepContext = new StepContext(procedureName, contextTexts, rules);
    for (const { demand, families } of judged) {
      // …unless the prose names what it demands itself (减免申请表经社区盖章, …出具的护理情况证明): that is a demand of its own.
      if (!demand.fromRequirement && families.size === 0 && specific && !demand.namesOwnDocument) continue;
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
          // What is demanded, of whom, where: not the requirement's index (a requirement added before it), nor the
          // rest of its texts (a sentence added to the description, a note's number of copies).
          fingerprint: options.fingerprints === false ? null : shortHash([rule.definition.id, procedure.id, step.id,
            demand.requirementIndex === null ? 'text' : 'requirement', demand.document, demand.issuer]),
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
