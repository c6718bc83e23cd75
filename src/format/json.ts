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
import type { Finding } from '../model/finding.js';
import type { DepartmentSummary, ReportTotals } from '../model/report.js';
import { wholeReport } from './formatter.js';
import type { FormatContext, Formatter, StreamingFormat } from './formatter.js';
import { displayPath, localize, stableSource } from './shared.js';

/** The json format, written finding by finding: exactly JSON.stringify(whole report, null, 2). */
export const jsonStream: StreamingFormat = (context) => {
  // A rule's source is the same for all its findings: its text is made once per rule (findings from
  // worker threads carry copies, so the rule id is the key, not the object).
  const sources = new Map<string, string>();
  return {
    head: (head) => {
      const opening = JSON.stringify({ tool: { name: head.tool.name, version: head.tool.version }, asOf: head.asOf }, null, 2);
      return `${opening.slice(0, -2)},\n  "findings": [`;
    },
    findings: function* (batch, written) {
      let text = '';
      for (let index = 0; index < batch.length; index++) {
        text += `${written + index === 0 ? '' : ','}\n    ${findingText(batch[index], context, sources)}`;
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

/**
 * One finding exactly as JSON.stringify(jsonFinding(…), null, 2) writes it four spaces in, written
 * field by field: a large report has hundreds of thousands, and a rule's source is shared by many.
 */
function findingText(finding: Finding, context: FormatContext, sources: Map<string, string>): string {
  const value = jsonFinding(finding, context);
  let source = 'null';
  if (finding.source !== null) {
    source = sources.get(finding.ruleId) ?? JSON.stringify(value.source, null, 2).replace(/\n/g, FIELD);
    sources.set(finding.ruleId, source);
  }
  const messages = `{${FIELD}  "zh": ${JSON.stringify(value.messages.zh)},${FIELD}  "en": ${JSON.stringify(value.messages.en)}${FIELD}}`;
  return `{${FIELD}"file": ${JSON.stringify(value.file)},${FIELD}"procedureId": ${JSON.stringify(value.procedureId)},` +
    `${FIELD}"stepId": ${JSON.stringify(value.stepId)},${FIELD}"requirementIndex": ${JSON.stringify(value.requirementIndex)},` +
    `${FIELD}"ruleId": ${JSON.stringify(value.ruleId)},${FIELD}"severity": ${JSON.stringify(value.severity)},` +
    `${FIELD}"message": ${JSON.stringify(value.message)},${FIELD}"remedy": ${JSON.stringify(value.remedy)},` +
    `${FIELD}"source": ${source},${FIELD}"line": ${value.line},${FIELD}"column": ${value.column},` +
    `${FIELD}"endLine": ${value.endLine},${FIELD}"endColumn": ${value.endColumn},` +
    `${FIELD}"department": ${JSON.stringify(value.department)},${FIELD}"messages": ${messages}\n    }`;
}

export const json: Formatter = wholeReport(jsonStream);

function jsonFinding(finding: Finding, context: FormatContext) {
  return {
    file: displayPath(finding.file, context.cwd),
    procedureId: finding.procedureId,
    stepId: finding.stepId,
    requirementIndex: finding.requirementIndex,
    ruleId: finding.ruleId,
    severity: finding.severity,
    message: localize(finding.message, context.lang),
    remedy: localize(finding.remedy, context.lang),
    source: finding.source === null ? null : stableSource(finding.source),
    line: finding.line,
    column: finding.column,
    endLine: finding.endLine,
    endColumn: finding.endColumn,
    department: finding.department,
    messages: { zh: finding.message.zh, en: finding.message.en },
  };
}

function jsonTotals(totals: ReportTotals): ReportTotals {
  const { files, procedures, steps, stepsNeedingCommunityStamp, errors, warnings, infos } = totals;
  return { files, procedures, steps, stepsNeedingCommunityStamp, errors, warnings, infos };
}

function jsonDepartment(summary: DepartmentSummary, lang: FormatContext['lang']) {
  const { department, procedures, steps, stepsNeedingCommunityStamp, errors, warnings } = summary;
  return { department, departmentName: localize(summary.departmentName, lang), procedures, steps, stepsNeedingCommunityStamp, errors, warnings };
}
