import { describe, expect, it } from '@jest/globals';
import { DEFAULT_FORMAT, FORMAT_CHUNKS, FORMATTERS, FORMAT_NAMES } from '../../src/format/index.js';
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

  it('streams json exactly as the whole-string formatter writes it', () => {
    for (const context of contexts) {
      expect([...FORMAT_CHUNKS.json!(sampleReport, context)].join('')).toBe(FORMATTERS.json(sampleReport, context));
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
