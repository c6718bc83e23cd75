import type { Finding } from '../model/finding.js';
import { compareText } from '../model/order.js';
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { createLocator } from '../load/lineIndex.js';
import { ConfigFileError } from '../model/errors.js';
import { schemaValidator } from '../load/schemaValidator.js';
import { readDataFile } from './readDataFile.js';

/** One kind of accepted finding, as the baseline file records it (schemas/baseline.schema.json). */
interface BaselineEntry {
  fingerprint: string;
  ruleId: string;
  file?: string;
  procedureId?: string;
  stepId?: string;
  count: number;
}

interface BaselineFileData {
  stampcheck: 'baseline';
  version: 1;
  findings: BaselineEntry[];
}

/**
 * The findings a baseline accepts, by fingerprint, each as many times as recorded: a finding it accepts is
 * not reported, and is used up, so a second copy of an accepted demand is new. What is left once a run is
 * over no longer occurs.
 */
export class Baseline {
  private readonly left = new Map<string, number>();
  /** How many findings it has accepted. */
  accepted = 0;

  constructor(entries: readonly { fingerprint: string; count: number }[]) {
    for (const { fingerprint, count } of entries) this.left.set(fingerprint, (this.left.get(fingerprint) ?? 0) + count);
  }

  /** Whether the baseline accepts the finding (using one of its entry's count). File-level findings are never accepted. */
  accepts(finding: Finding): boolean {
    if (finding.fingerprint === null) return false;
    const count = this.left.get(finding.fingerprint);
    if (count === undefined) return false;
    if (count === 1) this.left.delete(finding.fingerprint);
    else this.left.set(finding.fingerprint, count - 1);
    this.accepted += 1;
    return true;
  }

  /** How many accepted findings did not occur (so far). */
  unused(): number {
    let total = 0;
    for (const count of this.left.values()) total += count;
    return total;
  }
}

/**
 * Reads a baseline file (JSON or YAML); a broken one names its own line and column (of `shown`, the path as given).
 * A baseline of a large corpus is large JSON: it is parsed and validated as it is, and read with positions only to
 * point at what is wrong.
 */
export function readBaseline(path: string, shown = path): Baseline {
  let text: string | undefined;
  try {
    text = readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
    const data = JSON.parse(text) as unknown;
    if (schemaValidator('baseline')(data)) return new Baseline((data as BaselineFileData).findings);
  } catch (error) {
    // A .json baseline is strict JSON, as a .json procedure is (no trailing comma); anything else, or a file that
    // cannot be read, the positioned reader explains.
    if (text !== undefined && extname(path).toLowerCase() === '.json' && error instanceof SyntaxError) {
      const at = /position (\d+)/.exec(error.message);
      const { line, column } = createLocator(text)({ start: Number(at?.[1] ?? 0), end: Number(at?.[1] ?? 0) });
      throw new ConfigFileError(shown, line, column, `JSON syntax error: ${error.message.replace(/ in JSON at position \d+.*$/, '')}`);
    }
  }
  const { data } = readDataFile(path, 'baseline', 'baseline file', shown);
  return new Baseline((data as BaselineFileData).findings);
}

/**
 * Collects the findings a new baseline accepts (those with a fingerprint), one entry per fingerprint with its count,
 * and writes them sorted by file, rule and fingerprint, one entry a line, so a rewritten baseline diffs line by line.
 */
export class BaselineRecorder {
  private readonly entries = new Map<string, BaselineEntry>();

  /** Records a finding; file-level findings (no fingerprint) are not accepted by any baseline. */
  add(finding: Finding): void {
    if (finding.fingerprint === null) return;
    const entry = this.entries.get(finding.fingerprint);
    if (entry) {
      entry.count += 1;
      return;
    }
    this.entries.set(finding.fingerprint, {
      fingerprint: finding.fingerprint, ruleId: finding.ruleId, file: finding.file,
      ...(finding.procedureId === null ? {} : { procedureId: finding.procedureId }),
      ...(finding.stepId === null ? {} : { stepId: finding.stepId }),
      count: 1,
    });
  }

  /** How many findings it holds. */
  get size(): number {
    let total = 0;
    for (const entry of this.entries.values()) total += entry.count;
    return total;
  }

  text(): string {
    const sorted = [...this.entries.values()].sort((a, b) =>
      compareText(a.file ?? '', b.file ?? '') || compareText(a.ruleId, b.ruleId) || compareText(a.fingerprint, b.fingerprint));
    const lines = sorted.map((entry) => `    ${JSON.stringify(entry)}`);
    return `{\n  "stampcheck": "baseline",\n  "version": 1,\n  "findings": [${lines.length === 0 ? '' : `\n${lines.join(',\n')}\n  `}]\n}\n`;
  }
}
