/** English answers must carry the Vietnamese answers' figures: kb:check fails on any difference. */
import { describe, expect, it } from 'vitest';
import { englishCoverage, englishProblems, figuresIn } from '../../src/knowledge/quality/english-check.js';
import type { KnowledgeEntry } from '../../src/knowledge/schema.js';

const entry = (answer: string, answer_en?: string): KnowledgeEntry => ({
  id: 'vol-rate',
  topic: 'voluntary',
  audiences: ['all'],
  questions: ['a', 'b'],
  answer,
  ...(answer_en ? { answer_en } : {}),
  legal_basis: 'Luật BHXH số 41/2024/QH15',
  source_url: 'https://baohiemxahoi.gov.vn',
  reviewed: '2026-12-01',
});

describe('English answers keep the figures', () => {
  it('reads figures the way both languages write them', () => {
    expect([...figuresIn('1.500.000 đ, 10,5%, Điều 36 khoản 2')]).toEqual(['1500000', '10.5', '36', '2']);
    expect([...figuresIn('1,500,000 VND, 10.5%, Article 36(2)')]).toEqual(['1500000', '10.5', '36', '2']);
  });

  it('flags a figure changed, dropped or added, and passes a faithful translation', () => {
    const vi = 'Mức đóng bằng 22% thu nhập, thấp nhất 1.500.000 đ/tháng (Điều 36 khoản 1).';
    expect(englishProblems([entry(vi, 'The payment is 22% of the income, at least 1,500,000 VND a month (Article 36(1)).')])).toEqual([]);
    expect(englishProblems([entry(vi, 'The payment is 20% of the income, at least 1,500,000 VND a month (Article 36(1)).')])[0]!.detail).toMatch(/missing 22; added 20/);
    expect(englishProblems([entry(vi, 'The payment is 22% of the income (Article 36(1)).')])[0]!.detail).toMatch(/missing 1500000/);
    expect(englishProblems([entry(vi)])).toEqual([]); // no English answer: nothing to compare
  });

  it('counts English answers per topic', () => {
    expect(englishCoverage([entry('a', 'a'), { ...entry('b'), id: 'vol-x' }])).toEqual([['voluntary', 1, 2]]);
  });
});
