/**
 * Diacritic folding: "Đóng bảo hiểm" → "dong bao hiem". The usual NFD-and-strip leaves đ/Đ alone, so they are
 * mapped explicitly.
 */
const COMBINING = /[\u0300-\u036f]/g;

export function fold(text: string): string {
  return text.normalize('NFD').replace(COMBINING, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').normalize('NFC');
}

/** True when the text carries any Vietnamese diacritic (tone or quality mark, or đ). */
export function hasDiacritics(text: string): boolean {
  return fold(text) !== text.normalize('NFC');
}
