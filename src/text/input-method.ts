/**
 * Decoding text typed with the Vietnamese input method switched off: Telex ("ddongs" → "đóng") and VNI
 * ("d9o1ng" → "đóng"). A token is decoded only when it is not already a Vietnamese syllable and the result
 * is one, so English words and brand names survive.
 */
import { isValidSyllable, placeTone, splitSyllable, type Tone } from './syllable.js';

const TELEX_TONES: Record<string, Tone> = { s: 1, f: 2, r: 3, x: 4, j: 5 };
const ASCII_WORD = /^[a-zđ]+$/;
const VNI_WORD = /^(?=.*[a-zđ])(?=.*[1-9])[a-zđ1-9]+$/;

/** Loan words spelled with "oo" that must not become "ô" (xoong, boong, moóc, soóc). */
const OO_WORDS = new Set(['xoong', 'boong', 'goong', 'mooc', 'sooc', 'cooc']);

const CIRCUMFLEX: Record<string, string> = { a: 'â', e: 'ê', o: 'ô' };
const HORN: Record<string, string> = { o: 'ơ', u: 'ư' };

function isSyllable(base: string, tone: Tone): boolean {
  return isValidSyllable(base, tone);
}

/** Applies a "w" typed anywhere after the vowels: uo → ươ, u → ư, o → ơ, a → ă (the last such vowel group). */
function applyHook(chars: string[]): boolean {
  const s = chars.join('');
  const uo = s.lastIndexOf('uo');
  if (uo >= 0) {
    chars[uo] = 'ư';
    chars[uo + 1] = 'ơ';
    return true;
  }
  for (let i = chars.length - 1; i >= 0; i--) {
    const c = chars[i]!;
    if (c === 'u' || c === 'o') {
      chars[i] = HORN[c]!;
      return true;
    }
    if (c === 'a') {
      chars[i] = 'ă';
      return true;
    }
  }
  return false;
}

/** Decodes one lower-case Telex token, or returns null when it does not decode to a syllable. */
export function decodeTelex(token: string): string | null {
  if (!ASCII_WORD.test(token) || token.length > 9) return null;
  if (OO_WORDS.has(token)) return null;
  let rest = token;
  let tone: Tone = 0;
  const last = rest[rest.length - 1]!;
  if (last in TELEX_TONES && rest.length > 1) {
    tone = TELEX_TONES[last]!;
    rest = rest.slice(0, -1);
  } else if (last === 'z' && rest.length > 1) {
    rest = rest.slice(0, -1);
  } else {
    // The tone key may come before the final consonant: "ddoofng" → "đồng".
    const mid = /^(.*[aeiouyw])([sfrxj])(c|ch|m|n|ng|nh|p|t)$/.exec(rest);
    if (mid) {
      tone = TELEX_TONES[mid[2]!]!;
      rest = mid[1]! + mid[3]!;
    }
  }
  const chars: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const c = rest[i]!;
    const prev = chars[chars.length - 1];
    if (c === 'd' && prev === 'd' && chars.length === 1) {
      chars[0] = 'đ';
    } else if ((c === 'a' || c === 'e' || c === 'o') && prev === c) {
      chars[chars.length - 1] = CIRCUMFLEX[c]!;
    } else if (c === 'w') {
      if (prev === undefined || !/[aouăâơư]/.test(rest.slice(0, i))) {
        chars.push('ư'); // "w" alone stands for ư: "tw" → "tư"
      } else if (!applyHook(chars)) {
        return null;
      }
    } else {
      chars.push(c);
    }
  }
  const base = chars.join('');
  if (base === token) return null;
  if (!isSyllable(base, tone)) return null;
  return placeTone(base, tone);
}

/** Decodes one lower-case VNI token ("hie63m" → "hiểm"), or null. */
export function decodeVni(token: string): string | null {
  if (!VNI_WORD.test(token) || token.length > 12) return null;
  if (/^[1-9]/.test(token)) return null; // "1tr5", "2lan": numbers first, not VNI
  const chars: string[] = [];
  let tone: Tone = 0;
  for (const c of token) {
    if (c >= '1' && c <= '5') {
      tone = Number(c) as Tone;
    } else if (c === '6') {
      const i = findLast(chars, (x) => x in CIRCUMFLEX);
      if (i < 0) return null;
      chars[i] = CIRCUMFLEX[chars[i]!]!;
    } else if (c === '7') {
      const joined = chars.join('');
      const uo = joined.lastIndexOf('uo');
      if (uo >= 0 && uo === joined.length - 2 - (joined.length - 2 - uo)) {
        chars[uo] = 'ư';
        chars[uo + 1] = 'ơ';
      } else {
        const i = findLast(chars, (x) => x in HORN);
        if (i < 0) return null;
        chars[i] = HORN[chars[i]!]!;
      }
    } else if (c === '8') {
      const i = findLast(chars, (x) => x === 'a');
      if (i < 0) return null;
      chars[i] = 'ă';
    } else if (c === '9') {
      if (chars[0] !== 'd') return null;
      chars[0] = 'đ';
    } else {
      chars.push(c);
    }
  }
  const base = chars.join('');
  if (!isSyllable(base, tone)) return null;
  return placeTone(base, tone);
}

function findLast(chars: string[], pred: (c: string) => boolean): number {
  for (let i = chars.length - 1; i >= 0; i--) if (pred(chars[i]!)) return i;
  return -1;
}

/**
 * Decodes a lower-case token typed with the input method off, when it is not a syllable as typed.
 * Returns the token unchanged otherwise.
 */
export function decodeInputMethod(token: string): string {
  if (VNI_WORD.test(token)) return decodeVni(token) ?? token;
  if (!ASCII_WORD.test(token)) return token;
  if (splitSyllable(token) && !/(aa|ee|oo|dd|w)/.test(token)) return token;
  if (/oo(ng|c)$/.test(token) && OO_WORDS.has(token)) return token;
  return decodeTelex(token) ?? token;
}
