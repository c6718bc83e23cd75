import { describe, expect, it } from '@jest/globals';
import { github } from '../../src/format/github.js';
import { CWD, emptyReport, sampleReport } from './fixtures/report.js';

describe('github', () => {
  it('prints one workflow command per finding, with data and properties escaped', () => {
    expect(github(sampleReport, { lang: 'en', color: false, cwd: CWD }).split('\n')).toEqual([
      '::error file=examples/health/birth-certificate.yaml,line=12,col=7,endLine=13,endColumn=20,title=no-community-residence-proof::' +
        'Asks for <committee proof> & "stamp" | copy, no: 100%25%0Asecond line%0A→ Remedy: Check the household register | don\'t ask for proof',
      '::notice file=examples/health/birth-certificate.yaml,line=18,col=9,endLine=18,endColumn=30,title=community-stamp-retained-category::' +
        'This certificate is still on the retained list%0A→ Remedy: Confirm the legal basis',
      '::error file=examples/broken.yaml,line=3,col=5,endLine=3,endColumn=6,title=parse-error::YAML syntax error: bad indentation',
      '::error file=examples/civil-affairs/elderly-allowance.before.yaml,line=23,col=11,endLine=23,endColumn=26,title=no-community-survival-certificate::' +
        'Step "年度生存认证" asks the village committee for a survival certificate%0A→ Remedy: Verify survival by data sharing instead',
      '::warning file=examples/civil-affairs/elderly-allowance.before.yaml,line=31,col=9,endLine=31,endColumn=21,title=no-community-stamp-on-form::' +
        'The application form needs a community stamp%0A→ Remedy: Drop the stamp box; accept a written pledge',
      '',
    ]);
  });

  it('writes the message in Chinese with lang zh', () => {
    const first = github(sampleReport, { lang: 'zh', color: false, cwd: CWD }).split('\n')[0];
    expect(first.endsWith('::要求<居委会证明>&"盖章"|副本,编号:100%25%0A第二行%0A→ 整改建议：核验户籍信息|不再收取证明')).toBe(true);
  });

  it('escapes commas, colons, percents and line breaks in properties', () => {
    const [finding] = sampleReport.findings;
    const report = { ...sampleReport, findings: [{ ...finding, file: 'odd/a,b:c%d.yaml', ruleId: 'x:y,z', remedy: null, message: { zh: '', en: 'm\r\n' } }] };
    expect(github(report, { lang: 'en', color: false, cwd: CWD })).toBe(
      '::error file=odd/a%2Cb%3Ac%25d.yaml,line=12,col=7,endLine=13,endColumn=20,title=x%3Ay%2Cz::m%0D%0A\n',
    );
  });

  it('prints only a success line when there is nothing to annotate', () => {
    expect(github(emptyReport, { lang: 'en', color: false, cwd: CWD })).toBe('✔ No community certificate or stamp demands found\n');
  });
});
