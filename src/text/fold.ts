/**
 * Diacritic folding: "Đóng bảo hiểm" → "dong bao hiem". The usual NFD-and-strip leaves đ/Đ alone, so they are
 * mapped explicitly. Folding runs several times per token on every message: plain ASCII is returned as is, and
 * the folds of short strings (syllables) are remembered, up to a bound.
 */
import { boundedMemo } from './bounded-memo.js';

const COMBINING = /[\u0300-\u036f]/g;
const ASCII = /^[\x00-\x7f]*$/;

const foldShort = boundedMemo(
  (text) => text.normalize('NFD').replace(COMBINING, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').normalize('NFC'),
  { maxEntries: 50_000, maxKeyLength: 16 },
);

export function fold(text: string): string {
  return ASCII.test(text) ? text : foldShort(text);
}

/** True when the text carries any Vietnamese diacritic (tone or quality mark, or đ). */
export function hasDiacritics(text: string): boolean {
  return fold(text) !== text.normalize('NFC');
}
