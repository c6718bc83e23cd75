import { describe, expect, it } from '@jest/globals';
import { junit } from '../../src/format/junit.js';
import { CWD, emptyReport, sampleReport } from './fixtures/report.js';

const count = (text: string, pattern: RegExp) => (text.match(pattern) ?? []).length;

describe('junit', () => {
  const xml = junit(sampleReport, { lang: 'en', color: false, cwd: CWD });

  it('counts a test per finding plus one per clean file; errors and warnings fail', () => {
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n')).toBe(true);
    expect(xml).toContain('<testsuites name="stampcheck" tests="6" failures="4" errors="0">');
    expect(count(xml, /<testsuite /g)).toBe(4);
    expect(count(xml, /<testcase /g)).toBe(6);
    expect(count(xml, /<failure /g)).toBe(4);
    expect(count(xml, /<system-out>/g)).toBe(1);
    expect(xml).toContain('<testsuite name="examples/civil-affairs/elderly-allowance.before.yaml" tests="2" failures="2" errors="0">');
    expect(xml).toContain('<testsuite name="examples/health/birth-certificate.yaml" tests="2" failures="1" errors="0">');
  });

  it('names test cases after rule, procedure, step and position', () => {
    const names = [...xml.matchAll(/<testcase name="([^"]*)" classname="([^"]*)"/g)].map((match) => [match[1], match[2]]);
    expect(names).toEqual([
      ['no-community-residence-proof @ wj-birth-certificate/register 12:7', 'examples/health/birth-certificate.yaml'],
      ['community-stamp-retained-category @ wj-birth-certificate/review 18:9', 'examples/health/birth-certificate.yaml'],
      ['parse-error @ 3:5', 'examples/broken.yaml'],
      ['no-community-survival-certificate @ mz-elderly-allowance/annual-check 23:11', 'examples/civil-affairs/elderly-allowance.before.yaml'],
      ['no-community-stamp-on-form @ mz-elderly-allowance/apply 31:9', 'examples/civil-affairs/elderly-allowance.before.yaml'],
      ['no community stamp demands', 'examples/education/clean.yaml'],
    ]);
  });

  it('escapes markup in attributes and text', () => {
    expect(xml).toContain(
      '<failure message="Asks for &lt;committee proof&gt; &amp; &quot;stamp&quot; | copy, no: 100%&#10;second line" type="error">',
    );
    expect(xml).toContain('→ Remedy: Check the household register | don&apos;t ask for proof</failure>');
    expect(xml).toContain('<failure message="The application form needs a community stamp" type="warning">');
    expect(xml).not.toMatch(/<(?!\?xml|\/?(testsuites|testsuite|testcase|failure|system-out)[ >\/])/);
  });

  it('drops characters XML 1.0 cannot hold', () => {
    const [finding] = sampleReport.findings;
    const report = { ...sampleReport, findings: [{ ...finding, message: { zh: '', en: 'bell\u0007 nul\u0000 lone\uD800 ok😀' } }] };
    const text = junit(report, { lang: 'en', color: false, cwd: CWD });
    expect(text).toContain('message="bell nul lone ok😀"');
    expect(text).not.toMatch(/[\u0000\u0007\uD800]/);
  });

  it('is an empty but valid document for an empty report', () => {
    expect(junit(emptyReport, { lang: 'en', color: false, cwd: CWD })).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="stampcheck" tests="0" failures="0" errors="0">\n</testsuites>\n',
    );
  });
});
