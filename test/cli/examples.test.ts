import { describe, expect, it } from '@jest/globals';
import { runCli } from '../helpers/runCli.js';

/**
 * The shipped examples are what a newcomer runs first: each before/after pair must say exactly what
 * its header comment promises (file, line, rule, severity), and the after versions must be clean.
 */
const EXPECTED: [string, number, string, string][] = [
  ['civil-affairs/elderly-allowance.before.yaml', 25, 'no-community-alive-certificate', 'error'],
  ['civil-affairs/elderly-allowance.before.yaml', 27, 'no-community-alive-certificate', 'error'],
  ['disabled-persons-federation/disability-services.yaml', 20, 'no-community-disability-certificate', 'error'],
  ['finance/deceased-small-deposit.yaml', 25, 'no-community-kinship-certificate', 'error'],
  ['finance/deceased-small-deposit.yaml', 27, 'no-community-kinship-certificate', 'error'],
  ['finance/guardianship-withdrawal.before.yaml', 16, 'no-community-certificate-outside-list', 'error'],
  ['finance/rural-microloan.after.yaml', 16, 'no-community-property-and-income-certificate', 'error'],
  ['finance/rural-microloan.after.yaml', 21, 'no-community-property-and-income-certificate', 'error'],
  ['finance/rural-microloan.before.yaml', 16, 'no-community-stamp-outside-list', 'error'],
  ['finance/rural-microloan.before.yaml', 20, 'no-community-property-and-income-certificate', 'error'],
  ['health/birth-medical-certificate.before.yaml', 18, 'no-community-birth-certificate', 'error'],
  ['health/family-planning.yaml', 19, 'no-community-marriage-and-childbearing-certificate', 'error'],
  ['housing/public-rental-housing.before.yaml', 15, 'no-community-marital-status-certificate', 'error'],
  ['housing/public-rental-housing.before.yaml', 15, 'no-community-property-and-income-certificate', 'error'],
  ['housing/public-rental-housing.before.yaml', 17, 'no-community-marital-status-certificate', 'error'],
  ['housing/public-rental-housing.before.yaml', 21, 'no-community-property-and-income-certificate', 'error'],
  ['housing/public-rental-housing.before.yaml', 25, 'no-community-property-and-income-certificate', 'error'],
  ['human-resources/unemployment-registration.before.yaml', 15, 'no-community-employment-certificate', 'error'],
  ['human-resources/unemployment-registration.before.yaml', 17, 'no-community-employment-certificate', 'error'],
  ['human-resources/unemployment-registration.before.yaml', 21, 'no-community-personal-archive-certificate', 'error'],
  ['insurance/accident-self-fall.before.yaml', 22, 'no-community-illness-or-injury-certificate', 'error'],
  ['insurance/death-benefit-claim-hant.yaml', 29, 'no-community-kinship-certificate', 'error'],
  ['justice/notarisation.yaml', 24, 'no-community-kinship-certificate', 'warning'],
  ['justice/notarisation.yaml', 55, 'no-community-inheritance-certificate', 'error'],
  ['justice/overseas-kinship-notarisation-hant.yaml', 21, 'no-community-kinship-certificate', 'warning'],
  ['market-regulation/business-premises.before.yaml', 19, 'no-community-business-premises-certificate', 'error'],
  ['market-regulation/business-premises.before.yaml', 21, 'no-community-business-premises-certificate', 'error'],
  ['market-regulation/business-premises.before.yaml', 25, 'no-community-business-premises-certificate', 'error'],
  ['market-regulation/business-premises.before.yaml', 28, 'no-community-business-premises-certificate', 'error'],
  ['market-regulation/restaurant-reopening.yaml', 19, 'no-community-stamp-outside-list', 'error'],
  ['market-regulation/restaurant-reopening.yaml', 21, 'no-community-stamp-outside-list', 'error'],
  ['medical-insurance/outpatient-special-disease.before.yaml', 15, 'no-community-stamp-for-outpatient-special-disease', 'error'],
  ['medical-insurance/outpatient-special-disease.before.yaml', 17, 'no-community-stamp-for-outpatient-special-disease', 'error'],
  ['medical-insurance/trauma-inpatient.before.yaml', 23, 'no-community-stamp-for-trauma-inpatient-claim', 'error'],
  ['medical-insurance/trauma-inpatient.before.yaml', 25, 'no-community-stamp-for-trauma-inpatient-claim', 'error'],
  ['public-security/household-register.before.yaml', 19, 'no-community-identity-information-certificate', 'error'],
  ['public-security/household-register.before.yaml', 47, 'no-community-household-registration-change-certificate', 'error'],
  ['public-security/lost-id-card.before.yaml', 15, 'no-community-lost-document-certificate', 'error'],
  ['public-security/lost-id-card.before.yaml', 17, 'no-community-lost-document-certificate', 'error'],
  ['public-security/police-certificates.yaml', 17, 'no-community-no-criminal-record-certificate', 'error'],
  ['public-security/police-certificates.yaml', 19, 'no-community-no-criminal-record-certificate', 'error'],
  ['public-security/police-certificates.yaml', 42, 'no-community-dog-keeping-certificate', 'error'],
];

describe('the shipped examples', () => {
  it('report exactly the documented findings', async () => {
    const result = await runCli(['examples', '-f', 'json', '--as-of', '2026-01-01']);
    expect(result.code).toBe(1);
    const findings = (JSON.parse(result.stdout) as { findings: { file: string; line: number; ruleId: string; severity: string }[] }).findings;
    expect(findings.map((finding) => [finding.file.replace(/^examples\//, ''), finding.line, finding.ruleId, finding.severity])).toEqual(EXPECTED);
  });

  it('leave every reformed (.after) procedure clean except the one whose negation does not reach', () => {
    const afterFiles = [...new Set(EXPECTED.filter(([file]) => file.includes('.after.')).map(([file]) => file))];
    expect(afterFiles).toEqual(['finance/rural-microloan.after.yaml']);
  });
});
