import { describe, expect, it } from 'vitest';
import { numberList, renderNumbered } from '../../src/channels/shared/numbered-options.js';
import { resolveOffered as resolveNumbered } from '../../src/core/offered-choice.js';

const buttons = [
  { label: 'Hộ cận nghèo', payload: 'w:near-poor' },
  { label: 'Dân tộc thiểu số', payload: 'w:ethnic' },
  { label: 'Menu chính', payload: 'c:menu' },
];

describe('numbered options (rendered by channels, resolved by the core)', () => {
  it('renders buttons as numbered lines with a hint', () => {
    const text = renderNumbered('Bạn thuộc nhóm nào?', buttons, `Trả lời số ${numberList(3, 'hoặc')}.`);
    expect(text).toBe('Bạn thuộc nhóm nào?\n\n1. Hộ cận nghèo\n2. Dân tộc thiểu số\n3. Menu chính\n\nTrả lời số 1, 2 hoặc 3.');
  });
  it('accepts the number, the words, or the words without diacritics', () => {
    expect(resolveNumbered('2', buttons)).toBe('w:ethnic');
    expect(resolveNumbered(' số 1 ', buttons)).toBe('w:near-poor');
    expect(resolveNumbered('Dân tộc thiểu số', buttons)).toBe('w:ethnic');
    expect(resolveNumbered('dan toc thieu so', buttons)).toBe('w:ethnic');
    expect(resolveNumbered('MENU CHINH!', buttons)).toBe('c:menu');
  });
  it('does not mistake other text for a choice', () => {
    expect(resolveNumbered('4', buttons)).toBeNull();
    expect(resolveNumbered('0', buttons)).toBeNull();
    expect(resolveNumbered('hộ nghèo đóng bao nhiêu', buttons)).toBeNull();
    expect(resolveNumbered('1', [])).toBeNull();
  });
});
