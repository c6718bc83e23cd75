import { describe, expect, it } from '@jest/globals';
import { loadRules } from '../../src/config/loadRules.js';
import { normalizeText } from '../../src/engine/normalizeText.js';

/**
 * Long and repetitive texts that once made the reader slow down faster than their length (a code review found each):
 * every reading here is asserted, and each must come back within the test's default timeout.
 */
const { reader } = loadRules();
const read = (text: string) => reader.read(normalizeText(text));

describe('the clause reader on long texts', () => {
  it('reads a table row repeated on one line, whose cells hold negations and predicates', () => {
    const reading = read('| 收入证明 | 无需原件 | 村委会出具 |'.repeat(1000));
    expect(reading.demands.length).toBeGreaterThan(0);
  });

  it('reads run-on text that negates and asks again thousands of times', () => {
    const reading = read('无需社区盖章须村委会出具收入证明'.repeat(4000));
    expect(reading.demands.length).toBeGreaterThan(0);
    expect(reading.cancelsCommunity).toBe(true);
  });

  it('reads a 40,000-character clause of predicates, and a lacked seal before a long run of dots', () => {
    expect(read(`${'须社区出具证明需'.repeat(5000)}`).demands.length).toBeGreaterThan(0);
    expect(read(`未经社区盖章的申请表不予受理${'.'.repeat(40000)}`).demands.length).toBe(1);
    expect(read(`未经社区盖章的申请表不予受理${'.'.repeat(40000)}x`).demands.length).toBe(0);
  });

  it('reads a clause with a hundred thousand demand words without overflowing the stack', () => {
    expect(read(`未经${'社区盖章'.repeat(100000)}的申请表不予受理`).demands.length).toBe(1);
  });
});
