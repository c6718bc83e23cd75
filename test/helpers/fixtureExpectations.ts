/** One expected finding, written in a fixture as a trailing `# expect: rule-id (severity)` comment. */
export interface Expectation {
  line: number;
  ruleId: string;
  severity: string | null;
}

const EXPECT = /#\s*expect:\s*(.+)$/;
const AS_OF = /^#\s*as-of:\s*(\d{4}-\d{2}-\d{2})\s*$/m;

/** Reads the expectations a fixture carries inline: the line they sit on is the finding's line. */
export function readExpectations(text: string): { expectations: Expectation[]; asOf: string | null } {
  const expectations: Expectation[] = [];
  text.split(/\r?\n/).forEach((content, index) => {
    const match = EXPECT.exec(content);
    if (!match) return;
    for (const item of match[1].split(',')) {
      const [, ruleId, severity] = /^\s*([a-z0-9-]+)\s*(?:\((error|warning|info)\))?\s*$/.exec(item) ?? [];
      if (!ruleId) throw new Error(`line ${index + 1}: cannot read expectation "${item.trim()}"`);
      expectations.push({ line: index + 1, ruleId, severity: severity ?? null });
    }
  });
  return { expectations, asOf: AS_OF.exec(text)?.[1] ?? null };
}

const SIDECAR_LINE = /^(\d+)\s+([a-z0-9-]+)\s*(?:\((error|warning|info)\))?\s*$/;

/** Expectations of a JSON fixture, which cannot hold comments: `FILE.expect`, one `LINE rule-id (severity)` a line. */
export function readSidecarExpectations(text: string): Expectation[] {
  return text.split('\n').filter((line) => line.trim() !== '').map((line) => {
    const [, number, ruleId, severity] = SIDECAR_LINE.exec(line.trim()) ?? [];
    if (!ruleId) throw new Error(`cannot read expectation "${line.trim()}"`);
    return { line: Number(number), ruleId, severity: severity ?? null };
  });
}
