import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { groupQuestions, groupQuestionsSliced, similarPairs, similarity } from '../../src/admin/question-groups.js';

const bag = (s: string) => {
  const m = new Map<string, number>();
  for (let i = 0; i + 1 < s.length; i++) m.set(s.slice(i, i + 2), (m.get(s.slice(i, i + 2)) ?? 0) + 1);
  return m;
};

const q = (id: number, text: string, channel: 'web' | 'zalo' | 'telegram' = 'web', createdAt = id * 1000) => ({ id, text, channel, createdAt });

describe('grouping unanswered questions', () => {
  it('puts the same question typed with or without diacritics, in Telex or with a typo, in one group', () => {
    const groups = groupQuestions([
      q(1, 'Giá vàng hôm nay bao nhiêu?', 'web'),
      q(2, 'gia vagn hom nay bao nhiu', 'zalo'),
      q(3, 'gias vangf hoom nay bao nhieeu', 'telegram'),
      q(4, 'giá vàng hôm nay bao nhiêu', 'zalo'),
      q(5, 'Lãi suất ngân hàng hôm nay'),
      q(6, 'bhxh cho tai xe cong nghe'),
    ]);
    expect(groups.map((g) => g.count)).toEqual([4, 1, 1]);
    const [gold] = groups;
    expect(gold!.text).toBe('giá vàng hôm nay bao nhiêu'); // most diacritics, then most recent
    expect(gold!.ids.sort()).toEqual([1, 2, 3, 4]);
    expect(gold!.channels).toEqual(['telegram', 'web', 'zalo']);
    expect(gold!.firstSeen).toBe(1000);
    expect(gold!.lastSeen).toBe(4000);
  });

  it('does not merge different questions that share words', () => {
    const groups = groupQuestions([q(1, 'BHXH tự nguyện cho shipper'), q(2, 'BHXH tự nguyện cho người nuôi ong'), q(3, 'BHYT cho shipper')]);
    expect(groups).toHaveLength(3);
  });

  it('gives the same groups whatever order the questions came in', () => {
    const list = [q(1, 'gia vang hom nay'), q(2, 'gia vang hom nay bao nhieu'), q(3, 'gia vagn hom nay bao nhiu'), q(4, 'giá vàng hôm nay bao nhiêu')];
    const a = groupQuestions(list).map((g) => g.ids.sort());
    const b = groupQuestions([...list].reverse().map((x, i) => ({ ...x, createdAt: i }))).map((g) => g.ids.sort());
    expect(b).toEqual(a);
  });

  it('finds exactly the pairs that comparing every pair finds (prefix filtering loses none)', () => {
    const text = fc.string({ unit: fc.constantFrom(...'abcdeghn '.split('')), maxLength: 24 });
    fc.assert(
      fc.property(fc.array(text, { maxLength: 40 }), fc.constantFrom(0.6, 0.8, 0.9), (texts, t) => {
        const bags = texts.map(bag);
        const brute: string[] = [];
        for (let i = 0; i < bags.length; i++) for (let j = i + 1; j < bags.length; j++) if (similarity(bags[i]!, bags[j]!) >= t) brute.push(`${i}-${j}`);
        const fast = similarPairs(bags, t).map(([a, b]) => `${Math.min(a, b)}-${Math.max(a, b)}`);
        expect(fast.sort()).toEqual(brute.sort());
      }),
      { seed: 20261202, numRuns: 300 },
    );
  });

  it('gives the same groups computed in slices as at once', async () => {
    const questions = Array.from({ length: 300 }, (_, i) => q(i + 1, ['bảo hiểm nuôi ong', 'bao hiem nuoi ong', 'giá vàng hôm nay', `câu hỏi số ${i}`][i % 4]!));
    expect(await groupQuestionsSliced(questions, undefined, 0)).toEqual(groupQuestions(questions));
  });

  it('copes with empty, huge and odd input', () => {
    expect(groupQuestions([])).toEqual([]);
    const odd = groupQuestions([q(1, ''), q(2, '   '), q(3, '\u0000\u202e'), q(4, 'a'.repeat(2000)), q(5, '😀😀')]);
    expect(odd.reduce((n, g) => n + g.count, 0)).toBe(5);
  });
});
