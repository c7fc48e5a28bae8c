/**
 * Diacritic folding: "Đóng bảo hiểm" → "dong bao hiem". The usual NFD-and-strip leaves đ/Đ alone, so they are
 * mapped explicitly. Folding runs several times per token on every message: plain ASCII is returned as is, and
 * the folds of short strings (syllables) are remembered, up to a bound.
 */
const COMBINING = /[\u0300-\u036f]/g;
const ASCII = /^[\x00-\x7f]*$/;
const MEMO_MAX_LENGTH = 16;
const MEMO_MAX_ENTRIES = 50_000;
const memo = new Map<string, string>();

function foldUncached(text: string): string {
  return text.normalize('NFD').replace(COMBINING, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').normalize('NFC');
}

export function fold(text: string): string {
  if (ASCII.test(text)) return text;
  if (text.length > MEMO_MAX_LENGTH) return foldUncached(text);
  let folded = memo.get(text);
  if (folded === undefined) {
    if (memo.size >= MEMO_MAX_ENTRIES) memo.clear();
    memo.set(text, (folded = foldUncached(text)));
  }
  return folded;
}

/** True when the text carries any Vietnamese diacritic (tone or quality mark, or đ). */
export function hasDiacritics(text: string): boolean {
  return fold(text) !== text.normalize('NFC');
}
