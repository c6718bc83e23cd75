import { describe, expect, it } from '@jest/globals';
import { DEFAULT_FORMAT, FINGERPRINTING_FORMATS, FORMATTERS, FORMAT_NAMES, STREAMING_FORMATS } from '../../src/format/index.js';
import type { Finding } from '../../src/model/finding.js';
import type { Report } from '../../src/model/report.js';
import type { FormatContext } from '../../src/format/formatter.js';
import { CWD, emptyReport, sampleReport } from './fixtures/report.js';

const contexts: FormatContext[] = [
  { lang: 'zh', color: false, cwd: CWD },
  { lang: 'en', color: false, cwd: CWD },
  { lang: 'zh', color: true, cwd: CWD },
];

describe('format registry', () => {
  it('lists stylish first and as the default', () => {
    expect(FORMAT_NAMES).toEqual(['stylish', 'json', 'sarif', 'junit', 'github', 'markdown']);
    expect(DEFAULT_FORMAT).toBe('stylish');
    expect(Object.keys(FORMATTERS).sort()).toEqual([...FORMAT_NAMES].sort());
  });

  it('lists as fingerprinting every format whose text depends on the fingerprints of findings, and no other', () => {
    expect(sampleReport.findings.some((finding) => finding.fingerprint !== null)).toBe(true);
    const unhashed: Report = { ...sampleReport, findings: sampleReport.findings.map((finding) => ({ ...finding, fingerprint: null })) };
    for (const name of FORMAT_NAMES) {
      for (const context of contexts) {
        const same = FORMATTERS[name](sampleReport, context) === FORMATTERS[name](unhashed, context);
        expect({ name, fingerprinting: FINGERPRINTING_FORMATS.has(name) }).toEqual({ name, fingerprinting: !same });
      }
    }
  });

  /** The report's findings in batches of whole files: one file a batch, then every file alone after an empty batch. */
  function streamed(name: keyof typeof STREAMING_FORMATS, report: Report, context: FormatContext): string {
    const writer = STREAMING_FORMATS[name]!(context);
    const files = [...new Set(report.findings.map((finding) => finding.file))];
    const batches: Finding[][] = [[], ...files.map((file) => report.findings.filter((finding) => finding.file === file)), []];
    let text = writer.head(report);
    let written = 0;
    for (const batch of batches) {
      text += [...writer.findings(batch, written)].join('');
      written += batch.length;
    }
    return text + writer.tail(report, written);
  }

  it('streams stylish, json and github batch by batch exactly as the whole report is written', () => {
    expect(Object.keys(STREAMING_FORMATS).sort()).toEqual(['github', 'json', 'stylish']);
    expect(new Set(sampleReport.findings.map((finding) => finding.file)).size).toBeGreaterThan(1);
    for (const name of ['stylish', 'json', 'github'] as const) {
      for (const context of contexts) {
        for (const report of [sampleReport, emptyReport]) {
          expect(streamed(name, report, context)).toBe(FORMATTERS[name](report, context));
        }
      }
    }
  });

  describe.each(FORMAT_NAMES)('%s', (name) => {
    it.each([
      ['the sample report', sampleReport],
      ['an empty report', emptyReport],
    ])('prints %s as text ending in a newline, the same every time', (_label, report) => {
      for (const context of contexts) {
        const output = FORMATTERS[name](report, context);
        expect(typeof output).toBe('string');
        expect(output.endsWith('\n')).toBe(true);
        expect(FORMATTERS[name](report, context)).toBe(output);
      }
    });

    it('uses no colours unless it is stylish with colour on', () => {
      const coloured = FORMATTERS[name](sampleReport, { lang: 'en', color: true, cwd: CWD });
      expect(/\u001b\[/.test(coloured)).toBe(name === 'stylish');
    });
  });
});
