/**
 * How an English question is read before it meets the English phrasings: short forms, misspellings and the
 * schemes' names written out the same way on both sides, a light stemmer, greetings and thanks set aside, the
 * sentence that asks found, and the shape of a follow-up.
 */
import { describe, expect, it } from 'vitest';
import { focusEnglish, looksEllipticalEnglish } from '../../src/text/english-focus.js';
import { normalizeEnglish } from '../../src/text/english-normalize.js';

const same = (a: string, b: string) => expect(normalizeEnglish(a).text).toBe(normalizeEnglish(b).text);

describe('English normaliser', () => {
  it('reads the short forms and misspellings people type as the words they mean', () => {
    same('how much is voluntary soc ins per month', 'How much is voluntary social insurance per month?');
    same('is bhxh compulsary for expats in vn', 'Is social insurance mandatory for expats in Vietnam?');
    same('my cty didnt pay my health ins', "My company didn't pay my health insurance");
    same('pention age 4 women', 'pension age 4 women');
    same('i paid 12 yrs', 'I paid 12 years');
  });

  it('brings word forms together and keeps numbers whole', () => {
    same('retired', 'retirement');
    same('enrolled', 'enrolment');
    same('contributions', 'contribution');
    expect(normalizeEnglish('my salary is 20,000,000 VND').tokens).toContain('20000000');
    expect(normalizeEnglish('20tr').text).toBe('20 million');
  });

  it('keeps apart what is different', () => {
    expect(normalizeEnglish('maximum').text).not.toBe(normalizeEnglish('minimum').text);
    expect(normalizeEnglish('employer share').text).not.toBe(normalizeEnglish('employee share').text);
    expect(normalizeEnglish('health insurance').text).not.toBe(normalizeEnglish('social insurance').text);
  });
});

describe('English question focus', () => {
  it('sets greetings and thanks aside and finds what is asked', () => {
    const f = focusEnglish('Hello team, I worked in Hanoi for four years and my contract ended. Can I withdraw my social insurance before I fly home? Thanks a lot!');
    const asked = f.clauses.filter((c) => c.kind === 'question').map((c) => c.tokens.join(' '));
    expect(asked).toHaveLength(1);
    expect(asked[0]).toContain('withdraw');
    expect(f.clauses.some((c) => c.tokens.includes('thank') || c.tokens.includes('thanks'))).toBe(false);
    expect(f.clauses.some((c) => c.kind === 'narrative' && c.tokens.includes('contract'))).toBe(true);
  });

  it('keeps a condition with its question and reads a bare greeting as nothing to answer', () => {
    const f = focusEnglish('If I quit my job, can I get unemployment benefit?');
    expect(f.clauses).toHaveLength(1);
    expect(f.clauses[0]!.kind).toBe('question');
    expect(f.clauses[0]!.tokens).toContain('quit');
    expect(focusEnglish('Hi there!').contentless).toBe(true);
    expect(focusEnglish('Thank you so much').contentless).toBe(true);
  });

  it('knows the shape of a follow-up', () => {
    for (const t of ['what about women?', 'and for near-poor households?', 'what if I am 45', 'does that apply to foreigners too?']) expect(looksEllipticalEnglish(focusEnglish(t)), t).toBe(true);
    for (const t of ['what is the retirement age for women', 'how much is voluntary social insurance per month']) expect(looksEllipticalEnglish(focusEnglish(t)), t).toBe(false);
  });
});
