/**
 * The `json` format: a stable, documented shape for scripts. Keys always appear in this order;
 * fields are never omitted (absent values are `null`). Paths use forward slashes and are relative
 * to the working directory when given absolute. Output is pretty-printed with a final newline.
 *
 * {
 *   "tool": { "name": string, "version": string },
 *   "asOf": "YYYY-MM-DD",              // the date rules were evaluated at
 *   "findings": [                       // sorted by file, line, column, ruleId
 *     {
 *       "file": string,
 *       "procedureId": string | null,   // null for file-level findings (parse-error, ...)
 *       "stepId": string | null,
 *       "requirementIndex": number | null,
 *       "ruleId": string,
 *       "severity": "error" | "warning" | "info",
 *       "message": string,              // in the language chosen with --lang
 *       "remedy": string | null,        // in the language chosen with --lang
 *       "source": {                     // the measure the rule enforces, or null
 *         "document": string, "number"?: string, "clause"?: string,
 *         "date"?: string, "issuer"?: string, "draft"?: boolean
 *       } | null,
 *       "line": number, "column": number,       // 1-based start
 *       "endLine": number, "endColumn": number, // 1-based end, endColumn exclusive; columns count Unicode code points (characters) of the decoded text
 *       "department": string | null,
 *       "messages": { "zh": string, "en": string }  // the message in both languages
 *     }
 *   ],
 *   "summary": {
 *     "totals": { "files", "procedures", "steps", "stepsNeedingCommunityStamp",
 *                 "errors", "warnings", "infos" },                      // all numbers
 *     "departments": [ { "department": string,   // a department code, or the department as written
 *                        "departmentName": string | null,   // in the language chosen with --lang; "procedures",
 *                        "steps", "stepsNeedingCommunityStamp", "errors", "warnings" } ]
 *   }
 * }
 */
import type { Finding, LocalizedText } from '../model/finding.js';
import type { DepartmentSummary, ReportTotals } from '../model/report.js';
import { wholeReport } from './formatter.js';
import type { FormatContext, Formatter, StreamingFormat } from './formatter.js';
import { displayPath, localize, stableSource } from './shared.js';

/** The json format, written finding by finding: exactly JSON.stringify(whole report, null, 2). */
export const jsonStream: StreamingFormat = (context) => {
  const texts = new FindingTexts(context);
  return {
    head: (head) => {
      const opening = JSON.stringify({ tool: { name: head.tool.name, version: head.tool.version }, asOf: head.asOf }, null, 2);
      return `${opening.slice(0, -2)},\n  "findings": [`;
    },
    findings: function* (batch, written) {
      let text = '';
      for (let index = 0; index < batch.length; index++) {
        text += `${written + index === 0 ? '' : ','}\n    ${texts.of(batch[index])}`;
        if (text.length >= PIECE) {
          yield text;
          text = '';
        }
      }
      yield text;
    },
    tail: (summary, written) => {
      const departments = summary.departments.map((row) => jsonDepartment(row, context.lang));
      const text = JSON.stringify({ summary: { totals: jsonTotals(summary.totals), departments } }, null, 2);
      return `${written === 0 ? ']' : '\n  ]'},${text.slice(1)}\n`;
    },
  };
};

/** Characters a piece of output holds at most, give or take one finding. */
const PIECE = 65_536;

const FIELD = '\n      ';

/** A text as JSON: in the language chosen, and the `messages` object holding both. */
interface LocalizedJson {
  chosen: string;
  both: string;
}

/**
 * Each finding exactly as JSON.stringify would write its value (the shape in this file's header) four spaces in,
 * written field by field: a large report has hundreds of thousands of findings, and what they share
 * is made once — a rule's source (by rule id: findings from worker threads carry copies), the path of
 * the file the last finding was in, and a message or remedy the engine gave more than one finding.
 */
class FindingTexts {
  private readonly sources = new Map<string, string>();
  private readonly localized = new WeakMap<LocalizedText, LocalizedJson>();
  private file: string | null = null;
  private fileText = '';

  constructor(private readonly context: FormatContext) {}

  of(finding: Finding): string {
    const { cwd } = this.context;
    if (finding.file !== this.file) {
      this.file = finding.file;
      this.fileText = JSON.stringify(displayPath(finding.file, cwd));
    }
    let source = 'null';
    if (finding.source !== null) {
      source = this.sources.get(finding.ruleId) ?? JSON.stringify(stableSource(finding.source), null, 2).replace(/\n/g, FIELD);
      this.sources.set(finding.ruleId, source);
    }
    const message = this.json(finding.message);
    return `{${FIELD}"file": ${this.fileText},${FIELD}"procedureId": ${JSON.stringify(finding.procedureId)},` +
      `${FIELD}"stepId": ${JSON.stringify(finding.stepId)},${FIELD}"requirementIndex": ${JSON.stringify(finding.requirementIndex)},` +
      `${FIELD}"ruleId": ${JSON.stringify(finding.ruleId)},${FIELD}"severity": ${JSON.stringify(finding.severity)},` +
      `${FIELD}"message": ${message.chosen},${FIELD}"remedy": ${finding.remedy === null ? 'null' : this.json(finding.remedy).chosen},` +
      `${FIELD}"source": ${source},${FIELD}"line": ${finding.line},${FIELD}"column": ${finding.column},` +
      `${FIELD}"endLine": ${finding.endLine},${FIELD}"endColumn": ${finding.endColumn},` +
      `${FIELD}"department": ${JSON.stringify(finding.department)},${FIELD}"messages": ${message.both}\n    }`;
  }

  private json(text: LocalizedText): LocalizedJson {
    let written = this.localized.get(text);
    if (written === undefined) {
      const zh = JSON.stringify(text.zh);
      const en = JSON.stringify(text.en);
      written = { chosen: this.context.lang === 'zh' ? zh : en, both: `{${FIELD}  "zh": ${zh},${FIELD}  "en": ${en}${FIELD}}` };
      this.localized.set(text, written);
    }
    return written;
  }
}

export const json: Formatter = wholeReport(jsonStream);

function jsonTotals(totals: ReportTotals): ReportTotals {
  const { files, procedures, steps, stepsNeedingCommunityStamp, errors, warnings, infos } = totals;
  return { files, procedures, steps, stepsNeedingCommunityStamp, errors, warnings, infos };
}

function jsonDepartment(summary: DepartmentSummary, lang: FormatContext['lang']) {
  const { department, procedures, steps, stepsNeedingCommunityStamp, errors, warnings } = summary;
  return { department, departmentName: localize(summary.departmentName, lang), procedures, steps, stepsNeedingCommunityStamp, errors, warnings };
}
