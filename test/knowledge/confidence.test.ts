/**
 * The decision on a letter: a near tie that covers only part of the entry's key terms is a choice for the
 * citizen, not an answer stated with its legal basis.
 */
import { describe, expect, it } from 'vitest';
import { decide, DEFAULT_THRESHOLDS, type Ranked } from '../../src/knowledge/confidence.js';
import type { Scored } from '../../src/knowledge/scoring.js';

const scored = (id: string, score: number, keyCoverage: number): Scored => ({
  id,
  score,
  question: id,
  askedCoverage: 0.5,
  keyCoverage,
  phrasingScore: score,
  entryScore: score,
});
const letter = (ranked: Scored[]): Ranked => ({ ranked, first: ranked[0], outOfScope: false, agree: true, long: true });
const kind = (r: ReturnType<typeof decide>) => (r.kind === 'answer' ? `answer:${r.match.id}` : r.kind === 'clarify' ? `clarify:${r.candidates.map((c) => c.id).join(',')}` : 'none');

describe('deciding on a letter', () => {
  it('answers when the entry\'s key terms are there, even by a small lead', () => {
    expect(kind(decide(letter([scored('sick-leave', 0.4, 0.9), scored('sick-amount', 0.35, 0.5)]), DEFAULT_THRESHOLDS))).toBe('answer:sick-leave');
  });

  it('offers a choice, likeliest first, when a small lead rests on half the key terms', () => {
    expect(kind(decide(letter([scored('sick-leave', 0.4, 0.5), scored('sick-amount', 0.35, 0.5)]), DEFAULT_THRESHOLDS))).toBe('clarify:sick-leave,sick-amount');
  });

  it('answers half the key terms when the lead is clear', () => {
    expect(kind(decide(letter([scored('sick-leave', 0.4, 0.5), scored('sick-amount', 0.25, 0.5)]), DEFAULT_THRESHOLDS))).toBe('answer:sick-leave');
  });

  it('keeps a short question to its own rules', () => {
    const short = { ...letter([scored('sick-leave', 0.5, 0.5), scored('sick-amount', 0.41, 0.5)]), long: false };
    expect(kind(decide(short, DEFAULT_THRESHOLDS))).toBe('answer:sick-leave');
  });
});

describe('deciding on a short question with a narrow lead', () => {
  const short = (ranked: Scored[]): Ranked => ({ ...letter(ranked), long: false });

  it('answers when half the entry\'s key terms or more were asked, and no fewer than the runner-up\'s', () => {
    const r = decide(short([scored('bhyt-student', 0.6, 0.6), scored('bhyt-retiree', 0.55, 0.4)]), DEFAULT_THRESHOLDS);
    expect(kind(r)).toBe('answer:bhyt-student');
    expect(r.kind === 'answer' && r.narrow).toBe(true);
  });

  it('offers a choice when the narrow lead rests on words the entry is not about', () => {
    // "Lương 8 triệu thì phải đóng bao nhiêu" reads like "lương 8 triệu thì lãnh thất nghiệp bao nhiêu" without its key word.
    expect(kind(decide(short([scored('bhtn-benefit', 0.58, 0), scored('comp-employee-share', 0.51, 0)]), DEFAULT_THRESHOLDS))).toBe('clarify:bhtn-benefit,comp-employee-share');
  });

  it('offers a choice when the runner-up holds more of its own key terms', () => {
    expect(kind(decide(short([scored('pension-keep-working', 0.5, 0.56), scored('comp-pensioner-working', 0.43, 0.71)]), DEFAULT_THRESHOLDS))).toMatch(/^clarify:/);
  });

  it('does not answer a lead under the narrow one, whatever the key terms', () => {
    expect(kind(decide(short([scored('bhyt-student', 0.6, 1), scored('bhyt-retiree', 0.57, 0.2)]), DEFAULT_THRESHOLDS))).toMatch(/^clarify:/);
  });
});
